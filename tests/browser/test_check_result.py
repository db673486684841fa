"""The check's result page with its summary (issue 11) in real Chromium: no WCAG 2.1 A/AA
violations (axe-core), usable on a phone, its summary links work without JavaScript, and its
print view (summary plus compact blocks, no navigation) fits on few pages."""

import re

import pytest

from tests.browser.axe import violations as axe_violations

pytestmark = pytest.mark.browser

ANSWERS = (
    "organisation=gemeente&province=zuid-holland&backlog=25&large_families=2"
    "&plans=tussenvoorziening&plans=tijdelijke_woningen&target_groups=statushouders"
    "&needs_expertise=ja&regional_cooperation=ja"
)
# Every verdict between them: the report's own day (BZK open), a day in 2026 (windows closed,
# the verhuurderheffing ended), and a provincie (nothing to apply for, advice instead).
PAGES = [
    f"/check/uitslag/?{ANSWERS}&reference_date=2021-11-01",
    f"/check/uitslag/?{ANSWERS}&reference_date=30-11-2026",
    f"/check/uitslag/?{ANSWERS.replace('gemeente', 'provincie')}&reference_date=2026-11-30",
    f"/check/uitslag/?{ANSWERS.replace('gemeente', 'woningcorporatie')}&reference_date=2021-06-01",
]


def test_result_pages_have_no_wcag_violations(site, page):
    failures = {}
    for path in PAGES:
        page.goto(site + path)
        assert page.locator("#samenvatting").is_visible()
        violations = axe_violations(page)
        # And with every "Meer over deze regeling" opened: what is hidden must pass too.
        for summary in page.locator("details.kc-check-more > summary").all():
            summary.click()
        violations += axe_violations(page)
        if violations:
            failures[path] = violations
    assert not failures, failures


def test_result_page_works_on_a_phone(site, browser):
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="nl-NL")
    page = context.new_page()
    for path in PAGES[:2]:
        page.goto(site + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} scrollt {overflow}px horizontaal op een telefoon"
        assert not axe_violations(page)
    context.close()


def test_summary_links_lead_to_their_block_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    page.goto(site + PAGES[1])
    links = page.locator(".kc-check-overview a")
    assert links.count() == page.locator(".kc-check-results > li").count() >= 7
    # Only "Nu aan te vragen" is green; the rest says in words what it is.
    first = page.locator(".kc-check-results > li").first
    assert "kc-check-result--verdict-apply_now" in first.get_attribute("class")
    closed = page.locator(".kc-check-result--verdict-closed .kc-verdict").first
    assert re.match(r"Voldeed (mogelijk )?aan de voorwaarden; aanvragen kan niet meer sinds ",
                    closed.inner_text())  # fmt: skip
    target = links.nth(5).get_attribute("href")
    links.nth(5).focus()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == target
    top = page.evaluate(f"document.querySelector('{target}').getBoundingClientRect().top")
    assert 0 <= top < 200  # scrolled to the block
    # A closed block keeps its details one keyboard press away.
    more = page.locator(f"{target} details.kc-check-more > summary")
    if more.count():
        more.focus()
        page.keyboard.press("Enter")
        assert page.locator(f"{target} details.kc-check-more").get_attribute("open") is not None
    context.close()


def test_print_view_is_summary_plus_compact_blocks_on_few_pages(site, page):
    page.goto(site + PAGES[1])
    screen_height = page.evaluate("document.documentElement.scrollHeight")
    assert not page.get_by_text("Criteria-versie").is_visible()
    page.emulate_media(media="print")
    for hidden in [".kc-header", ".kc-footer", ".kc-breadcrumb", "details.kc-check-more"]:
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator("#samenvatting").is_visible()
    assert page.locator(".kc-print-only").first.is_visible()  # the result's own address
    # The rules' version appears on paper only (a footnote), never on screen (issue 14).
    assert page.get_by_text("Criteria-versie").is_visible()
    pdf = page.pdf(format="A4", margin={"top": "15mm", "bottom": "15mm", "left": "15mm",
                                         "right": "15mm"})  # fmt: skip
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 1 <= pages <= 4, f"de afdruk is {pages} pagina's (scherm: {screen_height}px)"
