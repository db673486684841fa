"""The report parser and renderer against the real seed text (pure functions, no Django)."""

import re
from functools import cache
from pathlib import Path

import pytest

from kenniscentrum.report.parser import (
    Block,
    ReportParseError,
    parse_report,
    strip_footnote_refs,
)
from kenniscentrum.report.render import render_blocks

SEED = (
    Path(__file__).resolve().parents[2]
    / "seeds"
    / "eindrapportage-aanjager-huisvesting-statushouders-2021.txt"
)

EXPECTED_SECTIONS = [
    ("voorwoord", "", "Voorwoord", None),
    ("managementsamenvatting", "", "Managementsamenvatting", None),
    ("1", "1", "Inleiding", None),
    ("1.1", "1.1", "Beschrijving problematiek huisvesting statushouders", "1"),
    ("1.2", "1.2", "Opdracht bestuurlijk aanjager", "1"),
    ("1.3", "1.3", "Achtergrond, werkwijze en raakvlakken met andere trajecten", "1"),
    ("1.4", "1.4", "Leeswijzer", "1"),
    ("2", "2", "Knelpuntenanalyse", None),
    ("2.1", "2.1", "Een blik op de cijfers", "2"),
    ("2.2", "2.2", "Kwalitatieve analyse gevoerde gesprekken", "2"),
    ("2.2.1", "2.1.1", "Knelpunten op politiek/bestuurlijk niveau", "2.2"),
    ("2.2.2", "2.1.2", "Knelpunten in de uitvoering", "2.2"),
    ("3", "3", "Oplossingsrichtingen en gereedschapskist in de praktijk", None),
    ("3.1", "3.1", "Financiële regelingen", "3"),
    ("3.2", "3.2", "Flexwonen/tussenvoorzieningen", "3"),
    ("3.3", "3.3", "Rijksvastgoedbedrijf", "3"),
    ("3.4", "3.4", "Regionale aanpak", "3"),
    ("4", "4", "Eindconclusie en aanbevelingen", None),
    ("bijlage-1", "", "Bijlage 1: Overzicht gesprekspartners", None),
    ("bijlage-2", "", "Bijlage 2: Overzicht speelveld/stakeholders", None),
]


@cache
def _source() -> str:
    return SEED.read_text(encoding="utf-8")


@cache
def _sections() -> dict:
    return {section.key: section for section in parse_report(_source())}


def section(key):
    return _sections()[key]


def blocks_of(key, kind):
    return [block for block in section(key).blocks if block.kind == kind]


def headings(key):
    return {block.anchor: block for block in blocks_of(key, "heading")}


def all_texts(key):
    """Every text string of a section, markers included."""
    texts = []
    for block in section(key).blocks:
        texts += [block.text, block.title, block.caption]
        texts += [item if isinstance(item, str) else item[1] for item in block.items]
        texts += [cell for row in block.rows for cell in row]
    return [text for text in texts if text]


# -- outline ---------------------------------------------------------------------------------


def test_sections_in_document_order_with_numbers_titles_and_parents():
    parsed = parse_report(_source())
    assert [(s.key, s.number, s.title, s.parent) for s in parsed] == EXPECTED_SECTIONS
    assert [s.order for s in parsed] == list(range(20))


def test_slugs_replace_dots_with_hyphens():
    slugs = [s.slug for s in parse_report(_source())]
    assert slugs[:4] == ["voorwoord", "managementsamenvatting", "1", "1-1"]
    assert "2-2-1" in slugs and "bijlage-1" in slugs and "bijlage-2" in slugs


def test_chapters_1_and_2_have_no_text_of_their_own_but_chapter_3_does():
    assert section("1").blocks == ()
    assert section("2").blocks == ()
    assert section("3").blocks[0].text.startswith("Een van de acties van het aanjaagteam")


def test_missing_section_heading_raises_with_the_heading_and_a_line_number():
    broken = _source().replace("\n 1.4 Leeswijzer\n", "\n 1.4 Leesplezier\n")
    with pytest.raises(ReportParseError, match=r"1\.4 Leeswijzer.*line \d+"):
        parse_report(broken)


def test_text_without_any_section_raises():
    with pytest.raises(ReportParseError, match="Voorwoord"):
        parse_report("Dit is geen rapport.\n")


def test_a_changed_table_header_is_noticed():
    broken = _source().replace("Taakstelling Totale opgave Realisatie", "Taakstelling Realisatie")
    with pytest.raises(ReportParseError, match="Tabel 1"):
        parse_report(broken)


# -- line joining ----------------------------------------------------------------------------


def test_hyphenated_line_breaks_are_joined():
    summary = section("managementsamenvatting").plain_text()
    assert "ondanks alle inspanningen." in summary  # "inspannin-\ngen"
    assert "urgentiegevoel" in summary  # "urgentie-\ngevoel"
    assert "de wijze van verdeling van de taakstelling is" in summary.lower()  # "taakstel-\nling"
    assert "andere aandachtsgroepen te huisvesten" in summary  # "aandachtsgroe-\npen"


def test_real_hyphens_are_kept():
    summary = section("managementsamenvatting").plain_text()
    assert "in de COA-opvanglocaties blijft" in summary
    assert "in de COA-opvang blijft" in section("1.1").plain_text()
    assert "de BRP-straten" in section("4").plain_text()  # "BRP-\nstraten"
    assert "door Rijks- of provinciaal beleid" in section("2.2.2").plain_text()


def test_slash_line_ends_join_without_space():
    assert "knelpunten op politiek/bestuurlijk niveau, beschreven" in section("2.2").plain_text()
    assert "ruimtelijke ordening-/wonendomein" in section("2.2.2").plain_text()


def test_no_section_contains_a_dangling_hyphen_join():
    for key, *_ in EXPECTED_SECTIONS:
        text = section(key).plain_text()
        assert "-\n" not in text, key
        # a lowercase word, a hyphen, a space and a lowercase word that is not "en"/"of"
        # ("dak- en thuisloze", "Rijks- of") would be an unjoined line break
        dangling = re.findall(r"\b[a-zë]+- (?!en\b|of\b)[a-z]+", text)
        assert dangling == [], (key, dangling)


def test_internal_runs_of_spaces_are_collapsed():
    for key, *_ in EXPECTED_SECTIONS:
        assert "  " not in section(key).plain_text(), key


def test_page_break_does_not_split_the_foreword_paragraph():
    sentence = (
        "We hopen dat we hiermee de basis leggen voor een stevige ondersteuningsstructuur "
        "voor een structurele aanpak."
    )
    paragraphs = [b.text for b in blocks_of("voorwoord", "paragraph") if sentence in b.text]
    assert len(paragraphs) == 1
    assert paragraphs[0].startswith("Met deze eindrapportage leggen we verantwoording af")


def test_page_break_mid_sentence_is_joined():
    assert (
        "en een goed instrumentarium. Het bouwen" in section("managementsamenvatting").plain_text()
    )


def test_short_sentence_end_starts_a_new_paragraph():
    texts = [b.text for b in blocks_of("1.4", "paragraph")]
    assert len(texts) == 4
    assert texts[2].startswith("In hoofdstuk 3 wordt ingegaan")


def test_foreword_signature_keeps_its_line_break():
    assert section("voorwoord").blocks[-1].text == (
        "Jantine Kriens\nAanjager huisvesting statushouders"
    )


def test_typographic_quotes_and_euro_sign_are_kept():
    assert "‘Een thuis voor iedereen’" in section("voorwoord").plain_text()
    assert "€ 50 miljoen" in section("3.1").plain_text()


# -- footnotes -------------------------------------------------------------------------------


def test_footnote_7_lands_in_section_3_2_and_the_amount_stays_intact():
    paragraph = next(b.text for b in blocks_of("3.2", "paragraph") if "€ 6.000" in b.text)
    assert "bedragen maximaal € 6.000.[[voetnoot:7]]" in paragraph
    (notes,) = blocks_of("3.2", "footnotes")
    assert notes.items == ((7, "De kosten zijn € 12.000. De Rijksoverheid vergoedt 50%."),)
    assert blocks_of("3.4", "footnotes") == []
    assert "De kosten zijn € 12.000" not in section("3.4").plain_text()


def test_each_footnote_is_attached_to_the_section_that_references_it():
    numbers = {
        key: [n for block in blocks_of(key, "footnotes") for n, _ in block.items]
        for key, *_ in EXPECTED_SECTIONS
    }
    assert {key: value for key, value in numbers.items() if value} == {
        "1.1": [1],
        "1.3": [2, 3],
        "2.1": [4, 5],
        "2.2.2": [6],
        "3.2": [7],
        "4": [8, 9],
    }


def test_footnote_texts_are_complete_and_not_left_in_the_body():
    notes = dict(blocks_of("1.3", "footnotes")[0].items)
    assert notes[3] == (
        "Advies programmatische aanpak ondersteuning gemeenten d.d. 23 september 2021, "
        "behandeld op de LRT van 30 september 2021."
    )
    assert dict(blocks_of("1.1", "footnotes")[0].items)[1].endswith("nog op het azc verblijft.")
    assert "Met inwerkingtreding" not in " ".join(all_texts("1.2"))
    note_9 = dict(blocks_of("4", "footnotes")[0].items)[9]
    assert note_9.endswith("toe leiden dat de opvangcapaciteit onvoldoende was.")


def test_plain_text_has_no_footnote_markers():
    text = section("3.2").plain_text()
    assert "voetnoot" not in text and "€ 6.000.7" not in text
    assert "maximaal € 6.000. Door gebruik" in text
    assert strip_footnote_refs("inburgering.[[voetnoot:1]] Op") == "inburgering. Op"


def test_numbered_items_are_not_taken_for_footnotes():
    assert "1.  Lokaal" not in " ".join(all_texts("2.2.1"))
    assert headings("2.2.1")["1-lokaal-niveau"].text == "1. Lokaal niveau"


# -- headings --------------------------------------------------------------------------------


def test_summary_headings():
    found = headings("managementsamenvatting")
    assert found["conclusies"].level == 2
    assert found["geen-uitstroom-door-wooncrisis"].text == "Geen uitstroom door wooncrisis"
    assert found["geen-uitstroom-door-wooncrisis"].level == 3
    assert found["aanbevelingen"].text == "AANBEVELINGEN"
    assert {"samenwerking", "financieel", "beleid"} <= set(found)
    assert found["aanbeveling-3"].text == (
        "3. Verbind de opgave van de huisvesting van statushouders met opgaven om andere "
        "aandachtsgroepen te huisvesten"
    )
    assert [f"aanbeveling-{n}" for n in range(1, 10)] == [a for a in found if "aanbeveling-" in a]


def test_a_wrapped_first_line_is_not_a_heading():
    found = headings("managementsamenvatting")
    assert not any(anchor.startswith("het-aanjaagteam") for anchor in found)


def test_chapter_4_has_the_nine_detailed_recommendations_as_headings():
    found = headings("4")
    for number in range(1, 10):
        assert found[f"aanbeveling-{number}"].text.startswith(f"{number}. ")
    assert found["aanbeveling-7"].text == (
        "7. Houd bij beleidskeuzes in de keten van asiel, huisvesting en inburgering rekening "
        "met consequenties elders in de keten"
    )
    assert found["aanbevelingen"].level == 2
    # the short overview before the detailed part is a list, not headings
    overview = [b for b in blocks_of("4", "list") if b.ordered and not b.list_type]
    assert [(b.start, len(b.items)) for b in overview] == [(1, 3), (4, 3), (7, 3)]
    assert overview[0].items[2] == (
        "Verbind de opgave van de huisvesting van statushouders met opgaven om andere "
        "aandachtsgroepen te huisvesten"
    )


def test_anchors_are_unique_ascii_slugs_within_each_section():
    for key, *_ in EXPECTED_SECTIONS:
        anchors = [b.anchor for b in blocks_of(key, "heading")]
        assert len(anchors) == len(set(anchors)), key
        assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", a) for a in anchors), key


@pytest.mark.parametrize(
    ("key", "anchor", "text"),
    [
        ("1.3", "achtergrond-en-werkwijze", "Achtergrond en werkwijze"),
        ("2.2.1", "urgentiebesef", "Urgentiebesef"),
        ("2.2.2", "kenmerken-woningmarkt", "Kenmerken woningmarkt"),
        (
            "2.2.2",
            "beperkte-financiele-middelen-woningcorporaties",
            "Beperkte (financiële) middelen woningcorporaties",
        ),
        (
            "3.2",
            "rijksdienst-voor-ondernemend-nederland-rvo",
            "Rijksdienst voor Ondernemend Nederland (RVO)",
        ),
        ("3.4", "regionale-samenwerking-zuid-holland", "Regionale samenwerking Zuid-Holland"),
        ("4", "1-geen-uitstroom-door-wooncrisis", "1. Geen uitstroom door wooncrisis"),
        ("bijlage-1", "gemeenten", "Gemeenten"),
        (
            "bijlage-1",
            "aanjagers-boegbeelden-huisvesting-aandachtsgroepen",
            "Aanjagers/boegbeelden huisvesting aandachtsgroepen",
        ),
    ],
)
def test_sub_headings(key, anchor, text):
    assert headings(key)[anchor].text == text


def test_action_holders_paragraph_keeps_its_second_line():
    texts = [b.text for b in blocks_of("4", "paragraph") if b.text.startswith("Actiehouders: LRT")]
    assert texts == [
        "Actiehouders: LRT heeft reeds besloten tot inrichting van een programma.\n"
        "Samenwerking binnen het programma door BZK, JenV, SZW, RVB, COA, Aedes, VNG en IPO."
    ]


def test_signature_and_action_holders_are_not_headings():
    assert blocks_of("voorwoord", "heading") == []
    assert not any(b.text.startswith("Actiehouder") for b in blocks_of("4", "heading"))


# -- lists, quote, figure, annexes -----------------------------------------------------------


def test_bullets_with_wrapped_continuations():
    (bullets,) = [b for b in blocks_of("2.2.1", "list") if not b.ordered]
    assert len(bullets.items) == 4
    assert bullets.items[2] == (
        "Benodigde instrumenten zoals subsidies, aangepaste regels of andere "
        "ondersteuningsmaatregelen (bijvoorbeeld handreikingen) kwamen pas laat in 2021 "
        "beschikbaar;"
    )


def test_lettered_lists():
    (market,) = blocks_of("2.2.2", "list")
    assert market.ordered and market.list_type == "a" and len(market.items) == 5
    assert market.items[3].startswith("Ook ervaren gemeenten die willen bouwen")
    assert market.items[3].endswith("veel tijd in beslag.")
    lettered = [b for b in blocks_of("4", "list") if b.list_type == "a"]
    assert len(lettered) == 1 and len(lettered[0].items) == 5
    # the action holders after item e. are not part of the list
    assert "Actiehouders" not in lettered[0].items[4]


def test_numbered_list_in_3_1_keeps_wrapped_items_together():
    (regelingen,) = blocks_of("3.1", "list")
    assert regelingen.ordered and len(regelingen.items) == 4
    assert (
        "huisvesting van aandachtsgroepen op de woningmarkt. De Rijksbijdrage"
        in (regelingen.items[0])
    )


def test_quote_box_with_joined_url():
    (quote,) = blocks_of("1.2", "quote")
    assert quote.title == "Met beleid van start – publicatie Sociaal en Cultureel Planbureau"
    assert quote.url == (
        "https://www.scp.nl/actueel/nieuws/2021/04/12/"
        "beleid-belangrijke-factor-goede-integratie-statushouders"
    )
    assert quote.text.startswith("“Gericht overheidsbeleid")
    assert quote.text.endswith("voor een goede start?”")
    html = render_blocks([quote])
    assert '<a href="https://www.scp.nl/actueel/nieuws/2021/04/12/beleid-' in html
    assert 'rel="noopener"' in html and "<blockquote>" in html


def test_missing_map_is_announced():
    (figure,) = blocks_of("1.3", "figure")
    assert figure.caption.startswith("Figuur 1: Locaties gesprekken")
    html = render_blocks([figure])
    assert html.startswith('<p class="figuur-ontbreekt">Figuur 1: Locaties gesprekken')
    assert "kaart" in html and "niet opgenomen" in html


def test_annex_1_lists_one_person_per_item():
    lists = blocks_of("bijlage-1", "list")
    assert [len(b.items) for b in lists] == [11, 11, 8, 3, 10]
    assert lists[0].items[0] == "Martijn Balster (wethouder Den Haag)"
    assert lists[-1].items[-1] == "Harry van Zandwijk (Jan Snel)"


def test_annex_2_diagram_is_a_word_list_with_a_note():
    note, words = section("bijlage-2").blocks
    assert note.kind == "note" and "schema" in note.text
    assert words.kind == "list"
    assert "Woningcorporaties" in words.items
    assert "Landelijke regietafel migratie en integratie" in words.items
    assert words.items[0] == "Provinciale regietafels" and words.items[-1] == "VNG"


# -- tables ----------------------------------------------------------------------------------


def test_table_1():
    table = blocks_of("2.1", "table")[0]
    assert table.caption == (
        "Tabel 1: Taakstelling en realisatie taakstelling per half jaar, 2019-2021 (bron: COA)"
    )
    assert table.header == (
        "Periode",
        "Achterstand te huisvesten statushouders bij aanvang periode",
        "Taakstelling",
        "Totale opgave",
        "Realisatie",
        "Achterstand te huisvesten statushouders bij einde periode",
    )
    assert [row[0] for row in table.rows] == [
        "2019-1",
        "2019-2",
        "2020-1",
        "2020-2",
        "2021-1",
        "2021-2",
    ]
    assert table.rows[0] == ("2019-1", "2.921", "6.012", "8.933", "6.379", "2.540")
    assert table.rows[-1] == ("2021-2", "5.586", "11.000", "16.586", "5.637*", "10.949")
    notes = [b.text for b in blocks_of("2.1", "note")]
    assert notes == ["*Peildatum 1 oktober 2021"]


def test_table_2_two_parts():
    part1, part2 = blocks_of("2.1", "table")[1:]
    caption = (
        "Tabel 2: Taakstelling en realisatie taakstelling per provincie per half jaar, "
        "2019-2021 (bron: COA)"
    )
    assert part1.caption.startswith(caption) and "deel 1" in part1.caption
    assert part2.caption.startswith(caption) and "deel 2" in part2.caption
    for part in (part1, part2):
        assert len(part.header) == 14  # "Provincie" + 13 value columns
        assert len(part.rows) == 13
        assert all(len(row) == 14 for row in part.rows)
        assert part.rows[-1][0] == "Totaal"
    assert part1.header[1] == "Stand op 1 jan 2019"
    assert part1.header[5] == "Percentage van taakstelling 1e helft 2019 nog te realiseren"
    assert part1.header[13] == "percentage van taakstelling 1e helft 2020 nog te realiseren"
    assert part2.header[12] == "Stand op 1 okt. 2021"
    friesland = part1.rows[2]
    assert friesland[:6] == ("Friesland (18 gemeenten)", "-69", "227", "196", "-43", "-19%")
    assert part1.rows[6][7] == "1.098"
    assert part1.rows[11][0] == "Zuid-Holland ( 52 gemeenten)"  # kept as published
    assert part2.rows[0][-1] == "117%"
    assert part2.rows[-1][-2:] == ("10.949", "100%")


def test_tables_render_with_caption_and_header_scopes():
    html = render_blocks(blocks_of("2.1", "table")[:1])
    assert html.count("<table") == 1
    assert "<caption>Tabel 1: Taakstelling" in html
    assert html.count('<th scope="col">') == 6
    assert '<th scope="row">2021-2</th><td>5.586</td>' in html
    assert "<td>5.637*</td>" in html


# -- rendering -------------------------------------------------------------------------------


def test_render_escapes_all_text():
    evil = "<script>alert(1)</script>"
    html = render_blocks(
        [
            Block("paragraph", text=evil),
            Block("heading", text=evil, level=2, anchor="x"),
            Block("list", items=(evil,)),
            Block("table", caption=evil, header=(evil,), rows=((evil, evil),)),
            Block("quote", title=evil, text=evil, url="javascript:alert(1)"),
            Block("footnotes", items=((1, evil),)),
        ]
    )
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript' not in html


def test_render_footnote_refs_and_list():
    html = render_blocks(section("3.2").blocks)
    assert 'maximaal € 6.000.<sup><a href="#voetnoot-7" id="voetnoot-ref-7">7</a></sup>' in html
    assert '<ol class="voetnoten"' in html
    assert '<li id="voetnoot-7" value="7">De kosten zijn € 12.000.' in html


def test_render_headings_lists_and_line_breaks():
    html = render_blocks(section("4").blocks)
    assert '<h3 id="aanbeveling-1">1. Richt een interbestuurlijk programma' in html
    assert '<ol type="a">' in html
    assert '<ol start="4">' in html
    signature = render_blocks(section("voorwoord").blocks[-1:])
    assert signature == "<p>Jantine Kriens<br>\nAanjager huisvesting statushouders</p>"


def test_every_section_renders():
    for key, *_ in EXPECTED_SECTIONS:
        html = render_blocks(section(key).blocks)
        assert "[[voetnoot" not in html, key
