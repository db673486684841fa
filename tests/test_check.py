"""The check: API, form, result page, and criteria as content."""

import json
import re

import pytest

from kenniscentrum.check.answers import validate
from kenniscentrum.check.rules import evaluate
from kenniscentrum.check.verdicts import LABELS, ORDER
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
    assert {"verdict", "verdict_label", "verdict_text", "ended", "emphasis"} <= set(first)
    order = [r["verdict"] for r in data["results"]]
    assert order == sorted(order, key=ORDER.index)
    assert data["verdict_counts"] == {v: order.count(v) for v in ORDER}
    assert data["knowledge_as_of"] == "2021-11-01"
    # Help wanted (needs_expertise): RVO first among what can be requested now, with the reason.
    assert first["instrument"] == "rvo-ondersteuning-flexwonen" and first["verdict"] == "apply_now"
    assert "RVO" in first["emphasis"]["text"] and first["emphasis"]["source"] == "3.2"
    bzk = next(r for r in data["results"] if r["instrument"] == "bzk-huisvesting-aandachtsgroepen")
    assert (bzk["verdict"], bzk["window_status"]) == ("apply_now", "open")
    assert bzk["outcome"] == "eligible"
    rvo = first
    assert "maximaal € 6.000" in rvo["amount"] and "€ 12.000" in rvo["amount"]
    assert "50%" in rvo["amount"]


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
        ({"reference_date": "31-11-2026"}, "reference_date"),
        ({"reference_date": "30 novembre 2026"}, "reference_date"),
        ({"reference_date": "30-11-26"}, "reference_date"),
        ({"reference_date": 20261130}, "reference_date"),
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
    assert set(schema["properties"]) == set(ANSWERS) | {"gemeente"}
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
    assert "Peildatum 1 november 2021" in html
    # The rules' version is for whoever checks a printed result later, not for the reader:
    # only in the print footnote (and the API), never as a visible hash on the page.
    footnote = re.search(r'<p class="kc-print-only kc-muted">Criteria-versie (\w+) ', html)
    assert footnote and html.count("Criteria-versie") == 1
    assert "<code>" not in html
    assert "Uw antwoorden" in html and html.count(">Wijzig<") == 9
    assert f'href="/check/?{QUERY.replace("&", "&amp;")}#veld-backlog"' in html
    assert "Nu aan te vragen" in html and "Eindrapportage §3.1" in html
    assert "Komt in aanmerking" not in html  # the outcome alone is never the answer
    assert 'href="/rapport/3-1/"' in html
    # The same answers always give the same page (a printed result can be reproduced).
    again = client.get("/check/uitslag/?" + QUERY).content.decode()
    assert re.findall(r"<code>(\w+)</code>", html) == re.findall(r"<code>(\w+)</code>", again)


def test_closed_window_said_plainly_today(client):
    query = QUERY.replace("2021-11-01", "2026-11-28").replace("tussenvoorziening", "flexwonen")
    html = client.get("/check/uitslag/?" + query).content.decode()
    assert "Voldeed aan de voorwaarden; aanvragen kan niet meer sinds 25 november 2021" in html
    assert "De aanvraagperiode liep van 28 oktober 2021 tot en met 25 november 2021." in html


def test_weet_ik_niet_in_the_form(client):
    query = QUERY.replace("large_families=2", "large_families=&large_families_unknown=1")
    html = client.get("/check/uitslag/?" + query).content.decode()
    assert "Weet ik niet" in html and "Nog uitzoeken:" in html
    assert "Voldeed mogelijk aan de voorwaarden; aanvragen kan niet meer sinds 11 juni 2021" in html


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
        ("      source: \"3.1\"\n  cap", "      source: \"9.9\"\n  cap",
         "check.criteria[0].source"),
        ("    outcome: possibly_eligible\n", "    outcome: eligible\n", "check.cap.outcome"),
        ("    outcome: possibly_eligible\n",
         "    outcome: possibly_eligible\n    only_while: [dicht]\n", "check.cap.only_while"),
        ("    source: \"3.1\"\n  amount", "    source: \"3.1\"\n    tekst: x\n  amount",
         "check.cap.tekst"),
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


# --- Issue 11: time in every answer, the summary, and rules that follow the report ---------

NOW = QUERY.replace("reference_date=2021-11-01", "reference_date=2026-11-30")


def page(client, query):
    response = client.get("/check/uitslag/?" + query)
    assert response.status_code == 200
    return response.content.decode()


def test_summary_counts_and_links_to_every_block_in_verdict_order(client):
    html = page(client, NOW)
    summary = html[html.index('id="samenvatting"') : html.index('id="per-regeling"')]
    details = html[html.index('id="per-regeling"') :]
    anchors = re.findall(r'href="#(regeling-[a-z0-9-]+)"', summary)
    ids = re.findall(r'<li class="kc-check-result [^"]*" id="(regeling-[a-z0-9-]+)"', details)
    assert anchors and anchors == ids  # every instrument, same order, each link has its block
    verdicts = re.findall(r"kc-check-result--verdict-([a-z_]+)", details)
    assert verdicts == sorted(verdicts, key=ORDER.index)
    counts = re.findall(r"<strong>(\d+)</strong> ([^<]+)</li>", summary)
    assert [label for _, label in counts] == [LABELS[v] for v in ORDER]
    assert sum(int(n) for n, _ in counts) == len(ids)


def test_only_apply_now_is_green_and_closed_says_since_when(client):
    html = page(client, NOW.replace("tussenvoorziening", "flexwonen"))
    bzk = html[html.index('id="regeling-bzk-huisvesting-aandachtsgroepen"') :]
    bzk = bzk[: bzk.index("</li>\n\n") if "</li>\n\n" in bzk else None]
    assert "kc-check-result--verdict-closed" in html
    assert "Voldeed aan de voorwaarden; aanvragen kan niet meer sinds 25 november 2021" in bzk
    green = re.findall(r'class="kc-verdict kc-verdict--apply_now">([^<]+)<', html)
    assert green and set(green) == {"Nu aan te vragen"}


def test_time_box_names_report_date_from_settings_and_offers_the_report_day(client, settings):
    html = page(client, NOW)
    assert "De kennis van dit kenniscentrum is de stand van 1 november 2021" in html
    report_day = NOW.replace("2026-11-30", "2021-11-01").replace("&", "&amp;")
    assert f'href="/check/uitslag/?{report_day}">Bekijk de situatie op 1 november 2021</a>' in html
    assert "Bekijk de situatie vandaag" not in html
    on_report_day = page(client, QUERY)
    assert "Bekijk de situatie vandaag" in on_report_day
    assert "Bekijk de situatie op 1 november 2021" not in on_report_day
    settings.REPORT_DATE = "2021-10-01"  # never a second hard-coded date
    assert "is de stand van 1 oktober 2021" in page(client, NOW)


def test_an_ended_regeling_is_closed_from_its_end_with_reason_and_source(client):
    corporation = NOW.replace("organisation=gemeente", "organisation=woningcorporatie").replace(
        "plans=tussenvoorziening", "plans=tijdelijke_woningen"
    )
    html = page(client, corporation)
    block = html[html.index('id="regeling-vrijstelling-verhuurderheffing"') :]
    assert "Voldeed aan de voorwaarden; aanvragen kan niet meer sinds 1 januari 2023" in block
    assert "De regeling is beëindigd per 1 januari 2023." in block
    assert "(bron: Kamerstukken II 2022/23, 36 219, nr. 3" in block
    time_box = html[: html.index('id="samenvatting"')]
    assert 'href="#regeling-vrijstelling-verhuurderheffing">' in time_box
    assert "beëindigd per 1 januari 2023" in time_box
    before = page(client, corporation.replace("2026-11-30", "2022-12-31"))
    block = before[before.index('id="regeling-vrijstelling-verhuurderheffing"') :]
    assert "Nu aan te vragen" in block and "de regeling eindigt op 1 januari 2023" in block


@pytest.mark.parametrize(
    "typed", ["30-11-2026", "30/11/2026", "30 november 2026", "30 nov 2026", "2026-11-30",
              " 30 November 2026 ", "30 nov. 2026", "30.11.2026"],
)  # fmt: skip
def test_dates_people_type_work_in_the_url_the_form_and_the_api(client, typed):
    from urllib.parse import quote

    html = page(client, QUERY.replace("2021-11-01", quote(typed)))
    assert "Peildatum 30 november 2026" in html
    assert "reference_date=2026-11-30" in html  # the permanent URL is written in ISO
    data = post(client, {**ANSWERS, "reference_date": typed}).json()
    assert data["reference_date"] == "2026-11-30"


@pytest.mark.parametrize(
    "typed", ["31-11-2026", "30-13-2026", "30 novembre 2026", "30-11-26", "volgende week",
              "2026/11/30", "٣٠-١١-٢٠٢٦", "30-11-1999", "9" * 300],
)  # fmt: skip
def test_dates_that_cannot_be_read_are_a_clear_dutch_error_never_a_500(client, typed):
    from urllib.parse import quote

    response = client.get("/check/uitslag/?" + QUERY.replace("2021-11-01", quote(typed)))
    html = response.content.decode()
    assert response.status_code == 200 and "kc-error-summary" in html
    assert 'href="#veld-reference_date">Peildatum:' in html
    error = post(client, {**ANSWERS, "reference_date": typed})
    assert error.status_code == 400
    message = error.json()["errors"]["reference_date"][0]
    assert "datum" in message and message.endswith(".")


def test_old_hotel_answer_still_works_and_is_written_back_as_huisvesting(client):
    data = post(client, {**ANSWERS, "plans": ["hotel_opvang"]}).json()
    assert data["answers"]["plans"] == ["hotel_huisvesting"]
    html = page(client, QUERY.replace("plans=tussenvoorziening", "plans=hotel_opvang"))
    assert "plans=hotel_huisvesting" in html and "plans=hotel_opvang" not in html
    assert "huisvesting, geen opvang van asielzoekers" in html


def test_schema_publishes_the_verdicts_in_their_order(client):
    schema = client.get("/api/check/schema").json()
    result = schema["$defs"]["response"]["properties"]["results"]["items"]
    assert result["properties"]["verdict"]["enum"] == list(ORDER)
    assert {"verdict", "outcome", "window_status"} <= set(result["required"])
    assert "ended" in result["properties"]["window_status"]["enum"]
    assert "format" not in schema["properties"]["reference_date"]  # "30-11-2026" is accepted
    assert "hotel_huisvesting" in schema["properties"]["plans"]["items"]["enum"]


def test_province_figures_and_regional_arrangements_are_in_the_answer(client):
    friesland = page(client, NOW.replace("province=utrecht", "province=friesland"))
    assert "Op 1 oktober 2021 stonden in Friesland nog 628 statushouders te huisvesten" in friesland
    assert "153% van de taakstelling voor de tweede helft van 2021 (410)" in friesland
    assert "Het rapport noemt geen regionale afspraken in Friesland bij naam" in friesland
    zuid = page(client, NOW.replace("province=utrecht", "province=zuid-holland"))
    assert "83% van de taakstelling" in zuid
    assert 'href="/kennis/zuid-holland-regionale-tafels/"' in zuid.split('id="advies"')[0]
    data = post(client, {**ANSWERS, "province": "zuid-holland"}).json()
    assert data["province"]["figures"]["pct_remaining"] == 83
    assert data["province"]["figures"]["end_backlog"] == 1940
    assert data["province"]["regional_arrangements"][0]["url"].endswith(
        "/kennis/zuid-holland-regionale-tafels/"
    )


def test_needs_expertise_puts_rvo_first_and_explains_it(client):
    html = page(client, QUERY)
    first = re.search(r'id="(regeling-[a-z0-9-]+)"', html[html.index('id="per-regeling"') :])
    assert first[1] == "regeling-rvo-ondersteuning-flexwonen"
    assert "Waarom deze regeling bovenaan staat:" in html
    no_help = page(client, QUERY.replace("needs_expertise=ja", "needs_expertise=nee"))
    first = re.search(r'id="(regeling-[a-z0-9-]+)"', no_help[no_help.index('id="per-regeling"') :])
    assert first[1] == "regeling-bzk-huisvesting-aandachtsgroepen"
    assert "Waarom deze regeling bovenaan staat:" not in no_help


def test_result_page_is_shorter_and_works_without_javascript(client):
    html = page(client, NOW)
    assert "<script" not in html
    # Every block keeps its verdict and reasons in view; what a block needs less waits behind
    # <details> (no script needed): for what cannot be requested, also its amount and channel.
    blocks = html.split('<li class="kc-check-result ')[1:]
    assert blocks
    for block in blocks:
        active = re.match(r"[^\"]*verdict-(apply_now|check_further)", block)
        in_view = block.split('<details class="kc-check-more">')[0]
        assert "<h4>Waarom</h4>" in in_view
        assert ("Wat het waard is" in in_view) == bool(active), block[:120]
    assert 'class="kc-print-only">Adres van deze uitslag: http://testserver/check/uitslag/?' in html


def test_new_check_rules_are_validated_with_file_and_field(content_copy, seeds_dir):
    cases = [
        ("bzk-huisvesting-aandachtsgroepen", "    any_of: [tussenvoorziening]\n",
         "    any_of: [zwembad]\n", "check.without_window.any_of"),
        ("rvo-ondersteuning-flexwonen", "    answer: needs_expertise\n",
         "    answer: province\n", "check.emphasis.answer"),
        ("vrijstelling-verhuurderheffing", "      unknown: \"U noemde",
         "      onbekend: \"U noemde", "check.criteria[0].unknown"),
        ("regionale-uitruil-taakstelling", "      informative: true", "      informative: ja",
         "check.criteria[1].informative"),
    ]  # fmt: skip
    for slug, old, new, field in cases:
        folder = content_copy / "regeling"
        path = folder / f"{slug}.md"
        original = path.read_text()
        assert old in original, (slug, old)
        path.write_text(original.replace(old, new, 1))
        with pytest.raises(ContentError) as info:
            read_corpus(content_copy, seeds_dir)
        assert info.value.field == field, (slug, str(info.value))
        path.write_text(original)


def test_cap_holds_only_while_the_window_is_in_its_states():
    rules = {
        "source": "3.1",
        "organisations": {"gemeente": "eligible"},
        "organisation_reasons": {},
        "not_for_organisation": "Alleen gemeenten.",
        "criteria": [],
        "cap": {"outcome": "possibly_eligible", "text": "Nog niet gepubliceerd.", "source": "3.1",
                "only_while": ["announced"]},
    }  # fmt: skip
    base = validate(ANSWERS)
    assert evaluate(rules, base, "announced").outcome == "possibly_eligible"
    assert evaluate(rules, base, "open").outcome == "eligible"
    assert evaluate(rules, base).outcome == "possibly_eligible"  # unknown state: cautious
    other = validate({**ANSWERS, "organisation": "provincie"})
    assert evaluate(rules, other, "announced").outcome == "not_eligible"


def test_an_item_checked_against_a_newer_source_is_named_with_its_date(client):
    from datetime import date

    from kenniscentrum.knowledge.models import Item

    Item.objects.filter(slug="rvb-flexwoningen").update(
        checked_on=date(2026, 10, 1), checked_source="Rijksvastgoedbedrijf, jaarverslag 2025"
    )
    html = page(client, NOW)
    time_box = html[: html.index('id="samenvatting"')]
    assert 'href="#regeling-rvb-flexwoningen">' in time_box
    assert "gecontroleerd op 1 oktober 2026 aan Rijksvastgoedbedrijf, jaarverslag 2025" in time_box
    block = html[html.index('id="regeling-rvb-flexwoningen"') :]
    assert "Gecontroleerd op 1 oktober 2026 aan een nieuwere bron dan het rapport" in block


def test_result_links_to_the_comparison_with_the_same_answers(client):
    html = page(client, NOW)
    assert f'href="/regelingen/vergelijken/?{NOW.replace("&", "&amp;")}"' in html
