"""GET /api/search: shape, facets, suggestions, and field errors for bad parameters."""

import pytest

from kenniscentrum.knowledge.models import Item

pytestmark = pytest.mark.django_db


def test_shape_and_content(client):
    data = client.get("/api/search", {"q": "grote gezinnen"}).json()
    keys = {"query", "total", "page", "results", "suggestion", "corrected_query", "facets"}
    assert set(data) >= keys
    assert data["query"] == "grote gezinnen" and data["page"] == 1
    assert data["total"] >= len(data["results"]) > 0
    first = data["results"][0]
    assert set(first) >= {"slug", "kind", "title", "url", "snippet"}
    assert first["url"].startswith("http://testserver/")
    assert "pilot-grote-gezinnen" in [r["slug"] for r in data["results"][:3]]
    assert set(data["facets"]) == {"kind", "themes", "provinces"}
    assert sum(data["facets"]["kind"].values()) == data["total"]


def test_report_sections_have_kind_rapport_and_their_own_slug(client):
    data = client.get("/api/search", {"q": "tussenvoorzieningen", "kind": "rapport"}).json()
    assert data["results"]
    assert all(r["kind"] == "rapport" and r["slug"].startswith("rapport-") for r in data["results"])
    assert "rapport-3-2" in [r["slug"] for r in data["results"]]


def test_filters(client):
    data = client.get("/api/search", {"q": "gemeente", "province": "zuid-holland"}).json()
    found = {r["slug"] for r in data["results"]}
    tagged = set(
        Item.objects.published()
        .filter(provinces__slug="zuid-holland")
        .values_list("slug", flat=True)
    )
    assert found and found <= tagged


def test_suggestion(client, settings):
    # Since issue 12 a typo that finds nothing is searched corrected, and the API says so
    # (tests/test_search_spelling.py); the correction is only offered with autocorrect off.
    data = client.get("/api/search", {"q": "statushouers"}).json()
    assert data["total"] > 0 and data["corrected_query"] == "statushouders"
    assert data["query"] == "statushouers" and data["suggestion"] is None
    settings.SEARCH_AUTOCORRECT = False
    data = client.get("/api/search", {"q": "statushouers"}).json()
    assert data["total"] == 0 and data["corrected_query"] is None
    assert data["suggestion"] == "statushouders"


def test_page_out_of_range_is_empty_not_an_error(client):
    data = client.get("/api/search", {"q": "gemeente", "page": 999}).json()
    assert data["results"] == [] and data["total"] > 0


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": "x", "page": "abc"}, "page"),
        ({"q": "x", "page": "0"}, "page"),
        ({"q": "x", "kind": "bestaat-niet"}, "kind"),
        ({"q": "x", "theme": "<script>"}, "theme"),
        ({"q": "x", "province": "vlaanderen"}, "province"),
        ({"q": "x", "sort": "random"}, "sort"),
    ],
)
def test_bad_parameters_are_a_400_with_field_errors(client, params, field):
    response = client.get("/api/search", params)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert list(errors) == [field] and errors[field][0]


def test_empty_query(client):
    data = client.get("/api/search").json()
    assert data["total"] == 0 and data["results"] == []
