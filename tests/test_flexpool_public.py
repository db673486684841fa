"""The flexpool's public side: the list at /flexpool/ (public fields only, filters, caching),
the request form (validation, prefill, hostile input, honeypot, rate limit) and the
confirmation page (signed, private, public fields only)."""

import re
from datetime import date

import pytest
from django.core.cache import cache

from kenniscentrum.core import dates
from kenniscentrum.flexpool import tokens
from kenniscentrum.flexpool.models import FlexRequest, Profile, RequestLogEntry

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 1)


@pytest.fixture(autouse=True)
def _pinned_today_and_clean_rate_limit(monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: TODAY)
    monkeypatch.delenv("KC_FLEXPOOL_RETENTION_DAYS", raising=False)  # the default, 365 days
    cache.clear()
    yield
    cache.clear()


def make_profile(**fields) -> Profile:
    values = {
        "name": "Testpersoon Geheim",
        "organisation": "Testbureau Verborgen",
        "expertise": ["flexwonen"],
        "provinces": ["utrecht"],
        "available_from": date(2026, 1, 1),
        "available_until": date(2026, 12, 31),
        "description": "Beschrijving niet openbaar",
        "contact_route": "Contactroute niet openbaar",
        **fields,
    }
    return Profile.objects.create(**values)


def valid(**overrides) -> dict:
    return {
        "gemeente": "Testgemeente",
        "province": "utrecht",
        "need": "Wij zoeken hulp bij een flexwoningproject.",
        "expertise": ["flexwonen"],
        "period_from": "2026-03-01",
        "period_until": "2026-06-30",
        "contact_name": "Test Aanvrager",
        "contact_email": "aanvrager@testgemeente.example",
        "website": "",
        **overrides,
    }


def submit(client, **overrides):
    return client.post("/flexpool/aanvragen/", valid(**overrides))


# /flexpool/


def test_empty_pool_says_so_and_offers_the_form(client):
    response = client.get("/flexpool/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Er staan nu nog geen projectleiders in de flexpool" in body
    assert 'href="/flexpool/aanvragen/"' in body
    assert 'href="/kennis/aanbeveling-1/"' in body and "vliegende brigade" in body
    assert "bijgehouden door de redactie van het kenniscentrum" in body


def test_list_shows_only_public_fields_of_active_available_profiles(client):
    make_profile()
    make_profile(
        name="Openbare Naam",
        name_public=True,
        organisation="Openbaar Bureau",
        organisation_public=True,
        description="Openbare beschrijving",
        description_public=True,
        contact_route="Via de redactie",
        contact_route_public=True,
        expertise=["transformatie", "grote-gezinnen"],
        provinces=["gelderland"],
    )
    make_profile(name="Inactief Persoon", name_public=True, active=False)
    make_profile(name="Verlopen Persoon", name_public=True, available_until=date(2026, 2, 28))
    body = client.get("/flexpool/").content.decode()
    for secret in (
        "Testpersoon Geheim",
        "Testbureau Verborgen",
        "Beschrijving niet openbaar",
        "Contactroute niet openbaar",
        "Inactief Persoon",
        "Verlopen Persoon",
    ):
        assert secret not in body
    assert "Projectleider (naam niet openbaar)" in body
    for shown in ("Openbare Naam", "Openbaar Bureau", "Openbare beschrijving", "Via de redactie"):
        assert shown in body
    assert "2 projectleiders" in body
    assert "Transformatie van leegstaande gebouwen" in body and "Gelderland" in body
    assert "1 januari 2026 tot en met 31 december 2026" in body


def test_filters_and_bad_filter_values(client):
    make_profile(name="Flex", name_public=True, expertise=["flexwonen"], provinces=["utrecht"])
    make_profile(
        name="Landelijk",
        name_public=True,
        expertise=["transformatie"],
        provinces=[],
        all_provinces=True,
    )
    body = client.get("/flexpool/?expertise=flexwonen").content.decode()
    assert "Flex" in body and "Landelijk" not in body
    body = client.get("/flexpool/?provincie=zeeland").content.decode()
    assert "Landelijk" in body and ">Flex<" not in body
    body = client.get("/flexpool/?provincie=zeeland&expertise=flexwonen").content.decode()
    assert "geen projectleider in de flexpool die bij deze keuze past" in body
    response = client.get("/flexpool/?expertise=<script>&provincie=" + "x" * 500)
    body = response.content.decode()
    assert response.status_code == 200
    assert "is geen expertise uit de lijst" in body and "is geen provincie uit de lijst" in body
    assert "<script>" not in body and "2 projectleiders" in body
    # The form link carries the valid filters along.
    body = client.get("/flexpool/?expertise=flexwonen&provincie=utrecht").content.decode()
    assert "/flexpool/aanvragen/?expertise=flexwonen&amp;provincie=utrecht" in body


def test_list_is_publicly_cacheable_and_sets_no_cookie(client):
    response = client.get("/flexpool/")
    assert response["Cache-Control"].startswith("public")
    assert not response.cookies


# The request form


def test_form_is_private_noindex_and_labelled(client):
    response = client.get("/flexpool/aanvragen/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex, nofollow">' in body
    assert "csrfmiddlewaretoken" in body
    assert body.count('type="date"') == 2
    assert "<legend>Welke expertise is nodig?</legend>" in body
    for field_id in (
        "id_gemeente",
        "id_province",
        "id_need",
        "id_period_from",
        "id_period_until",
        "id_contact_name",
        "id_contact_email",
        "id_website",
    ):
        assert f'<label for="{field_id}">' in body
    assert "We verwijderen ze 365 dagen nadat uw aanvraag is afgerond" in body
    assert 'style="' not in body and "<script" not in body


def test_get_parameters_prefill_and_unknown_values_are_ignored(client):
    body = client.get(
        "/flexpool/aanvragen/?provincie=utrecht&expertise=flexwonen&expertise=onzin"
    ).content.decode()
    assert '<option value="utrecht" selected>' in body
    assert re.search(r'value="flexwonen"[^>]*checked', body)
    assert 'value="onzin"' not in body
    body = client.get("/flexpool/aanvragen/?provincie=atlantis&expertise=").content.decode()
    assert " selected>" not in body


def test_valid_request_is_stored_and_leads_to_a_private_confirmation(client):
    make_profile()  # private name and organisation
    make_profile(name="Openbaar Persoon", name_public=True, expertise=["transformatie"])
    response = submit(client)
    assert response.status_code == 303
    flex_request = FlexRequest.objects.get()
    assert flex_request.reference == f"FP-2026-{flex_request.pk:05d}"
    assert flex_request.status == "nieuw" and flex_request.expertise == ["flexwonen"]
    assert RequestLogEntry.objects.filter(request=flex_request, action="submit").exists()
    confirmation = client.get(response["Location"])
    body = confirmation.content.decode()
    assert confirmation.status_code == 200
    assert flex_request.reference in body
    assert "no-store" in confirmation["Cache-Control"]
    assert confirmation["Referrer-Policy"] == "no-referrer"
    assert '<meta name="robots" content="noindex, nofollow">' in body
    assert "Projectleider (naam niet openbaar)" in body and "Deskundig in flexwonen" in body
    assert "Werkt in Utrecht" in body
    for secret in (
        "Testpersoon Geheim",
        "Testbureau Verborgen",
        "Contactroute niet openbaar",
        "Beschrijving niet openbaar",
    ):
        assert secret not in body
    assert "Openbaar Persoon" not in body  # no requested expertise: not a match
    # The requester's own personal data is not on the page either.
    assert "Test Aanvrager" not in body and "aanvrager@testgemeente.example" not in body
    assert "neemt contact met u op" in body and "kunnen we niet beloven" in body


def test_confirmation_without_matches_says_so(client):
    response = submit(client)
    body = client.get(response["Location"]).content.decode()
    assert "niemand die beschikbaar is in uw periode" in body


def test_confirmation_cannot_be_reached_by_others(client):
    flex_request = FlexRequest.objects.get(
        pk=submit(client)["Location"] and FlexRequest.objects.get().pk
    )
    assert client.get(f"/flexpool/aanvragen/ontvangen/{flex_request.pk}/").status_code == 404
    assert client.get(f"/flexpool/aanvragen/ontvangen/{flex_request.reference}/").status_code == 404
    token = tokens.make(flex_request)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.get(f"/flexpool/aanvragen/ontvangen/{forged}/").status_code == 404
    assert client.get("/flexpool/aanvragen/ontvangen/" + "x" * 300 + "/").status_code == 404
    assert client.get(f"/flexpool/aanvragen/ontvangen/{token}/").status_code == 200


def test_confirmation_token_expires(client, monkeypatch):
    token = submit(client)["Location"].split("/")[-2]
    monkeypatch.setattr(tokens, "MAX_AGE_DAYS", -1)
    response = client.get(f"/flexpool/aanvragen/ontvangen/{token}/")
    assert response.status_code == 404
    assert "bestaat niet of is verlopen" in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"gemeente": "  "}, "id_gemeente", "Vul de naam van uw gemeente in."),
        ({"province": "atlantis"}, "id_province", "Kies uit de lijst."),
        ({"need": ""}, "id_need", "Beschrijf waarvoor u een projectleider zoekt."),
        ({"need": "x" * 4001}, "id_need", "ten hoogste 4000 tekens (nu 4001)"),
        ({"expertise": []}, "id_expertise_0", "Kies ten minste één expertise."),
        ({"expertise": ["onzin"]}, "id_expertise_0", "Kies uit de lijst."),
        ({"period_from": "morgen"}, "id_period_from", "Geef een datum zoals"),
        ({"period_from": "2026-02-30"}, "id_period_from", "Die datum bestaat niet"),
        ({"period_from": "2026-02-28"}, "id_period_from", "Deze datum ligt in het verleden"),
        ({"period_until": "2026-02-01"}, "id_period_until", "Deze datum ligt in het verleden"),
        (
            {"period_until": "2026-02-28", "period_from": "2026-04-01"},
            "id_period_until",
            "in het verleden",
        ),
        ({"period_from": "2026-07-01"}, "id_period_until", "vóór de begindatum"),
        ({"contact_name": ""}, "id_contact_name", "Vul uw naam in."),
        ({"contact_email": "geen-adres"}, "id_contact_email", "Vul een e-mailadres in zoals"),
        ({"contact_email": "a@b.nl\nBcc: x@y.nl"}, "id_contact_email", "Vul een e-mailadres in"),
    ],
)
def test_invalid_input_gets_a_dutch_error_summary_and_nothing_is_stored(
    client, overrides, field, message
):
    response = submit(client, **overrides)
    body = response.content.decode()
    assert response.status_code == 400
    assert 'class="kc-error-summary"' in body and f'href="#{field}"' in body
    assert message in body
    assert 'aria-invalid="true"' in body or "kc-fieldset--error" in body
    assert FlexRequest.objects.count() == 0


def test_dutch_dates_typed_by_hand_are_accepted_and_today_is_allowed(client):
    assert submit(client, period_from="1-3-2026", period_until="30 juni 2026").status_code == 303
    assert FlexRequest.objects.get().period_until == date(2026, 6, 30)


def test_newlines_count_once_and_control_characters_are_dropped(client):
    need = ("a\r\n" * 1999) + "ab"  # 4000 characters as the visitor sees them
    assert submit(client, need=need, gemeente="Test\x00gemeente\n").status_code == 303
    stored = FlexRequest.objects.get()
    assert len(stored.need) == 4000 and "\r" not in stored.need
    assert stored.gemeente == "Testgemeente"


@pytest.mark.parametrize(
    "data",
    [
        {"expertise": ["flexwonen"] * 150},
        {"gemeente": "x" * 100_000},
        {"period_from": "9" * 5000, "period_until": "\x00"},
        {"province": ["utrecht", "zeeland"], "contact_email": "é" * 300 + "@x.nl"},
        {},
    ],
)
def test_hostile_input_never_gives_a_500(client, data):
    response = client.post("/flexpool/aanvragen/", data)
    assert response.status_code in (400, 413)
    assert FlexRequest.objects.count() == 0


def test_invalid_utf8_and_odd_bodies_never_give_a_500(client):
    form = "application/x-www-form-urlencoded"
    for body in ("gemeente=%ff%fe&need=%ed%a0%80&province=utrecht", "%%%&&&==", "a" * 5000):
        response = client.post("/flexpool/aanvragen/", data=body, content_type=form)
        assert response.status_code == 400
    response = client.post("/flexpool/aanvragen/", data="{}", content_type="application/json")
    assert response.status_code == 400
    assert FlexRequest.objects.count() == 0


def test_hostile_query_strings_never_give_a_500(client):
    for query in (
        "?provincie[]=x",
        "?expertise=%00",
        "?gemeente=" + "%ff" * 300,
        "?expertise=" + "&expertise=".join(["flexwonen"] * 80),
    ):
        assert client.get("/flexpool/aanvragen/" + query).status_code == 200
        assert client.get("/flexpool/" + query).status_code == 200


def test_other_methods_are_refused(client):
    assert client.put("/flexpool/aanvragen/").status_code == 405
    assert client.post("/flexpool/").status_code == 405


def test_csrf_is_required(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/flexpool/aanvragen/", valid()).status_code == 403
    assert FlexRequest.objects.count() == 0


def test_honeypot_stores_nothing_and_says_why(client):
    response = submit(client, website="https://spam.example")
    assert response.status_code == 400
    assert "Laat dit veld leeg" in response.content.decode()
    assert FlexRequest.objects.count() == 0


def test_rate_limit_gives_429_and_stores_nothing_more(client):
    for _ in range(5):
        assert submit(client).status_code == 303
    response = submit(client)
    assert response.status_code == 429
    assert "probeer het over een uur opnieuw" in response.content.decode()
    assert FlexRequest.objects.count() == 5
    # Another client address is still accepted.
    other = client.post("/flexpool/aanvragen/", valid(), REMOTE_ADDR="198.51.100.9")
    assert other.status_code == 303


def test_a_failing_database_write_stores_nothing_partial_and_says_so(client, monkeypatch):
    from django.db import DatabaseError

    from kenniscentrum.flexpool import workflow

    def fail_after_the_insert(pk, year):  # the request row exists by now
        raise DatabaseError("disk full")

    monkeypatch.setattr(workflow, "reference_for", fail_after_the_insert)
    response = submit(client)
    assert response.status_code == 503
    assert "kon nu niet worden opgeslagen" in response.content.decode()
    assert FlexRequest.objects.count() == 0 and RequestLogEntry.objects.count() == 0
