"""Editors close the loop (issue 12): on /redactie/zoekvragen/ a query that found nothing becomes
a synonym group or a recommended result in two clicks, validated with synoniemen.yaml's rules,
applied by the next search, and written to synoniemen.yaml by export_content."""

import io
import re

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from kenniscentrum.editorial.models import BrowserSynonymGroup, Pin
from kenniscentrum.editorial.search_actions import add_synonym_group
from kenniscentrum.editorial.search_log_buffer import flush_search_log
from kenniscentrum.knowledge.frontmatter import ContentError
from kenniscentrum.knowledge.loading import load_corpus
from kenniscentrum.knowledge.models import Item
from kenniscentrum.search.synonyms import read_synonyms, synonym_groups

pytestmark = pytest.mark.django_db
PASSWORD = "een-lang-Wachtwoord-2026"
INSIGHTS = "/redactie/zoekvragen/"
# A word no content has, nor any part or near spelling of it: it finds nothing by itself.
UNKNOWN = "zwxqkv"
TARGET = "handreiking-interventieladder"


def editor(role: str) -> User:
    user = User.objects.create_user(f"{role}-acties", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return User.objects.get(pk=user.pk)


def found(client, query: str) -> list[str]:
    response = client.get("/api/search", {"q": query})
    assert response.status_code == 200, response.content
    return [hit["slug"] for hit in response.json()["results"]]


def searched_without_result(client, query: str) -> None:
    """A reader searches; the search log (written by its flusher) records zero results."""
    client.get("/zoeken/", {"q": query})
    flush_search_log()


def action_link(html: str, name: str, query: str) -> str:
    """The URL of an action link next to `query` on the insights page (the first click)."""
    links = re.findall(rf'href="(/redactie/zoekvragen/{name}/\?q=([^"]+))"', html)
    return next(url for url, q in links if q == query).replace("&amp;", "&")


@pytest.fixture
def chief(client):
    user = editor("eindredacteur")
    client.force_login(user)
    return user


def test_zero_result_query_becomes_a_synonym_group_in_two_clicks(client, chief):
    searched_without_result(client, UNKNOWN)
    assert TARGET not in found(client, UNKNOWN)
    html = client.get(INSIGHTS).content.decode()
    assert "Zonder resultaat" in html and UNKNOWN in html
    # Click 1: the form, prefilled with the query.
    form = client.get(action_link(html, "synoniemgroep", UNKNOWN))
    assert form.status_code == 200
    assert f'value="{UNKNOWN}"' in form.content.decode()
    # Click 2: save, with the word the query should match.
    response = client.post(
        action_link(html, "synoniemgroep", UNKNOWN),
        {"term": UNKNOWN, "others": "interventieladder"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == INSIGHTS
    page = response.content.decode()
    assert f"Synoniemgroep opgeslagen: {UNKNOWN}, interventieladder." in page
    assert "staat al in een groep" in page
    # The next search uses it: no index rebuild, no restart.
    assert TARGET in found(client, UNKNOWN)
    row = BrowserSynonymGroup.objects.get()
    assert (row.terms, row.query, row.created_by) == (
        [UNKNOWN, "interventieladder"],
        UNKNOWN,
        chief,
    )
    entry = LogEntry.objects.get(object_id=str(row.pk))
    assert entry.user == chief and "interventieladder" in entry.change_message
    # Deleted (in /beheer/): the next search no longer uses it.
    row.delete()
    assert TARGET not in found(client, UNKNOWN)


def test_a_query_with_a_word_of_an_existing_group_extends_that_group(client, chief):
    """'huisvestingsopgave' <-> 'taakstelling': taakstelling already has a group, so the query
    joins it (a term belongs to one group) and then also finds what 'opgave' finds."""
    response = client.post(
        "/redactie/zoekvragen/synoniemgroep/?q=huisvestingsopgave",
        {"term": "huisvestingsopgave", "others": "taakstelling"},
        follow=True,
    )
    assert (
        "Toegevoegd aan de bestaande synoniemgroep: taakstelling, opgave, huisvestingsopgave."
        in (response.content.decode())
    )
    group = next(g for g in synonym_groups() if "taakstelling" in g.terms)
    assert group.terms == ("taakstelling", "opgave", "huisvestingsopgave")
    assert found(client, "taakstelling")[0] in found(client, "huisvestingsopgave")


def test_recommended_result_from_the_insights_page_comes_first(client, chief):
    searched_without_result(client, UNKNOWN)
    html = client.get(INSIGHTS).content.decode()
    url = action_link(html, "aanbevolen", UNKNOWN)
    form = client.get(url).content.decode()  # click 1: the query and a choice of item
    item = Item.objects.get(slug=TARGET)
    assert f'value="{UNKNOWN}"' in form and f'<option value="{item.pk}">' in form
    response = client.post(url, {"query": UNKNOWN, "item": item.pk}, follow=True)  # click 2
    assert response.redirect_chain[-1][0] == INSIGHTS
    assert "heeft er al een" in response.content.decode()
    data = client.get("/api/search", {"q": UNKNOWN.upper()}).json()
    assert data["results"][0]["slug"] == TARGET and data["results"][0]["recommended"] is True
    page = client.get("/zoeken/", {"q": UNKNOWN}).content.decode()
    assert "Aanbevolen" in page and f"/kennis/{TARGET}/" in page
    pin = Pin.objects.get()
    assert LogEntry.objects.filter(object_id=str(pin.pk), user=chief).exists()
    # The same item twice is refused, on the item field.
    again = client.post(url, {"query": UNKNOWN, "item": item.pk}).content.decode()
    assert "is al aanbevolen" in again and 'id="id_item"' in again and "aria-invalid" in again
    assert Pin.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"term": UNKNOWN, "others": ""}, "others", "minstens twee verschillende termen"),
        ({"term": UNKNOWN, "others": UNKNOWN.upper()}, "others", "staat twee keer"),
        ({"term": "??", "others": "taakstelling"}, "term", "minstens één woord"),
        (
            {"term": UNKNOWN, "others": "opgave\nstatushouder"},
            "others",
            "'opgave' staat al in de groep (taakstelling, opgave) en 'statushouder'",
        ),
        (
            {"term": UNKNOWN, "others": "taakstelling", "variant": "on"},
            "variant",
            "heeft geen voorkeursspelling",
        ),
    ],
)
def test_an_invalid_group_is_refused_per_field_and_nothing_is_saved(
    client, chief, data, field, message
):
    before = synonym_groups()
    response = client.post(f"/redactie/zoekvragen/synoniemgroep/?q={UNKNOWN}", data)
    html = response.content.decode()
    assert response.status_code == 200 and "Niet opgeslagen" in html
    error = re.search(rf'<p class="kc-field-error" id="id_{field}_error">([^<]*)</p>', html)
    assert error and message in error.group(1).replace("&#x27;", "'"), html
    assert re.search(
        rf'id="id_{field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="id_{field}"', html
    )
    assert not BrowserSynonymGroup.objects.exists() and not LogEntry.objects.exists()
    assert synonym_groups() == before


def test_the_file_refuses_what_the_browser_refuses(tmp_path):
    """One validation function: a term in two groups stops load_content too, naming the entry.
    Compared as search matches terms: 'Opgaven' is the 'opgave' of the other group."""
    path = tmp_path / "synoniemen.yaml"
    path.write_text("- terms: [taakstelling, opgave]\n- terms: [Opgaven, huisvestingsopgave]\n")
    with pytest.raises(ContentError) as info:
        read_synonyms(path)
    assert (
        info.value.field == "[1].terms[0]" and "staat al in een andere groep" in info.value.message
    )


def test_a_redacteur_cannot(client):
    searched_without_result(client, UNKNOWN)
    redacteur = editor("redacteur")
    client.force_login(redacteur)
    html = client.get(INSIGHTS).content.decode()
    assert UNKNOWN in html and "synoniemgroep/?q=" not in html and "aanbevolen/?q=" not in html
    item = Item.objects.get(slug=TARGET)
    for url, data in [
        ("/redactie/zoekvragen/synoniemgroep/", {"term": UNKNOWN, "others": "interventieladder"}),
        ("/redactie/zoekvragen/aanbevolen/", {"query": UNKNOWN, "item": item.pk}),
    ]:
        assert client.get(url, {"q": UNKNOWN}).status_code == 403
        assert client.post(f"{url}?q={UNKNOWN}", data).status_code == 403
    with pytest.raises(PermissionDenied):  # checked in the service too, not only in the view
        add_synonym_group(redacteur, UNKNOWN, ["interventieladder"])
    assert not BrowserSynonymGroup.objects.exists() and not Pin.objects.exists()
    client.logout()
    assert client.get("/redactie/zoekvragen/synoniemgroep/").status_code == 302  # to the login


def test_export_writes_the_group_into_the_file_and_a_load_keeps_the_behaviour(
    client, chief, content_copy, seeds_dir, settings, tmp_path
):
    settings.CONTENT_DIR = content_copy
    original = (content_copy / "synoniemen.yaml").read_text()
    client.post(
        f"/redactie/zoekvragen/synoniemgroep/?q={UNKNOWN}",
        {"term": UNKNOWN, "others": "interventieladder"},
    )
    client.post(
        "/redactie/zoekvragen/synoniemgroep/?q=huisvestingsopgave",
        {"term": "huisvestingsopgave", "others": "taakstelling"},
    )
    groups = synonym_groups()
    assert TARGET in found(client, UNKNOWN)

    # Into another folder: a copy of the file with the groups; the database keeps them.
    call_command("export_content", to=tmp_path / "export", stdout=io.StringIO())
    exported = (tmp_path / "export" / "synoniemen.yaml").read_text()
    assert (
        exported
        == original.replace(
            "- terms: [taakstelling, opgave]", "- terms: [taakstelling, opgave, huisvestingsopgave]"
        )
        + f"- terms: [{UNKNOWN}, interventieladder]\n"
    )
    assert BrowserSynonymGroup.objects.count() == 2
    # A fresh site from that folder (no browser groups) searches the same way.
    settings.CONTENT_DIR = tmp_path / "export"
    BrowserSynonymGroup.objects.all().delete()
    load_corpus(tmp_path / "export", seeds_dir)
    assert synonym_groups() == groups and TARGET in found(client, UNKNOWN)

    # Into content/ itself: the groups move from the database into the file, once.
    settings.CONTENT_DIR = content_copy
    client.post(
        f"/redactie/zoekvragen/synoniemgroep/?q={UNKNOWN}",
        {"term": UNKNOWN, "others": "interventieladder"},
    )
    call_command("export_content", stdout=io.StringIO())
    text = (content_copy / "synoniemen.yaml").read_text()
    assert text.startswith("# Synonyms") and text.count(UNKNOWN) == 1
    assert not BrowserSynonymGroup.objects.exists()
    assert TARGET in found(client, UNKNOWN)
    load_corpus(content_copy, seeds_dir)  # round trip: valid, nothing duplicated
    assert [g for g in synonym_groups() if UNKNOWN in g.terms] == [
        next(g for g in groups if UNKNOWN in g.terms)
    ]
    assert TARGET in found(client, UNKNOWN)


def test_load_drops_exported_groups_and_refuses_contradicted_ones(chief, content_copy, seeds_dir):
    """load_content never silently loses a browser group: one the file now has is dropped (it
    was exported), one the file now contradicts stops the load unless --force."""
    add_synonym_group(chief, UNKNOWN, ["interventieladder"])
    add_synonym_group(chief, "huisvestingsopgave", ["taakstelling"])
    add_synonym_group(chief, "wooncontainer", ["flexwoning"])
    path = content_copy / "synoniemen.yaml"
    path.write_text(
        path.read_text() + f"- terms: [{UNKNOWN}, interventieladder]\n"
        "- terms: [huisvestingsopgave, vestigingsopgave]\n"
    )
    with pytest.raises(ContentError) as info:
        load_corpus(content_copy, seeds_dir)
    assert "(huisvestingsopgave, taakstelling)" in str(info.value) and "--force" in str(info.value)
    assert BrowserSynonymGroup.objects.count() == 3  # nothing changed
    load_corpus(content_copy, seeds_dir, force=True)
    assert [row.terms for row in BrowserSynonymGroup.objects.all()] == [
        ["wooncontainer", "flexwoning"]
    ]
