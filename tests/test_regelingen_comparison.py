"""All regelingen in one table (/regelingen/vergelijken/), with the check's verdict per regeling
when the visitor comes from a check result (issue 11, part 4)."""

import html as html_module
import re
from datetime import date
from urllib.parse import urlencode

import pytest

from kenniscentrum.check.answers import validate
from kenniscentrum.check.forms import from_query
from kenniscentrum.check.service import run_check
from kenniscentrum.check.verdicts import LABELS, ORDER
from kenniscentrum.knowledge import comparison
from kenniscentrum.knowledge.models import Item, RegelingFacts

pytestmark = pytest.mark.django_db

URL = "/regelingen/vergelijken/"
ANSWERS = [
    ("organisation", "gemeente"), ("province", "utrecht"), ("backlog", "12"),
    ("large_families", "onbekend"), ("plans", "tussenvoorziening"), ("plans", "flexwonen"),
    ("target_groups", "statushouders"), ("needs_expertise", "ja"),
    ("regional_cooperation", "ja"), ("reference_date", "2021-11-01"),
]  # fmt: skip


def text_of(fragment: str) -> str:
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def table_of(client, query: str = "") -> str:
    response = client.get(URL + (f"?{query}" if query else ""))
    assert response.status_code == 200
    page = response.content.decode()
    return page, page[page.index("<table") : page.index("</table>")]


def rows_of(table: str) -> dict[str, dict[str, str]]:
    """Row header text -> {column header: text of its cell}."""
    head = table.split("<tbody>", 1)[0]
    columns = [text_of(c) for c in re.findall(r'<th scope="col">(.*?)</th>', head, re.S)][1:]
    rows = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table.split("<tbody>", 1)[1], re.S):
        header = text_of(re.search(r'<th scope="row">(.*?)</th>', row, re.S).group(1))
        cells = [text_of(cell) for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
        assert len(cells) == len(columns)
        rows[header] = dict(zip(columns, cells, strict=True))
    return rows


STATE, VERDICT = "Stand vandaag", "Uitslag van de check"


def regelingen():
    return Item.objects.published().filter(kind="regeling").order_by("title")


def test_one_row_per_published_regeling_with_its_facts(client):
    page, table = table_of(client)
    rows = rows_of(table)
    titles = [item.title for item in regelingen()]
    assert [title.replace(" Beëindigd", "") for title in rows] == titles
    bzk = rows["BZK-bijdrage van € 50 miljoen voor huisvesting van aandachtsgroepen"]
    assert list(bzk) == [STATE, "Aanbieder", "Wie vraagt aan", "Bedragen", "Aanvraagperiode"]
    assert bzk["Aanbieder"] == "BZK" and bzk["Wie vraagt aan"] == "Gemeente"
    assert "€ 50 miljoen" in bzk["Bedragen"] and "€ 18 miljoen" in bzk["Bedragen"]
    assert bzk["Aanvraagperiode"] == "28 oktober 2021 tot en met 25 november 2021"
    assert bzk[STATE].startswith("Gesloten: de aanvraagperiode sloot op 25 november 2021; ")
    rvo = rows["RVO-ondersteuning bij tussenvoorzieningen en flexwonen"]
    assert "€ 12.000" in rvo["Bedragen"] and "€ 6.000" in rvo["Bedragen"]
    assert rvo["Aanvraagperiode"] == "Het rapport noemt geen aanvraagperiode"
    # Continuous and announced are the report's word, and say so: we know no later state.
    assert rvo[STATE].startswith("Doorlopend, zonder aanvraagperiode (stand 1 november 2021)")
    hotels = next(cells for title, cells in rows.items() if "hotels" in title)
    assert hotels[STATE].startswith("Aangekondigd, nog niet in werking (stand 1 november 2021)")


def test_the_ended_regeling_is_marked_ended(client):
    _, table = table_of(client)
    rows = rows_of(table)
    ended = [title for title in rows if title.endswith("Beëindigd")]
    assert ended == ["Vrijstelling van de verhuurderheffing bij tijdelijke woningen Beëindigd"]
    assert rows[ended[0]][STATE] == "Beëindigd per 1 januari 2023"
    assert table.count('class="kc-compare__ended"') == 1


def test_the_table_is_accessible_and_scrolls_inside_its_own_region(client):
    page, table = table_of(client)
    assert '<caption id="vergelijking-titel">' in table
    assert table.count('<th scope="col">') == 6
    assert table.count('<th scope="row">') == regelingen().count()
    wrap = page[: page.index("<table")].rsplit("<div", 1)[1]
    assert 'class="kc-table-wrap' in wrap and 'role="region"' in wrap
    assert 'tabindex="0"' in wrap and 'aria-labelledby="vergelijking-titel"' in wrap
    assert "Uitslag van de check" not in table  # no answers, no verdicts


def test_the_list_and_every_regeling_link_to_it(client):
    assert f'href="{URL}"' in client.get("/regelingen/").content.decode()
    assert f'href="{URL}"' in client.get("/kennis/rvb-flexwoningen/").content.decode()
    assert f'href="{URL}"' not in client.get("/handreikingen/").content.decode()


def test_an_unpublished_regeling_is_not_in_the_table(client):
    Item.objects.filter(slug="pilot-grote-gezinnen").update(status="concept")
    _, table = table_of(client)
    assert "/kennis/pilot-grote-gezinnen/" not in table
    assert table.count('<th scope="row">') == regelingen().count()


def test_with_check_answers_every_row_has_the_checks_own_verdict(client):
    query = urlencode(ANSWERS)
    page, table = table_of(client, query)
    assert table.count('<th scope="col">') == 7 and "Uitslag van de check" in table
    expected = run_check(validate(from_query(_querydict(query))))
    verdicts = {r.item.title: LABELS[r.verdict] for r in expected.results}
    rows = rows_of(table)
    for title, cells in rows.items():
        plain = title.removesuffix(" Beëindigd")
        assert list(cells)[:2] == [VERDICT, STATE]  # the verdict first, beside the name
        assert cells[VERDICT] == verdicts.get(plain, "Niet in de check"), plain
    # The same order as the result page: by verdict, most useful first.
    ranks = [ORDER.index(v) for v in _row_verdicts(rows, expected)]
    assert ranks == sorted(ranks)
    assert "peildatum <strong>1 november 2021</strong>" in page
    back = re.search(r'<a href="(/check/uitslag/\?[^"]+)">Terug naar uw uitslag</a>', page)
    assert back and "organisation=gemeente" in html_module.unescape(back.group(1))
    assert client.get(html_module.unescape(back.group(1))).status_code == 200


def test_on_the_report_date_the_ended_exemption_could_still_be_requested(client):
    """The verdict is the check's on its peildatum; the state column is about today."""
    answers = [(k, v) for k, v in ANSWERS if k != "organisation"]
    answers += [("organisation", "woningcorporatie"), ("plans", "tijdelijke_woningen")]
    _, table = table_of(client, urlencode(answers))
    row = rows_of(table)["Vrijstelling van de verhuurderheffing bij tijdelijke woningen Beëindigd"]
    assert row[STATE] == "Beëindigd per 1 januari 2023"
    assert row[VERDICT] in (LABELS["apply_now"], LABELS["check_further"])
    later = [(k, v) for k, v in answers if k != "reference_date"]
    later += [("reference_date", "2023-01-01")]
    _, table = table_of(client, urlencode(later))
    row = rows_of(table)["Vrijstelling van de verhuurderheffing bij tijdelijke woningen Beëindigd"]
    assert row[VERDICT] == LABELS["closed"]


def test_answers_that_do_not_validate_give_a_notice_and_no_verdicts(client):
    page, table = table_of(client, "organisation=bestaat-niet&backlog=-4")
    assert "Uitslag van de check" not in table
    assert "niet compleet of niet geldig" in page
    assert table.count('<th scope="row">') == regelingen().count()


def test_rows_follow_the_given_order_and_put_unjudged_regelingen_last():
    on = date(2026, 11, 30)
    plain = comparison.rows(on)
    assert [row.item.title for row in plain] == [item.title for item in regelingen()]
    first, second = plain[-1].item.slug, plain[0].item.slug
    ordered = comparison.rows(on, {first: "apply_now", second: "closed"}, ORDER)
    assert [row.item.slug for row in ordered[:2]] == [first, second]
    assert all(row.verdict == "" for row in ordered[2:])
    ended = {row.item.slug for row in plain if row.ended}
    assert ended == {"vrijstelling-verhuurderheffing"}
    RegelingFacts.objects.filter(item__slug="vrijstelling-verhuurderheffing").update(
        ended_on=date(2027, 1, 1)
    )
    assert not any(row.ended for row in comparison.rows(on))


def _querydict(query: str):
    from django.http import QueryDict

    return QueryDict(query)


def _row_verdicts(rows, outcome):
    by_title = {r.item.title: r.verdict for r in outcome.results}
    return [by_title.get(title.removesuffix(" Beëindigd"), ORDER[-1]) for title in rows]


def test_a_closed_window_that_covers_only_part_of_a_regeling_says_so(client):
    """BZK's window (28 October - 25 November 2021) is for the other part of the € 50 miljoen;
    for the € 18 miljoen the report names no window (§3.1): "closed" alone would be untrue."""
    _, table = table_of(client)
    bzk = next(row for title, row in rows_of(table).items() if title.startswith("BZK-bijdrage"))
    assert bzk[STATE] == (
        "Gesloten: de aanvraagperiode sloot op 25 november 2021; voor een deel van de regeling "
        "noemt het rapport geen aanvraagperiode"
    )
    rvb = next(row for title, row in rows_of(table).items() if title.startswith("Rijksvastgoed"))
    assert "voor een deel" not in rvb[STATE]
