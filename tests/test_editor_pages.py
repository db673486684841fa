"""Editing in the browser: validation like load_content, drafts of live items, preview, history,
restore, concurrent saves, and the search and check following publication."""

import html as html_module
import re

import pytest
from django.contrib.auth.models import Group, User

from kenniscentrum.editorial.models import AuditEntry, Revision
from kenniscentrum.knowledge.models import Item

pytestmark = pytest.mark.django_db


def editor(role: str, name: str | None = None) -> User:
    user = User.objects.create_user(name or f"{role}-pages", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return User.objects.get(pk=user.pk)


def form_values(html: str) -> tuple[str, int]:
    document = re.search(r'<textarea id="document"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    base = int(re.search(r'name="base" value="(\d+)"', html).group(1))
    return html_module.unescape(document), base


def open_editor(client, slug):
    # The raw view: since issue 15 the edit page opens on the form (?weergave=bron is raw).
    return form_values(client.get(f"/redactie/items/{slug}/?weergave=bron").content.decode())


def save(client, slug, document, base, action="save"):
    return client.post(
        f"/redactie/items/{slug}/", {"document": document, "base": base, "action": action}
    )


@pytest.fixture
def concept_item():
    Item.objects.filter(slug="expertise-rvo-inschakelen").update(status="concept")
    return Item.objects.get(slug="expertise-rvo-inschakelen")


def test_pages_need_an_editor(client):
    assert client.get("/redactie/").status_code == 302
    client.force_login(User.objects.create_user("bezoeker", password="x"))
    assert client.get("/redactie/").status_code == 403


def test_editing_a_concept_applies_at_once_and_keeps_history(client, concept_item):
    client.force_login(editor("redacteur"))
    document, base = open_editor(client, concept_item.slug)
    assert "slug: expertise-rvo-inschakelen" in document and "status:" not in document
    changed = re.sub(
        r"(?m)^title: .*$", "title: Nieuwe titel voor RVO-expertise", document, count=1
    )
    response = save(client, concept_item.slug, changed, base)
    assert response.status_code == 302
    assert Item.objects.get(pk=concept_item.pk).title == "Nieuwe titel voor RVO-expertise"
    numbers = list(Revision.objects.filter(item=concept_item).values_list("number", flat=True))
    assert numbers == [2, 1]  # 1 = the state before the first browser edit
    history = client.get(f"/redactie/items/{concept_item.slug}/versies/?van=1&naar=2")
    html = history.content.decode()
    assert "<del>-title:" in html and "<ins>+title: Nieuwe titel" in html


def test_validation_is_the_loaders_with_clear_messages(client, concept_item):
    client.force_login(editor("redacteur"))
    document, base = open_editor(client, concept_item.slug)
    for broken, field in [
        (document.replace("themes:", "themas:", 1), "themes"),
        (document + "\nZie [weg](/kennis/bestaat-niet/).\n", "body"),
        (document.replace("---\nslug:", "---\nstatus: gepubliceerd\nslug:", 1), "status"),
        (document.replace("published: ", "published: 2026-02-30 #", 1), "published"),
    ]:
        html = save(client, concept_item.slug, broken, base).content.decode()
        assert 'class="kc-error-summary"' in html and f"Veld '{field}'" in html, field
    assert Item.objects.get(pk=concept_item.pk).title == concept_item.title
    assert not Revision.objects.filter(item=concept_item).exists()


def test_sanitising_holds_for_editors(client, concept_item):
    client.force_login(editor("redacteur"))
    document, base = open_editor(client, concept_item.slug)
    hostile = document + "\n<script>alert(1)</script><a href='javascript:x' onclick='y'>k</a>\n"
    preview = save(client, concept_item.slug, hostile, base, action="preview").content.decode()
    body = preview.split("Voorbeeld (niet opgeslagen)", 1)[1]
    assert "<script>alert" not in body and "onclick" not in body and "javascript:" not in body
    save(client, concept_item.slug, hostile, base)
    html = Item.objects.get(pk=concept_item.pk).body_html
    assert "<script" not in html and "onclick" not in html


def test_editing_a_live_item_makes_a_draft_until_published(
    client, django_capture_on_commit_callbacks
):
    live = Item.objects.get(slug="rvb-flexwoningen")
    old_title = live.title
    client.force_login(editor("redacteur"))
    document, base = open_editor(client, live.slug)
    changed = re.sub(r"(?m)^title: .*$", "title: RVB-flexwoningen kwartelkoning", document, count=1)
    save(client, live.slug, changed, base)
    assert Item.objects.get(pk=live.pk).title == old_title  # the live version stays
    assert client.get("/kennis/rvb-flexwoningen/").content.decode().count("kwartelkoning") == 0
    preview = client.get("/redactie/items/rvb-flexwoningen/voorbeeld/?versie=2").content.decode()
    assert "kwartelkoning" in preview and "<h1>RVB-flexwoningen kwartelkoning</h1>" in preview
    assert Item.objects.get(pk=live.pk).title == old_title  # the preview saved nothing
    # A redacteur cannot publish the change, not even with a crafted POST.
    response = client.post("/redactie/items/rvb-flexwoningen/workflow/",
                           {"action": "publish-change"})  # fmt: skip
    assert response.status_code == 403
    client.force_login(editor("eindredacteur"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/redactie/items/rvb-flexwoningen/workflow/", {"action": "publish-change"})
    assert Item.objects.get(pk=live.pk).title == "RVB-flexwoningen kwartelkoning"
    assert AuditEntry.objects.filter(item_slug=live.slug, action="publish-change").exists()


def test_two_editors_at_once_the_second_save_is_refused(client, concept_item):
    first, second = editor("redacteur", "eerste"), editor("redacteur", "tweede")
    client.force_login(first)
    document, base = open_editor(client, concept_item.slug)
    other = client.__class__()
    other.force_login(second)
    their_document, their_base = open_editor(other, concept_item.slug)
    save(client, concept_item.slug, document.replace("## ", "## Eerste: ", 1), base)
    response = save(other, concept_item.slug, their_document + "\nTweede.\n", their_base)
    html = response.content.decode()
    assert "Iemand anders heeft dit item intussen opgeslagen" in html
    assert "eerste" in html and "<ins>+Tweede.</ins>" in html
    assert "Tweede." not in Item.objects.get(pk=concept_item.pk).body


def test_restore_an_older_version(client, concept_item):
    client.force_login(editor("redacteur"))
    document, base = open_editor(client, concept_item.slug)
    save(client, concept_item.slug, document + "\nToegevoegd.\n", base)
    client.post(f"/redactie/items/{concept_item.slug}/herstel/", {"versie": 1})
    item = Item.objects.get(pk=concept_item.pk)
    assert "Toegevoegd." not in item.body
    assert Revision.objects.filter(item=item).first().note == "Hersteld: versie 1"


def test_workflow_buttons_follow_the_role(client, concept_item):
    client.force_login(editor("redacteur"))
    html = client.get(f"/redactie/items/{concept_item.slug}/").content.decode()
    assert "Ter beoordeling aanbieden" in html and "Publiceren" not in html
    response = client.post(f"/redactie/items/{concept_item.slug}/workflow/",
                           {"action": "publish"})  # fmt: skip
    assert response.status_code == 403
    assert Item.objects.get(pk=concept_item.pk).status == "concept"


def test_scheduled_publication_set_by_an_editor(client, concept_item):
    from django.utils import timezone

    client.force_login(editor("eindredacteur"))
    document, base = open_editor(client, concept_item.slug)
    tomorrow = (timezone.localdate() + timezone.timedelta(days=1)).isoformat()
    scheduled = document.replace("published:", f"publish_at: {tomorrow}\npublished:", 1)
    save(client, concept_item.slug, scheduled, base)
    client.post(f"/redactie/items/{concept_item.slug}/workflow/", {"action": "publish"})
    item = Item.objects.get(pk=concept_item.pk)
    assert item.status == "gepubliceerd" and item.publish_at is not None
    assert client.get(f"/kennis/{item.slug}/").status_code == 404  # not before tomorrow
    Item.objects.filter(pk=item.pk).update(publish_at=timezone.now() - timezone.timedelta(1))
    assert client.get(f"/kennis/{item.slug}/").status_code == 200
    html = save(
        client, item.slug, scheduled.replace("publish_at:", "expire_at: 2020-01-01\npublish_at:"), 0
    ).content.decode()
    assert "expire_at" in html and "kc-error-summary" in html


def test_the_check_follows_publication(client):
    from kenniscentrum.check.answers import validate
    from kenniscentrum.check.service import run_check

    answers = validate({"organisation": "gemeente", "province": "utrecht", "backlog": 1,
                        "large_families": 1, "plans": [], "target_groups": [],
                        "needs_expertise": False, "regional_cooperation": False})  # fmt: skip
    slugs = lambda: {r.item.slug for r in run_check(answers).results}  # noqa: E731
    assert "pilot-grote-gezinnen" in slugs()
    pilot = Item.objects.get(slug="pilot-grote-gezinnen")
    transition_user = editor("eindredacteur")
    from kenniscentrum.editorial.workflow import transition

    transition(pilot, "unpublish", transition_user)
    assert "pilot-grote-gezinnen" not in slugs()
    transition(pilot, "publish", transition_user)
    assert "pilot-grote-gezinnen" in slugs()


ROLE_MATRIX = [
    # (role, start status, action, allowed)
    ("redacteur", "concept", "submit", True),
    ("redacteur", "concept", "publish", False),
    ("redacteur", "ter-beoordeling", "publish", False),
    ("redacteur", "ter-beoordeling", "reject", False),
    ("redacteur", "gepubliceerd", "unpublish", False),
    ("redacteur", "gepubliceerd", "archive", False),
    ("eindredacteur", "concept", "submit", True),
    ("eindredacteur", "ter-beoordeling", "publish", True),
    ("eindredacteur", "ter-beoordeling", "reject", True),
    ("eindredacteur", "gepubliceerd", "unpublish", True),
    ("eindredacteur", "gepubliceerd", "archive", True),
    ("eindredacteur", "gearchiveerd", "publish", True),
    (None, "concept", "submit", False),
]


@pytest.mark.parametrize(("role", "status", "action", "allowed"), ROLE_MATRIX)
def test_every_action_for_every_role_through_http(client, role, status, action, allowed):
    Item.objects.filter(slug="expertise-rvo-inschakelen").update(status=status)
    user = editor(role) if role else User.objects.create_user("gewoon", password="x")
    client.force_login(user)
    # a reject needs a reason (issue 15; without one: tests/test_review_queue.py)
    response = client.post("/redactie/items/expertise-rvo-inschakelen/workflow/",
                           {"action": action, "reason": "Nog niet af."})  # fmt: skip
    new_status = Item.objects.get(slug="expertise-rvo-inschakelen").status
    if allowed:
        assert response.status_code == 302 and new_status != status
    else:
        assert response.status_code == 403 and new_status == status


def test_live_preview_fragment(client):
    client.force_login(editor("redacteur"))
    document, _ = open_editor(client, "pilot-grote-gezinnen")
    extra = "\n<script>x</script>| a |\n|---|\n| 1 |\n"
    params = {"kind": "regeling", "slug": "pilot-grote-gezinnen", "document": document + extra}
    html = client.post("/redactie/voorbeeld/", params).content.decode()
    assert "<table>" in html or "kc-table-wrap" in html
    assert "<script>x" not in html
    params["document"] = "geen front matter"
    broken = client.post("/redactie/voorbeeld/", params).content.decode()
    assert "Nog niet geldig" in broken
    client.logout()
    assert client.post("/redactie/voorbeeld/", {"kind": "regeling"}).status_code == 302
