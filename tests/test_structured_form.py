"""The editor's form per kind (issue 15): generated from the schema, one validator, no JS needed.

The round trip runs over every item of the real corpus: the exported document -> form values
-> document must give the very text exporting.render_file writes, so the form can never lose or
reorder a field. The other tests post the form as a browser without JavaScript would.
"""

import html as html_module
import re

import pytest
from django.contrib.auth.models import Group, User
from django.http import QueryDict

from kenniscentrum.editorial import structured_form
from kenniscentrum.editorial.models import Revision
from kenniscentrum.knowledge.exporting import render_file
from kenniscentrum.knowledge.loading import validate_document
from kenniscentrum.knowledge.models import Item

pytestmark = pytest.mark.django_db


def editor(role: str = "redacteur") -> User:
    user = User.objects.create_user(f"{role}-form", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return User.objects.get(pk=user.pk)


def posted_form(html: str) -> QueryDict:
    """What a browser without JavaScript sends for the form on `html` (no button pressed)."""
    data = QueryDict(mutable=True)
    for tag in re.finditer(r"<input\b[^>]*>", html):
        attrs = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', tag.group(0)))
        name = attrs.get("name")
        if not name or name in ("q",) or attrs.get("form", "bewerken") != "bewerken":
            continue
        kind = attrs.get("type", "text")
        if kind == "checkbox" and " checked" not in tag.group(0):
            continue
        data.appendlist(html_module.unescape(name), html_module.unescape(attrs.get("value", "")))
    for area in re.finditer(r'<textarea\b[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        value = area.group(2).removeprefix("\n")  # the HTML parser drops one leading newline
        data.appendlist(html_module.unescape(area.group(1)), html_module.unescape(value))
    for select in re.finditer(r'<select\b[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected>', select.group(2))
        data.appendlist(
            html_module.unescape(select.group(1)),
            html_module.unescape(chosen.group(1)) if chosen else "",
        )
    data.pop("document", None)
    return data


def send(client, url: str, post: QueryDict):
    """Post every value of every key (the test client would send only the last one)."""
    return client.post(url, dict(post.lists()))


def edit_page(client, slug: str) -> str:
    return client.get(f"/redactie/items/{slug}/").content.decode()


def test_every_item_survives_the_form_round_trip():
    """Document -> form values -> document is the exported text itself, for every kind."""
    items = list(Item.objects.all())
    assert len(items) >= 40 and {i.kind for i in items} >= {
        "regeling", "handreiking", "praktijkvoorbeeld", "regionaal-voorbeeld", "aanbeveling",
    }  # fmt: skip
    for item in items:
        document = render_file(item, with_status=False)
        state = structured_form.state_from_document(document, item.kind)
        rebuilt = structured_form.build_document(state)
        assert rebuilt == document, item.slug
        label = f"{item.kind}/{item.slug}.md"
        assert validate_document(rebuilt, item.kind, item.slug, label) == validate_document(
            document, item.kind, item.slug, label
        )


def test_every_item_survives_the_rendered_form_posted_back(client):
    """The HTML form itself: what the page shows, posted unchanged, is the same document."""
    client.force_login(editor())
    for item in Item.objects.all():
        post = posted_form(edit_page(client, item.slug))
        state = structured_form.state_from_post(post, item.kind)
        assert structured_form.build_document(state) == render_file(item, with_status=False), (
            item.slug
        )


def test_the_form_is_the_default_view_with_labels_and_a_raw_tab(client):
    client.force_login(editor())
    html = edit_page(client, "pilot-grote-gezinnen")
    assert 'href="/redactie/items/pilot-grote-gezinnen/?weergave=bron"' in html
    assert '<input type="hidden" name="check_json"' in html
    assert 'type="date"' in html and 'name="regeling.status"' in html
    assert '<textarea id="document"' not in html
    for control in re.findall(r'<(?:input|select|textarea)\b[^>]*\bid="(veld-[^"]+)"', html):
        assert f'<label for="{control}">' in html, control
    raw = client.get("/redactie/items/pilot-grote-gezinnen/?weergave=bron").content.decode()
    assert '<textarea id="document"' in raw


def test_an_error_in_a_repeated_row_shows_beside_it_and_in_the_summary(client):
    client.force_login(editor())
    post = posted_form(edit_page(client, "bzk-huisvesting-aandachtsgroepen"))
    post["regeling.amounts[1].eur"] = "18.000.000"
    post["action"] = "save"
    html = send(client, "/redactie/items/bzk-huisvesting-aandachtsgroepen/", post).content.decode()
    summary = re.search(r'<div class="kc-error-summary".*?</div>', html, re.S).group(0)
    assert 'href="#veld-regeling-amounts-1-eur"' in summary and "euro" in summary
    beside = re.search(
        r'<p class="kc-field-error" id="veld-regeling-amounts-1-eur-fout">([^<]+)</p>\s*'
        r'<input id="veld-regeling-amounts-1-eur"[^>]*aria-invalid="true"',
        html,
    )
    assert beside and "euro" in beside.group(1)
    assert 'value="18.000.000"' in html  # the editor's input is kept
    assert Revision.objects.filter(item__slug="bzk-huisvesting-aandachtsgroepen").count() == 0


def test_rows_are_added_and_removed_without_javascript(client):
    client.force_login(editor())
    slug = "bzk-huisvesting-aandachtsgroepen"
    post = posted_form(edit_page(client, slug))
    assert post["regeling.amounts.rijen"] == "2"
    post["add"] = "regeling.amounts"
    html = send(client, f"/redactie/items/{slug}/", post).content.decode()
    assert 'name="regeling.amounts.rijen" value="3"' in html
    assert 'id="veld-regeling-amounts-2-label"' in html
    post = posted_form(html)
    post["regeling.amounts[0].verwijderen"] = "1"
    post["action"] = "preview"
    html = send(client, f"/redactie/items/{slug}/", post).content.decode()
    assert 'name="regeling.amounts.rijen" value="1"' in html  # deleted one, dropped empty one
    assert "Waarvan bestemd voor tussenvoorzieningen" in html
    assert "Totaal beschikbaar voor huisvesting" not in html


def test_a_form_save_creates_a_revision_and_keeps_the_check_block(client):
    client.force_login(editor())
    slug = "bzk-huisvesting-aandachtsgroepen"
    item = Item.objects.get(slug=slug)
    before = render_file(item, with_status=False)
    check_before = before[before.index("\ncheck:") : before.index("\n---\n")]
    post = posted_form(edit_page(client, slug))
    post["title"] = "BZK-bijdrage (via het formulier)"
    post["action"] = "save"
    post["note"] = "formulier"
    response = send(client, f"/redactie/items/{slug}/", post)
    assert response.status_code == 302
    revision = Revision.objects.filter(item=item).order_by("-number").first()
    assert revision.number == 2 and revision.pending and revision.note == "formulier"
    expected = before.replace(
        'title: "BZK-bijdrage van € 50 miljoen voor huisvesting van aandachtsgroepen"',
        "title: BZK-bijdrage (via het formulier)",
    ).replace("title: BZK-bijdrage van € 50 miljoen voor huisvesting van aandachtsgroepen",
              "title: BZK-bijdrage (via het formulier)")  # fmt: skip
    assert revision.document == expected
    assert check_before in revision.document
    # The same save path: an old base version is a conflict, as in the raw editor.
    post["base"] = "1"
    conflict = send(client, f"/redactie/items/{slug}/", post).content.decode()
    assert "Iemand anders heeft dit item intussen opgeslagen" in conflict


def test_a_regeling_made_entirely_in_the_form_equals_a_hand_written_file(client):
    client.force_login(editor("eindredacteur"))
    html = client.get("/redactie/nieuw/?soort=regeling").content.decode()
    assert 'name="regeling.provider"' in html and 'name="aanbeveling.number"' not in html
    post = posted_form(html)
    for group in ("regeling.amounts", "regeling.amounts", "regeling.dates", "links"):
        post["add"] = group
        post = posted_form(send(client, "/redactie/nieuw/", post).content.decode())
    values = {
        "slug": "nieuwe-regeling-formulier",
        "title": "Nieuwe regeling uit het formulier",
        "summary": "Een regeling die helemaal in het formulier is gemaakt.",
        "sources[0].section": "3.1",
        "sources[0].note": "Financiële regelingen",
        "published": "2026-11-01",
        "last_reviewed": "2026-11-02",
        "links[0].title": "Rijksoverheid",
        "links[0].url": "https://www.rijksoverheid.nl/",
        "links[0].kind": "aanbieder",
        "regeling.provider": "BZK",
        "regeling.amounts[0].label": "Totaal",
        "regeling.amounts[0].eur": "1000000",
        "regeling.amounts[1].label": "Per project",
        "regeling.amounts[1].eur": "50000",
        "regeling.amounts[1].note": "Hoogstens",
        "regeling.dates[0].label": "Publicatie",
        "regeling.dates[0].date": "2021-09-22",
        "regeling.window.opens": "2021-10-28",
        "regeling.window.closes": "2021-11-25",
        "regeling.status": "open",
        "related": "pilot-grote-gezinnen\nrvb-flexwoningen",
        "body": "## Wat is het?\r\n\r\nEen regeling.\r\n",
        "action": "save",
    }
    for key, value in values.items():
        post[key] = value
    post.setlist("themes", ["financiering", "flexwonen"])
    post.setlist("regeling.applicants", ["gemeente", "samenwerkingsverband"])
    response = send(client, "/redactie/nieuw/", post)
    assert response.status_code == 302, response.content.decode()[:3000]
    item = Item.objects.get(slug="nieuwe-regeling-formulier")
    assert item.status == "concept" and item.regeling.amounts[1]["eur"] == 50000
    hand_written = """---
slug: nieuwe-regeling-formulier
kind: regeling
title: Nieuwe regeling uit het formulier
summary: Een regeling die helemaal in het formulier is gemaakt.
themes: [financiering, flexwonen]
sources:
  - section: "3.1"
    note: Financiële regelingen
published: 2026-11-01
last_reviewed: 2026-11-02
links:
  - title: Rijksoverheid
    url: https://www.rijksoverheid.nl/
    kind: aanbieder
related: [pilot-grote-gezinnen, rvb-flexwoningen]
regeling:
  provider: BZK
  applicants: [gemeente, samenwerkingsverband]
  amounts:
    - {label: Totaal, eur: 1000000}
    - {label: Per project, eur: 50000, note: Hoogstens}
  dates:
    - {label: Publicatie, date: 2021-09-22}
  window: {opens: 2021-10-28, closes: 2021-11-25}
  status: open
---

## Wat is het?

Een regeling.
"""
    label = "regeling/nieuwe-regeling-formulier.md"
    saved = item.revisions.get(number=1).document
    slug = "nieuwe-regeling-formulier"
    assert validate_document(saved, "regeling", slug, label) == validate_document(
        hand_written, "regeling", slug, label
    )
    # What the form wrote is what the export writes for the item it made.
    assert saved == render_file(item, with_status=False)


def test_creating_starts_with_the_kind_choice_and_the_form_of_that_kind(client):
    client.force_login(editor("eindredacteur"))
    html = client.get("/redactie/nieuw/?soort=aanbeveling").content.decode()
    assert '<select id="soort" name="soort">' in html
    assert 'name="aanbeveling.cluster"' in html and 'name="regeling.provider"' not in html
    raw = client.get("/redactie/nieuw/?soort=aanbeveling&weergave=bron").content.decode()
    assert '<textarea id="document"' in raw


def test_switching_between_the_views_keeps_the_unsaved_text(client):
    client.force_login(editor())
    slug = "pilot-grote-gezinnen"
    post = posted_form(edit_page(client, slug))
    post["title"] = "Gewijzigd in het formulier"
    post["action"] = "bron"
    raw = send(client, f"/redactie/items/{slug}/", post).content.decode()
    assert "title: Gewijzigd in het formulier" in html_module.unescape(raw)
    document = html_module.unescape(
        re.search(r'<textarea id="document"[^>]*>\n?(.*?)</textarea>', raw, re.S).group(1)
    )
    back = client.post(
        f"/redactie/items/{slug}/",
        {"document": document, "base": 0, "weergave": "bron", "action": "formulier"},
    ).content.decode()
    assert 'value="Gewijzigd in het formulier"' in back
    assert Revision.objects.filter(item__slug=slug).count() == 0


def test_an_error_of_a_whole_list_points_at_its_fieldset(client):
    client.force_login(editor())
    slug = "pilot-grote-gezinnen"
    post = posted_form(edit_page(client, slug))
    for index in range(int(post["sources.rijen"])):
        post[f"sources[{index}].verwijderen"] = "1"
    post["action"] = "save"
    html = send(client, f"/redactie/items/{slug}/", post).content.decode()
    assert '<a href="#veld-sources">Bronnen in het rapport: moet een lijst' in html
    assert '<fieldset class="kc-fieldset kc-fieldset--error" id="veld-sources"' in html
