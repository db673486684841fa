"""The editorial workflow: which role may move an item from which state to which.

    concept --submit--> ter beoordeling --publish--> gepubliceerd --archive--> gearchiveerd
       ^                      |                          |
       +------- reject -------+------ unpublish ---------+

A redacteur writes and submits; only an eindredacteur (permission knowledge.publish_item)
publishes, unpublishes, archives or sends back. Every transition is checked here, whatever
the form or request that asks for it, and written to the audit log. Sending an item back needs
a reason: the author has to know what to change. Who needs to act next gets an e-mail once the
change has committed (notifications.py).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction

from kenniscentrum.knowledge.models import Item
from kenniscentrum.knowledge.vocabulary import Status

from . import notifications
from .models import AuditEntry

WRITE = "knowledge.change_item"
PUBLISH = "knowledge.publish_item"
MAX_REASON = 500  # AuditEntry.note


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: frozenset
    target: str
    permission: str
    needs_reason: bool = False


TRANSITIONS = {
    t.action: t
    for t in (
        Transition("submit", "Ter beoordeling aanbieden",
                   frozenset({Status.CONCEPT}), Status.TER_BEOORDELING, WRITE),
        Transition("publish", "Publiceren",
                   frozenset({Status.CONCEPT, Status.TER_BEOORDELING, Status.GEARCHIVEERD}),
                   Status.GEPUBLICEERD, PUBLISH),
        Transition("reject", "Terug naar concept",
                   frozenset({Status.TER_BEOORDELING}), Status.CONCEPT, PUBLISH,
                   needs_reason=True),
        Transition("unpublish", "Depubliceren",
                   frozenset({Status.GEPUBLICEERD}), Status.CONCEPT, PUBLISH),
        Transition("archive", "Archiveren",
                   frozenset({Status.CONCEPT, Status.TER_BEOORDELING, Status.GEPUBLICEERD}),
                   Status.GEARCHIVEERD, PUBLISH),
    )
}  # fmt: skip


class InvalidTransition(ValueError):
    pass


def allowed_actions(item: Item, user) -> list[Transition]:
    return [
        t for t in TRANSITIONS.values() if item.status in t.sources and user.has_perm(t.permission)
    ]


def transition(item: Item, action: str, user, reason: str = "", base_url: str = "") -> Item:
    """Move an item to another state, or raise PermissionDenied / InvalidTransition.

    `reason` is stored with the audit entry (required for reject); `base_url` is the site's
    address for the link in the e-mail when no KC_SITE_URL is set (the view passes the request's).
    """
    step = TRANSITIONS.get(action)
    if step is None:
        raise InvalidTransition(f"Onbekende actie '{action}'.")
    if not user.has_perm(step.permission):
        raise PermissionDenied(f"U mag '{step.label.lower()}' niet uitvoeren.")
    reason = (reason or "").strip()
    if step.needs_reason and not reason:
        raise InvalidTransition(f"Geef een reden op bij '{step.label}': de auteur leest die.")
    if len(reason) > MAX_REASON:
        raise InvalidTransition(f"De reden is te lang: ten hoogste {MAX_REASON} tekens.")
    with transaction.atomic():
        locked = Item.objects.select_for_update().get(pk=item.pk)
        if locked.status not in step.sources:
            raise InvalidTransition(
                f"'{step.label}' kan niet vanuit de status '{locked.get_status_display()}'."
            )
        previous = locked.status
        locked.status = step.target
        locked.edited_since_load = True
        locked.save(update_fields=["status", "edited_since_load", "updated_at"])
        AuditEntry.objects.create(
            user=user if user.is_authenticated else None,
            item_slug=locked.slug,
            action=action,
            from_status=previous,
            to_status=step.target,
            note=reason,
        )
        notifications.after_transition(locked, action, user, reason, base_url)
    item.refresh_from_db()
    return item
