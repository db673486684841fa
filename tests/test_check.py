"""The check: API, form, result page, and criteria as content."""

import json
import re

import pytest

from kenniscentrum.check.answers import validate
from kenniscentrum.check.rules import evaluate
from kenniscentrum.knowledge.frontmatter import ContentError
from kenniscentrum.knowledge.loading import load_corpus, read_corpus

pytestmark = pytest.mark.django_db

ANSWERS = {
    "organisation": "gemeente",
    "province": "utrecht",
    "backlog": 12,
    "large_families": 2,
    "plans": ["tussenvoorziening"],
    "target_groups": ["statushouders"],
    "needs_expertise": True,
    "regional_cooperation": True,
    "reference_date": "2021-11-01",
}
QUERY = (
    "organisation=gemeente&province=utrecht&backlog=12&large_families=2&plans=tussenvoorziening"
    "&target_groups=statushouders&needs_expertise=ja&regional_cooperation=ja"
    "&reference_date=2021-11-01"
)


def post(client, body, raw=False):
    data = body if raw else json.dumps(body)
    return client.post("/api/check", data=data, content_type="application/json")


def test_api_result_shape_and_order(client):
    response = post(client, ANSWERS)
    assert response.status_code == 200
    data = response.json()
    assert data["reference_date"] == "2021-11-01" and data["answers"]["backlog"] == 12
    assert re.fullmatch(r"[0-9a-f]{10}", data["rules_version"])
    first = data["results"][0]
    assert set(first) >= {"instrument", "title", "url", "outcome", "reasons", "window",
                          "window_status", "amount", "next_steps", "sources"}  # fmt: skip
    order = [r["outcome"] for r in data["results"]]
    assert order == sorted(order, key=["eligible", "possibly_eligible", "not_eligible"].index)
    # Eligible and open first: on 1 November 2021 the BZK window was open.
    assert first["instrument"] == "bzk-huisvesting-aandachtsgroepen"
    assert first["window_status"] == "open"
    rvo = next(r for r in data["results"] if r["instrument"] == "rvo-ondersteuning-flexwonen")
    assert "€ 12.000" in rvo["amount"] and "€ 6.000" in rvo["amount"] and "50%" in rvo["amount"]


def test_reasons_carry_sentence_and_source(client):
    data = post(client, {**ANSWERS, "large_families": 0}).json()
    pilot = next(r for r in data["results"] if r["instrument"] == "pilot-grote-gezinnen")
    assert pilot["outcome"] == "not_eligible"
    not_met = [r for r in pilot["reasons"] if r["status"] == "not_met"]
    assert "8 of meer personen" in not_met[0]["text"] and "7 personen" in not_met[0]["text"]
    assert not_met[0]["source"] == "3.1"


def test_unknown_number_gives_possibly_eligible_with_what_to_find_out(client):
    data = post(client, {**ANSWERS, "large_families": "onbekend"}).json()
    pilot = next(r for r in data["results"] if r["instrument"] == "pilot-grote-gezinnen")
    assert pilot["outcome"] == "possibly_eligible"
    assert any(r["status"] == "unknown" and "Zoek uit" in r["text"] for r in pilot["reasons"])


def test_gemeente_possibly_eligible_through_its_corporation(client):
    body = {**ANSWERS, "plans": ["tijdelijke_woningen"]}
    results = {r["instrument"]: r for r in post(client, body).json()["results"]}
    assert results["vrijstelling-verhuurderheffing"]["outcome"] == "possibly_eligible"
    assert "corporatie" in results["vrijstelling-verhuurderheffing"]["reasons"][0]["text"]
    body["organisation"] = "woningcorporatie"
    results = {r["instrument"]: r for r in post(client, body).json()["results"]}
    assert results["vrijstelling-verhuurderheffing"]["outcome"] == "eligible"


def test_provincie_gets_advice_instead(client):
    data = post(client, {**ANSWERS, "organisation": "provincie"}).json()
    assert {r["outcome"] for r in data["results"]} == {"not_eligible"}
    assert any("interventieladder" in a["text"] for a in data["advice"])


def test_exchange_says_sum_stays_equal_and_no_trading_opvang(client):
    results = {r["instrument"]: r for r in post(client, ANSWERS).json()["results"]}
    notes = " ".join(results["regionale-uitruil-taakstelling"]["notes"])
    assert "som van de taakstellingen" in notes and "Opvangplekken" in notes


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"backlog": -1}, "backlog"),
        ({"backlog": "veel"}, "backlog"),
        ({"backlog": 1.5}, "backlog"),
        ({"large_families": True}, "large_families"),
        ({"organisation": "bedrijf"}, "organisation"),
        ({"province": "Utrecht"}, "province"),
        ({"plans": ["zwembad"]}, "plans"),
        ({"plans": "flexwonen"}, "plans"),
        ({"target_groups": [1]}, "target_groups"),
        ({"needs_expertise": "ja"}, "needs_expertise"),
        ({"regional_cooperation": None}, "regional_cooperation"),
        ({"reference_date": "2021-13-01"}, "reference_date"),
        ({"reference_date": "1-11-2021"}, "reference_date"),
        ({"extra": 1}, "extra"),
    ],
)
def test_invalid_answers_are_a_400_with_field_errors(client, change, field):
    response = post(client, {**ANSWERS, **change})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert field in errors and errors[field][0]


@pytest.mark.parametrize("body", ["{niet json", "[]", "12", "\xff", "{" * 20000])
def test_bodies_that_are_not_answers(client, body):
    response = post(client, body, raw=True)
    assert response.status_code == 400
    assert "__all__" in response.json()["errors"]


def test_schema(client):
    schema = client.get("/api/check/schema").json()
    assert schema["type"] == "object" and schema["additionalProperties"] is False
    assert set(schema["properties"]) == set(ANSWERS)
    assert "onbekend" in json.dumps(schema["properties"]["backlog"])
    assert client.get("/api/check").status_code == 405


def test_default_reference_date_is_today(client):
    from kenniscentrum.check.answers import today

    body = {k: v for k, v in ANSWERS.items() if k != "reference_date"}
    assert post(client, body).json()["reference_date"] == today().isoformat()


def test_form_page(client):
    html = client.get("/check/").content.decode()
    assert "<h1>De check" in html and 'action="/check/uitslag/"' in html
    for field in ANSWERS:
        assert f'id="veld-{field}"' in html, field
    assert html.count("<legend>") >= 6 and "Weet ik niet" in html


def test_form_errors_summary_links_to_fields(client):
    response = client.get("/check/uitslag/?organisation=&backlog=-4&province=utrecht")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="kc-error-summary"' in html and "<title>Fout:" in html
    for field in ("organisation", "backlog", "large_families", "needs_expertise"):
        assert f'href="#veld-{field}"' in html
    assert 'value="-4"' in html  # what was typed stays in the field


def test_result_page_is_permanent_and_explains(client):
    html = client.get("/check/uitslag/?" + QUERY).content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "Peildatum 1 november 2021" in html and "criteria-versie" in html
    assert "Uw antwoorden" in html and html.count(">Wijzig<") == 9
    assert f'href="/check/?{QUERY.replace("&", "&amp;")}#veld-backlog"' in html
    assert "Komt in aanmerking" in html and "Eindrapportage §3.1" in html
    assert 'href="/rapport/3-1/"' in html
    # The same answers always give the same page (a printed result can be reproduced).
    again = client.get("/check/uitslag/?" + QUERY).content.decode()
    assert re.findall(r"<code>(\w+)</code>", html) == re.findall(r"<code>(\w+)</code>", again)


def test_closed_window_said_plainly_today(client):
    html = client.get("/check/uitslag/?" + QUERY.replace("2021-11-01", "2026-11-28")).content
    assert "de aanvraagperiode sloot op 25 november 2021" in html.decode()


def test_weet_ik_niet_in_the_form(client):
    query = QUERY.replace("large_families=2", "large_families=&large_families_unknown=1")
    html = client.get("/check/uitslag/?" + query).content.decode()
    assert "Komt mogelijk in aanmerking" in html and "Weet ik niet" in html


def test_new_regeling_with_criteria_appears_without_code_change(content_copy, seeds_dir):
    path = content_copy / "regeling" / "testregeling-huismeester.md"
    path.write_text(
        """---
slug: testregeling-huismeester
kind: regeling
title: Testregeling sociale begeleiding
summary: Een regeling die alleen in deze test bestaat.
themes: [draagvlak]
sources: ["4"]
published: 2026-11-28
last_reviewed: 2026-11-28
regeling:
  provider: Testministerie
  applicants: [gemeente]
  status: doorlopend
check:
  source: "4"
  organisations: {gemeente: eligible}
  not_for_organisation: Alleen voor gemeenten.
  criteria:
    - answer: needs_expertise
      is: true
      met: U wilt hulp.
      not_met: U wilt geen hulp.
      source: "4"
---
## Tekst

Alleen voor de test.
""",
        "utf-8",
    )
    load_corpus(content_copy, seeds_dir)
    from kenniscentrum.check.service import run_check

    results = {r.item.slug: r for r in run_check(validate(ANSWERS)).results}
    assert results["testregeling-huismeester"].evaluation.outcome == "eligible"
    no_help = run_check(validate({**ANSWERS, "needs_expertise": False})).results
    assert {r.item.slug: r.evaluation.outcome for r in no_help}["testregeling-huismeester"] == (
        "not_eligible"
    )


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("    gemeente: eligible\n  not_for", "    gemeente: misschien\n  not_for",
         "check.organisations.gemeente"),
        ("      at_least: 1\n", "      at_least: een\n", "check.criteria[0].at_least"),
        ("      unknown: \"Zoek uit", "      onbekend: \"Zoek uit", "check.criteria[0].unknown"),
        ("      source: \"3.1\"\n  amount", "      source: \"9.9\"\n  amount",
         "check.criteria[0].source"),
        ("  related: [aanbeveling-6", "  related: [bestaat-niet", "check.related"),
        ("  amount:", "  bedrag:", "check.bedrag"),
    ],
)  # fmt: skip
def test_invalid_criteria_are_refused_with_file_and_field(content_copy, seeds_dir, old, new, field):
    path = content_copy / "regeling" / "pilot-grote-gezinnen.md"
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(ContentError) as info:
        read_corpus(content_copy, seeds_dir)
    assert info.value.path.endswith("regeling/pilot-grote-gezinnen.md")
    assert info.value.field == field, str(info.value)


def test_evaluate_is_a_plain_function():
    rules = {
        "source": "3.1",
        "organisations": {"gemeente": "eligible"},
        "organisation_reasons": {},
        "not_for_organisation": "Alleen gemeenten.",
        "criteria": [
            {"answer": "large_families", "test": "at_least", "value": 1, "met": "ja {waarde}",
             "not_met": "nee", "unknown": "zoek uit", "source": "3.1"},
        ],
    }  # fmt: skip
    base = validate(ANSWERS)
    assert evaluate(rules, base).outcome == "eligible"
    assert evaluate(rules, base).reasons[1].text == "ja 2"
    assert evaluate(rules, validate({**ANSWERS, "large_families": 0})).outcome == "not_eligible"
    unknown = validate({**ANSWERS, "large_families": "onbekend"})
    assert evaluate(rules, unknown).outcome == "possibly_eligible"
    other = validate({**ANSWERS, "organisation": "provincie"})
    assert evaluate(rules, other).outcome == "not_eligible"


def test_header_search_box_stays_empty_on_the_result_page(client):
    html = client.get("/check/uitslag/?" + QUERY).content.decode()
    assert 'id="zoekterm-kop" name="q" value=""' in html
