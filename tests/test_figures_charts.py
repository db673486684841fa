"""Issue 14: the comparison chart (horizontal bars, sorted, units), the rounding tolerance, and
/cijfers/ with its data first and the consistency notes compact."""

import re

import pytest

from kenniscentrum.figures import selectors
from kenniscentrum.figures.charts import horizontal_bars, parse_sort, sort_items
from kenniscentrum.figures.checks import (
    PERCENTAGE_POINT_TOLERANCE,
    PERSON_TOLERANCE,
    Flag,
    within_tolerance,
)
from kenniscentrum.knowledge.vocabulary import PROVINCES

COMPARISON = "/cijfers/vergelijking/?periode=2021-1&maat=pct_remaining"


# The tolerance: one function ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "published", "computed", "rounding"),
    [
        ("end_backlog", 2206, 2204, True),  # 2 persons: rounding
        ("end_backlog", 5584, 5585, True),
        ("start_backlog", 1681, 1681, True),
        ("end_backlog", 2206, 2209, False),  # 3 persons: a real difference
        ("end_backlog", 10949, 11140, False),
        ("realised", -3, -1, True),
        ("pct_remaining", 42, 43, True),  # 1 percentage point
        ("pct_remaining", 42, 44, False),
    ],
)
def test_within_tolerance(field, published, computed, rounding):
    assert within_tolerance(field, published, computed) is rounding


def test_tolerance_limits_and_flag_use_the_same_function():
    assert (PERSON_TOLERANCE, PERCENTAGE_POINT_TOLERANCE) == (2, 1)
    small = Flag("tabel-1", "nederland", "2020-1", "end_backlog", 2206, 2204, "x")
    large = Flag("tabel-1", "nederland", "2020-1", "end_backlog", 2206, 2184, "x")
    assert small.rounding and small.difference == 2
    assert not large.rounding and large.difference == 22


# Sorting: pure functions ------------------------------------------------------------------------

ITEMS = [("Zeeland", 30), ("Drenthe", 42), ("Flevoland", 87), ("Utrecht", 42), ("Friesland", -19)]


def test_sort_by_value_highest_first_equal_values_by_name():
    assert sort_items(ITEMS, "waarde") == [
        ("Flevoland", 87), ("Drenthe", 42), ("Utrecht", 42), ("Zeeland", 30), ("Friesland", -19),
    ]  # fmt: skip


def test_sort_alphabetically_and_unknown_order_falls_back_to_value():
    assert [name for name, _ in sort_items(ITEMS, "alfabet")] == [
        "Drenthe", "Flevoland", "Friesland", "Utrecht", "Zeeland",
    ]  # fmt: skip
    assert sort_items(ITEMS, "bestaat-niet") == sort_items(ITEMS, "waarde")


@pytest.mark.parametrize(
    ("raw", "order", "error"),
    [(None, "waarde", False), ("", "waarde", False), ("alfabet", "alfabet", False),
     ("waarde", "waarde", False), ("<script>", "waarde", True), ("ALFABET", "waarde", True)],
)  # fmt: skip
def test_parse_sort(raw, order, error):
    assert parse_sort(raw)[0] == order
    assert (parse_sort(raw)[1] is not None) is error


def test_horizontal_bars_positions_units_and_summary():
    chart = horizontal_bars("t", "Titel", "As (%)", "%", ITEMS, "waarde")
    assert [b.label for b in chart.bars][0] == "Flevoland"
    assert [b.text for b in chart.bars][:2] == ["87 %", "42 %"]
    assert chart.zero is not None  # Friesland is negative: a zero line
    friesland = chart.bars[-1]
    assert friesland.negative and friesland.offset + friesland.width == chart.zero
    assert all(b.offset >= 0 and b.offset + b.width <= 100 for b in chart.bars)
    assert [t.text for t in chart.ticks][0].endswith(" %")
    assert chart.ticks[0].position == 0 and chart.ticks[-1].position == 100
    assert not next(t for t in chart.ticks if t.text == "0 %").odd  # zero stays on a phone
    assert "Hoogste: Flevoland, 87 %; laagste: Friesland, -19 %" in chart.summary
    counts = horizontal_bars("t", "Titel", "As", "personen", [("A", 1234), ("B", 0)], "alfabet")
    assert [b.text for b in counts.bars] == ["1.234 personen", "0 personen"]
    assert counts.zero is None and counts.bars[1].width == 0


# Pages ------------------------------------------------------------------------------------------


def _bar_rows(html: str) -> list[tuple[str, str]]:
    return re.findall(
        r'<span class="kc-hbars__label">([^<]+)</span>.*?<span class="kc-hbars__value">([^<]+)<',
        html,
    )


@pytest.mark.django_db
def test_comparison_sorted_by_value_by_default_with_units(client):
    html = client.get(COMPARISON).content.decode()
    rows = _bar_rows(html)
    assert len(rows) == 12 and {name for name, _ in rows} == set(PROVINCES.values())
    values = [int(v.removesuffix(" %")) for _, v in rows]
    assert values == sorted(values, reverse=True)
    assert all(v.endswith(" %") for _, v in rows)
    assert re.search(r'class="kc-hbars__tick[^"]*">\d+ %<', html)  # unit on the axis
    assert "Percentage van de taakstelling (%)" in html
    assert "<svg" not in html and "style=" not in html
    # The table keeps the same data, alphabetical, as before.
    table = re.findall(r'<th scope="row"><a href="/cijfers/[^"]+/">([^<]+)</a>', html)
    assert table == sorted(PROVINCES.values())
    assert 'id="vergelijking-desc"' in html and "Hoogste: " in html


@pytest.mark.django_db
def test_comparison_sorted_alphabetically(client):
    html = client.get(COMPARISON + "&sorteer=alfabet").content.decode()
    assert [name for name, _ in _bar_rows(html)] == sorted(PROVINCES.values())
    assert '<option value="alfabet" selected>' in html
    assert 'class="kc-error-summary"' not in html


@pytest.mark.django_db
def test_comparison_bad_sort_falls_back_and_says_so(client):
    response = client.get(COMPARISON + "&sorteer=%27%3E%3Cscript%3E")
    assert response.status_code == 200
    html = response.content.decode()
    values = [int(v.removesuffix(" %")) for _, v in _bar_rows(html)]
    assert values == sorted(values, reverse=True)
    assert 'class="kc-error-summary"' in html and "Deze volgorde bestaat niet" in html
    assert "<script>" not in html


@pytest.mark.django_db
def test_comparison_counts_have_persons_as_unit(client):
    html = client.get("/cijfers/vergelijking/?periode=2021-1&maat=target").content.decode()
    assert all(v.endswith(" personen") for _, v in _bar_rows(html))
    assert "Taakstelling (aantal personen)" in html


@pytest.mark.django_db
def test_overview_province_list_first_and_notes_compact(client):
    html = client.get("/cijfers/").content.decode()
    assert html.index('id="provincies"') < html.index('id="landelijk"') < html.index("<table")
    rows = selectors.national()
    summary = selectors.summary(rows)
    assert summary["total"] == sum(len(r.flags) for r in rows)
    assert f"{summary['total']} verschillen in deze cijfers" in html
    assert "tot en met 2 personen of 1 procentpunt gelden als afronding" in html
    # 2021-2 differs from the report's 2021-1 by 2 persons only: rounding, not yellow, but listed.
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S)[1]
    row_2021_2 = re.search(r'<tr( class="kc-flagged")?><th scope="row">2021-2.*?</tr>', body, re.S)
    assert row_2021_2[1] is None
    assert "Ja, op afronding na (1)" in row_2021_2[0] and "<details" in row_2021_2[0]
    assert (
        "Afronding: Achterstand bij aanvang 2021-2: gepubliceerd 5.586, berekend 5.584"
        in (row_2021_2[0])
    )
    # A real difference stays marked, its explanation behind a toggle.
    row_2019_1 = re.search(r'<tr class="kc-flagged"><th scope="row">2019-1.*?</tr>', body, re.S)
    assert "<details" in row_2019_1[0] and "<strong>Niet consistent</strong>" in row_2019_1[0]
    assert body.count('class="kc-flagged"') == sum(1 for r in rows if r.differences)
    assert "figures/figures.css" in html


@pytest.mark.django_db
def test_csv_and_api_stay_strict_about_rounding(client):
    """The pages call a 2-person difference rounding; the downloads still say the source
    differs there (consistent: false), and the API names the flag as rounding."""
    data = client.get("/api/figures").json()
    last = data["national"][-1]
    assert last["period"] == "2021-2" and last["consistent"] is False
    assert [f["rounding"] for f in last["flags"]] == [True]
    assert (
        "2021-2,5586,11000,16586,5637,10949,false"
        in client.get("/cijfers/nederland.csv").content.decode()
    )
