"""Issue 16, the vraagbaak end to end in real Chromium: a civil servant asks a question and sees
its kenmerk and the promised date; an editor finds it in the queue, answers it (the asker is
mailed), turns it into a vraag en antwoord without personal details; the eindredacteur
publishes that, and search finds it."""

import re

import pytest
from django.core import mail
from django.utils import formats

from kenniscentrum.core.dates import today
from kenniscentrum.knowledge.models import Item
from kenniscentrum.loket import config
from kenniscentrum.loket.models import Question
from kenniscentrum.loket.working_days import add_working_days
from tests.browser.axe import violations
from tests.browser.editors import log_in, make_editor

pytestmark = pytest.mark.browser

LOKET_PERMISSIONS = ("view_question", "change_question", "view_questionevent")
QUESTION = (
    "Wij willen een leegstaand kantoor ombouwen tot tussenvoorziening. Helpt RVO daarbij, en "
    "wat kost dat onze gemeente? Groet, Jan Jansen, gemeente Voorbeeldstad, 06-12345678"
)
ANSWER = (
    "Ja. RVO helpt gemeenten bij een tussenvoorziening en bij flexwonen, bijvoorbeeld met de "
    "business case. Volgens het rapport betaalt een gemeente maximaal € 6.000 "
    "([§3.2](/rapport/3-2/))."
)


def test_a_question_is_answered_mailed_published_and_found(site, browser):
    make_editor("vera", "redacteur", also=LOKET_PERMISSIONS)
    make_editor("erik", "eindredacteur", also=LOKET_PERMISSIONS)
    mail.outbox.clear()

    asker = browser.new_context(locale="nl-NL").new_page()
    asker.set_default_timeout(10_000)
    asker.goto(site + "/")
    asker.click("nav[aria-label=Hoofdmenu] >> text=Vraag stellen")
    asker.fill("#veld-vraag", QUESTION)
    asker.check("#veld-organisatie")  # the first organisation type: gemeente
    asker.fill("#veld-gemeente", "Voorbeeldstad")
    asker.select_option("#veld-provincie", "utrecht")
    asker.fill("#veld-email", "jan.jansen@voorbeeldstad.example")
    asker.check("#veld-toestemming")
    asker.click("button:text('Verstuur uw vraag')")
    asker.wait_for_url("**/vraag-stellen/ontvangen/**")
    question = Question.objects.get()
    promised = add_working_days(today(), config.answer_days())
    assert question.promised_on == promised
    received = asker.locator("main").inner_text()
    assert question.reference in received
    assert formats.date_format(promised, "l j F Y") in received
    assert "Voorbeeldstad" not in received and "jan.jansen" not in received
    assert violations(asker) == []

    editor = browser.new_context(locale="nl-NL").new_page()
    editor.set_default_timeout(10_000)
    log_in(editor, site, "vera")
    editor.click("nav[aria-label=Redactiemenu] >> text=Vraagbaak")
    editor.click(f"text={question.reference}")
    editor.fill("#veld-beantwoorden-tekst", ANSWER)
    editor.click("button:text('Antwoord versturen')")
    assert "Verstuurd antwoord" in editor.locator("main").inner_text()
    assert [m.to for m in mail.outbox] == [["jan.jansen@voorbeeldstad.example"]]
    assert question.reference in mail.outbox[0].subject + mail.outbox[0].body
    assert "maximaal € 6.000" in mail.outbox[0].body

    editor.click("text=Maak er een vraag en antwoord van")
    assert editor.input_value("#veld-titel").startswith("Wij willen een leegstaand kantoor")
    editor.check("#veld-gecontroleerd")
    editor.click("button:text('Maak het concept')")
    # The asker's name, gemeente and phone number are still in the title: refused, by field.
    errors = editor.locator(".kc-error-summary").inner_text()
    assert "Titel" in errors
    assert Item.objects.filter(kind="vraag", status="concept").count() == 0
    editor.fill("#veld-titel", "Helpt RVO bij het ombouwen van een kantoor tot tussenvoorziening?")
    editor.fill(
        "#veld-samenvatting",
        "Ja: RVO helpt gemeenten bij een tussenvoorziening, tegen maximaal € 6.000.",
    )
    editor.check("input[name=themas][value=flexwonen]")
    editor.check("input[name=bronnen][value='3.2']")
    editor.check("#veld-gecontroleerd")
    editor.click("button:text('Maak het concept')")
    editor.wait_for_url("**/redactie/items/vraag-*/")
    slug = re.search(r"/redactie/items/([-a-z0-9]+)/", editor.url).group(1)
    editor.click("button:has-text('Ter beoordeling aanbieden')")

    chief = browser.new_context(locale="nl-NL").new_page()
    chief.set_default_timeout(10_000)
    log_in(chief, site, "erik")
    chief.goto(f"{site}/redactie/items/{slug}/")
    chief.click("button:has-text('Publiceren')")
    item = Item.objects.get(slug=slug)
    assert item.kind == "vraag" and item.status == "gepubliceerd"
    body = item.body + item.title + item.summary
    assert "Jansen" not in body and "06-12345678" not in body and "Voorbeeldstad" not in body

    asker.goto(site + "/vragen/")
    assert f"/kennis/{slug}/" in asker.content()
    asker.goto(site + "/zoeken/?q=kantoor+ombouwen+tussenvoorziening")
    found = [link.get_attribute("href") for link in asker.locator(".kc-results h2 a").all()]
    assert f"/kennis/{slug}/" in found[:3]
