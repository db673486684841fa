"""Works on a phone (issue 14): every page type fits 320, 390 and 768 px without sideways scrolling.

Measured, not screenshotted: `scrollWidth <= innerWidth` per page and width. On failure the test
names the elements that stick out (outside a table's own scroll region), so a regression points at
its cause. Also: search shows results before its filters on a phone and offers no empty filters;
the main menu is collapsed on a phone and opens by keyboard without JavaScript; wide tables scroll
inside a labelled, focusable region. One browser context per width, pages reused: fast enough to
run with every change.
"""

import pytest

from tests.browser.editors import PASSWORD, log_in

pytestmark = pytest.mark.browser

WIDTHS = (320, 390, 768)
CHECK_ANSWERS = (
    "organisation=gemeente&province=zuid-holland&backlog=25&large_families=2"
    "&plans=tussenvoorziening&plans=tijdelijke_woningen&target_groups=statushouders"
    "&needs_expertise=ja&regional_cooperation=ja&reference_date=2021-11-01"
)
# One of every page type. The BZK regeling has a Markdown table in its body; 3.2 has the
# longest heading of the report.
PAGES = [
    "/",
    "/regelingen/",
    "/handreikingen/",
    "/praktijkvoorbeelden/",
    "/regionale-voorbeelden/",
    "/aanbevelingen/",
    "/kennis/bzk-huisvesting-aandachtsgroepen/",
    "/kennis/handreiking-tussenvoorzieningen/",
    "/kennis/magic-mix-gemengd-wonen/",
    "/kennis/focus-noord-holland-zuid-holland-gelderland/",
    "/kennis/aanbeveling-1/",
    "/themas/",
    "/themas/flexwonen/",
    "/rapport/",
    "/rapport/3-2/",
    "/cijfers/",
    "/cijfers/vergelijking/",
    "/cijfers/zuid-holland/",
    "/zoeken/?q=woning",
    "/check/",
    f"/check/uitslag/?{CHECK_ANSWERS}",
    "/regelingen/vergelijken/",
    "/over/",
    "/toegankelijkheid",
    "/colofon/",
    "/bestaat-niet/",
    "/vragen/",  # issue 16: vragen en antwoorden, the vraagbaak and the flexpool
    "/kennis/vraag-kosten-rvo-ondersteuning/",
    "/vraag-stellen/",
    "/flexpool/",
    "/flexpool/aanvragen/?provincie=utrecht&expertise=flexwonen",
    "/cijfers/gemeenten/?q=a",  # issue 17 (pages with figures: test_figures_gemeente_pages)
    "/cijfers/gemeente/GM0363/",
]

# Elements whose right edge passes the viewport, widest first; what scrolls inside a table's
# own region (role="region") does not widen the page and is left out.
OFFENDERS_JS = """
() => {
  const vw = window.innerWidth;
  const found = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.parentElement.closest('[role="region"], svg')) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0) continue;
    // A word longer than its line sticks out of a box that itself fits: count what shows.
    const spills = getComputedStyle(el).overflowX === 'visible';
    const right = spills ? Math.max(box.right, box.left + el.scrollWidth) : box.right;
    if (right > vw + 1) {
      found.push({el: el, right: Math.round(right), width: Math.round(box.width)});
    }
  }
  // Name the culprits, not every ancestor they push out.
  const culprits = found.filter(
    a => !found.some(b => b !== a && a.el.contains(b.el) && b.right >= a.right));
  culprits.sort((a, b) => b.right - a.right);
  return culprits.slice(0, 5).map(({el, right, width}) => ({
    element: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
      + (el.classList.length ? '.' + [...el.classList].join('.') : ''),
    text: (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40),
    right: right, width: width,
  }));
}
"""


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_no_page_is_wider_than_a_phone(site, browser):
    failures = _measure(browser, site, WIDTHS, PAGES)
    assert not failures, _report(failures)


def _measure(browser, site: str, widths, paths, before=None) -> dict:
    """{"<width>px <path>": offending elements} for every page wider than the viewport;
    `before(page)` runs once per width first (logging in)."""
    failures = {}
    for width in widths:
        context = browser.new_context(viewport={"width": width, "height": 800}, locale="nl-NL")
        page = context.new_page()
        if before:
            before(page)
        for path in paths:
            page.goto(site + path)
            if _overflow(page) > 0:
                failures[f"{width}px {path}"] = page.evaluate(OFFENDERS_JS)
        context.close()
    return failures


def _report(failures: dict) -> str:
    lines = [f"{len(failures)} pagina's breder dan het scherm:"]
    for where, offenders in failures.items():
        lines.append(f"  {where}:")
        lines += [f"    {o['element']} rechts {o['right']}px, breed {o['width']}px: {o['text']!r}"
                  for o in offenders]  # fmt: skip
    return "\n".join(lines)


def test_search_shows_results_first_and_no_empty_filters(site, browser):
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="nl-NL")
    page = context.new_page()
    page.goto(site + "/zoeken/?q=woning")
    first = page.locator(".kc-results > li").first.bounding_box()
    filters = page.locator(".kc-facets").bounding_box()
    assert first["y"] < filters["y"], (first, filters)
    assert first["y"] <= 600, f"eerste resultaat begint op {first['y']:.0f}px"
    counts = page.locator(".kc-facets li .kc-muted").all_inner_texts()
    assert counts and "(0)" not in counts
    # The filters stay one control away: opening it shows them.
    assert not page.locator(".kc-facets ul").first.is_visible()
    page.locator(".kc-facets summary").click()
    assert page.locator(".kc-facets ul").first.is_visible()
    context.close()


def test_list_filters_offer_no_empty_options(site, browser):
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="nl-NL")
    page = context.new_page()
    for path in ("/praktijkvoorbeelden/", "/regionale-voorbeelden/", "/regelingen/"):
        page.goto(site + path)
        options = page.locator(".kc-filter option").all_inner_texts()
        assert options and not [o for o in options if o.endswith("(0)")], (path, options)
    # Regelingen are national: a province filter says why nothing is found and the way back.
    page.goto(site + "/regelingen/?provincie=utrecht")
    status = page.locator("main").inner_text()
    assert "landelijk" in status
    assert page.locator("main a[href='/regelingen/']").count() >= 1
    context.close()


def test_menu_is_collapsed_on_a_phone_and_opens_by_keyboard_without_javascript(site, browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 800}, locale="nl-NL", java_script_enabled=False
    )
    page = context.new_page()
    page.goto(site + "/regelingen/")
    menu = page.locator("nav[aria-label='Hoofdmenu']")
    links = menu.locator("li a")
    assert not links.first.is_visible()
    header = page.locator("header").bounding_box()
    assert header["height"] <= 260, f"kop en menu zijn {header['height']:.0f}px hoog"
    summary = menu.locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert links.first.is_visible()
    assert menu.locator("a[aria-current='page']").inner_text() == "Regelingen"
    # Focus stays visible on the menu's links.
    links.first.focus()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    context.close()
    # On a wide screen the menu is simply there, no button in front of it.
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nl-NL")
    page = context.new_page()
    page.goto(site + "/")
    menu = page.locator("nav[aria-label='Hoofdmenu']")
    assert menu.locator("li a").first.is_visible()
    assert not menu.locator("summary").is_visible()
    context.close()


def test_tables_scroll_inside_a_labelled_region(site, browser):
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="nl-NL")
    page = context.new_page()
    for path in ("/kennis/bzk-huisvesting-aandachtsgroepen/", "/regelingen/vergelijken/"):
        page.goto(site + path)
        tables = page.locator("main table")
        assert tables.count() >= 1, path
        for table in tables.all():
            region = table.locator("xpath=ancestor::*[@role='region'][1]")
            assert region.count() == 1, path
            label = region.get_attribute("aria-label") or region.get_attribute("aria-labelledby")
            assert label and label.strip(), path
            assert region.get_attribute("tabindex") == "0", path
            box = region.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390 + 1, (path, box)
        assert _overflow(page) <= 0, path
    context.close()


EDITOR_PAGES = [
    "/redactie/inloggen/",
    "/redactie/",
    "/redactie/nieuw/?soort=regeling",
    "/redactie/items/pilot-grote-gezinnen/",
    "/redactie/items/pilot-grote-gezinnen/?weergave=bron",
    "/redactie/links/?q=pilot",
    "/redactie/feedback/",
    "/redactie/zoekvragen/",
    "/redactie/vraagbaak/",  # issue 16
    "/redactie/vraagbaak/cijfers/",
    "/redactie/flexpool/",
    "/redactie/flexpool/profielen/",
    "/redactie/flexpool/profielen/nieuw/",
    "/redactie/cijfers/",  # issue 17
    "/redactie/cijfers/uploaden/",
]


def test_no_editor_page_is_wider_than_a_phone(site, browser):
    """Editors between meetings too (issue 15's pages): the same measurement, logged in."""
    from django.contrib.auth.models import User

    # Transactional tests flush the roles the migrations made: a superuser sees every page.
    User.objects.create_superuser("telefoon", password=PASSWORD)
    failures = _measure(
        browser, site, (320, 390), EDITOR_PAGES, before=lambda page: log_in(page, site, "telefoon")
    )
    assert not failures, _report(failures)
