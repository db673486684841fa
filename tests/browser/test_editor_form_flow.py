"""Issue 15 end to end in real Chromium: a redacteur writes a new regeling entirely through
the form (two amounts in repeated rows, an internal link chosen with the link picker), submits
it; the eindredacteur finds it under "Te beoordelen" and publishes it; the author gets an
e-mail; and the exported file reads exactly as a hand-written one."""

import pytest
from django.core import mail

from kenniscentrum.knowledge.exporting import render_file
from kenniscentrum.knowledge.loading import validate_document
from kenniscentrum.knowledge.models import Item
from tests.browser.editors import log_in, make_editor

pytestmark = pytest.mark.browser
SLUG = "gemeentelijke-huisvestingsbijdrage"
PILOT_LINK = (
    "[Pilot 'Financiële impuls versnelde huisvesting grote gezinnen vergunningshouders' (JenV)]"
    "(/kennis/pilot-grote-gezinnen/)"
)

# What an editor would have written by hand for the same regeling (in the layout export_content
# writes; the data is also compared, so a layout difference alone would show as such).
HANDWRITTEN = f"""---
slug: {SLUG}
kind: regeling
title: Gemeentelijke huisvestingsbijdrage (testregeling)
summary: Een regeling die in de browser met het formulier is geschreven.
themes:
- financiering
sources:
- section: '3.1'
  note: Financiële regelingen
published: '2026-11-28'
last_reviewed: '2026-11-28'
regeling:
  provider: BZK
  applicants:
  - gemeente
  amounts:
  - label: Eerste deel
    eur: 1000
  - label: Tweede deel
    eur: 2500
  status: open
---

Zie ook {PILOT_LINK}.
"""


def test_a_regeling_written_in_the_form_is_reviewed_published_and_exported(site, browser):
    make_editor("rita", "redacteur")
    make_editor("erik", "eindredacteur")
    mail.outbox.clear()

    writer = browser.new_context(locale="nl-NL").new_page()
    log_in(writer, site, "rita")
    writer.goto(site + "/redactie/nieuw/?soort=regeling")
    writer.fill("#veld-slug", SLUG)
    writer.fill("#veld-title", "Gemeentelijke huisvestingsbijdrage (testregeling)")
    writer.fill("#veld-summary", "Een regeling die in de browser met het formulier is geschreven.")
    writer.check("#veld-themes")  # financiering
    writer.fill("#veld-published", "2026-11-28")
    writer.fill("#veld-last-reviewed", "2026-11-28")
    writer.select_option("#veld-sources-0-section", "3.1")
    writer.fill("#veld-sources-0-note", "Financiële regelingen")
    writer.fill("#veld-regeling-provider", "BZK")
    writer.check("#veld-regeling-applicants")  # gemeente
    writer.select_option("#veld-regeling-status", "open")
    # Two amounts: each "toevoegen" is a plain submit that returns the form with one more row.
    for index, (label, eur) in enumerate([("Eerste deel", "1000"), ("Tweede deel", "2500")]):
        writer.click("button[name=add][value='regeling.amounts']")
        writer.fill(f"#veld-regeling-amounts-{index}-label", label)
        writer.fill(f"#veld-regeling-amounts-{index}-eur", eur)
    # The link picker: search as you type, then insert the link at the cursor in the body.
    writer.fill("#veld-body", "Zie ook ")
    writer.locator("#veld-body").press("End")
    writer.fill("#link-picker-q", "grote gezinnen vergunningshouders")
    insert = writer.get_by_role("button", name="Link invoegen: Pilot", exact=False).first
    insert.wait_for()
    insert.click()
    body = writer.input_value("#veld-body")
    assert "(/kennis/pilot-grote-gezinnen/)" in body
    writer.fill("#veld-body", body.rstrip() + ".")
    writer.click("button[name=action][value=save]")
    writer.wait_for_url(f"**/redactie/items/{SLUG}/")
    writer.click("button:has-text('Ter beoordeling aanbieden')")
    assert "Ter beoordeling" in writer.locator("main").inner_text()

    chief = browser.new_context(locale="nl-NL").new_page()
    log_in(chief, site, "erik")
    queue = chief.locator("section[aria-labelledby=te-beoordelen]")
    assert "Gemeentelijke huisvestingsbijdrage (testregeling)" in queue.inner_text()
    assert "door rita" in queue.inner_text()
    submitted = [m for m in mail.outbox if "erik@redactie.example" in m.to]
    assert submitted, "the eindredacteur is told something was submitted"
    queue.locator(f"h3 a[href='/redactie/items/{SLUG}/']").click()
    chief.click("button:has-text('Publiceren')")
    assert "Gepubliceerd" in chief.locator("main").inner_text()

    published = [m for m in mail.outbox if "rita@redactie.example" in m.to]
    assert published and "gepubliceerd" in (published[-1].subject + published[-1].body).lower()

    item = Item.objects.get(slug=SLUG)
    exported = render_file(item)
    assert validate_document(exported, "regeling", SLUG, "x") == validate_document(
        HANDWRITTEN, "regeling", SLUG, "x"
    )
    assert exported.strip() == HANDWRITTEN.strip()
