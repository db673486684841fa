"""The review queue on /redactie/: whose item it is, what waits for whom, and near-duplicates.

The rules live here as plain functions so the page, the e-mails and the tests share one answer
to "who is the author" and "is this a near-duplicate"; editor_views.item_list only renders them.
"""

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from kenniscentrum.knowledge.exporting import render_file
from kenniscentrum.knowledge.models import Item
from kenniscentrum.knowledge.vocabulary import Kind, Status

from .models import AuditEntry, Revision
from .revisions import diff

TITLE_RATIO = 0.85
# Words people add to a slug when they copy an item or start it again ("-kopie", "-nieuw-2").
SLUG_SUFFIXES = frozenset({"kopie", "copy", "nieuw", "new", "oud", "old", "concept", "versie", "v"})
_BULK_FILTER_LIMIT = 900  # above this, read all rows instead of a huge IN (...) list


# --- who is the author --------------------------------------------------------------------


def authors_of(items) -> dict[int, object]:
    """The author of each item (pk → user or None), the one definition the site uses.

    The author is who wrote the newest text: the user of the item's newest revision that has
    one (revision 1 of an item from a content file is the state before the first browser edit
    and has none). An item never edited in the browser has no revision; then the author is who
    last offered it for review (the audit log's newest "submit"), else who first moved it in
    the workflow, else unknown (None): an item as loaded from content/ belongs to nobody here.
    """
    items = list(items)
    if not items:
        return {}
    by_pk = {item.pk: item for item in items}
    by_slug = {item.slug: item.pk for item in items}
    revisions = Revision.objects.filter(author__isnull=False).order_by("item_id", "-number")
    audit = AuditEntry.objects.filter(user__isnull=False).order_by("at", "pk")
    if len(items) <= _BULK_FILTER_LIMIT:
        revisions = revisions.filter(item_id__in=list(by_pk))
        audit = audit.filter(item_slug__in=list(by_slug))
    author_ids: dict[int, int] = {}
    for item_id, user_id in revisions.values_list("item_id", "author_id"):
        if item_id in by_pk:
            author_ids.setdefault(item_id, user_id)
    first_mover: dict[int, int] = {}
    last_submitter: dict[int, int] = {}
    for slug, action, user_id in audit.values_list("item_slug", "action", "user_id"):
        pk = by_slug.get(slug)
        if pk is None or pk in author_ids:
            continue
        first_mover.setdefault(pk, user_id)
        if action == "submit":
            last_submitter[pk] = user_id
    for pk, user_id in first_mover.items():
        author_ids.setdefault(pk, last_submitter.get(pk, user_id))
    users = get_user_model().objects.in_bulk(set(author_ids.values()))
    return {pk: users.get(author_ids.get(pk)) for pk in by_pk}


def author_of(item: Item):
    """The author of one item (see authors_of), or None."""
    return authors_of([item])[item.pk]


def display_name(user) -> str:
    """How an editor is named on pages and in e-mails: full name, else username; no address."""
    if user is None:
        return "onbekend"
    return user.get_full_name() or user.get_username()


def age_label(then: datetime, now: datetime | None = None) -> str:
    """'vandaag', 'gisteren', '3 dagen geleden': how long something has waited, in days."""
    now = now or timezone.now()
    days = (timezone.localdate(now) - timezone.localdate(then)).days
    if days <= 0:
        return "vandaag"
    if days == 1:
        return "gisteren"
    return f"{days} dagen geleden"


# --- near-duplicates ----------------------------------------------------------------------


def normalise_title(title: str) -> str:
    """Lower case, no accents or punctuation, single spaces: 'Één "Pilot"' → 'een pilot'."""
    text = unicodedata.normalize("NFKD", title or "").lower()
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def slug_stem(slug: str) -> str:
    """A slug without the tail a copy gets: 'pilot-gezinnen-2-kopie' → 'pilot-gezinnen'.

    Only trailing counters, years and copy words go ('-2', '-2021', '-v2', '-kopie', '-nieuw');
    digits inside a slug stay ('provincies-stand-1-oktober').
    """
    words = [w for w in (slug or "").lower().split("-") if w]
    while words and (words[-1].isdigit() or re.fullmatch(r"v\d+", words[-1])
                     or words[-1] in SLUG_SUFFIXES):  # fmt: skip
        words.pop()
    return "-".join(words)


def similar_items(title: str, slug: str, exclude=None, among=None) -> list[Item]:
    """Existing items whose title or slug is close to these: a warning, never a refusal.

    Close means one of two things. Normalised titles with a difflib ratio of at least 0.85:
    the two most alike distinct titles of the corpus score 0.70 ("Schakel de expertise van RVO
    in bij tussenvoorzieningen en flexwonen" / "RVO-ondersteuning bij ..."), a copy with a typo
    or "(kopie)" added scores above 0.9, a title with its last words dropped about 0.85 (words
    in another order are not caught: this warns about copies, not related topics). Or the same
    slug stem of at least two words: the copy that got a new title but kept its slug ("-2",
    "-kopie"); a one-word stem is a numbered series ('aanbeveling-4', 'aanbeveling-5' are
    different recommendations of the report). `exclude` is the item itself (Item or pk);
    `among` lets a caller that checks many titles pass the candidates once.
    """
    exclude_pk = getattr(exclude, "pk", exclude)
    wanted_title, wanted_stem = normalise_title(title), slug_stem(slug)
    if among is None:
        among = Item.objects.only("pk", "slug", "title", "kind", "status")
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(wanted_title)
    found = []
    for other in among:
        if other.pk == exclude_pk:
            continue
        score = 0.0
        if "-" in wanted_stem and slug_stem(other.slug) == wanted_stem:
            score = 1.0
        if wanted_title and score < 1.0:
            matcher.set_seq1(normalise_title(other.title))
            if matcher.real_quick_ratio() >= TITLE_RATIO and matcher.quick_ratio() >= TITLE_RATIO:
                ratio = matcher.ratio()
                if ratio >= TITLE_RATIO:
                    score = ratio
        if score:
            found.append((score, other))
    found.sort(key=lambda pair: (-pair[0], pair[1].title))
    return [other for _, other in found]


# --- the page -----------------------------------------------------------------------------


@dataclass
class Row:
    """One item on /redactie/ with what the queue knows about it."""

    item: Item
    author: object = None
    last_entry: AuditEntry | None = None  # the newest audit entry (for a reject: the reason)
    submitted_at: datetime | None = None  # the newest "submit"
    pending: bool = False  # a draft of a change to a live item waits for publication
    pending_at: datetime | None = None
    similar: list = field(default_factory=list)
    changes: list | None = None  # the diff for reviewers; None: no earlier live version known
    changes_label: str = ""

    @property
    def rejected(self) -> bool:
        entry = self.last_entry
        return self.item.status == Status.CONCEPT and entry is not None and entry.action == "reject"

    @property
    def author_name(self) -> str:
        return display_name(self.author)

    @property
    def acted_by(self) -> str:
        """Who made the newest workflow step (for a reject: who sent it back)."""
        return display_name(self.last_entry.user if self.last_entry else None)

    @property
    def waiting_since(self) -> datetime:
        if self.pending and self.item.status == Status.GEPUBLICEERD:
            return self.pending_at or self.item.updated_at
        return self.submitted_at or self.item.updated_at

    @property
    def age(self) -> str:
        return age_label(self.waiting_since)


def rows(items=None) -> list[Row]:
    """Every item (or `items`) with its author, newest audit entry and waiting draft."""
    if items is None:
        items = Item.objects.order_by("kind", "title").only(
            "pk", "slug", "title", "kind", "status", "updated_at"
        )
    items = list(items)
    authors = authors_of(items)
    result = {item.pk: Row(item, authors.get(item.pk)) for item in items}
    by_slug = {row.item.slug: row for row in result.values()}
    entries = AuditEntry.objects.select_related("user").order_by("at", "pk")
    drafts = Revision.objects.filter(pending=True)
    if len(items) <= _BULK_FILTER_LIMIT:
        entries = entries.filter(item_slug__in=list(by_slug))
        drafts = drafts.filter(item_id__in=list(result))
    for entry in entries:
        row = by_slug.get(entry.item_slug)
        if row is None:
            continue
        row.last_entry = entry
        if entry.action == "submit":
            row.submitted_at = entry.at
    for item_id, created_at in drafts.values_list("item_id", "created_at"):
        if item_id in result:
            result[item_id].pending, result[item_id].pending_at = True, created_at
    return [result[item.pk] for item in items]


def my_work(all_rows: list[Row], user, among=None) -> dict[str, list[Row]]:
    """The user's own items: sent back (with the reason), concepts, and waiting for review.

    Each row also carries its near-duplicates, so the author sees them before an eindredacteur.
    """
    mine = [row for row in all_rows if row.author is not None and row.author.pk == user.pk]
    work = {
        "rejected": [r for r in mine if r.rejected],
        "concepts": [r for r in mine if r.item.status == Status.CONCEPT and not r.rejected],
        "waiting": [
            r for r in mine
            if r.item.status == Status.TER_BEOORDELING
            or (r.pending and r.item.status == Status.GEPUBLICEERD)
        ],
    }  # fmt: skip
    shown = [row for rows_ in work.values() for row in rows_]
    if shown:
        among = list(among if among is not None else (row.item for row in all_rows))
        for row in shown:
            row.similar = similar_items(row.item.title, row.item.slug, row.item, among=among)
    return work


def to_review(all_rows: list[Row], user) -> list[Row]:
    """For who may publish: items ter beoordeling and drafts of live items, oldest first, each
    with the diff against the version that is (or was last) live."""
    if not user.has_perm("knowledge.publish_item"):
        return []
    waiting = [
        row for row in all_rows
        if row.item.status == Status.TER_BEOORDELING
        or (row.pending and row.item.status == Status.GEPUBLICEERD)
    ]  # fmt: skip
    waiting.sort(key=lambda row: row.waiting_since)
    for row in waiting:
        row.changes, row.changes_label = changes_since_live(row.item)
    return waiting


def changes_since_live(item: Item) -> tuple[list | None, str]:
    """The diff a reviewer reads: what changes against the live version (revisions.diff).

    A live item with a waiting draft: the live text against the draft. An item ter beoordeling
    is not live; it is compared with the text it had when it was last live (the newest revision
    saved before the last audit entry into or out of "gepubliceerd"; with none, the text from
    before the first browser edit). Never published: (None, …), the page links the preview.
    Approximate in one case: drafts superseded while live are not told apart from applied ones.
    """
    item = Item.objects.get(pk=item.pk)  # the full item: render_file needs every field
    draft = item.revisions.filter(pending=True).first()
    if item.status == Status.GEPUBLICEERD and draft is not None:
        live = render_file(item, with_status=False)
        label = f"Gepubliceerde versie tegenover versie {draft.number}"
        return diff(live, draft.document, "gepubliceerd", f"versie {draft.number}"), label
    last_live = (
        AuditEntry.objects.filter(item_slug=item.slug)
        .filter(Q(from_status=Status.GEPUBLICEERD) | Q(to_status=Status.GEPUBLICEERD))
        .order_by("-at", "-pk")
        .first()
    )
    if last_live is None:
        return None, "Nog nooit gepubliceerd"
    versions = item.revisions.order_by("-number")
    current = versions.first()
    if current is None:
        return [], "Niet gewijzigd sinds de gepubliceerde versie"
    live = versions.filter(created_at__lte=last_live.at).first() or versions.last()
    label = f"Laatst gepubliceerde tekst (versie {live.number}) tegenover versie {current.number}"
    return diff(live.document, current.document, f"versie {live.number}", "nu"), label


def workflow_log(item: Item, limit: int = 50) -> list[AuditEntry]:
    """The item's workflow steps, newest first, with who took them and the reason given."""
    return list(
        AuditEntry.objects.filter(item_slug=item.slug)
        .select_related("user")
        .order_by("-at", "-pk")[:limit]
    )


# --- filters ------------------------------------------------------------------------------

STATUS_CHOICES = dict(Status.choices)
KIND_CHOICES = dict(Kind.choices)


def author_choices(all_rows: list[Row]) -> dict[str, str]:
    """username → display name of everyone who is the author of an item, by name."""
    users = {row.author.pk: row.author for row in all_rows if row.author is not None}
    pairs = sorted(
        (display_name(u).lower(), u.get_username(), display_name(u)) for u in users.values()
    )
    return {username: name for _, username, name in pairs}


def parse_filters(params, authors: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """The list filters from a GET query: (valid filters, notes about ignored values).

    A value that is not one of the choices is ignored with a note, never an error page: old
    bookmarks and typed addresses keep working.
    """
    fields = {
        "status": ("status", STATUS_CHOICES),
        "soort": ("soort", KIND_CHOICES),
        "auteur": ("auteur", authors),
    }
    chosen, notes = {}, []
    for name, (label, choices) in fields.items():
        value = (params.get(name) or "").strip()
        if not value:
            continue
        if value in choices:
            chosen[name] = value
        else:
            notes.append(f"Onbekende {label} '{value[:50]}': dat filter is niet toegepast.")
    return chosen, notes


def apply_filters(all_rows: list[Row], chosen: dict[str, str]) -> list[Row]:
    result = all_rows
    if "status" in chosen:
        result = [r for r in result if r.item.status == chosen["status"]]
    if "soort" in chosen:
        result = [r for r in result if r.item.kind == chosen["soort"]]
    if "auteur" in chosen:
        result = [
            r for r in result
            if r.author is not None and r.author.get_username() == chosen["auteur"]
        ]  # fmt: skip
    return result
