"""Issue 17 end to end in real Chromium: an eindredacteur uploads a broken file of gemeente
figures (every problem named by line and column, nothing stored), then a good synthetic period,
previews and publishes it; the province page shows the totals derived from it, flagged where
they differ from the report's Tabel 2; the gemeente page shows its history and prefills the
check, whose result names the period its backlog comes from."""

import pytest

from kenniscentrum.figures.models import FigurePublication, GemeenteFigure
from tests.browser.axe import violations
from tests.browser.editors import log_in, make_editor

pytestmark = pytest.mark.browser

FIGURE_PERMISSIONS = (
    "view_figurepublication", "add_figurepublication", "publish_figurepublication",
    "view_figureauditentry",
)  # fmt: skip
HEADER = "gemeentecode;gemeente;periode;stand_begin;taakstelling;realisatie;stand_eind"
# Synthetic numbers (a test period, not real figures), for two gemeenten of the register.
GOOD = f"{HEADER}\nGM0344;Utrecht;2021-2;100;200;150;150\nGM0307;Amersfoort;2021-2;40;60;70;30\n"
BROKEN = (
    f"{HEADER}\nGM0344;Utrecht;2021-2;100;200;150;149\nGM9999;Nergensdorp;2021-2;1;1;1;1\n"
    "GM0307;Amersfoort;2021-2;40;60;-5;105\n"
)


def _upload(page, site, name: str, text: str) -> None:
    page.goto(site + "/redactie/cijfers/uploaden/")
    page.set_input_files(
        "input[type=file]", files=[{"name": name, "mimeType": "text/csv", "buffer": text.encode()}]
    )
    page.fill("input[name=bron]", "Testbestand COA (synthetisch)")
    page.fill("input[name=bron_datum]", "2021-11-01")
    page.click("button:text('Controleren en voorbeeld tonen')")


def test_a_period_is_uploaded_previewed_published_and_used(site, browser):
    make_editor("cor", "eindredacteur", also=FIGURE_PERMISSIONS)
    editor = browser.new_context(locale="nl-NL").new_page()
    editor.set_default_timeout(10_000)
    log_in(editor, site, "cor")
    editor.click("nav[aria-label=Redactiemenu] >> text=Cijfers")
    assert editor.url == site + "/redactie/cijfers/"

    _upload(editor, site, "kapot.csv", BROKEN)
    problems = editor.locator("main").inner_text()
    assert "Regel 2" in problems and "stand_eind" in problems  # the sum: 100+200-150 ≠ 149
    assert "Regel 3" in problems and "GM9999" in problems  # not in the register
    assert "Regel 4" in problems and "realisatie" in problems  # negative
    assert violations(editor) == []
    assert FigurePublication.objects.count() == 0 and GemeenteFigure.objects.count() == 0

    _upload(editor, site, "goed.csv", GOOD)
    preview = editor.locator("main").inner_text()
    assert "Concept" in preview and "Utrecht" in preview and "Amersfoort" in preview
    assert violations(editor) == []
    editor.click("button:text('Publiceren')")
    publication = FigurePublication.objects.get()
    assert publication.status == "gepubliceerd" and publication.rows.count() == 2

    reader = browser.new_context(locale="nl-NL").new_page()
    reader.set_default_timeout(10_000)
    reader.goto(site + "/cijfers/utrecht/")
    derived = reader.locator("section[aria-labelledby=afgeleid]").inner_text()
    assert "Afgeleid uit de cijfers van 2 gemeenten" in derived
    assert "180" in derived  # the derived end backlog, 150 + 30
    # Tabel 2 publishes Utrecht's 2021-2 too: the two gemeenten do not add up to it, flagged.
    assert "verschil" in derived.lower() or "wijkt" in derived.lower()
    assert violations(reader) == []

    reader.goto(site + "/cijfers/")
    reader.fill("#gemeente-q", "amersfoort")
    reader.keyboard.press("Enter")
    reader.wait_for_url("**/cijfers/gemeente/GM0307/")
    page_text = reader.locator("main").inner_text()
    assert "2021-2" in page_text and "Testbestand COA (synthetisch)" in page_text
    assert violations(reader) == []
    reader.click("text=Doe de check voor Amersfoort")
    assert "gemeente=GM0307" in reader.url
    reader.check("input[name=plans][value=flexwonen]")
    reader.check("input[name=target_groups][value=statushouders]")
    reader.check("#veld-needs_expertise-nee")
    reader.check("input[name=regional_cooperation][value=nee]")
    reader.fill("#veld-large_families", "0")
    reader.click("button:text('Bekijk de uitkomst')")
    result = reader.locator("main").inner_text()
    assert "stand einde 2021-2" in result and "30" in result
