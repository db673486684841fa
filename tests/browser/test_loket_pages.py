"""The vraagbaak in real Chromium: no WCAG 2.1 A/AA violations (axe-core) on its public and
editors' pages, and the public form works by keyboard, without JavaScript."""

import pytest
from django.contrib.auth.models import Permission

from kenniscentrum.loket import handling, intake
from kenniscentrum.loket.vocabulary import State
from tests.browser.axe import violations
from tests.browser.editors import log_in, make_editor

pytestmark = pytest.mark.browser


def editor_with_loket(name: str):
    user = make_editor(name, "redacteur")
    user.groups.get().permissions.add(
        *Permission.objects.filter(
            content_type__app_label="loket", codename__in=["view_question", "change_question"]
        )
    )
    return user


def test_the_public_pages_have_no_wcag_violations(site, page):
    failures = {}
    page.goto(site + "/vraag-stellen/")
    failures["form"] = violations(page)
    page.click("text=Verstuur uw vraag")  # empty: the error summary
    assert page.locator(".kc-error-summary").is_visible()
    failures["form with errors"] = violations(page)
    page.fill("#veld-vraag", "Mogen wij een leeg kantoor als tussenvoorziening gebruiken?")
    page.check("#veld-organisatie")
    page.focus("#veld-toestemming")
    page.keyboard.press("Tab")  # the honeypot is no tab stop: the button is next
    assert page.evaluate("document.activeElement.textContent") == "Verstuur uw vraag"
    page.click("text=Verstuur uw vraag")
    page.wait_for_url("**/vraag-stellen/ontvangen/**")
    failures["confirmation"] = violations(page)
    assert not any(failures.values()), failures


def test_the_public_form_by_keyboard_without_javascript(site, browser):
    context = browser.new_context(locale="nl-NL", java_script_enabled=False)
    context.set_default_timeout(15_000)
    tab = context.new_page()
    tab.goto(site + "/vraag-stellen/")
    tab.fill("#veld-vraag", "Mogen wij een leeg kantoor als tussenvoorziening gebruiken?")
    tab.focus("#veld-organisatie")
    tab.keyboard.press("Space")
    tab.fill("#veld-email", "ambtenaar@voorbeeldstad.nl")
    tab.focus("#veld-toestemming")
    tab.keyboard.press("Space")
    tab.keyboard.press("Tab")
    tab.keyboard.press("Enter")  # on the button (the first test checks the tab order)
    tab.wait_for_url("**/vraag-stellen/ontvangen/**")
    assert "Uw vraag is ontvangen" in tab.content()
    assert "Ja, naar het adres dat u opgaf" in tab.content()
    context.close()


def test_the_editors_pages_have_no_wcag_violations(site, page):
    anna = editor_with_loket("anna")
    answered = intake.submit(intake.NewQuestion(text="Vraag een", organisation_type="gemeente"))
    handling.close(answered, State.ANSWERED, "## Antwoord\n\nJa.", anna)
    open_question = intake.submit(
        intake.NewQuestion(text="Vraag twee", organisation_type="anders", email="a@b.nl")
    )
    log_in(page, site, "anna")
    failures = {}
    for path in (
        "/redactie/vraagbaak/",
        "/redactie/vraagbaak/cijfers/",
        f"/redactie/vraagbaak/{open_question.reference}/",
        f"/redactie/vraagbaak/{answered.reference}/",
    ):
        page.goto(site + path)
        if found := violations(page):
            failures[path] = found
    page.goto(site + f"/redactie/vraagbaak/{open_question.reference}/")
    page.click("text=Antwoord versturen")  # empty: the error summary
    assert page.locator(".kc-error-summary").is_visible()
    if found := violations(page):
        failures["detail with errors"] = found
    assert not failures, failures
