"""Issue 15: /redactie/ opens on "Mijn werk" and (for who may publish) "Te beoordelen", the
list below filters by status, kind and author, a reject needs a reason that the author reads,
and near-duplicate titles or slugs get a warning."""

import html as html_module
import itertools
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from kenniscentrum.editorial import queue
from kenniscentrum.editorial.models import AuditEntry, Revision
from kenniscentrum.editorial.workflow import InvalidTransition, allowed_actions, transition
from kenniscentrum.knowledge.models import Item

pytestmark = pytest.mark.django_db


def editor(role: str, name: str, **fields) -> User:
    user = User.objects.create_user(name, password="x", is_staff=True, **fields)
    user.groups.add(Group.objects.get(name=role))
    return User.objects.get(pk=user.pk)


def set_status(slug: str, status: str) -> Item:
    Item.objects.filter(slug=slug).update(status=status)
    return Item.objects.get(slug=slug)


def written_by(item: Item, user: User, pending: bool = False) -> Revision:
    """A browser version of `item` by `user` (the text as it is, enough for authorship)."""
    number = (item.revisions.order_by("-number").values_list("number", flat=True).first()) or 0
    document = f"---\nslug: {item.slug}\n---\nversie {number + 1}\n"
    return Revision.objects.create(
        item=item, number=number + 1, document=document, author=user, pending=pending
    )


def page(client, params=None) -> str:
    response = client.get("/redactie/", params or {})
    assert response.status_code == 200
    return html_module.unescape(response.content.decode())


def section(html: str, heading_id: str) -> str:
    """The HTML of one <section aria-labelledby=heading_id> on the page."""
    start = html.index(f'<section aria-labelledby="{heading_id}">')
    return html[start : html.index("</section>", start)]


@pytest.fixture
def people():
    return {
        "anna": editor("redacteur", "anna", first_name="Anna", last_name="de Vries"),
        "bob": editor("redacteur", "bob"),
        "chief": editor("eindredacteur", "chief", first_name="Els", last_name="Eind"),
    }


@pytest.fixture
def annas_work(people):
    """Anna has a concept, an item waiting for review and one that was sent back."""
    anna, chief = people["anna"], people["chief"]
    concept = set_status("expertise-rvo-inschakelen", "concept")
    written_by(concept, anna)
    waiting = set_status("pilot-grote-gezinnen", "concept")
    written_by(waiting, anna)
    transition(waiting, "submit", anna)
    rejected = set_status("handreiking-interventieladder", "concept")
    written_by(rejected, anna)
    transition(rejected, "submit", anna)
    transition(rejected, "reject", chief, reason="De bronverwijzing naar §3.2 ontbreekt.")
    return {"concept": concept, "waiting": waiting, "rejected": rejected}


# --- who is the author --------------------------------------------------------------------


def test_author_is_the_newest_writer_else_who_submitted(people):
    anna, bob, chief = people["anna"], people["bob"], people["chief"]
    item = set_status("expertise-rvo-inschakelen", "concept")
    assert queue.author_of(item) is None  # as loaded from content/: nobody's
    transition(item, "submit", bob)
    assert queue.author_of(item) == bob
    transition(item, "reject", chief, reason="Nog niet af.")
    assert queue.author_of(item) == bob  # sending back does not make the reviewer the author
    Revision.objects.create(item=item, number=1, document="-", author=None)  # state before edit
    written_by(item, anna)
    assert queue.author_of(item) == anna
    Revision.objects.create(item=item, number=3, document="-", author=None)
    assert queue.author_of(item) == anna  # a version without a user does not change it
    assert queue.authors_of([item]) == {item.pk: anna}


# --- Mijn werk / Te beoordelen ------------------------------------------------------------


def test_mijn_werk_shows_my_concepts_waiting_and_rejected_with_reason(client, annas_work, people):
    client.force_login(people["anna"])
    html = page(client)
    mine = section(html, "mijn-werk")
    concepts = mine[mine.index("Mijn concepten") : mine.index("Wacht op beoordeling")]
    assert annas_work["concept"].title in concepts
    assert annas_work["rejected"].title not in concepts  # listed once, under "Teruggestuurd"
    waiting = mine[mine.index("Wacht op beoordeling") :]
    assert annas_work["waiting"].title in waiting and "aangeboden vandaag" in waiting
    rejected = mine[mine.index("Teruggestuurd naar concept") : mine.index("Mijn concepten")]
    assert annas_work["rejected"].title in rejected
    assert "De bronverwijzing naar §3.2 ontbreekt." in rejected
    assert "teruggestuurd door Els Eind" in rejected
    assert 'id="te-beoordelen"' not in html  # a redacteur does not review


def test_mijn_werk_is_only_mine(client, annas_work, people):
    client.force_login(people["bob"])
    mine = section(page(client), "mijn-werk")
    assert "U heeft geen concepten" in mine
    for item in annas_work.values():
        assert item.title not in mine


def test_te_beoordelen_for_who_may_publish(client, annas_work, people):
    AuditEntry.objects.filter(item_slug=annas_work["waiting"].slug, action="submit").update(
        at=timezone.now() - timedelta(days=3)
    )
    live = Item.objects.get(slug="rvb-flexwoningen")
    written_by(live, people["bob"], pending=True)
    client.force_login(people["chief"])
    review = section(page(client), "te-beoordelen")
    assert annas_work["waiting"].title in review
    assert "door Anna de Vries" in review and "3 dagen geleden" in review
    assert "Nog nooit gepubliceerd" in review  # pilot-grote-gezinnen: no earlier live version
    assert live.title in review and "door bob" in review
    assert "Gepubliceerde versie tegenover versie 1" in review
    assert '<pre class="kc-diff">' in review and "<ins>+versie 1</ins>" in review
    assert annas_work["concept"].title not in review and annas_work["rejected"].title not in review
    # oldest first: three days before today's draft
    assert review.index(annas_work["waiting"].title) < review.index(live.title)


def test_a_resubmitted_item_is_compared_with_its_last_live_version(client, people):
    anna, chief = people["anna"], people["chief"]
    item = Item.objects.get(slug="pilot-grote-gezinnen")
    transition(item, "unpublish", chief)  # was live until now
    Revision.objects.create(item=item, number=1, document="titel oud\n", author=None)
    Revision.objects.create(item=item, number=2, document="titel nieuw\n", author=anna)
    transition(item, "submit", anna)
    changes, label = queue.changes_since_live(item)
    assert ("del", "-titel oud") in changes and ("add", "+titel nieuw") in changes
    assert "versie 1" in label and "versie 2" in label


# --- the filters --------------------------------------------------------------------------


def test_filters_by_status_kind_and_author(client, annas_work, people):
    client.force_login(people["chief"])
    table = section(page(client, {"status": "ter-beoordeling"}), "alle-items")
    assert annas_work["waiting"].title in table and annas_work["concept"].title not in table
    table = section(page(client, {"auteur": "anna", "status": "concept"}), "alle-items")
    assert annas_work["concept"].title in table and annas_work["rejected"].title in table
    assert annas_work["waiting"].title not in table
    assert table.count('<tr><th scope="row">') == 2
    kind = annas_work["concept"].kind
    table = section(page(client, {"soort": kind}), "alle-items")
    assert (
        all(item.title in table for item in Item.objects.filter(kind=kind))
        and Item.objects.exclude(kind=kind).first().title not in table
    )
    assert '<option value="anna" selected>Anna de Vries</option>' in page(
        client, {"auteur": "anna"}
    )


@pytest.mark.parametrize(
    "params",
    [
        {"status": "weg"},
        {"soort": "<script>"},
        {"auteur": "niemand"},
        {"status": "x" * 500, "soort": "regeling\x00"},
        {"status": ["concept", "gepubliceerd"]},
    ],
)
def test_a_bad_filter_value_is_ignored_with_a_note(client, people, params):
    client.force_login(people["bob"])
    response = client.get("/redactie/", params)
    assert response.status_code == 200
    html = response.content.decode()
    table = section(html_module.unescape(html), "alle-items")
    if "gepubliceerd" in str(params):  # a repeated parameter: the last value counts, a valid one
        assert "Items die aan de filters voldoen" in table
    else:
        assert "dat filter is niet toegepast" in table
        assert f"Alle items ({Item.objects.count()})" in table
    assert "<script>" not in html


# --- reject with a reason -----------------------------------------------------------------


def test_reject_needs_a_reason_of_at_most_500_characters(people):
    anna, chief = people["anna"], people["chief"]
    item = set_status("expertise-rvo-inschakelen", "ter-beoordeling")
    for reason in ("", "   \n ", "x" * 501):
        with pytest.raises(InvalidTransition):
            transition(item, "reject", chief, reason=reason)
    assert Item.objects.get(pk=item.pk).status == "ter-beoordeling"
    assert not AuditEntry.objects.filter(item_slug=item.slug).exists()
    transition(item, "reject", chief, reason="  " + "y" * 500 + "\n")
    entry = AuditEntry.objects.get(item_slug=item.slug)
    assert (entry.action, entry.note) == ("reject", "y" * 500)
    assert item.status == "concept"
    transition(item, "submit", anna)  # other steps need none
    assert AuditEntry.objects.filter(item_slug=item.slug, action="submit", note="").exists()


def test_reject_through_the_page_without_a_reason_changes_nothing(client, people):
    item = set_status("expertise-rvo-inschakelen", "ter-beoordeling")
    client.force_login(people["chief"])
    url = f"/redactie/items/{item.slug}/workflow/"
    response = client.post(url, {"action": "reject"}, follow=True)
    assert "Geef een reden op" in response.content.decode()
    assert Item.objects.get(pk=item.pk).status == "ter-beoordeling"
    response = client.post(url, {"action": "reject", "reason": "Graag een bron."})
    assert response.status_code == 302
    assert Item.objects.get(pk=item.pk).status == "concept"
    assert AuditEntry.objects.get(item_slug=item.slug).note == "Graag een bron."


def test_the_workflow_form_asks_a_reason_for_reject_only(people):
    item = set_status("expertise-rvo-inschakelen", "ter-beoordeling")
    request = RequestFactory().get("/")
    request.user = people["chief"]
    context = {"item": item, "actions": allowed_actions(item, people["chief"]),
               "pending": None, "can_publish": True, "request": request}  # fmt: skip
    html = render_to_string("editorial/_workflow_form.html", context, request=request)
    assert html.count('name="reason"') == 1
    assert 'maxlength="500" required' in html and '<label for="reason-reject">' in html
    assert html.count('name="action"') == len(context["actions"])
    assert "Publiceren" in html and "Terug naar concept" in html


# --- near-duplicates ----------------------------------------------------------------------


def test_similar_titles_and_slugs_are_found():
    item = Item.objects.get(slug="pilot-grote-gezinnen")
    typo = item.title.replace("e", "é", 1)[:-2]
    assert item in queue.similar_items(typo, "iets-anders")
    assert item in queue.similar_items(f'"{item.title.upper()}" (kopie)', "iets-anders")
    assert item in queue.similar_items("Heel iets anders", "pilot-grote-gezinnen-2")
    assert item in queue.similar_items("Heel iets anders", "pilot-grote-gezinnen-kopie")
    assert item not in queue.similar_items(item.title, item.slug, exclude=item)
    assert queue.similar_items("Hoe werkt de woontafel in Drenthe", "woontafel-drenthe") == []
    assert queue.similar_items("", "") == []


def test_no_two_items_of_the_corpus_count_as_near_duplicates():
    """The threshold leaves the real corpus alone (its closest pair of titles scores 0.70)."""
    items = list(Item.objects.all())
    for a, b in itertools.combinations(items, 2):
        assert b not in queue.similar_items(a.title, a.slug, exclude=a, among=[b]), (a, b)


def test_slug_stem_and_title_normalising():
    assert queue.slug_stem("pilot-grote-gezinnen-2-kopie") == "pilot-grote-gezinnen"
    assert queue.slug_stem("regeling-2021") == queue.slug_stem("regeling-v2") == "regeling"
    assert queue.slug_stem("provincies-stand-1-oktober-2021") == "provincies-stand-1-oktober"
    assert queue.similar_items("Iets", "aanbeveling-12") == []  # a numbered series, not a copy
    assert queue.normalise_title(' Één  "Pilot": grote-gezinnen ') == "een pilot grote gezinnen"


def test_mijn_werk_warns_about_a_near_duplicate(client, people):
    anna = people["anna"]
    original = Item.objects.get(slug="pilot-grote-gezinnen")
    copy = set_status("expertise-rvo-inschakelen", "concept")
    Item.objects.filter(pk=copy.pk).update(title=original.title + "!")
    written_by(copy, anna)
    client.force_login(anna)
    mine = section(page(client), "mijn-werk")
    assert "Let op: lijkt op een bestaand item." in mine
    assert f'href="/redactie/items/{original.slug}/"' in mine


def test_the_history_shows_the_reason(client, annas_work, people):
    client.force_login(people["anna"])
    slug = annas_work["rejected"].slug
    html = html_module.unescape(client.get(f"/redactie/items/{slug}/versies/").content.decode())
    steps = section(html, "workflow-stappen")
    assert "De bronverwijzing naar §3.2 ontbreekt." in steps
    assert "<td>Ter beoordeling</td><td>Concept</td>" in steps and "Els Eind" in steps
