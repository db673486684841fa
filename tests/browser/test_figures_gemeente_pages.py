"""The gemeente pages, the gemeente search and the check with a gemeente in real Chromium: no
WCAG 2.1 A/AA violations (axe-core), and no page wider than a phone (320, 390, 768 px).

Uses the browser harness of tests/browser (Debian's Chromium through Playwright); like those
tests it runs against a live server and so flushes the database (conftest: flushes_database).
"""

from datetime import date

import pytest

from kenniscentrum.figures.models import PublicationStatus
from tests.browser.axe import violations as axe_violations
from tests.browser.test_phone_layout import _measure, _report
from tests.test_figures_gemeente import make_gemeente, publish

pytestmark = pytest.mark.browser

CHECK = "organisation=gemeente&large_families=0&needs_expertise=nee&regional_cooperation=ja"
PAGES = [
    "/cijfers/",
    "/cijfers/gemeente/GM9001/",
    "/cijfers/gemeente/GM9009/",
    "/cijfers/gemeente/GM9010/",
    "/cijfers/gemeenten/",
    "/cijfers/gemeenten/?q=gemeente",
    "/cijfers/gemeenten/?q=Atlantis",
    "/cijfers/gemeenten/?q=" + "x" * 120,
    "/check/?organisation=gemeente&province=utrecht&backlog=60&gemeente=GM9001",
    f"/check/uitslag/?{CHECK}&gemeente=GM9001",
    f"/check/uitslag/?{CHECK}&gemeente=GM9999&province=zeeland",
]


@pytest.fixture
def gemeenten(site):  # noqa: F811 (the imported fixture)
    """Names as long as real ones (Súdwest-Fryslân, Alphen aan den Rijn), to test wrapping."""
    a = make_gemeente("GM9001", "Súdwest-Fryslân-aan-den-Rijn-en-Maas")
    old = make_gemeente("GM9009", "Oudgemeente", valid_until=date(2022, 12, 31), successor=a)
    make_gemeente("GM9010", "Leeggemeente", "zeeland")
    rows = {a: (30, 1500, 1200, 12), old: (5, 20, 5, None)}
    for i in range(8):
        rows[make_gemeente(f"GM902{i}", f"Vergelijkbare gemeente {i}", "gelderland")] = (
            0, 1400 + 50 * i, 700, None,
        )  # fmt: skip
    publish("2022-1", rows, source="COA, maandrapportage huisvesting vergunninghouders juni 2022")
    later = {g: (0, target + 10, 100, 3) for g, (_, target, _, _) in rows.items() if g != old}
    later[a] = (330, 1600, 900, None)
    publish("2022-2", later, published_on=date(2023, 1, 20))
    publish("2023-1", {a: (0, 1, 0, None)}, status=PublicationStatus.CONCEPT)
    return site


def test_gemeente_pages_have_no_wcag_violations(gemeenten, browser):
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    failures = {}
    for path in PAGES:
        response = page.goto(gemeenten + path)
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == "nl"
        found = axe_violations(page)
        if found:
            failures[path] = found
    context.close()
    assert not failures, failures


def test_gemeente_pages_fit_a_phone(gemeenten, browser):
    failures = _measure(browser, gemeenten, (320, 390, 768), PAGES)
    assert not failures, _report(failures)


def test_search_works_without_javascript(gemeenten, browser):
    context = browser.new_context(locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    page.goto(gemeenten + "/cijfers/gemeente/GM9001/")
    main = page.locator("main").inner_text()
    assert "Súdwest-Fryslân-aan-den-Rijn-en-Maas" in main and "Vergelijkbare gemeente 4" in main
    page.goto(gemeenten + "/cijfers/")
    page.get_by_label("Cijfers van een gemeente (naam of CBS-code)").fill("oudgem")
    page.get_by_role("button", name="Zoek gemeente").click()
    assert page.url.endswith("/cijfers/gemeente/GM9009/")
    assert "opgegaan in" in page.locator("main").inner_text()
    context.close()
