"""Issue 15: e-mail after workflow steps. Submit → every active eindredacteur with an address;
publish and reject → the author (reject with the reason). Sent after commit, never failing
the step, with no personal data beyond the acting editor's name."""

import logging

import pytest
from django.contrib.auth.models import Group, User

from kenniscentrum.editorial import notifications
from kenniscentrum.editorial.models import AuditEntry, Revision
from kenniscentrum.editorial.workflow import transition
from kenniscentrum.knowledge.models import Item

pytestmark = pytest.mark.django_db
SLUG = "expertise-rvo-inschakelen"


def editor(role: str, name: str, **fields) -> User:
    user = User.objects.create_user(name, password="x", is_staff=True, **fields)
    user.groups.add(Group.objects.get(name=role))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def team():
    return {
        "anna": editor("redacteur", "anna", email="anna@example.nl", first_name="Anna",
                       last_name="de Vries"),
        "chief": editor("eindredacteur", "chief", email="chief@example.nl", first_name="Els",
                        last_name="Eind"),
        "chief2": editor("eindredacteur", "chief2", email="chief2@example.nl"),
        "no_address": editor("eindredacteur", "zonder-adres"),
        "gone": editor("eindredacteur", "vertrokken", email="weg@example.nl", is_active=False),
    }  # fmt: skip


@pytest.fixture
def concept(team):
    Item.objects.filter(slug=SLUG).update(status="concept")
    item = Item.objects.get(slug=SLUG)
    Revision.objects.create(item=item, number=1, document="-", author=team["anna"])
    return item


def test_submit_mails_every_active_eindredacteur_with_an_address(
    concept, team, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        transition(concept, "submit", team["anna"], base_url="https://kc.example.nl/")
    assert sorted(m.to[0] for m in mailoutbox) == ["chief2@example.nl", "chief@example.nl"]
    assert all(len(m.to) == 1 and not m.cc and not m.bcc for m in mailoutbox)  # no shared list
    mail = mailoutbox[0]
    assert mail.subject == f"Ter beoordeling: {concept.title}"
    assert "Anna de Vries heeft een item ter beoordeling aangeboden." in mail.body
    assert f"Titel: {concept.title}" in mail.body and "Nieuwe status: Ter beoordeling" in mail.body
    assert f"Bewerken: https://kc.example.nl/redactie/items/{SLUG}/" in mail.body
    assert "@" not in mail.body  # nobody's address in the text
    assert mail.from_email == "redactie@localhost"


def test_publish_and_reject_mail_the_author(
    concept, team, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        transition(concept, "submit", team["anna"])
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        transition(concept, "reject", team["chief"], reason="De bron voor §3.2 ontbreekt.")
    [mail] = mailoutbox
    assert mail.to == ["anna@example.nl"]
    assert mail.subject == f"Terug naar concept: {concept.title}"
    assert "Els Eind heeft uw item teruggezet naar concept." in mail.body
    assert "Nieuwe status: Concept" in mail.body
    assert "Reden: De bron voor §3.2 ontbreekt." in mail.body
    assert f"/redactie/items/{SLUG}/" in mail.body
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        transition(concept, "publish", team["chief2"])
    [mail] = mailoutbox
    assert mail.to == ["anna@example.nl"]
    assert "chief2 heeft uw item gepubliceerd." in mail.body  # no full name: the username
    assert "Nieuwe status: Gepubliceerd" in mail.body and "Reden" not in mail.body


def test_no_mail_to_yourself_or_to_an_author_without_an_address(
    team, mailoutbox, django_capture_on_commit_callbacks
):
    Item.objects.filter(slug=SLUG).update(status="concept")
    item = Item.objects.get(slug=SLUG)
    writer = editor("redacteur", "schrijver")  # no address
    Revision.objects.create(item=item, number=1, document="-", author=writer)
    with django_capture_on_commit_callbacks(execute=True):
        transition(item, "submit", team["chief"])  # an eindredacteur submits: not to himself
    assert sorted(m.to[0] for m in mailoutbox) == ["chief2@example.nl"]
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        transition(item, "publish", team["chief"])
    assert mailoutbox == []  # the author has no address


def test_no_mail_before_the_commit(concept, team, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        transition(concept, "submit", team["anna"])
    assert mailoutbox == [] and callbacks  # a rolled-back step would mail nobody


def test_a_failing_mail_server_does_not_fail_the_step(
    concept, team, mailoutbox, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    class Broken:
        def send_messages(self, messages):
            raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(notifications, "get_connection", lambda **kwargs: Broken())
    logger = "kenniscentrum.editorial.notifications"
    with (
        caplog.at_level(logging.ERROR, logger=logger),
        django_capture_on_commit_callbacks(execute=True),
    ):
        transition(concept, "submit", team["anna"])
    assert Item.objects.get(pk=concept.pk).status == "ter-beoordeling"
    assert AuditEntry.objects.filter(item_slug=SLUG, action="submit").exists()
    assert "Workflowmail (submit" in caplog.text and "smtp down" in caplog.text


def test_the_page_sends_with_the_sites_address(
    client, concept, team, mailoutbox, django_capture_on_commit_callbacks, settings
):
    client.force_login(team["anna"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/redactie/items/{SLUG}/workflow/", {"action": "submit"})
    assert response.status_code == 302
    assert f"Bewerken: http://testserver/redactie/items/{SLUG}/" in mailoutbox[0].body
    settings.SITE_URL = "https://kenniscentrum.example.nl"
    mailoutbox.clear()
    client.force_login(team["chief"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/redactie/items/{SLUG}/workflow/", {"action": "reject", "reason": "Nee."})
    [mail] = mailoutbox
    assert f"Bewerken: https://kenniscentrum.example.nl/redactie/items/{SLUG}/" in mail.body


def test_publishing_a_change_mails_who_wrote_it(
    client, team, mailoutbox, django_capture_on_commit_callbacks
):
    live = Item.objects.get(slug="rvb-flexwoningen")
    from kenniscentrum.editorial import revisions

    document = revisions.current_document(live)
    revisions.save(live, document.replace("## ", "## Nieuw: ", 1), team["anna"], 0)
    client.force_login(team["chief"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/redactie/items/rvb-flexwoningen/workflow/", {"action": "publish-change"})
    [mail] = mailoutbox
    assert mail.to == ["anna@example.nl"]
    assert "Els Eind heeft uw wijziging gepubliceerd." in mail.body


def test_email_settings_come_from_the_environment(monkeypatch):
    import runpy
    import secrets
    from pathlib import Path

    import kenniscentrum

    path = Path(kenniscentrum.__file__).parent / "settings.py"
    monkeypatch.setenv("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    for name in ("KC_EMAIL_HOST", "KC_EMAIL_PORT", "KC_EMAIL_USE_TLS", "KC_EMAIL_FROM"):
        monkeypatch.delenv(name, raising=False)
    local = runpy.run_path(str(path))
    assert local["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    monkeypatch.setenv("KC_EMAIL_HOST", "smtp.example.nl")
    monkeypatch.setenv("KC_EMAIL_PORT", "25")
    monkeypatch.setenv("KC_EMAIL_USE_TLS", "0")
    monkeypatch.setenv("KC_EMAIL_FROM", "redactie@example.nl")
    server = runpy.run_path(str(path))
    assert server["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (server["EMAIL_HOST"], server["EMAIL_PORT"], server["EMAIL_USE_TLS"]) == (
        "smtp.example.nl", 25, False)  # fmt: skip
    assert server["DEFAULT_FROM_EMAIL"] == "redactie@example.nl"
