"""Roles, workflow, audit log, search insights, pins, export/load round trip, login safety."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from kenniscentrum.core.dates import today
from kenniscentrum.editorial.models import AuditEntry, Pin, SearchLog
from kenniscentrum.editorial.search_insights import log_search, top_queries
from kenniscentrum.editorial.search_log_buffer import flush_search_log
from kenniscentrum.editorial.workflow import InvalidTransition, allowed_actions, transition
from kenniscentrum.knowledge.frontmatter import ContentError
from kenniscentrum.knowledge.loading import load_corpus
from kenniscentrum.knowledge.models import Item

pytestmark = pytest.mark.django_db
PASSWORD = "een-lang-Wachtwoord-2026"


def editor(role: str) -> User:
    user = User.objects.create_user(f"{role}-test", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return User.objects.get(pk=user.pk)  # fresh permission cache


@pytest.fixture
def concept():
    item = Item.objects.get(slug="expertise-rvo-inschakelen")
    Item.objects.filter(pk=item.pk).update(status="concept")
    item.refresh_from_db()
    return item


def test_roles_exist_with_their_permissions():
    redacteur, eindredacteur = editor("redacteur"), editor("eindredacteur")
    assert redacteur.has_perm("knowledge.change_item")
    assert not redacteur.has_perm("knowledge.publish_item")
    assert eindredacteur.has_perm("knowledge.publish_item")
    assert eindredacteur.has_perm("editorial.add_pin") and not redacteur.has_perm(
        "editorial.add_pin"
    )


def test_redacteur_submits_but_cannot_publish(concept):
    redacteur = editor("redacteur")
    assert [t.action for t in allowed_actions(concept, redacteur)] == ["submit"]
    transition(concept, "submit", redacteur)
    assert concept.status == "ter-beoordeling"
    with pytest.raises(PermissionDenied):
        transition(concept, "publish", redacteur)
    assert Item.objects.get(pk=concept.pk).status == "ter-beoordeling"


def test_eindredacteur_publishes_and_it_is_audited(concept, django_capture_on_commit_callbacks):
    chief = editor("eindredacteur")
    with django_capture_on_commit_callbacks(execute=True):
        transition(concept, "publish", chief)
    assert concept.status == "gepubliceerd"
    entry = AuditEntry.objects.get(item_slug=concept.slug)
    assert (entry.user, entry.action, entry.from_status, entry.to_status) == (
        chief, "publish", "concept", "gepubliceerd")  # fmt: skip
    with pytest.raises(InvalidTransition):
        transition(concept, "submit", chief)


def test_crafted_admin_post_cannot_publish(client, concept):
    client.force_login(editor("redacteur"))
    response = client.post(
        "/beheer/knowledge/item/",
        {"action": "workflow_publish", "_selected_action": [concept.pk]},
    )
    assert response.status_code in (200, 302, 403)
    change = client.get(f"/beheer/knowledge/item/{concept.pk}/change/").content.decode()
    assert 'name="status"' not in change  # status is never a form field
    client.post(f"/beheer/knowledge/item/{concept.pk}/change/", {"status": "gepubliceerd"})
    assert Item.objects.get(pk=concept.pk).status == "concept"


def test_redacteur_cannot_change_live_content(client):
    client.force_login(editor("redacteur"))
    live = Item.objects.get(slug="pilot-grote-gezinnen")
    response = client.post(f"/beheer/knowledge/item/{live.pk}/change/", {"title": "Gewijzigd"})
    assert response.status_code == 403
    assert Item.objects.get(pk=live.pk).title != "Gewijzigd"


def test_login_is_protected_against_brute_force(client):
    user = editor("redacteur")
    for _ in range(5):
        client.post("/beheer/login/", {"username": user.username, "password": "fout"})
    response = client.post("/beheer/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_search_log_keeps_no_personal_data(client):
    client.get("/zoeken/", {"q": "  Grote   GEZINNEN "}, REMOTE_ADDR="10.1.2.3")
    client.get("/zoeken/", {"q": "grote gezinnen"})
    client.get("/zoeken/", {"q": "xyzzyqwerty"})
    assert not SearchLog.objects.exists()  # counted in memory, written by the flusher
    flush_search_log()
    row = SearchLog.objects.get(query="grote gezinnen")
    assert row.searches == 2 and row.results > 0 and row.day == today()
    fields = {f.name for f in SearchLog._meta.get_fields()}
    assert fields == {"id", "day", "query", "searches", "results"}
    assert [q.query for q in top_queries(30, zero_only=True)] == ["xyzzyqwerty"]


def test_old_search_log_rows_are_pruned():
    old = today() - timedelta(days=91)
    SearchLog.objects.create(day=old, query="oud", searches=3, results=1)
    SearchLog.objects.create(day=today() - timedelta(days=89), query="recent", searches=1)
    log_search("vandaag", 2)
    assert not SearchLog.objects.filter(query="oud").exists()
    assert SearchLog.objects.filter(query="recent").exists()


def test_insights_page_for_editors_only(client):
    log_search("tussenvoorziening", 5)
    log_search("onbekendwoord", 0)
    assert client.get("/redactie/zoekvragen/").status_code == 302  # to the login
    client.force_login(editor("redacteur"))
    html = client.get("/redactie/zoekvragen/").content.decode()
    assert "Laatste 30 dagen" in html and "Laatste 90 dagen" in html
    assert "tussenvoorziening" in html and "onbekendwoord" in html


def test_pinned_items_appear_first_marked_aanbevolen(client):
    pin_item = Item.objects.get(slug="handreiking-interventieladder")
    Pin.objects.create(query="  Grote Gezinnen ", item=pin_item)
    html = client.get("/zoeken/", {"q": "grote gezinnen"}).content.decode()
    first = html.split('class="kc-results"', 1)[1]
    assert first.index("/kennis/handreiking-interventieladder/") < first.index("/kennis/pilot-")
    assert "Aanbevolen" in html
    data = client.get("/api/search", {"q": "grote gezinnen"}).json()
    assert data["results"][0]["slug"] == "handreiking-interventieladder"
    assert data["results"][0]["recommended"] is True


def api_snapshot(client) -> dict:
    listing = client.get("/api/content/").json()
    return {
        "list": listing,
        "items": {r["slug"]: client.get(f"/api/content/{r['slug']}").json()
                  for r in listing["results"]},
    }  # fmt: skip


def test_export_empty_load_round_trip(client, tmp_path, settings, seeds_dir):
    before = api_snapshot(client)
    call_command("export_content", to=tmp_path / "export")
    Item.objects.all().delete()
    assert client.get("/api/content/").json()["count"] == 0
    load_corpus(tmp_path / "export", seeds_dir)
    assert api_snapshot(client) == before


def test_load_refuses_to_overwrite_a_browser_edit(content_copy, seeds_dir):
    load_corpus(content_copy, seeds_dir)
    Item.objects.filter(slug="rvb-flexwoningen").update(
        title="In de browser bewerkt", edited_since_load=True
    )
    # An unchanged file keeps the browser edit.
    load_corpus(content_copy, seeds_dir)
    assert Item.objects.get(slug="rvb-flexwoningen").title == "In de browser bewerkt"
    # A changed file is a conflict: nothing is written.
    path = content_copy / "regeling" / "rvb-flexwoningen.md"
    path.write_text(path.read_text().replace("\n---\n", "\n---\nNieuwe regel.\n", 1))
    with pytest.raises(ContentError) as info:
        load_corpus(content_copy, seeds_dir)
    assert "rvb-flexwoningen.md" in str(info.value) and "--force" in str(info.value)
    assert Item.objects.get(slug="rvb-flexwoningen").title == "In de browser bewerkt"
    load_corpus(content_copy, seeds_dir, force=True)
    assert Item.objects.get(slug="rvb-flexwoningen").title != "In de browser bewerkt"


def test_create_editor_command(monkeypatch):
    monkeypatch.setenv("KC_EDITOR_PASSWORD", PASSWORD)
    call_command("create_editor", "nieuwe-redacteur", role="eindredacteur")
    user = User.objects.get(username="nieuwe-redacteur")
    assert user.is_staff and user.has_perm("knowledge.publish_item")
    assert user.check_password(PASSWORD)
