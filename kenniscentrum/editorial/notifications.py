"""E-mail to whoever has to act after a workflow step: reviewers on submit, the author after.

Why after commit: a mail about a change that was rolled back would send people to a state that
does not exist, and a slow or broken mail server must never hold the item's row lock or undo a
transition. So the mail is built and sent in a `transaction.on_commit` callback, and any failure
there is logged, not raised.

What a mail holds: the item's title, its new status, a link to the edit page and the name (or
username) of the editor who acted; for a rejection the reason. No e-mail addresses of others:
every recipient gets a message of their own.
"""

import logging
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse

from kenniscentrum.knowledge.models import Item
from kenniscentrum.knowledge.vocabulary import Status

logger = logging.getLogger(__name__)

PUBLISH = "knowledge.publish_item"
# Roles are groups with permissions in the database; axes sits beside it in AUTHENTICATION_BACKENDS.
PERMISSIONS_BACKEND = "django.contrib.auth.backends.ModelBackend"
SIGNATURE = (
    "\n-- \nDit bericht is automatisch verstuurd door de redactieomgeving van het kenniscentrum "
    "huisvesting statushouders. U krijgt het omdat u redacteur of eindredacteur bent.\n"
)
# action → (subject prefix, sentence); {actor} is who acted.
MAILS = {
    "submit": ("Ter beoordeling", "{actor} heeft een item ter beoordeling aangeboden."),
    "publish": ("Gepubliceerd", "{actor} heeft uw item gepubliceerd."),
    "reject": ("Terug naar concept", "{actor} heeft uw item teruggezet naar concept."),
    "publish-change": ("Wijziging gepubliceerd", "{actor} heeft uw wijziging gepubliceerd."),
}


def after_transition(item: Item, action: str, actor, reason: str = "", base_url: str = "") -> None:
    """Send the mails for `action` once the surrounding transaction commits (nothing if it
    rolls back). Called by workflow.transition inside its transaction, and by the workflow view
    after revisions.publish_draft ("publish-change")."""
    if action not in MAILS:
        return
    transaction.on_commit(
        partial(_send_safely, item.pk, action, actor, reason, base_url), robust=True
    )


def _send_safely(item_pk: int, action: str, actor, reason: str, base_url: str) -> None:
    try:
        messages = build_messages(Item.objects.get(pk=item_pk), action, actor, reason, base_url)
        if messages:
            get_connection(fail_silently=False).send_messages(messages)
    except Exception:  # a mail problem never fails the transition; the log says what happened
        logger.exception("Workflowmail (%s, item %s) is niet verstuurd", action, item_pk)


def recipients(item: Item, action: str, actor) -> list:
    """Who gets a mail: every active user who may publish (submit), or the author (after).

    Never the editor who acted, never a user without an address or an inactive one.
    """
    from .queue import author_of

    User = get_user_model()
    if action == "submit":
        users = User.objects.with_perm(
            PUBLISH, is_active=True, include_superusers=False, backend=PERMISSIONS_BACKEND
        )
    else:
        author = author_of(item)
        users = User.objects.filter(pk=author.pk, is_active=True) if author else User.objects.none()
    return list(users.exclude(email="").exclude(pk=getattr(actor, "pk", None)).order_by("pk"))


def build_messages(
    item: Item, action: str, actor, reason: str = "", base_url: str = ""
) -> list[EmailMessage]:
    """The plain-text Dutch messages for one step, one per recipient."""
    from .queue import display_name

    subject_prefix, sentence = MAILS[action]
    status = Status(item.status).label
    lines = [
        sentence.format(actor=display_name(actor)),
        "",
        f"Titel: {item.title}",
        f"Nieuwe status: {status}",
    ]
    if reason:
        lines.append(f"Reden: {reason}")
    lines += ["", f"Bewerken: {edit_url(item, base_url)}", SIGNATURE]
    body = "\n".join(lines)
    subject = " ".join(f"{subject_prefix}: {item.title}".split())[:200]
    return [
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        for user in recipients(item, action, actor)
    ]


def edit_url(item: Item, base_url: str = "") -> str:
    """The edit page's absolute address: KC_SITE_URL when set (a request's Host can be anything
    a proxy passes on), else the address of the request that made the change."""
    base = (getattr(settings, "SITE_URL", "") or base_url or "").rstrip("/")
    return f"{base}{reverse('editorial:edit', args=[item.slug])}"
