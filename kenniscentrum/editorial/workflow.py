"""The editorial workflow: which role may move an item from which state to which.

    concept --submit--> ter beoordeling --publish--> gepubliceerd --archive--> gearchiveerd
       ^                      |                          |
       +------- reject -------+------ unpublish ---------+

A redacteur writes and submits; only an eindredacteur (permission knowledge.publish_item)
publishes, unpublishes, archives or sends back. Every transition is checked here, whatever
the form or request that asks for it, and written to the audit log.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction

from kenniscentrum.knowledge.models import Item
from kenniscentrum.knowledge.vocabulary import Status

from .models import AuditEntry

WRITE = "knowledge.change_item"
PUBLISH = "knowledge.publish_item"


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: frozenset
    target: str
    permission: str


TRANSITIONS = {
    t.action: t
    for t in (
        Transition("submit", "Ter beoordeling aanbieden",
                   frozenset({Status.CONCEPT}), Status.TER_BEOORDELING, WRITE),
        Transition("publish", "Publiceren",
                   frozenset({Status.CONCEPT, Status.TER_BEOORDELING, Status.GEARCHIVEERD}),
                   Status.GEPUBLICEERD, PUBLISH),
        Transition("reject", "Terug naar concept",
                   frozenset({Status.TER_BEOORDELING}), Status.CONCEPT, PUBLISH),
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


def transition(item: Item, action: str, user) -> Item:
    """Move an item to another state, or raise PermissionDenied / InvalidTransition."""
    step = TRANSITIONS.get(action)
    if step is None:
        raise InvalidTransition(f"Onbekende actie '{action}'.")
    if not user.has_perm(step.permission):
        raise PermissionDenied(f"U mag '{step.label.lower()}' niet uitvoeren.")
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
        )
    item.refresh_from_db()
    return item
