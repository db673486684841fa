"""Real pages in real Chromium: no WCAG 2.1 A/AA violations (axe-core), usable by keyboard."""

import pytest

from tests.browser.axe import violations as axe_violations

pytestmark = pytest.mark.browser

# The comparison of regelingen as the check's result page links to it (issue 11).
COMPARISON_FROM_CHECK = (
    "/regelingen/vergelijken/?organisation=gemeente&province=utrecht&backlog=12"
    "&large_families=onbekend&plans=tussenvoorziening&target_groups=statushouders"
    "&needs_expertise=ja&regional_cooperation=ja&reference_date=2021-11-01"
)
# Later issues add their pages here.
PAGES = [
    "/",
    "/regelingen/",
    "/regelingen/vergelijken/",
    COMPARISON_FROM_CHECK,
    "/kennis/vrijstelling-verhuurderheffing/",
    "/praktijkvoorbeelden/?thema=flexwonen",
    "/kennis/bzk-huisvesting-aandachtsgroepen/",
    "/kennis/aanbeveling-1/",
    "/themas/flexwonen/",
    "/rapport/",
    "/rapport/2-1/",
    "/over/",
    "/toegankelijkheid",
    "/colofon/",
    "/bestaat-niet/",
    "/zoeken/",
    "/zoeken/?q=grote+gezinnen",
    "/zoeken/?q=corporatie&soort=regeling",
    "/zoeken/?q=tusenvoorziening",
    "/zoeken/?q=gemeente&pagina=abc&thema=bestaat-niet",
    "/cijfers/",
    "/cijfers/zuid-holland/",
    "/cijfers/vergelijking/?periode=2021-1&maat=pct_remaining",
    "/check/",
    "/check/uitslag/?organisation=&backlog=-4&province=utrecht",
    "/check/uitslag/?organisation=gemeente&province=utrecht&backlog=12&large_families=onbekend"
    "&plans=tussenvoorziening&target_groups=statushouders&needs_expertise=ja"
    "&regional_cooperation=ja&reference_date=2021-11-01",
    "/redactie/inloggen/",  # the back office's own login (issue 15)
    "/vragen/",  # issue 16 (the services' own forms, errors and queues: their browser tests)
    "/kennis/vraag-pilot-grote-gezinnen-aanmelden/",
    "/vraag-stellen/",
    "/flexpool/",
    "/flexpool/?expertise=onbekend&provincie=utrecht",
    "/flexpool/aanvragen/?provincie=utrecht&expertise=flexwonen",
    "/cijfers/gemeenten/?q=a",  # issue 17
    "/cijfers/gemeente/GM0363/",
]


def test_pages_have_no_wcag_violations(site, page):
    failures = {}
    for path in PAGES:
        page.goto(site + path)
        assert page.locator("html").get_attribute("lang") == "nl"
        violations = axe_violations(page)
        if violations:
            failures[path] = violations
    assert not failures, failures


def test_pages_work_on_a_phone(site, browser):
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="nl-NL")
    page = context.new_page()
    for path in ["/", "/kennis/bzk-huisvesting-aandachtsgroepen/", "/rapport/2-1/",
                 "/regelingen/vergelijken/", COMPARISON_FROM_CHECK]:  # fmt: skip
        page.goto(site + path)
        # No horizontal scrolling of the page itself (wide tables scroll inside their wrapper).
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} scrollt {overflow}px horizontaal op een telefoon"
        assert not axe_violations(page)
    context.close()


def test_skip_link_and_visible_focus_by_keyboard(site, page):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Direct naar de inhoud"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#inhoud"


def test_filter_works_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    page.goto(site + "/praktijkvoorbeelden/")
    page.select_option("#id_thema", "flexwonen")
    page.click("button:has-text('Filter')")
    assert "thema=flexwonen" in page.url
    assert page.locator(".kc-results > li").count() >= 1
    context.close()


def test_search_from_the_header_by_keyboard(site, page):
    page.goto(site + "/regelingen/")
    page.focus("#zoekterm-kop")
    page.keyboard.type("grote gezinnen")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zoeken/?q=grote+gezinnen")
    assert page.input_value("#zoek-q") == "grote gezinnen"
    first = page.locator(".kc-results > li h2 a").first.get_attribute("href")
    assert first in {"/kennis/pilot-grote-gezinnen/", "/kennis/aanbeveling-6/"}
    assert page.locator(".kc-results mark").count() > 0


def test_check_by_keyboard_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    page.goto(site + "/check/")
    page.check("#veld-organisation")  # gemeente
    page.select_option("#veld-province", "zuid-holland")
    page.fill("#veld-backlog", "25")
    page.check("#veld-large_families-unknown")
    page.check("#veld-plans")  # tussenvoorziening
    page.check("#veld-target_groups")  # statushouders
    page.check("#veld-needs_expertise")
    page.check("#veld-regional_cooperation")
    page.focus("form.kc-form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/check/uitslag/**")
    assert page.locator("h1").inner_text() == "Uitslag van de check"
    assert page.locator(".kc-check-result--eligible").count() >= 1
    page.click("a[href*='#veld-backlog']")
    assert page.input_value("#veld-backlog") == "25"
    context.close()


def test_editor_pages(site, page):
    from django.contrib.auth.models import User

    # Transactional tests flush the roles created by migrations: a superuser sees every page.
    User.objects.create_superuser("redacteur-browser", password="een-lang-Wachtwoord-2026")
    page.goto(site + "/redactie/inloggen/")
    page.fill("#id_username", "redacteur-browser")
    page.fill("#id_password", "een-lang-Wachtwoord-2026")
    page.keyboard.press("Enter")
    page.wait_for_url(site + "/redactie/")
    failures = {}
    from kenniscentrum.editorial.search_insights import log_search

    log_search("huisvestingsopgave", 0)  # the insights page with its actions (issue 12)
    from kenniscentrum.knowledge.models import Item

    # "Te beoordelen" with an entry in it (issue 15).
    Item.objects.filter(slug="rvb-flexwoningen").update(status="ter-beoordeling")
    for path in ["/redactie/zoekvragen/", "/beheer/", "/beheer/knowledge/item/", "/redactie/",
                 "/redactie/nieuw/", "/redactie/nieuw/?soort=regeling",
                 "/redactie/items/pilot-grote-gezinnen/",
                 "/redactie/items/pilot-grote-gezinnen/?weergave=bron",
                 "/redactie/items/rvb-flexwoningen/",
                 "/redactie/items/pilot-grote-gezinnen/versies/",
                 "/redactie/zoekvragen/synoniemgroep/?q=huisvestingsopgave",
                 "/redactie/zoekvragen/aanbevolen/?q=huisvestingsopgave",
                 "/redactie/feedback/", "/redactie/links/?q=pilot",
                 "/redactie/wachtwoord/"]:  # fmt: skip
        page.goto(site + path)
        violations = axe_violations(page)
        if violations:
            failures[path] = violations
    assert not failures, failures


def test_comparison_table_scrolls_inside_its_region_on_a_phone(site, browser):
    """The table is wider than a phone: it scrolls in its own focusable region, the page does
    not, and the name of each regeling stays in view while scrolling (issue 11)."""
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="nl-NL")
    page = context.new_page()
    page.goto(site + COMPARISON_FROM_CHECK)
    region = page.locator(".kc-compare")
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    region.focus()  # by keyboard too: the region is focusable and scrolls with the arrows
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    # Arrow keys scroll smoothly: wait for the scroll instead of reading it at once.
    page.wait_for_function(
        "() => document.querySelector('.kc-compare').scrollLeft > 0", timeout=5000
    )
    region.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    header = page.locator(".kc-compare tbody th[scope=row]").first.bounding_box()
    assert header["x"] >= 0 and header["x"] < 40, header  # sticky at the left edge
    assert page.locator(".kc-compare tbody tr").count() >= 7
    context.close()
