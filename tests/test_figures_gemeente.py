"""The public gemeente figures (issue 17): the page, the search, the API and the CSV.

Gemeenten and publications are made here through the ORM, with synthetic codes (GM9xxx) that
the real register (content/gemeenten.csv, loaded with the corpus) does not use.
"""

import csv
import io
from datetime import date

import pytest

from kenniscentrum.figures.gemeente_figures import csv_cell, history, pct_remaining
from kenniscentrum.figures.models import FigurePublication, GemeenteFigure, PublicationStatus
from kenniscentrum.figures.peers import Candidate, closest_by_target, target_range
from kenniscentrum.geography.models import Gemeente

pytestmark = pytest.mark.django_db

PUBLISHED = PublicationStatus.GEPUBLICEERD


def make_gemeente(code, name, province="utrecht", **extra) -> Gemeente:
    return Gemeente.objects.create(code=code, name=name, province=province, **extra)


def publish(period, rows, version=1, status=PUBLISHED, source="COA, maandcijfers",
            published_on=date(2022, 7, 15)) -> FigurePublication:  # fmt: skip
    """A publication with rows {gemeente: (start, target, realised, coupled or None)}; the end
    backlog is start + target - realised, as the uploader requires."""
    publication = FigurePublication.objects.create(
        period=period, version=version, source=source, source_published_on=published_on,
        status=status, csv_text="(test)",
    )  # fmt: skip
    for line, (gemeente, (start, target, realised, coupled)) in enumerate(rows.items(), 2):
        GemeenteFigure.objects.create(
            publication=publication, gemeente=gemeente, line=line, start_backlog=start,
            target=target, realised=realised, end_backlog=start + target - realised,
            coupled_not_housed=coupled,
        )  # fmt: skip
    return publication


@pytest.fixture
def world():
    """A: the gemeente looked at (Utrecht); B, Oud (merged into A): Utrecht; peers elsewhere."""
    g = {
        "a": make_gemeente("GM9001", "Testgemeente A"),
        "b": make_gemeente("GM9002", "Testgemeente B"),
        "c": make_gemeente("GM9003", "Testgemeente C", "gelderland"),
        "d": make_gemeente("GM9004", "Testgemeente D", "friesland"),
        "e": make_gemeente("GM9005", "Testgemeente E", "zeeland"),
        "f": make_gemeente("GM9006", "Testgemeente F", "limburg"),
        "g": make_gemeente("GM9007", "Testgemeente G", "drenthe"),
        "h": make_gemeente("GM9008", "Testgemeente H", "groningen"),
        "empty": make_gemeente("GM9010", "Leeggemeente", "zeeland"),
    }
    g["oud"] = make_gemeente(
        "GM9009", "Oudgemeente", valid_until=date(2022, 12, 31), successor=g["a"]
    )
    # 2022-1: version 1 is superseded by version 2 (its numbers must never show).
    publish("2022-1", {g["a"]: (10, 50, 20, None), g["b"]: (0, 30, 30, None)}, version=1)
    publish(
        "2022-1",
        {g["a"]: (10, 40, 20, 3), g["b"]: (0, 40, 30, None), g["oud"]: (5, 20, 5, None)},
        version=2, published_on=date(2022, 8, 1),
    )  # fmt: skip
    # 2022-2: A has 50; peers by closeness: C 52, D 45, E 55, F 40, G 60; H 100 is left out.
    publish(
        "2022-2",
        {g["a"]: (30, 50, 20, None), g["b"]: (10, 10, 10, 0), g["c"]: (0, 52, 2, None),
         g["d"]: (0, 45, 45, None), g["e"]: (0, 55, 0, None), g["f"]: (0, 40, 10, None),
         g["g"]: (0, 60, 30, None), g["h"]: (0, 100, 50, None)},
        source="COA, maandcijfers december", published_on=date(2023, 1, 20),
    )  # fmt: skip
    # A concept and a withdrawn version never count.
    publish("2022-2", {g["a"]: (30, 50, 0, None)}, version=2, status=PublicationStatus.CONCEPT)
    publish("2023-1", {g["a"]: (0, 999, 0, None)}, status=PublicationStatus.INGETROKKEN)
    return g


# -- the rules, as pure functions ---------------------------------------------------------------


def test_peers_are_the_five_closest_taakstellingen_with_ties_by_name():
    own = Candidate("GM1", "Eigen", 50)
    others = [Candidate(f"GM{i}", name, target) for i, (name, target) in enumerate(
        [("Zeta", 55), ("Alfa", 45), ("Beta", 52), ("Gamma", 40), ("Delta", 60),
         ("Groot", 100), ("Klein", 10)], 2)]  # fmt: skip
    peers = closest_by_target(own, [*others, own])
    assert [p.name for p in peers] == ["Beta", "Alfa", "Zeta", "Delta", "Gamma"]
    assert target_range(own, peers) == (40, 60)
    assert closest_by_target(own, [own]) == []
    assert len(closest_by_target(own, others, count=2)) == 2


def test_pct_remaining():
    assert pct_remaining(20, 40) == 50 and pct_remaining(-5, 10) == -50
    assert pct_remaining(5, 0) is None


def test_csv_cell_neutralises_formulas_only_in_text():
    assert csv_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert [csv_cell(v) for v in ("+1", "-1", "@SUM(A1)", "\t=1")] == [
        "'+1", "'-1", "'@SUM(A1)", "'\t=1",
    ]  # fmt: skip
    assert csv_cell("COA") == "COA" and csv_cell(-5) == -5 and csv_cell(None) is None


# -- the page ---------------------------------------------------------------------------------


def test_page_shows_history_with_source_date_and_version(client, world):
    response = client.get("/cijfers/gemeente/GM9001/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Cijfers Testgemeente A</h1>" in html
    # 2022-1 as version 2 (end 10 + 40 - 20 = 30, 75%), never version 1 (end 40).
    assert "COA, maandcijfers, gepubliceerd 1 augustus 2022, versie 2" in html
    assert "15 juli 2022" not in html  # version 1 of 2022-1
    assert "<td>30</td><td>3</td><td>75%</td>" in html  # end, coupled, %
    # 2022-2: end 30 + 50 - 20 = 60 of 50 -> 120 %; coupled unknown is said so.
    assert '<td>60</td><td><span class="kc-muted">niet bekend</span></td><td>120%</td>' in html
    assert "gepubliceerd 20 januari 2023, versie 1" in html
    # Honest dates: the summary names the period; a concept or withdrawn upload never shows.
    assert "Stand einde 2022-2" in html and "999" not in html
    assert (
        "stand einde 2022-2 volgens COA, maandcijfers december, gepubliceerd 20 januari 2023"
        in html
    )
    for word in (">Nu<", " nu ", "actueel", "huidige stand"):
        assert word not in html
    assert (
        'class="kc-table-wrap" role="region" '
        'aria-label="Cijfers Testgemeente A per periode" tabindex="0"' in html
    )


def test_page_compares_with_the_province_derived_total(client, world):
    html = client.get("/cijfers/gemeente/GM9001/").content.decode()
    # 2022-1 (v2) in Utrecht: A 40 + B 40 + Oud 20 = 100; A's share 40,0 %. End: A 30, B 10,
    # Oud 20 = 60 of 100 -> 60 %.
    assert (
        '<th scope="row">2022-1</th><td>40</td><td>100</td><td>40,0%</td><td>75%</td>'
        "<td>60%</td><td>3 gemeenten</td>" in html
    )
    # 2022-2 in Utrecht: A 50 + B 10 = 60 (Oud is not in that upload); end 60 + 10 = 70 -> 117 %.
    assert (
        "<td>50</td><td>60</td><td>83,3%</td><td>120%</td><td>117%</td><td>2 gemeenten</td>" in html
    )
    assert "In Utrecht was dat 117% (opgeteld uit 2 gemeenten in dezelfde publicatie)" in html


def test_history_puts_each_row_beside_its_provinces_derived_total():
    class Obj:
        def __init__(self, **kw):
            self.__dict__.update(kw)

    def row(period, province, target, end):
        return Obj(
            publication=Obj(period=period), gemeente=Obj(province=province), start_backlog=0,
            target=target, realised=target - end, end_backlog=end,
        )  # fmt: skip

    own = [row("2022-1", "utrecht", 10, 9), row("2022-2", "utrecht", 0, 0)]
    others = [row("2022-1", "utrecht", 10, 1), row("2022-1", "zeeland", 99, 99)]
    first, second = history(own, [own[0], *others])
    assert (first.province.municipalities, first.province.target) == (2, 20)
    assert (first.pct_remaining, first.province.pct_remaining, first.pct_difference) == (90, 50, 40)
    assert first.share_of_target == 50.0 and first.share_text == "50,0"
    # A period missing from the comparison rows still has the gemeente itself; no taakstelling:
    # no percentages, no share.
    assert second.province.municipalities == 1
    assert (second.pct_remaining, second.share_of_target, second.pct_difference) == (None,) * 3


def test_page_shows_peers_and_states_the_rule(client, world):
    html = client.get("/cijfers/gemeente/GM9001/").content.decode()
    assert "Vergelijkbare omvang = taakstelling tussen 40 en 60 in 2022-2" in html
    section = html.split('id="vergelijkbaar"')[1].split("</section>")[0]
    order = [section.index(f"Testgemeente {x}") for x in "CDEFG"]
    assert order == sorted(order)  # closest first: C 52, D 45, E 55 (tie by name), F 40, G 60
    assert "Testgemeente H" not in section and "Testgemeente B" not in section
    assert 'href="/cijfers/gemeente/GM9003/"' in section and "Gelderland" in section


def test_page_links_the_prefilled_check(client, world):
    html = client.get("/cijfers/gemeente/GM9001/").content.decode()
    assert (
        'href="/check/?organisation=gemeente&amp;province=utrecht&amp;backlog=60'
        '&amp;gemeente=GM9001"' in html
    )


def test_merged_gemeente_and_predecessors(client, world):
    html = client.get("/cijfers/gemeente/GM9009/").content.decode()
    assert "bestond tot en met 31 december 2022 en is opgegaan in" in html
    assert '<a href="/cijfers/gemeente/GM9001/">Testgemeente A</a>' in html
    assert "/check/" not in html.split("<main")[1].split("Een andere gemeente")[0].replace(
        'href="/check/"', ""
    )  # no prefilled check for a gemeente that no longer exists
    assert "Stand einde 2022-1" in html  # its own history stays
    successor = client.get("/cijfers/gemeente/GM9001/").content.decode()
    assert (
        'Voorgangers: <a href="/cijfers/gemeente/GM9009/">Oudgemeente</a> '
        "(tot en met 31 december 2022)" in successor
    )


def test_gemeente_without_figures_says_so(client, world):
    html = client.get("/cijfers/gemeente/GM9010/").content.decode()
    assert "Voor Leeggemeente zijn geen cijfers per gemeente gepubliceerd." in html
    assert "alleen voor de perioden waarvoor de redactie ze heeft gepubliceerd" in html
    assert "tot en met 2021-2" in html and 'href="/cijfers/zeeland/"' in html
    assert "<table" not in html
    assert 'href="/check/?organisation=gemeente&amp;province=zeeland&amp;gemeente=GM9010"' in html


def test_code_is_case_insensitive_and_unknown_is_the_sites_404(client, world):
    response = client.get("/cijfers/gemeente/gm9001/")
    assert response.status_code == 301 and response["Location"] == "/cijfers/gemeente/GM9001/"
    assert client.get("/cijfers/gemeente/9001/")["Location"] == "/cijfers/gemeente/GM9001/"
    csv_redirect = client.get("/cijfers/gemeente/gm9001.csv")
    assert csv_redirect["Location"] == "/cijfers/gemeente/GM9001.csv"
    for path in ("/cijfers/gemeente/GM9999/", "/cijfers/gemeente/bogus/",
                 "/cijfers/gemeente/%3Cscript%3E/", "/cijfers/gemeente/GM9999.csv"):  # fmt: skip
        response = client.get(path)
        assert response.status_code == 404, path
        assert '<html lang="nl">' in response.content.decode()
    assert client.post("/cijfers/gemeente/GM9001/").status_code == 405


def test_province_pages_still_answer(client, world):
    assert client.get("/cijfers/utrecht/").status_code == 200
    assert client.get("/cijfers/gemeenten.csv").status_code == 404


# -- search -----------------------------------------------------------------------------------


def test_overview_has_a_labelled_search_box(client):
    html = client.get("/cijfers/").content.decode()
    assert 'action="/cijfers/gemeenten/"' in html and 'method="get"' in html
    assert '<label for="gemeente-q">' in html and 'id="gemeente-q" name="q"' in html


def test_search_one_match_goes_to_the_page(client, world):
    response = client.get("/cijfers/gemeenten/", {"q": "leeggem"})
    assert response.status_code == 302
    assert response["Location"] == "/cijfers/gemeente/GM9010/"
    assert client.get("/cijfers/gemeenten/", {"q": "gm9003"})["Location"].endswith("GM9003/")


def test_search_lists_several_and_says_which_have_figures(client, world):
    html = client.get("/cijfers/gemeenten/", {"q": "testgemeente"}).content.decode()
    assert "8 gemeenten gevonden" in html
    assert (
        'href="/cijfers/gemeente/GM9001/">Testgemeente A</a> (GM9001, Utrecht): '
        "cijfers gepubliceerd" in html
    )


def test_search_without_a_match_says_so_in_dutch(client, world):
    response = client.get("/cijfers/gemeenten/", {"q": "Atlantis"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Geen gemeente gevonden voor ‘Atlantis’" in html and "nog niet volledig" in html


def test_empty_search_lists_the_gemeenten_with_figures(client, world):
    html = client.get("/cijfers/gemeenten/").content.decode()
    assert "Gemeenten met gepubliceerde cijfers" in html
    assert "Testgemeente H" in html and "Oudgemeente" in html
    assert "Leeggemeente" not in html and "Amsterdam" not in html


def test_empty_search_without_any_publication(client):
    html = client.get("/cijfers/gemeenten/?q=").content.decode()
    assert "nog geen cijfers per gemeente gepubliceerd" in html


@pytest.mark.parametrize(
    "query",
    ["<script>alert(1)</script>", "' OR 1=1 --", "\x00", "%", "_", "ü" * 500, "ü" * 5000, "a" * 101,
     "GM" + "9" * 300, "  ", "\u202e", "𝔄𝔪𝔰𝔱𝔢𝔯𝔡𝔞𝔪", "=cmd|' /C calc'!A0"],
)  # fmt: skip
def test_hostile_search_never_fails(client, world, query):
    response = client.get("/cijfers/gemeenten/", {"q": query})
    assert response.status_code in (200, 302, 414)  # 414: the site's limit on query strings
    if response.status_code == 200:
        html = response.content.decode()
        assert "<script>alert(1)</script>" not in html
        if len(query.strip()) > 100:
            assert "kc-error-summary" in html and 'aria-invalid="true"' in html


def test_search_is_get_only(client):
    assert client.post("/cijfers/gemeenten/", {"q": "a"}).status_code == 405


# -- API ----------------------------------------------------------------------------------------


def test_api_gemeente_rows(client, world):
    response = client.get("/api/figures", {"gemeente": "GM9001"})
    assert response.status_code == 200
    data = response.json()
    assert data["gemeente"]["code"] == "GM9001" and data["gemeente"]["province"] == "utrecht"
    assert data["gemeente"]["url"] == "http://testserver/cijfers/gemeente/GM9001/"
    assert [p["code"] for p in data["gemeente"]["predecessors"]] == ["GM9009"]
    assert [p["period"] for p in data["periods"]] == ["2022-1", "2022-2"]
    first = data["periods"][0]
    assert first == {
        "period": "2022-1", "start_backlog": 10, "target": 40, "realised": 20,
        "end_backlog": 30, "coupled_not_housed": 3, "pct_remaining": 75,
        "pct_remaining_computed": True, "source": "COA, maandcijfers",
        "source_published_on": "2022-08-01", "version": 2,
        "province_derived": {"province": "utrecht", "gemeenten": 3, "target": 100,
                             "end_backlog": 60, "pct_remaining": 60, "share_of_target": 40.0},
    }  # fmt: skip
    merged = client.get("/api/figures?gemeente=gm9009").json()["gemeente"]
    assert merged["successor"]["code"] == "GM9001" and merged["valid_until"] == "2022-12-31"
    assert client.get("/api/figures?gemeente=GM9010").json()["periods"] == []


def test_api_without_gemeente_is_unchanged(client, world):
    data = client.get("/api/figures").json()
    assert set(data) == {"source", "peildatum_note", "national", "provinces", "total_row"}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("gemeente=GM9999", "Er is geen gemeente met CBS-code GM9999 in het register."),
        ("gemeente=Amsterdam", "'Amsterdam' is geen CBS-gemeentecode"),
        ("gemeente=GM12345", "geen CBS-gemeentecode"),
        ("gemeente=", "Geef een CBS-gemeentecode"),
        ("gemeente=GM9001&gemeente=GM9002", "Geef één gemeente."),
        ("gemeente=" + "x" * 3000, "xxxxxxxxxxxxxxxxxxxx…' is geen"),
        ("gemeente=%00", "geen CBS-gemeentecode"),
    ],
)
def test_api_bad_gemeente_is_a_400_with_a_dutch_field_error(client, world, query, message):
    response = client.get(f"/api/figures?{query}")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert list(errors) == ["gemeente"] and message in errors["gemeente"][0]


# -- CSV ----------------------------------------------------------------------------------------


def test_csv_has_the_history_with_source(client, world):
    response = client.get("/cijfers/gemeente/GM9001.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert 'filename="cijfers-GM9001.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["gemeente_code", "gemeente", "province", "period"]
    assert rows[1] == ["GM9001", "Testgemeente A", "utrecht", "2022-1", "10", "40", "20", "30",
                       "3", "75", "COA, maandcijfers", "2022-08-01", "2"]  # fmt: skip
    assert rows[2][8] == ""  # gekoppeld-niet-gehuisvest not known
    assert len(rows) == 3


def test_csv_neutralises_formula_text(client, world):
    hostile = make_gemeente("GM9020", '=HYPERLINK("http://x")', "zeeland")
    publish("2022-1", {hostile: (-5, 10, 20, None)}, version=3, source="@SUM(A1:A9)")
    # Version 3 is now 2022-1's current one, for every gemeente in it.
    rows = list(
        csv.reader(io.StringIO(client.get("/cijfers/gemeente/GM9020.csv").content.decode()))
    )
    row = rows[1]
    assert row[1] == '\'=HYPERLINK("http://x")' and row[10] == "'@SUM(A1:A9)"
    assert row[4] == "-5" and row[7] == "-15"  # numbers stay numbers (a voorsprong)
    assert all(not cell.startswith(("=", "+", "@")) for cell in row)
