"""The check with a gemeente (issue 17): province from the register, backlog from the published
figures (named with period, source and date), and Dutch field errors otherwise."""

import json
from datetime import date
from urllib.parse import urlencode

import pytest

from kenniscentrum.check.answers import validate
from kenniscentrum.check.forms import to_query
from tests.test_figures_gemeente import make_gemeente, publish

pytestmark = pytest.mark.django_db

BASE = {
    "organisation": "gemeente",
    "large_families": 0,
    "plans": ["tussenvoorziening"],
    "target_groups": ["statushouders"],
    "needs_expertise": False,
    "regional_cooperation": True,
}
QUERY = [
    ("organisation", "gemeente"), ("large_families", "0"), ("plans", "tussenvoorziening"),
    ("target_groups", "statushouders"), ("needs_expertise", "nee"),
    ("regional_cooperation", "ja"),
]  # fmt: skip
SOURCE_2022_2 = (
    "stand einde 2022-2 volgens COA, maandcijfers december, gepubliceerd 20 januari 2023"
)


@pytest.fixture
def gemeenten():
    a = make_gemeente("GM9001", "Testgemeente A", "utrecht")
    ahead = make_gemeente("GM9002", "Voorloopgemeente", "utrecht")
    empty = make_gemeente("GM9010", "Leeggemeente", "zeeland")
    old = make_gemeente("GM9009", "Oudgemeente", "utrecht", valid_until=date(2022, 12, 31),
                        successor=a)  # fmt: skip
    publish("2022-1", {a: (10, 40, 20, None), old: (5, 20, 5, None)})
    publish(
        "2022-2", {a: (30, 50, 20, None), ahead: (0, 10, 15, None)},
        source="COA, maandcijfers december", published_on=date(2023, 1, 20),
    )  # fmt: skip
    return {"a": a, "ahead": ahead, "empty": empty, "old": old}


def post(client, body):
    return client.post("/api/check", data=json.dumps(body), content_type="application/json")


def result_page(client, *pairs):
    return client.get("/check/uitslag/?" + urlencode([*QUERY, *pairs])).content.decode()


# -- the backlog from the figures -------------------------------------------------------------


def test_api_takes_province_and_backlog_from_the_gemeente(client, gemeenten):
    response = post(client, {**BASE, "gemeente": "GM9001"})
    assert response.status_code == 200
    data = response.json()
    assert data["answers"]["province"] == "utrecht" and data["answers"]["backlog"] == 60
    assert data["answers"]["gemeente"] == "GM9001"
    assert data["province"]["province"] == "utrecht"
    gemeente = data["gemeente"]
    assert gemeente["backlog_from_figures"] is True
    assert gemeente["figures"] == {
        "period": "2022-2", "end_backlog": 60, "source": "COA, maandcijfers december",
        "source_published_on": "2023-01-20", "version": 1, "text": SOURCE_2022_2,
    }  # fmt: skip
    assert gemeente["backlog_text"] == f"Achterstand: 60 ({SOURCE_2022_2})"
    assert gemeente["url"] == "http://testserver/cijfers/gemeente/GM9001/"
    # The answers echoed can be sent again as they are.
    again = post(client, data["answers"])
    assert again.status_code == 200 and again.json()["gemeente"]["backlog_from_figures"] is False


def test_result_page_names_period_source_and_date_of_the_backlog(client, gemeenten):
    html = result_page(client, ("gemeente", "gm9001"))
    assert "kc-error-summary" not in html
    answers = html.split('id="antwoorden"')[1]
    assert (
        f"<dt>Statushouders nog te huisvesten</dt><dd>Achterstand: 60 ({SOURCE_2022_2})</dd>"
        in answers
    )
    assert "<dt>Gemeente</dt><dd>Testgemeente A (GM9001)</dd>" in answers
    assert "<dt>Provincie</dt><dd>Utrecht</dd>" in answers
    assert f"Gemeente Testgemeente A (GM9001): Achterstand: 60 ({SOURCE_2022_2})" in html
    assert 'href="/cijfers/gemeente/GM9001/">Alle cijfers van Testgemeente A</a>' in html
    # The permanent address keeps the gemeente and leaves the backlog to the figures.
    assert "gemeente=GM9001" in html and "backlog=60" not in html


def test_a_typed_backlog_is_used_and_the_published_one_shown_beside_it(client, gemeenten):
    data = post(client, {**BASE, "gemeente": "GM9001", "backlog": 12}).json()
    assert data["answers"]["backlog"] == 12 and data["gemeente"]["backlog_from_figures"] is False
    expected = f"12 (door u ingevuld; gepubliceerd voor Testgemeente A: 60, {SOURCE_2022_2})"
    assert data["gemeente"]["backlog_text"] == expected
    html = result_page(client, ("gemeente", "GM9001"), ("backlog", "12"))
    assert "backlog=12" in html and f"<dd>{expected}</dd>" in html


def test_a_voorsprong_is_no_backlog(client, gemeenten):
    data = post(client, {**BASE, "gemeente": "GM9002"}).json()
    assert data["answers"]["backlog"] == 0
    assert data["gemeente"]["backlog_text"].startswith(
        "Achterstand: 0, voorsprong van 5 (stand einde 2022-2"
    )


def test_exact_name_in_any_case_works(client, gemeenten):
    for name in ("Testgemeente A", "testgemeente a", "  TESTGEMEENTE-A "):
        data = post(client, {**BASE, "gemeente": name}).json()
        assert data["answers"]["gemeente"] == "GM9001", name


def test_everyday_name_of_a_real_gemeente(client):
    """'den haag' is 's-Gravenhage in the real register; it has no figures, so with a backlog."""
    data = post(client, {**BASE, "gemeente": "den haag", "backlog": 3}).json()
    assert data["answers"]["gemeente"] == "GM0518" and data["answers"]["province"] == "zuid-holland"


# -- field errors -------------------------------------------------------------------------------


def test_a_different_province_is_a_field_error(client, gemeenten):
    response = post(client, {**BASE, "gemeente": "GM9001", "province": "zeeland"})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert list(errors) == ["province"]
    assert errors["province"][0] == (
        "Testgemeente A (GM9001) ligt in Utrecht, niet in Zeeland. Kies Utrecht of laat de "
        "provincie leeg."
    )
    # The same province is fine.
    assert post(client, {**BASE, "gemeente": "GM9001", "province": "utrecht"}).status_code == 200


def test_unknown_code_is_a_field_error(client, gemeenten):
    errors = post(client, {**BASE, "gemeente": "GM9999", "backlog": 1}).json()["errors"]
    assert errors["gemeente"] == ["Er is geen gemeente met CBS-code GM9999 in het register."]
    assert errors["province"] == ["Kies een provincie."]  # nothing to take it from


def test_unknown_name_suggests_and_asks_for_the_code(client, gemeenten):
    errors = post(client, {**BASE, "gemeente": "Testgemeente", "province": "utrecht",
                           "backlog": 1}).json()["errors"]  # fmt: skip
    message = errors["gemeente"][0]
    assert "Geen gemeente met de naam 'Testgemeente'" in message
    assert "Bedoelt u Testgemeente A (GM9001)?" in message and "CBS-code" in message


def test_no_figures_keeps_the_backlog_required(client, gemeenten):
    response = post(client, {**BASE, "gemeente": "GM9010"})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert list(errors) == ["backlog"]
    assert (
        "Voor Leeggemeente (GM9010) zijn geen cijfers per gemeente gepubliceerd"
        in errors["backlog"][0]
    )
    data = post(client, {**BASE, "gemeente": "GM9010", "backlog": "onbekend"}).json()
    assert data["answers"]["backlog"] == "onbekend" and data["gemeente"]["figures"] is None
    assert data["answers"]["province"] == "zeeland"


def test_a_gemeente_merged_before_the_peildatum_is_refused(client, gemeenten):
    errors = post(client, {**BASE, "gemeente": "GM9009"}).json()["errors"]
    assert errors["gemeente"][0].startswith("Oudgemeente (GM9009) bestond op de peildatum niet")
    assert "opgegaan in Testgemeente A (GM9001)" in errors["gemeente"][0]
    # On a peildatum when it still existed, its own newest figures count.
    data = post(client, {**BASE, "gemeente": "GM9009", "reference_date": "1-6-2022"}).json()
    assert data["answers"]["backlog"] == 20 and data["gemeente"]["figures"]["period"] == "2022-1"


def test_same_name_twice_is_told_apart_by_province(client):
    make_gemeente("GM9031", "Bergenveld", "noord-holland")
    make_gemeente("GM9032", "Bergenveld", "limburg")
    errors = post(client, {**BASE, "gemeente": "Bergenveld", "backlog": 1}).json()["errors"]
    assert "meer gemeenten met deze naam" in errors["gemeente"][0]
    assert "GM9031" in errors["gemeente"][0] and "GM9032" in errors["gemeente"][0]
    data = post(client, {**BASE, "gemeente": "Bergenveld", "province": "limburg", "backlog": 1})
    assert data.json()["answers"]["gemeente"] == "GM9032"


@pytest.mark.parametrize(
    "value", [12, ["GM9001"], {"code": "GM9001"}, True, "x" * 101, "\x00", "<script>", "GM"]
)
def test_odd_gemeente_values_are_a_400_on_the_field(client, gemeenten, value):
    response = post(client, {**BASE, "gemeente": value, "province": "utrecht", "backlog": 1})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert list(errors) == ["gemeente"] and errors["gemeente"][0]


@pytest.mark.parametrize("value", [None, "", "   "])
def test_an_empty_gemeente_is_no_gemeente(client, value):
    body = {**BASE, "gemeente": value, "province": "utrecht", "backlog": 1}
    data = post(client, body).json()
    assert data["answers"]["gemeente"] is None and data["gemeente"] is None


# -- the form -----------------------------------------------------------------------------------


def test_form_has_the_labelled_field_and_is_prefilled_from_the_gemeente_page(client, gemeenten):
    html = client.get(
        "/check/?organisation=gemeente&province=utrecht&backlog=60&gemeente=GM9001"
    ).content.decode()
    assert '<label for="veld-gemeente">Gemeente (CBS-code of naam, niet verplicht)</label>' in html
    assert 'id="veld-gemeente" value="GM9001"' in html
    assert 'id="veld-backlog" value="60"' in html


def test_form_errors_link_to_their_field(client, gemeenten):
    html = result_page(client, ("gemeente", "GM9999"), ("backlog", "1"))
    assert 'class="kc-error-summary"' in html
    assert '<a href="#veld-gemeente">Gemeente: Er is geen gemeente met CBS-code GM9999' in html
    assert 'id="fout-gemeente"' in html and 'aria-invalid="true"' in html
    # The summary follows the form's order: the gemeente before the province.
    assert html.index('href="#veld-gemeente"') < html.index('href="#veld-province"')
    conflict = result_page(client, ("gemeente", "Testgemeente A"), ("province", "zeeland"))
    assert '<a href="#veld-province">Provincie: Testgemeente A (GM9001) ligt in Utrecht' in conflict
    no_figures = result_page(client, ("gemeente", "GM9010"))
    assert '<a href="#veld-backlog">' in no_figures and "geen cijfers per gemeente" in no_figures


def test_hostile_gemeente_in_the_query_string_never_fails(client, gemeenten):
    for value in ("<script>alert(1)</script>", "\x00", "%", "x" * 3000, "GM" + "9" * 50, "′"):
        for path in ("/check/", "/check/uitslag/"):
            response = client.get(path + "?" + urlencode([*QUERY, ("gemeente", value)]))
            assert response.status_code in (200, 414), (path, value)
            assert "<script>alert(1)</script>" not in response.content.decode()


# -- one definition: validation, permanent URL, schema, comparison table ------------------------


def test_permanent_url_round_trip(gemeenten):
    from kenniscentrum.check.forms import from_query

    answers = validate({**BASE, "gemeente": "Testgemeente A"})
    query = to_query(answers)
    assert "gemeente=GM9001" in query and "backlog" not in query and "province=utrecht" in query
    from django.http import QueryDict

    again = validate(from_query(QueryDict(query)))
    assert again == answers
    typed = validate({**BASE, "gemeente": "GM9001", "backlog": 7})
    assert "backlog=7" in to_query(typed)


def test_answers_without_gemeente_are_as_before(gemeenten):
    answers = validate({**BASE, "province": "utrecht", "backlog": 4})
    assert answers.gemeente is None and "&gemeente=" not in to_query(answers)


def test_schema_describes_the_gemeente(client):
    schema = client.get("/api/check/schema").json()
    prop = schema["properties"]["gemeente"]
    assert prop["type"] == ["string", "null"] and prop["maxLength"] == 100
    assert "GM0363" in prop["examples"]
    assert "province" not in schema["required"] and "backlog" not in schema["required"]
    assert {"required": ["gemeente"]} in schema["anyOf"]
    assert {"required": ["province", "backlog"]} in schema["anyOf"]
    response = schema["$defs"]["response"]["properties"]["gemeente"]
    assert {"type": "null"} in response["oneOf"]


def test_comparison_table_reads_the_check_with_a_gemeente(client, gemeenten):
    response = client.get("/regelingen/vergelijken/?" + urlencode([*QUERY, ("gemeente", "GM9001")]))
    assert response.status_code == 200
    assert "gemeente=GM9001" in response.content.decode()
