"""The link picker with JavaScript: search as you type, and the link lands at the cursor."""

import pytest

pytestmark = pytest.mark.browser
PASSWORD = "een-lang-Wachtwoord-2026"


def test_link_is_inserted_at_the_cursor(site, page):
    from django.contrib.auth.models import User

    from kenniscentrum.knowledge.models import Item

    # Transactional tests flush the roles created by migrations: a superuser edits.
    User.objects.create_superuser("links-browser", password=PASSWORD)
    title = Item.objects.get(slug="pilot-grote-gezinnen").title
    page.goto(site + "/redactie/inloggen/?next=/redactie/items/expertise-rvo-inschakelen/")
    page.fill("#id_username", "links-browser")
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/redactie/items/expertise-rvo-inschakelen/")
    body = page.locator("textarea[data-markdown-body]")
    body.fill("Zie ook  voor meer.")
    body.evaluate("el => el.setSelectionRange(8, 8)")  # between the two spaces
    page.fill("#link-picker-q", "pilot grote")  # typed: no submit, no new tab
    button = page.get_by_role("button", name=f"Link invoegen: {title}")
    button.click()
    expected = f"Zie ook [{title}](/kennis/pilot-grote-gezinnen/) voor meer."
    assert body.input_value() == expected
    assert page.locator("#link-picker-status").inner_text() == f"Link naar ‘{title}’ ingevoegd."
    # Enter in the search field searches here; it neither saves nor opens a tab.
    page.fill("#link-picker-q", "voorwoord")
    page.press("#link-picker-q", "Enter")
    page.get_by_role("button", name="Link invoegen: Voorwoord").wait_for()
    assert len(page.context.pages) == 1
    assert body.input_value() == expected
