"""Any query string gets a normal page or a clear message, never a server error.

Property-based (hypothesis) over the page and the API, plus the named hard cases.
"""

from urllib.parse import urlencode

import pytest
from django.conf import settings as django_settings
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

HARD_CASES = [
    '"niet afgesloten',
    "AND",
    "OR NOT",
    "title:regeling",
    "kind:regeling text:x",
    "*",
    "?",
    "gezin*",
    "(((",
    ")]}",
    "[to 2021]",
    "x" * 10_000,
    "grote gezinnen " * 800,
    "\x00\x01\x1b[31m",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "",
    "   ",
    "ë" * 300,
    "👍 statushouder",
    "\\",
    "~2",
    "^3",
]
PARAMS = {
    "page": ["0", "-1", "abc", "9999999999999999999", "1.5", "", "1e3"],
    "kind": ["bestaat-niet", "REGELING", "<b>", ""],
    "theme": ["x" * 500, "financiering'", ""],
    "province": ["vlaanderen", "Zuid-Holland", ""],
    "sort": ["random", "-published", ""],
}
DUTCH = {"page": "pagina", "kind": "soort", "theme": "thema", "province": "provincie",
         "sort": "sortering"}  # fmt: skip


def refused_as_too_long(response, params) -> bool:
    """Over REQUEST_MAX_QUERY_STRING the URL is refused unread (core/request_limits.py)."""
    if len(urlencode(params)) <= django_settings.REQUEST_MAX_QUERY_STRING:
        return False
    assert response.status_code == 414, params
    assert "te lang" in response.content.decode()
    return True


def check_page(client, params):
    response = client.get("/zoeken/", params)
    if refused_as_too_long(response, params):
        return ""
    assert response.status_code == 200, params
    html = response.content.decode()
    # Whatever was typed appears only escaped: no tag of the user's reaches the page.
    assert "<script>alert" not in html and "<img" not in html
    return html


def check_api(client, params):
    response = client.get("/api/search", params)
    if refused_as_too_long(response, params):
        return
    assert response.status_code in (200, 400), params
    data = response.json()
    if response.status_code == 400:
        assert data["errors"] and all(isinstance(m, list) for m in data["errors"].values())
    else:
        assert isinstance(data["results"], list)
        for result in data["results"]:
            assert "<script" not in result["snippet"] and "<img" not in result["snippet"]


@pytest.mark.parametrize("query", HARD_CASES, ids=range(len(HARD_CASES)))
def test_hard_queries(client, query):
    check_page(client, {"q": query})
    check_api(client, {"q": query})


@pytest.mark.parametrize(("name", "value"), [(n, v) for n, vs in PARAMS.items() for v in vs])
def test_bad_parameters(client, name, value):
    html = check_page(client, {"q": "gemeente", DUTCH[name]: value})
    response = client.get("/api/search", {"q": "gemeente", name: value})
    assert response.status_code in (200, 400)
    if value in {"abc", "0", "-1", "bestaat-niet", "vlaanderen", "random"}:
        assert response.status_code == 400
        assert 'class="kc-error-summary"' in html


def test_script_in_query_is_escaped_in_page(client):
    html = check_page(client, {"q": "<script>alert(1)</script> gemeente"})
    assert "&lt;script&gt;alert(1)&lt;/script&gt; gemeente" in html


query_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300
) | st.sampled_from(HARD_CASES)
param_value = st.text(max_size=30) | st.sampled_from([v for vs in PARAMS.values() for v in vs])


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    q=query_text,
    page=param_value,
    kind=param_value,
    theme=param_value,
    province=param_value,
    sort=param_value,
)
def test_any_input_is_handled(db, q, page, kind, theme, province, sort):
    client = Client()
    params = {"q": q, "page": page, "kind": kind, "theme": theme, "province": province,
              "sort": sort}  # fmt: skip
    check_api(client, params)
    check_page(client, {DUTCH.get(k, k): v for k, v in params.items()})
