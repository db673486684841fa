"""Issue 16, the flexpool end to end in real Chromium: an editor adds a profile in the back
office; a gemeente that told the check it needs expertise follows the check's link to a
prefilled request, sends it and sees the available profiles ranked by the matching rule (public
fields only); the request lands in the editors' queue, where it is matched and confirmed, and the
requester is mailed."""

from datetime import date

import pytest
from django.core import mail

from kenniscentrum.flexpool.models import FlexRequest, Profile
from tests.browser.axe import violations
from tests.browser.editors import log_in, make_editor

pytestmark = pytest.mark.browser

FLEXPOOL_PERMISSIONS = (
    "view_profile", "add_profile", "change_profile", "view_flexrequest", "change_flexrequest",
    "view_requestlogentry",
)  # fmt: skip
CHECK_RESULT = (
    "/check/uitslag/?organisation=gemeente&province=utrecht&backlog=12&large_families=onbekend"
    "&plans=flexwonen&plans=transformatie&target_groups=statushouders&needs_expertise=ja"
    "&regional_cooperation=nee&reference_date=2021-11-01"
)


def _profile(name, expertise, provinces, public_name=True):
    return Profile.objects.create(
        name=name, name_public=public_name, organisation="Bureau " + name,
        organisation_public=False, expertise=expertise, provinces=provinces,
        available_from=date(2027, 1, 1), available_until=date(2027, 12, 31),
        description="Ervaren projectleider.", description_public=True,
        contact_route="Via de redactie van het kenniscentrum.", contact_route_public=True,
        active=True,
    )  # fmt: skip


def test_a_request_from_the_check_is_matched_ranked_and_confirmed(site, browser):
    make_editor("fenna", "redacteur", also=FLEXPOOL_PERMISSIONS)
    # Two profiles the rule must rank below the one the editor adds: one covers only one of the
    # two expertises, one covers both but works elsewhere; one more that covers neither.
    _profile("Piet Eenvak", ["flexwonen"], ["utrecht"])
    _profile("Gerda Elders", ["flexwonen", "transformatie"], ["groningen"], public_name=False)
    _profile("Nina Nergens", ["grote-gezinnen"], ["utrecht"])

    editor = browser.new_context(locale="nl-NL").new_page()
    editor.set_default_timeout(10_000)
    log_in(editor, site, "fenna")
    editor.goto(site + "/redactie/flexpool/profielen/nieuw/")
    editor.fill("#id_name", "Anna Allround")
    editor.check("#id_name_public")
    editor.fill("#id_organisation", "Expertisebureau Wonen")
    editor.check("input[name=expertise][value=flexwonen]")
    editor.check("input[name=expertise][value=transformatie]")
    editor.check("input[name=provinces][value=utrecht]")
    editor.fill("#id_available_from", "2027-01-01")
    editor.fill("#id_available_until", "2027-12-31")
    editor.fill("#id_description", "Twintig jaar tijdelijke woningbouw.")
    editor.check("#id_description_public")
    editor.fill("#id_contact_route", "Via de redactie van het kenniscentrum.")
    editor.check("#id_active")
    editor.click('button:text("Opslaan")')
    assert Profile.objects.filter(name="Anna Allround", active=True).exists()

    mail.outbox.clear()
    gemeente = browser.new_context(locale="nl-NL").new_page()
    gemeente.goto(site + CHECK_RESULT)
    gemeente.click("text=Vraag een projectleider aan")
    assert gemeente.url.startswith(site + "/flexpool/aanvragen/?provincie=utrecht")
    assert gemeente.locator("#id_province").input_value() == "utrecht"
    assert gemeente.is_checked("input[name=expertise][value=flexwonen]")
    assert gemeente.is_checked("input[name=expertise][value=transformatie]")
    gemeente.fill("#id_gemeente", "Voorbeeldstad")
    gemeente.fill("#id_need", "Een projectleider voor 60 flexwoningen op een kantoorlocatie.")
    gemeente.fill("#id_period_from", "2027-03-01")
    gemeente.fill("#id_period_until", "2027-09-30")
    gemeente.fill("#id_contact_name", "Sam de Vries")
    gemeente.fill("#id_contact_email", "s.devries@voorbeeldstad.example")
    gemeente.click('button:text("Aanvraag versturen")')
    gemeente.wait_for_url("**/flexpool/aanvragen/ontvangen/**")
    assert violations(gemeente) == []

    names = gemeente.locator("main h3").all_inner_texts()
    # The rule: most requested expertise first, then the province, then overlap, then name.
    assert names[:3] == ["Anna Allround", "Projectleider (naam niet openbaar)", "Piet Eenvak"]
    assert "Nina Nergens" not in names
    page_text = gemeente.locator("main").inner_text()
    assert "Gerda Elders" not in page_text and "Bureau Piet Eenvak" not in page_text
    assert "Deskundig in flexwonen" in page_text and "Werkt in Utrecht" in page_text
    reference = FlexRequest.objects.get().reference
    assert reference in page_text

    editor.goto(site + "/redactie/flexpool/")
    assert reference in editor.locator("main").inner_text()
    editor.click(f"text={reference}")
    anna = Profile.objects.get(name="Anna Allround")
    first_choice = editor.locator("#kies-profiel input[name=profile]").first
    assert first_choice.get_attribute("value") == str(anna.pk)
    first_choice.check()
    editor.click("#kies-profiel ~ p button")
    editor.fill("#toelichting-confirm", "Anna neemt deze week contact met u op.")
    editor.click("text=en de aanvrager mailen >> nth=0")
    request = FlexRequest.objects.get()
    assert request.status == "bevestigd" and request.matched_profile == anna
    assert [m.to for m in mail.outbox] == [["s.devries@voorbeeldstad.example"]]
    assert "Anna neemt deze week contact met u op." in mail.outbox[0].body
    assert "Anna Allround" in mail.outbox[0].body
