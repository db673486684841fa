"""One request cannot make the server read or parse more than the site's forms need.

Oversized bodies and URLs are refused by core/request_limits.py before any view runs, with a
Dutch message: JSON under /api/, a page elsewhere. Legitimate maximal input still passes.
"""

from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory

from kenniscentrum.core.request_limits import RequestLimitsMiddleware
from kenniscentrum.knowledge.frontmatter import MAX_DOCUMENT_CHARS

pytestmark = pytest.mark.django_db

CHECK_ANSWERS = {
    "organisation": "gemeente",
    "province": "utrecht",
    "backlog": 12,
    "large_families": 0,
    "plans": ["flexwonen"],
    "target_groups": [],
    "needs_expertise": True,
    "regional_cooperation": False,
}
CHECK_QUERY = (
    "organisation=gemeente&province=utrecht&backlog=12&large_families=0&plans=flexwonen"
    "&needs_expertise=ja&regional_cooperation=nee"
)


def reached_view():
    """A middleware in front of a view that records whether it ran."""
    calls = []

    def view(request):
        calls.append(request)
        return HttpResponse("ok")

    return RequestLimitsMiddleware(view), calls


def test_api_check_refuses_a_2_mb_body_with_413_and_field_errors(client):
    body = '{"organisation": "' + "x" * 2_000_000 + '"}'
    response = client.post("/api/check", body, content_type="application/json")
    assert response.status_code == 413
    errors = response.json()["errors"]
    assert isinstance(errors, dict) and errors["__all__"]
    assert all(isinstance(messages, list) for messages in errors.values())
    assert "te groot" in errors["__all__"][0]


def test_a_long_search_url_is_refused_with_a_dutch_page(client):
    response = client.get("/zoeken/", {"q": "a" * 5_000})
    assert 400 <= response.status_code < 500
    html = response.content.decode()
    assert "Het webadres is te lang" in html
    assert '<html lang="nl">' in html  # a page of the site, not Django's bare text


def test_a_long_api_url_is_refused_as_json(client):
    response = client.get("/api/search", {"q": "a" * 5_000})
    assert response.status_code == 414
    assert "te lang" in response.json()["errors"]["__all__"][0]


def test_too_many_query_parameters_are_refused(client):
    query = "&".join(f"p{i}=1" for i in range(settings.REQUEST_MAX_QUERY_PARAMS + 1))
    response = client.get(f"/check/uitslag/?{query}")
    assert response.status_code == 400
    assert "te veel parameters" in response.content.decode()


def test_too_many_form_fields_get_the_clear_message(client):
    fields = [("veld", "x")] * (settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)
    response = client.post(
        "/redactie/voorbeeld/", urlencode(fields), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert "te veel velden" in response.content.decode()


def test_normal_search_and_check_still_work(client):
    assert client.get("/zoeken/", {"q": "grote gezinnen"}).status_code == 200
    assert client.get("/api/search", {"q": "grote gezinnen"}).status_code == 200
    page = client.get(f"/check/uitslag/?{CHECK_QUERY}")
    assert page.status_code == 200 and "Uw antwoorden" in page.content.decode()
    api = client.post("/api/check", CHECK_ANSWERS, content_type="application/json")
    assert api.status_code == 200 and api.json()["results"]


def test_real_urls_are_far_below_the_query_limit(client):
    every_answer = (
        CHECK_QUERY + "&plans=" + "&plans=".join(["tussenvoorziening", "flexwonen",
        "transformatie", "nieuwbouw", "tijdelijke_woningen", "hotel_opvang"])
        + "&target_groups=" + "&target_groups=".join(["statushouders", "dak_en_thuislozen",
        "arbeidsmigranten", "zorgbehoefte", "studenten", "overige_woningzoekenden"])
        + "&reference_date=2021-11-01"
    )  # fmt: skip
    assert len(every_answer) < settings.REQUEST_MAX_QUERY_STRING / 4
    assert every_answer.count("&") + 1 < settings.REQUEST_MAX_QUERY_PARAMS
    result = client.get(f"/check/uitslag/?{every_answer}")
    assert result.status_code == 200
    # The permanent result URL the page links to, with every answer given.
    assert 0 < len(result.context["answers_query"]) < settings.REQUEST_MAX_QUERY_STRING / 4
    # The longest query the search uses (200 characters, cut there by search/query.py), in the
    # widest characters, with every filter set.
    filters = {"soort": "regeling", "thema": "financiering", "provincie": "zuid-holland",
               "sortering": "nieuwste", "pagina": "2"}  # fmt: skip
    longest = urlencode({"q": "😀" * 200, **filters})
    assert len(longest) <= settings.REQUEST_MAX_QUERY_STRING
    assert client.get(f"/zoeken/?{longest}").status_code == 200


@pytest.mark.parametrize("character", ["a", "ë", "😀"], ids=["ascii", "2-byte", "4-byte"])
def test_a_maximal_editor_document_passes_the_size_limit(character):
    """100,000 characters, form-encoded as the editor's form and live preview send them."""
    document = "---\ntitle: x\n---\n" + character * (MAX_DOCUMENT_CHARS - 17)
    assert len(document) == MAX_DOCUMENT_CHARS
    body = urlencode(
        {"csrfmiddlewaretoken": "t" * 64, "document": document, "kind": "praktijkvoorbeeld",
         "slug": "een-slug", "note": "Wijziging " * 50, "base": "12"}
    )  # fmt: skip
    assert len(body) <= settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    middleware, calls = reached_view()
    request = RequestFactory().post(
        "/redactie/voorbeeld/", body, content_type="application/x-www-form-urlencoded"
    )
    assert middleware(request).status_code == 200 and len(calls) == 1
    assert calls[0].POST["document"] == document


def test_the_size_limit_is_exact():
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    middleware, calls = reached_view()
    factory = RequestFactory()
    at_limit = factory.post("/api/check", b"x" * limit, content_type="application/json")
    assert middleware(at_limit).status_code == 200
    over = factory.post("/api/check", b"x" * (limit + 1), content_type="application/json")
    response = middleware(over)
    assert response.status_code == 413 and len(calls) == 1
    # Refused on the header alone: the body was never read.
    assert not hasattr(over, "_body")


def test_the_query_limits_are_exact():
    middleware, calls = reached_view()
    factory = RequestFactory()
    limit = settings.REQUEST_MAX_QUERY_STRING
    assert middleware(factory.get("/zoeken/?q=" + "a" * (limit - 2))).status_code == 200
    assert middleware(factory.get("/zoeken/?q=" + "a" * (limit - 1))).status_code == 414
    params = settings.REQUEST_MAX_QUERY_PARAMS
    assert middleware(factory.get("/x/?" + "&".join(["a=1"] * params))).status_code == 200
    assert middleware(factory.get("/x/?" + "&".join(["a=1"] * (params + 1)))).status_code == 400
    assert len(calls) == 2


def test_a_view_reading_too_much_gets_the_clear_answer():
    """Django's own guard (RequestDataTooBig, raised in a view) answers like the middleware."""
    from django.core.exceptions import RequestDataTooBig

    middleware, _ = reached_view()
    request = RequestFactory().post("/api/check", b"{}", content_type="application/json")
    response = middleware.process_exception(request, RequestDataTooBig("te groot"))
    assert response.status_code == 413
    assert "te groot" in response.content.decode()
    assert middleware.process_exception(request, ValueError("iets anders")) is None


def test_the_bare_400_page_is_dutch(client):
    """Django's handler400 (e.g. a Host header not allowed) renders the site's 400.html."""
    response = client.get("/", HTTP_HOST="niet-toegestaan.example")
    assert response.status_code == 400
    assert "Verzoek niet verwerkt" in response.content.decode()
