"""From an answered question to a concept "vraag en antwoord" item: the asker's details are
refused, the item is made through the editorial app and validates as any content file."""

from datetime import date

import pytest
from django.contrib.auth.models import User

from kenniscentrum.editorial import revisions
from kenniscentrum.knowledge.loading import validate_document
from kenniscentrum.knowledge.models import Item
from kenniscentrum.knowledge.vocabulary import Kind, Status
from kenniscentrum.loket import handling, publishing
from kenniscentrum.loket.models import Question
from kenniscentrum.loket.vocabulary import State
from tests.loket_helpers import editor, question


@pytest.mark.parametrize(
    "text",
    [
        "Mail naar j.jansen@gemeente-x.nl voor meer.",
        "Bel 06-12345678.",
        "Bel 06 1234 5678 of later.",
        "Telefoon: 020 123 45 67.",
        "Telefoon: 0201234567",
        "Bel +31 6 12345678",
        "Bel +31612345678",
        "Bel 0031 (0)20 1234567",
        "In Voorbeeldstad doen we dit zo.",
        "De gemeente voorbeeldstad wil weten",
    ],
)
def test_personal_details_are_found(text):
    assert publishing.personal_details(text, "Gemeente Voorbeeldstad")


@pytest.mark.parametrize(
    "text",
    [
        "De kosten zijn € 12.000, waarvan 50% vergoed.",
        "Kamerstukken II 2022/23, 36 219, nr. 3.",
        "In 2021 waren er 2.921 statushouders; zie Tabel 2 en §3.2.",
        "Voorbeeldstadse aanpak",  # another word, not the gemeente's name
        "Zie https://www.rvo.nl/onderwerpen of 1-11-2021.",
        "Periode 2019-2021 en 2020 - 2021",
    ],
)
def test_ordinary_text_is_not_refused(text):
    assert publishing.personal_details(text, "Voorbeeldstad") == []


def test_a_gemeente_with_special_characters_is_matched_as_a_whole():
    assert publishing.personal_details("In 's-Hertogenbosch kan het.", "'s-Hertogenbosch")
    assert publishing.personal_details("Zie Ede.", "Ede")
    assert not publishing.personal_details("Zie Edam en Bedevaart.", "Ede")
    assert not publishing.personal_details("Geen gemeente.", "")


def test_suggestions_and_slugs():
    long_question = "Hoe " + "lang " * 60 + "is dit?"
    title = publishing.suggested_title(long_question)
    assert len(title) <= 200 and title.endswith("…") and "  " not in title
    assert publishing.suggested_title("Kort\nen goed?") == "Kort en goed?"
    answer = "## Kort antwoord\n\nJa, **dat kan** volgens [§3.2](/rapport/3-2/).\n\nMeer tekst."
    assert publishing.suggested_summary(answer) == "Kort antwoord"
    assert publishing.suggested_summary("Ja, **dat kan** volgens [§3.2](/rapport/3-2/).") == (
        "Ja, dat kan volgens §3.2."
    )
    assert publishing.slug_base("Mag een gemeente_x € 6.000 vragen?") == (
        "vraag-mag-een-gemeente-x-6000-vragen"
    )
    assert publishing.slug_base("???") == "vraag"
    assert len(publishing.slug_base("woord " * 40)) <= 80
    assert publishing.unique_slug("vraag-a", {"vraag-a", "vraag-a-2"}) == "vraag-a-3"
    assert publishing.unique_slug("vraag-b", {"vraag-a"}) == "vraag-b"


@pytest.mark.django_db
def test_the_document_validates_as_a_content_file():
    draft = publishing.Draft(
        title='Kan het: "ja" of: nee? # geen kop',
        summary="Ja.\nMet een tweede regel: en dubbele punten.",
        body="## Antwoord\n\nJa, zie [§3.2](/rapport/3-2/).",
        themes=["flexwonen", "financiering"],
        sections=["3.2", "2.2.1"],
    )
    document = publishing.build_document("vraag-kan-het", draft, date(2026, 12, 1))
    data = validate_document(document, "vraag", "vraag-kan-het", "test")
    assert data.title == draft.title and data.summary == draft.summary
    assert [s.section for s in data.sources] == ["3.2", "2.2.1"]
    assert str(data.published) == "2026-12-01"


@pytest.fixture
def answered(db):
    anna = editor("redacteur", "anna")
    asked = question("Mogen wij in Voorbeeldstad een kantoor gebruiken? Bel 06-12345678.")
    handling.close(asked, State.ANSWERED, "## Kort antwoord\n\nJa, dat mag.", anna)
    return anna, Question.objects.get(pk=asked.pk)


def url(asked) -> str:
    return f"/redactie/vraagbaak/{asked.reference}/vraag-en-antwoord/"


FORM = {
    "titel": "Mag een gemeente een leeg kantoor als tussenvoorziening gebruiken?",
    "samenvatting": "Ja, dat mag.",
    "tekst": "## Kort antwoord\n\nJa, dat mag. Zie [§3.2](/rapport/3-2/).",
    "themas": ["flexwonen"],
    "bronnen": ["3.2"],
    "gecontroleerd": "1",
}


@pytest.mark.django_db
def test_the_form_is_prefilled_and_warns(client, answered):
    anna, asked = answered
    client.force_login(anna)
    page = client.get(f"/redactie/vraagbaak/{asked.reference}/").content.decode()
    assert f'href="{url(asked)}">Maak er een vraag en antwoord van' in page
    html = client.get(url(asked)).content.decode()
    assert "Haal alle persoonsgegevens weg." in html
    assert 'value="Mogen wij in Voorbeeldstad een kantoor gebruiken? Bel 06-12345678."' in html
    assert "## Kort antwoord" in html and '<meta name="robots" content="noindex, nofollow">' in html


@pytest.mark.django_db
def test_personal_details_are_field_errors(client, answered):
    anna, asked = answered
    client.force_login(anna)
    response = client.post(url(asked), {
        **FORM, "titel": "Mag het in Voorbeeldstad?", "tekst": "Mail a@b.nl", "themas": [],
        "gecontroleerd": "",
    })  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 400
    for field in ("titel", "tekst", "themas", "gecontroleerd"):
        assert f'href="#veld-{field}"' in html, field
    assert "De gemeente van de vraagsteller (Voorbeeldstad) staat er nog in" in html
    assert "Er staat nog een e-mailadres in (a@b.nl)" in html
    assert not Item.objects.filter(kind=Kind.VRAAG, status=Status.CONCEPT).exists()


@pytest.mark.django_db
def test_publishing_creates_a_concept_that_validates_and_links_it(client, answered):
    anna, asked = answered
    client.force_login(anna)
    preview = client.post(url(asked), {**FORM, "stap": "voorbeeld"})
    assert preview.status_code == 200 and "<h2" in preview.content.decode()
    assert not Question.objects.get(pk=asked.pk).published_item
    response = client.post(url(asked), {**FORM, "stap": "maken"})
    slug = "vraag-mag-een-gemeente-een-leeg-kantoor-als-tussenvoorziening-gebruiken"
    assert response.status_code == 302 and response["Location"] == f"/redactie/items/{slug}/"
    item = Item.objects.get(slug=slug)
    assert (item.kind, item.status) == (Kind.VRAAG, Status.CONCEPT)
    assert list(item.themes.values_list("slug", flat=True)) == ["flexwonen"]
    document = revisions.current_document(item)
    assert validate_document(document, item.kind, item.slug, "test").title == FORM["titel"]
    assert item.revisions.get().author == anna
    stored = Question.objects.get(pk=asked.pk)
    assert stored.published_item == item
    assert stored.events.filter(action="vraag-en-antwoord", actor=anna).exists()
    edit = client.get(response["Location"])
    assert edit.status_code == 200 and "Controleer het en bied het ter beoordeling aan" in (
        edit.content.decode()
    )
    again = client.post(url(asked), {**FORM, "stap": "maken"}, follow=True)
    assert "al een vraag en antwoord gemaakt" in again.content.decode()
    assert Item.objects.filter(kind=Kind.VRAAG, status=Status.CONCEPT).count() == 1


@pytest.mark.django_db
def test_a_taken_slug_gets_a_number(client, answered):
    anna, asked = answered
    client.force_login(anna)
    response = client.post(url(asked), {**FORM, "titel": "Pilot grote gezinnen aanmelden"})
    assert response["Location"] == "/redactie/items/vraag-pilot-grote-gezinnen-aanmelden-2/"


@pytest.mark.django_db
def test_content_rules_land_on_their_field(client, answered):
    anna, asked = answered
    client.force_login(anna)
    response = client.post(url(asked), {**FORM, "tekst": "# Een kop van niveau 1\n\nTekst."})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'href="#veld-tekst"' in html and "gebruik geen kop van niveau 1" in html
    unknown = client.post(url(asked), {**FORM, "bronnen": ["9.9"], "themas": ["geen-thema"]})
    assert "Kies paragrafen uit de lijst." in unknown.content.decode()
    assert not Question.objects.get(pk=asked.pk).published_item


@pytest.mark.django_db
def test_only_an_answered_question_with_its_text_can_be_published(client, answered):
    anna, asked = answered
    client.force_login(anna)
    still_open = question("Open vraag")
    response = client.get(url(still_open), follow=True)
    assert "Alleen van een beantwoorde vraag" in response.content.decode()
    Question.objects.filter(pk=asked.pk).update(text="", reply="", personal_data_removed_at=(
        asked.closed_at))  # fmt: skip
    response = client.post(url(asked), FORM, follow=True)
    assert "bewaartermijn verstreken" in response.content.decode()
    assert not Item.objects.filter(kind=Kind.VRAAG, status=Status.CONCEPT).exists()


@pytest.mark.django_db
def test_who_may_not_make_items_gets_403(client, answered):
    _, asked = answered
    reader = User.objects.create_user("lezer", password="x")
    client.force_login(reader)
    assert client.get(url(asked)).status_code == 403
    assert client.post(url(asked), FORM).status_code == 403


@pytest.mark.django_db
def test_the_concept_goes_through_the_normal_workflow_to_the_vragen_page(client, answered):
    anna, asked = answered
    client.force_login(anna)
    slug = client.post(url(asked), FORM)["Location"].split("/")[-2]
    client.post(f"/redactie/items/{slug}/workflow/", {"action": "submit"})
    assert Item.objects.get(slug=slug).status == Status.TER_BEOORDELING
    client.force_login(editor("eindredacteur", "bert"))
    client.post(f"/redactie/items/{slug}/workflow/", {"action": "publish"})
    assert Item.objects.get(slug=slug).status == Status.GEPUBLICEERD
    client.logout()
    assert f'href="/kennis/{slug}/"' in client.get("/vragen/").content.decode()
    page = client.get(f"/kennis/{slug}/").content.decode()
    assert "Voorbeeldstad" not in page and "06-12345678" not in page
