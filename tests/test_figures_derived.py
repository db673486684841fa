"""Province and national totals derived from the gemeente figures (issue 17), compared with the
report's Tabel 1 and 2 where it has the period.

The report's rows are the real ones (content/cijfers/, loaded by conftest). The gemeenten are
synthetic and created here; their numbers are chosen to sum to, or differ from, a published row.
"""

from datetime import date

import pytest
from django.contrib.auth.models import Group, User

from kenniscentrum.figures import derived, publishing
from kenniscentrum.figures.checks import PERSON_TOLERANCE
from kenniscentrum.figures.models import NationalFigure, ProvinceFigure
from kenniscentrum.geography.models import Gemeente

pytestmark = pytest.mark.django_db

HEADER = "gemeentecode,gemeente,periode,stand_begin,taakstelling,realisatie,stand_eind"


def editor() -> User:
    account, _ = User.objects.get_or_create(username="eind-derived")
    account.groups.add(Group.objects.get(name="eindredacteur"))
    return User.objects.get(pk=account.pk)


def make_gemeente(code: str, province: str) -> Gemeente:
    return Gemeente.objects.create(code=code, name=f"Testgemeente {code}", province=province)


def publish(period: str, rows: list[tuple], on=date(2022, 7, 15)):
    """rows: (gemeente, start, target, realised); end is computed so every row adds up."""
    lines = [HEADER] + [
        f"{g.code},{g.name},{period},{s},{t},{r},{s + t - r}" for g, s, t, r in rows
    ]
    text = "\n".join(lines) + "\n"
    result = publishing.check_upload(text.encode())
    assert result.ok, [p.text for p in result.problems]
    user = editor()
    concept = publishing.store_concept(
        result, text, "x.csv", publishing.Source("COA", max(on, date(int(period[:4]), 7, 1))), user
    )
    return publishing.publish(concept.pk, user)


def split(row, parts: int) -> list[tuple[int, int, int]]:
    """A published row's start, target and realised spread over `parts` gemeenten."""
    result = []
    for index in range(parts):
        last = index == parts - 1
        shares = []
        for value in (row.start_backlog, row.target, row.realised):
            share = value // parts
            shares.append(value - share * (parts - 1) if last else share)
        result.append(tuple(shares))
    return result


# -- sums ---------------------------------------------------------------------------------------


def test_totals_sum_per_province_and_nationally():
    a, b, c = (make_gemeente("GM9101", "utrecht"), make_gemeente("GM9102", "utrecht"),
               make_gemeente("GM9103", "drenthe"))  # fmt: skip
    publication = publish("2022-1", [(a, 10, 20, 15), (b, -3, 8, 6), (c, 5, 12, 10)])
    result = derived.for_publication(publication)
    utrecht = next(r.figure for r in result.provinces if r.figure.area == "utrecht")
    assert (utrecht.municipalities, utrecht.start_backlog, utrecht.target, utrecht.realised,
            utrecht.end_backlog) == (2, 7, 28, 21, 14)  # fmt: skip
    assert utrecht.pct_remaining == round(100 * 14 / 28)
    national = result.national.figure
    assert (national.municipalities, national.target, national.end_backlog) == (3, 40, 21)
    assert [r.figure.name for r in result.provinces] == ["Drenthe", "Utrecht"]
    assert "Zeeland" in result.missing_provinces
    # 2022-1 is not in the report: nothing to compare, no flags
    assert result.compared_with_report is False and result.flags == []


def test_a_province_without_taakstelling_has_no_percentage():
    totals = derived.Totals("zeeland", "2022-1")
    assert totals.pct_remaining is None


# -- against the report -------------------------------------------------------------------------


def test_gemeenten_that_sum_to_tabel_2_give_no_flags():
    published = ProvinceFigure.objects.get(area="drenthe", period="2021-1")
    gemeenten = [make_gemeente(f"GM92{n:02d}", "drenthe") for n in range(3)]
    rows = [(g, *shares) for g, shares in zip(gemeenten, split(published, 3), strict=True)]
    publication = publish("2021-1", rows)
    [row] = derived.for_publication(publication).provinces
    assert row.figure.end_backlog == published.start_backlog + published.target - published.realised
    assert row.published == published
    fields = {f.field for f in row.flags}
    # The report's own row may not add up; only fields the gemeenten reproduce are clean
    assert "target" not in fields and "realised" not in fields and "start_backlog" not in fields


def test_a_small_difference_is_rounding_a_large_one_is_a_difference():
    published = ProvinceFigure.objects.get(area="flevoland", period="2021-1")
    g1, g2 = make_gemeente("GM9301", "flevoland"), make_gemeente("GM9302", "flevoland")
    (s1, t1, r1), (s2, t2, r2) = split(published, 2)
    # taakstelling one person more than published (rounding), realisation 10 more (a difference)
    publication = publish(
        "2021-1", [(g1, s1, t1 + PERSON_TOLERANCE - 1, r1 + 10), (g2, s2, t2, r2)]
    )
    [row] = derived.for_publication(publication).provinces
    flags = {f.field: f for f in row.flags}
    assert flags["target"].rounding is True
    assert flags["target"].published == published.target
    assert flags["target"].computed == published.target + PERSON_TOLERANCE - 1
    assert flags["realised"].rounding is False
    assert flags["realised"].difference == -10
    assert flags["realised"].table == "tabel-2" and flags["realised"].area == "flevoland"
    assert "som van 2 gemeenten tegen Tabel 2" in flags["realised"].text
    assert flags["realised"] in row.differences and flags["target"] in row.rounding


def test_the_national_row_is_compared_with_tabel_1_and_the_totaal_row():
    """With only a few gemeenten the national sum is far below Tabel 1: flagged, not hidden."""
    g = make_gemeente("GM9401", "zeeland")
    publication = publish("2021-1", [(g, 1, 2, 1)])
    national = derived.for_publication(publication).national
    tables = {(f.table, f.area, f.field) for f in national.flags}
    assert ("tabel-1", "nederland", "target") in tables
    assert ("tabel-2", "totaal", "target") in tables
    tabel_1 = NationalFigure.objects.get(period="2021-1")
    flag = next(f for f in national.flags if f.table == "tabel-1" and f.field == "target")
    assert (flag.published, flag.computed, flag.rounding) == (tabel_1.target, 2, False)
    assert "som van 1 gemeente tegen Tabel 1" in flag.text


# -- which publication counts -------------------------------------------------------------------


def test_for_province_follows_the_current_publication():
    a = make_gemeente("GM9501", "groningen")
    first = publish("2022-1", [(a, 10, 20, 15)])
    second = publish("2022-1", [(a, 10, 20, 12)])
    later = publish("2022-2", [(a, 18, 5, 5)], on=date(2023, 1, 15))
    rows = derived.for_province("groningen")
    assert [(r.figure.period, r.publication.version, r.figure.realised) for r in rows] == [
        ("2022-1", 2, 12), ("2022-2", 1, 5),
    ]  # fmt: skip
    publishing.withdraw(second.pk, editor(), "herzien")
    rows = derived.for_province("groningen")
    assert [(r.figure.period, r.publication.pk) for r in rows] == [
        ("2022-1", first.pk), ("2022-2", later.pk),
    ]  # fmt: skip
    assert derived.for_province("limburg") == []


def test_for_province_compares_with_tabel_2():
    g = make_gemeente("GM9601", "limburg")
    publish("2021-2", [(g, 1, 1, 1)], on=date(2021, 11, 1))
    [row] = derived.for_province("limburg")
    assert row.published == ProvinceFigure.objects.get(area="limburg", period="2021-2")
    assert row.differences  # one gemeente is far from the province


def test_current_reads_only_published_periods():
    g = make_gemeente("GM9701", "utrecht")
    assert derived.current("2022-1") is None
    publication = publish("2022-1", [(g, 3, 4, 5)])
    assert derived.current("2022-1").publication == publication


def test_changes_between_versions():
    a, b = make_gemeente("GM9801", "utrecht"), make_gemeente("GM9802", "drenthe")
    old = derived.for_publication(publish("2022-1", [(a, 10, 20, 15), (b, 1, 1, 1)]))
    new = derived.for_publication(publish("2022-1", [(a, 10, 20, 12)]))
    changes = {(c.area, c.field): (c.before, c.after) for c in derived.changes(old, new)}
    assert changes[("Utrecht", "realised")] == (15, 12)
    assert changes[("Utrecht", "end_backlog")] == (15, 18)
    assert changes[("Drenthe", "municipalities")] == (1, 0)
    assert changes[("Nederland", "municipalities")] == (2, 1)
    assert ("Utrecht", "target") not in changes


# -- the province page --------------------------------------------------------------------------


def test_province_page_keeps_the_report_rows_and_adds_derived_rows_with_flags(client):
    g = make_gemeente("GM9901", "friesland")
    publish("2021-1", [(g, 1, 2, 1)])
    html = client.get("/cijfers/friesland/").content.decode()
    assert "Cijfers per halfjaar" in html  # Tabel 2 as published
    assert "Afgeleid uit de cijfers van 1 gemeente (publicatie 2021-1 versie 1" in html
    assert "Wijkt af" in html
    assert "som van 1 gemeente tegen Tabel 2" in html
    assert 'aria-label="Afgeleid uit de cijfers per gemeente" tabindex="0"' in html
