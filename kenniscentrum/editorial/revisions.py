"""Editing an item in the browser: validated saves, drafts of live items, history, restore.

The document an editor edits is the item's content file (front matter + Markdown body), so the
browser and `load_content` share one format and one set of rules (loading.validate_document).
"""

import difflib
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max

from kenniscentrum.knowledge.exporting import render_file
from kenniscentrum.knowledge.frontmatter import ContentError, parse_file
from kenniscentrum.knowledge.loading import apply_document, validate_document
from kenniscentrum.knowledge.models import Item
from kenniscentrum.knowledge.vocabulary import Status

from .models import AuditEntry, Revision

WRITE = "knowledge.change_item"
PUBLISH = "knowledge.publish_item"


class EditConflict(Exception):
    """Someone else saved the item after this editor opened it."""

    def __init__(self, latest: Revision):
        self.latest = latest
        super().__init__(f"Versie {latest.number} is intussen opgeslagen.")


@dataclass
class SaveResult:
    revision: Revision
    applied: bool  # False when it is a pending draft of a published item


def current_document(item: Item) -> str:
    """What the editor starts from: the newest pending draft, or the item as it is."""
    return editing_state(item).document


def latest_number(item: Item) -> int:
    return item.revisions.aggregate(n=Max("number"))["n"] or 0


@dataclass
class EditingState:
    item: Item
    document: str
    base: int  # the version `document` is; a save from it conflicts once another is saved
    pending: Revision | None


def editing_state(item: Item) -> EditingState:
    """What the edit page shows and bases the next save on, read as one.

    Read apart (item, then draft, then version number), a save or a published change that
    committed in between gave an old text with the new version number: the editor's next save
    passed the conflict check and removed the other editor's text. `make soak` found it (8 of
    18 runs lost 1-3 texts). Every writer locks the item row first (save, the workflow), so
    holding that lock while reading means no change to this item can commit in between.
    """
    with transaction.atomic():
        locked = Item.objects.select_for_update().get(pk=item.pk)
        pending = locked.revisions.filter(pending=True).first()
        document = pending.document if pending else render_file(locked, with_status=False)
        return EditingState(locked, document, latest_number(locked), pending)


def document_label(item: Item) -> str:
    return f"{item.kind}/{item.slug}.md (in de browser)"


def save(item: Item, document: str, user, base_number: int, note: str = "") -> SaveResult:
    """Validate and save a new version; raises ContentError, EditConflict or PermissionDenied.

    Concept items change at once; for a published item the version waits as a draft, and the
    live page stays as it is until an eindredacteur publishes the change.
    """
    if not user.has_perm(WRITE):
        raise PermissionDenied("U mag items niet bewerken.")
    data = validate_document(document, item.kind, item.slug, document_label(item))
    with transaction.atomic():
        locked = Item.objects.select_for_update().get(pk=item.pk)
        number = latest_number(locked)
        if base_number != number:
            raise EditConflict(locked.revisions.get(number=number))
        if number == 0:  # keep the version from before the first browser edit in the history
            Revision.objects.create(
                item=locked, number=1, document=render_file(locked, with_status=False),
                note="Stand voor de eerste bewerking in de browser",
            )  # fmt: skip
            number = 1
        live = locked.status == Status.GEPUBLICEERD
        revision = Revision.objects.create(
            item=locked, number=number + 1, document=document, author=user, pending=live,
            note=note[:200],
        )  # fmt: skip
        # Only the newest version counts: every older waiting draft is superseded, also when
        # this save applies at once (the item was unpublished meanwhile). Left waiting, such a
        # draft was shown to the next editor and could be published over the newer text.
        locked.revisions.filter(pending=True).exclude(pk=revision.pk).update(pending=False)
        if not live:
            apply_document(locked, data)
    return SaveResult(revision, applied=not live)


def publish_draft(item: Item, user) -> Revision:
    """Apply the pending draft of a published item (eindredacteur only), with an audit entry."""
    if not user.has_perm(PUBLISH):
        raise PermissionDenied("Alleen een eindredacteur publiceert een wijziging.")
    with transaction.atomic():
        locked = Item.objects.select_for_update().get(pk=item.pk)
        draft = locked.revisions.filter(pending=True).first()
        if draft is None:
            raise ValueError("Er is geen wijziging die op publicatie wacht.")
        data = validate_document(draft.document, locked.kind, locked.slug, document_label(locked))
        apply_document(locked, data)
        draft.pending = False
        draft.save(update_fields=["pending"])
        AuditEntry.objects.create(
            user=user, item_slug=locked.slug, action="publish-change",
            from_status=locked.status, to_status=locked.status,
        )  # fmt: skip
    return draft


def restore(item: Item, number: int, user) -> SaveResult:
    """An older version becomes the newest (as a draft when the item is live)."""
    old = item.revisions.get(number=number)
    return save(item, old.document, user, latest_number(item), note=f"Hersteld: versie {number}")


def diff(old: str, new: str, old_label: str, new_label: str) -> list[tuple[str, str]]:
    """(kind, line) pairs of a unified diff: kind is 'add', 'del', 'hunk' or 'same'."""
    lines = difflib.unified_diff(
        old.splitlines(), new.splitlines(), old_label, new_label, lineterm="", n=2
    )
    result = []
    for line in lines:
        if line.startswith(("---", "+++")):
            continue
        kind = {"+": "add", "-": "del", "@": "hunk"}.get(line[:1], "same")
        result.append((kind, line))
    return result


def starter_document(kind: str, day) -> str:
    """A new item's document: every required field present, to be filled in."""
    return (
        f"---\nslug: nieuw-item\nkind: {kind}\ntitle: \nsummary: \nthemes: []\n"
        f'sources:\n  - section: "3.2"\npublished: {day.isoformat()}\n'
        f"last_reviewed: {day.isoformat()}\n---\n\n## Kop\n\nTekst.\n"
    )


def create(kind: str, document: str, user) -> Item:
    """A new concept item from a document; the slug comes from its front matter."""
    if not user.has_perm("knowledge.add_item"):
        raise PermissionDenied("U mag geen items maken.")
    source = parse_file(f"{kind}/nieuw.md (in de browser)", document)
    slug = source.data.get("slug") if isinstance(source.data, dict) else None
    if not isinstance(slug, str) or not slug:
        raise ContentError(source.path, "slug", "ontbreekt.", source.line_of("slug"))
    if Item.objects.filter(slug=slug).exists():
        raise ContentError(source.path, "slug", f"'{slug}' bestaat al; kies een andere slug.")
    label = f"{kind}/{slug}.md (in de browser)"
    data = validate_document(document, kind, slug, label)
    with transaction.atomic():
        item = apply_document(Item(slug=slug, kind=kind, status=Status.CONCEPT), data)
        Revision.objects.create(item=item, number=1, document=document, author=user)
    return item
