"""Cijfers: values exactly as published, every inconsistency flagged, CSV, charts, pages, API."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.conf import settings

from kenniscentrum.figures import selectors
from kenniscentrum.figures.models import NationalFigure, ProvinceFigure
from kenniscentrum.knowledge.frontmatter import ContentError
from kenniscentrum.knowledge.loading import REPORT_FILE, load_corpus
from kenniscentrum.knowledge.vocabulary import PROVINCES
from kenniscentrum.report.parser import parse_report

pytestmark = pytest.mark.django_db
PERIODS = [["2019-1", "2019-2", "2020-1"], ["2020-2", "2021-1", "2021-2"]]


def number(text: str) -> int:
    return int(text.replace(".", "").replace("*", "").replace("%", ""))


@pytest.fixture(scope="module")
def source_tables():
    text = (Path(settings.SEEDS_DIR) / REPORT_FILE).read_text("utf-8")
    section = next(s for s in parse_report(text) if s.key == "2.1")
    return [b for b in section.blocks if b.kind == "table"]


def test_tabel_1_as_published(source_tables):
    rows = {f.period: f for f in NationalFigure.objects.all()}
    assert len(rows) == 6
    for source in source_tables[0].rows:
        f = rows[source[0]]
        assert [f.start_backlog, f.target, f.total_task, f.realised, f.end_backlog] == [
            number(v) for v in source[1:]
        ]
    assert "peildatum 1 oktober 2021" in rows["2021-2"].note


def test_tabel_2_as_published(source_tables):
    figures = {(f.area, f.period): f for f in ProvinceFigure.objects.all()}
    assert len(figures) == 13 * 6
    for part, table in enumerate(source_tables[1:]):
        for source in table.rows:
            name = source[0].split("(")[0].strip()
            area = "totaal" if name == "Totaal" else name.lower()
            assert number(source[1]) == figures[(area, PERIODS[part][0])].start_backlog
            for i, period in enumerate(PERIODS[part]):
                f = figures[(area, period)]
                published = [number(v) for v in source[2 + 4 * i : 6 + 4 * i]]
                assert [f.target, f.realised, f.end_backlog, f.pct_remaining] == published
                if area != "totaal":
                    assert f.municipalities == int(re.search(r"(\d+) gemeenten", source[0])[1])


def test_every_inconsistency_is_flagged():
    national = {r.figure.period: r for r in selectors.national()}
    # Tabel 1 against the Totaal row of Tabel 2: they disagree for 2020-1 to 2021-1.
    for period in ("2020-1", "2020-2", "2021-1"):
        reasons = {f.reason for f in national[period].flags}
        assert "Totaal-rij van tabel 2" in reasons, period
    assert not any(f.reason.startswith("Totaal") for f in national["2019-1"].flags)
    # The provinces do not add up to the Totaal at the end of 2021-2: 11.140 against 10.949.
    total = {r.figure.period: r for r in selectors.area("totaal")}
    flag = next(
        f for f in total["2021-2"].flags if f.reason.startswith("som") and f.field == "end_backlog"
    )
    assert (flag.field, flag.published, flag.computed) == ("end_backlog", 10949, 11140)
    # Every row where start + taakstelling - realisatie differs from the end is flagged.
    for area_rows in selectors.by_area().values():
        for row in area_rows:
            f = row.figure
            differs = f.start_backlog + f.target - f.realised != f.end_backlog
            flagged = any(x.reason.startswith("aanvang") for x in row.flags)
            assert differs == flagged, (f.area, f.period)


def test_overview_page_shows_flags_peildatum_source_and_chart(client):
    html = client.get("/cijfers/").content.decode()
    assert html.count("<h1") == 1 and "peildatum 1 oktober 2021" in html
    assert "Tabel 1 (bron: COA)" in html and "Niet consistent" in html
    assert "berekend 2.184 (Totaal-rij van tabel 2)" in html
    svg = re.findall(r"<svg.*?</svg>", html, re.S)
    # Each chart is drawn for a wide and a narrow band of widths (issue 14): four drawings.
    assert len(svg) == 4 and 'role="img"' in svg[0] and "<title id=" in svg[0]
    bars = re.findall(
        r"<rect class=\"kc-chart__bar kc-series-1\"[^>]*><title>([^<]+)</title>", svg[0]
    )
    assert bars == [f"Taakstelling {f.period}: {f.target:,}".replace(",", ".")
                    for f in NationalFigure.objects.all()]  # fmt: skip
    assert "Realisatie 2021-2: 5.637" in svg[0]


def test_province_page_and_link_to_the_check(client):
    html = client.get("/cijfers/friesland/").content.decode()
    assert "Cijfers Friesland" in html and "18 gemeenten" in html
    assert "-69" in html  # published as is, negative start included
    assert 'href="/check/?province=friesland"' in html
    assert client.get("/cijfers/vlaanderen/").status_code == 404


def test_comparison_with_bad_choices_says_so(client):
    html = client.get("/cijfers/vergelijking/?periode=2021-1&maat=pct_remaining").content.decode()
    assert "Drenthe" in html and "42%" in html
    html = client.get("/cijfers/vergelijking/?periode=1999-9&maat=x").content.decode()
    assert 'class="kc-error-summary"' in html


def test_csv_is_exactly_what_is_shown(client):
    for url, area in [("/cijfers/nederland.csv", None), ("/cijfers/zeeland.csv", "zeeland")]:
        response = client.get(url)
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(response.content.decode())))
        shown = selectors.national() if area is None else selectors.area(area)
        assert [r["period"] for r in rows] == [s.figure.period for s in shown]
        for row, s in zip(rows, shown, strict=True):
            assert int(row["end_backlog"]) == s.figure.end_backlog
            assert row["consistent"] == str(s.consistent).lower()


def test_api(client):
    data = client.get("/api/figures").json()
    assert [p["period"] for p in data["national"]] == [p for group in PERIODS for p in group]
    assert set(data["provinces"]) == set(PROVINCES)
    friesland = data["provinces"]["friesland"][0]
    assert set(friesland) >= {"period", "start_backlog", "target", "realised", "end_backlog",
                              "pct_remaining", "consistent", "municipalities"}  # fmt: skip
    assert friesland["start_backlog"] == -69 and friesland["municipalities"] == 18
    assert data["national"][0]["consistent"] is False


@pytest.mark.parametrize(
    ("file", "old", "new", "line", "column"),
    [
        ("tabel-1-landelijk.csv", "2019-2,2540", "2019-2,2.540", 3, "kolom start_backlog"),
        ("tabel-2-provincies.csv", "drenthe,12,2019-1", "drente,12,2019-1", 2, "kolom province"),
        ("tabel-2-provincies.csv", "drenthe,12,2019-1,61", "drenthe,12,2019-x,61", 2,
         "kolom period"),
        ("tabel-1-landelijk.csv", "2021-1,1681,13500,", "2021-1,1681,13500", 6, ""),
    ],
)  # fmt: skip
def test_malformed_csv_names_file_line_column_and_loads_nothing(
    content_copy, seeds_dir, file, old, new, line, column
):
    path = content_copy / "cijfers" / file
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    before = list(NationalFigure.objects.values_list("period", "end_backlog"))
    with pytest.raises(ContentError) as info:
        load_corpus(content_copy, seeds_dir)
    assert info.value.path.endswith(file) and info.value.line == line
    assert info.value.field == column
    assert list(NationalFigure.objects.values_list("period", "end_backlog")) == before
