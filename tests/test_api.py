"""The JSON API of the published corpus."""

import pytest

from kenniscentrum.knowledge.models import Item

pytestmark = pytest.mark.django_db


def test_list_contains_every_published_item(client):
    data = client.get("/api/content/").json()
    published = set(Item.objects.published().values_list("slug", flat=True))
    assert {r["slug"] for r in data["results"]} == published
    assert data["count"] == len(published)
    first = data["results"][0]
    assert set(first) == {
        "slug",
        "kind",
        "title",
        "url",
        "summary",
        "themes",
        "provinces",
        "sources",
    }
    assert first["url"].startswith("http://testserver/kennis/")
    assert first["sources"] and first["sources"][0]["url"].startswith("http://testserver/rapport/")


def test_detail_of_a_regeling_has_its_facts(client):
    data = client.get("/api/content/rvo-ondersteuning-flexwonen").json()
    assert data["kind"] == "regeling"
    facts = data["regeling"]
    assert facts["provider"].startswith("RVO")
    assert "gemeente" in facts["applicants"]
    assert {a["eur"] for a in facts["amounts"]} >= {6000, 12000}
    assert facts["status_as_of"] == "2021-11-01"


def test_detail_window_and_dates(client):
    facts = client.get("/api/content/bzk-huisvesting-aandachtsgroepen/").json()["regeling"]
    assert facts["window"] == {"opens": "2021-10-28", "closes": "2021-11-25"}
    assert {"date": "2021-09-22"}.items() <= next(
        d for d in facts["dates"] if d["date"] == "2021-09-22"
    ).items()
    pilot = client.get("/api/content/pilot-grote-gezinnen").json()["regeling"]
    assert pilot["window"] == {"opens": "2021-05-27", "closes": "2021-06-11"}


def test_detail_of_an_aanbeveling(client):
    data = client.get("/api/content/aanbeveling-6").json()
    assert data["aanbeveling"]["number"] == 6
    assert data["aanbeveling"]["cluster"] == "financieel"
    assert "JenV" in data["aanbeveling"]["actiehouders"]


def test_unknown_slug_is_a_json_404(client):
    response = client.get("/api/content/bestaat-niet")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"] == "not_found"


def test_unpublished_item_is_a_404(client):
    Item.objects.filter(slug="pilot-grote-gezinnen").update(status="concept")
    assert client.get("/api/content/pilot-grote-gezinnen").status_code == 404
    slugs = {r["slug"] for r in client.get("/api/content/").json()["results"]}
    assert "pilot-grote-gezinnen" not in slugs


def test_scheduled_and_expired_items_are_hidden(client):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    Item.objects.filter(slug="pilot-grote-gezinnen").update(publish_at=now + timedelta(days=1))
    Item.objects.filter(slug="rvb-flexwoningen").update(expire_at=now - timedelta(seconds=1))
    slugs = {r["slug"] for r in client.get("/api/content/").json()["results"]}
    assert "pilot-grote-gezinnen" not in slugs and "rvb-flexwoningen" not in slugs


def test_write_methods_are_refused(client):
    assert client.post("/api/content/", {}).status_code == 405
