"""Bad numbers and bodies from the probe of issue 10: a clear answer, never a 500."""

import pytest

pytestmark = pytest.mark.django_db

BASE = "organisation=gemeente&province=utrecht&needs_expertise=nee&regional_cooperation=ja"


@pytest.mark.parametrize(
    "extra",
    [
        "large_families=0&backlog=--5",
        "large_families=0&backlog=%C2%B2",
        "large_families=0&backlog=%E2%91%A0",
        "large_families=--1&backlog=3",
    ],
)
@pytest.mark.parametrize("path", ["/check/uitslag/", "/check/"])
def test_odd_numbers_in_the_query_string_are_field_errors(client, path, extra):
    response = client.get(f"{path}?{BASE}&{extra}")
    assert response.status_code in (200, 400)
    if path == "/check/uitslag/":
        assert "Fout:" in response.content.decode() or response.status_code == 400


@pytest.mark.parametrize(
    "body",
    ["[" * 5000 + "]" * 5000, '{"backlog": ' + "9" * 4400 + "}"],
    ids=["deeply-nested", "4400-digit-integer"],
)
def test_api_refuses_bodies_json_cannot_read_with_a_400(client, body):
    response = client.post("/api/check", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"]["__all__"] == ["De body is geen geldige JSON."]
