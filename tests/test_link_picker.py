"""The link picker: editors find a published page or report section and copy its exact link."""

import html as html_module

import pytest
from django.contrib.auth.models import Group, User

from kenniscentrum.knowledge.models import Item
from kenniscentrum.report.models import ReportSection

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = User.objects.create_user("redacteur-links", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="redacteur"))
    client.force_login(User.objects.get(pk=user.pk))
    return client


def results(client, q):
    response = client.get("/redactie/links.json", {"q": q})
    assert response.status_code == 200
    return response.json()


def test_finds_a_published_item_with_its_exact_markdown(editor_client):
    item = Item.objects.published().get(slug="pilot-grote-gezinnen")
    data = results(editor_client, item.title.lower())
    found = [r for r in data["results"] if r["url"] == "/kennis/pilot-grote-gezinnen/"]
    assert found and found[0]["markdown"] == f"[{item.title}](/kennis/pilot-grote-gezinnen/)"
    assert found[0]["title"] == item.title


def test_finds_a_report_section_with_its_number(editor_client):
    section = ReportSection.objects.get(key="1.2")
    data = results(editor_client, section.title.split()[0])
    snippet = f"[§1.2 {section.title}](/rapport/1-2/)"
    assert snippet in [r["markdown"] for r in data["results"]]
    by_number = results(editor_client, "§1.2")  # by its number too
    assert snippet in [r["markdown"] for r in by_number["results"]]


def test_unnumbered_sections_have_no_paragraph_sign(editor_client):
    data = results(editor_client, "voorwoord")
    assert "[Voorwoord](/rapport/voorwoord/)" in [r["markdown"] for r in data["results"]]


def test_never_offers_drafts(editor_client):
    item = Item.objects.get(slug="expertise-rvo-inschakelen")
    Item.objects.filter(pk=item.pk).update(status="concept")
    data = results(editor_client, item.title)
    assert all(r["url"] != item.get_absolute_url() for r in data["results"])
    page = editor_client.get("/redactie/links/", {"q": item.title}).content.decode()
    assert item.get_absolute_url() not in page


def test_json_shape_and_limit(editor_client):
    data = results(editor_client, "e")
    assert set(data) == {"query", "notice", "results"}
    assert len(data["results"]) == 20
    assert set(data["results"][0]) == {"title", "kind", "url", "markdown"}


def test_empty_query_finds_nothing(editor_client):
    assert results(editor_client, "   ")["results"] == []
    page = editor_client.get("/redactie/links/").content.decode()
    assert "Zoek een pagina om naar te linken" in page and "gevonden" not in page


def test_too_long_query_is_cut_with_a_message(editor_client):
    data = results(editor_client, "a" * 150)
    assert len(data["query"]) == 100 and "ingekort tot 100 tekens" in data["notice"]
    page = editor_client.get("/redactie/links/", {"q": "a" * 150}).content.decode()
    assert "ingekort tot 100 tekens" in page


def test_standalone_page_works_without_javascript(editor_client):
    item = Item.objects.published().get(slug="pilot-grote-gezinnen")
    page = editor_client.get("/redactie/links/", {"q": item.title}).content.decode()
    assert 'for="link-zoekvraag">Zoek een pagina om naar te linken</label>' in page
    assert 'method="get" action="/redactie/links/"' in page
    snippet = html_module.escape(f"[{item.title}](/kennis/pilot-grote-gezinnen/)")
    assert f'value="{snippet}" readonly' in page
    assert 'for="link-1">' in page and 'id="link-1"' in page  # labelled
    assert "<script" not in page  # nothing here needs it


def test_titles_with_brackets_do_not_break_the_link(editor_client):
    Item.objects.filter(slug="pilot-grote-gezinnen").update(title="Pilot [grote] gezinnen")
    data = results(editor_client, "pilot [grote]")
    assert (
        data["results"][0]["markdown"]
        == r"[Pilot \[grote\] gezinnen](/kennis/pilot-grote-gezinnen/)"
    )


def test_editors_only(client):
    for path in ["/redactie/links/", "/redactie/links.json"]:
        response = client.get(path, {"q": "pilot"})
        assert response.status_code == 302 and response["Location"].startswith(
            "/redactie/inloggen/"
        )
    client.force_login(User.objects.create_user("bezoeker", password="x"))
    assert client.get("/redactie/links.json", {"q": "pilot"}).status_code == 403


def test_the_include_searches_in_a_new_tab_without_javascript():
    """It sits beside the edit form, outside it: its own GET form opens the standalone page in
    a new tab, so the editor's unsaved text is not lost, and its field is not sent with a save."""
    from django.template.loader import render_to_string

    html = render_to_string("editorial/_link_picker.html")
    assert '<form method="get" action="/redactie/links/" target="_blank"' in html
    assert 'data-link-picker="/redactie/links.json"' in html
    assert 'for="link-picker-q">Zoek een pagina om naar te linken</label>' in html
    assert 'form="' not in html  # nothing of it belongs to the edit form
    assert "editorial/link-picker.js" in html
