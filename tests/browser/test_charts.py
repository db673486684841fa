"""Issue 14 in real Chromium: the charts read well on a 390 px phone, and /cijfers/ shows the
province list before the long tables."""

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

# Every visible text box of a chart: HTML text by its computed font size, SVG text by its font
# size times the drawing's scale on screen (SVG text shrinks with the drawing).
CHART_TEXT = """() => {
  const visible = (e) => e.getClientRects().length > 0;
  const html = [...document.querySelectorAll(
      '.kc-hbars__label, .kc-hbars__value, .kc-hbars__tick, .kc-hbars__axis-title')]
    .filter(visible)
    .map((e) => ({text: e.textContent, size: parseFloat(getComputedStyle(e).fontSize)}));
  const svg = [...document.querySelectorAll('svg.kc-chart text')].filter(visible).map((e) => ({
    text: e.textContent,
    size: parseFloat(getComputedStyle(e).fontSize) * e.ownerSVGElement.getScreenCTM().a,
  }));
  return html.concat(svg);
}"""

LABEL_BOXES = """(selector) => [...document.querySelectorAll(selector)]
  .filter((e) => e.getClientRects().length > 0)
  .map((e) => { const r = e.getBoundingClientRect();
                return {text: e.textContent, left: r.left, right: r.right,
                        top: r.top, bottom: r.bottom}; })"""


def _overlaps(boxes: list[dict]) -> list[tuple[str, str]]:
    return [
        (a["text"], b["text"])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a["left"] < b["right"] and b["left"] < a["right"]
        and a["top"] < b["bottom"] and b["top"] < a["bottom"]
    ]  # fmt: skip


def _phone(browser):
    return browser.new_context(viewport=PHONE, locale="nl-NL", java_script_enabled=False)


def test_comparison_reads_well_on_a_phone(site, browser):
    context = _phone(browser)
    page = context.new_page()
    for query in ("maat=pct_remaining", "maat=pct_remaining&sorteer=alfabet", "maat=target"):
        page.goto(f"{site}/cijfers/vergelijking/?periode=2021-1&{query}")
        labels = page.evaluate(LABEL_BOXES, ".kc-hbars__label")
        assert len(labels) == 12
        assert not _overlaps(labels), query
        ticks = page.evaluate(LABEL_BOXES, ".kc-hbars__tick")
        assert len(ticks) >= 2 and not _overlaps(ticks), query
        values = page.evaluate(LABEL_BOXES, ".kc-hbars__value")
        assert not _overlaps(values + labels), query
        small = [t for t in page.evaluate(CHART_TEXT) if t["size"] < 12]
        assert not small, small
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{query}: {overflow}px horizontaal"
    context.close()


def test_svg_charts_keep_their_text_readable_on_a_phone(site, browser):
    context = _phone(browser)
    page = context.new_page()
    for path in ("/cijfers/", "/cijfers/friesland/"):
        page.goto(site + path)
        texts = page.evaluate(CHART_TEXT)
        assert texts, path
        small = [t for t in texts if t["size"] < 12]
        assert not small, (path, small[:3])
        # One drawing per chart is shown: the narrow one.
        assert page.locator("svg.kc-chart--narrow").first.is_visible()
        assert not page.locator("svg.kc-chart--wide").first.is_visible()
        axis = page.evaluate(LABEL_BOXES, "svg.kc-chart--narrow text.kc-chart__axis")
        assert not _overlaps(axis), path
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path}: {overflow}px horizontaal"
    context.close()


def test_province_list_near_the_top_of_cijfers(site, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.goto(site + "/cijfers/")
    top = page.evaluate(
        "document.querySelector('.kc-figures-province-list').getBoundingClientRect().top"
        " + window.scrollY"
    )
    assert top < 900, top
    assert page.locator(".kc-figures-province-list a").count() == 12
    # The explanation per row is behind a toggle that works without JavaScript.
    details = page.locator(".kc-flag-details").first
    assert not details.locator("li").first.is_visible()
    details.locator("summary").click()
    assert details.locator("li").first.is_visible()
    context.close()
