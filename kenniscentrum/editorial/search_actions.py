"""Editors close the loop: a query readers searched for becomes a synonym group or a pin.

- `add_synonym_group`: validated with synoniemen.yaml's own rules (search/synonyms.py), first
  the group alone, then the groups search would use with it, exactly as `export_content` would
  write them, so nothing is saved that `load_content` would refuse. Stored in the database
  (`BrowserSynonymGroup`), read by search at the next search through `BrowserSynonyms`.
- `add_recommendation`: a `Pin`, as in /beheer/.

Both check the permission here (not only in the view), save in one transaction, and are recorded
in the admin's log (LogEntry), where pins made in /beheer/ are recorded too; the project's
AuditEntry is the log of publication states of items.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from django.contrib.admin.models import ADDITION, LogEntry
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Max

from kenniscentrum.knowledge.frontmatter import ContentError
from kenniscentrum.knowledge.models import Item
from kenniscentrum.search import synonyms
from kenniscentrum.search.synonyms import SynonymGroup

from .models import BrowserSynonymGroup, Pin
from .queries import normalise_query

ADD_GROUP = "editorial.add_browsersynonymgroup"
ADD_PIN = "editorial.add_pin"
NEW_GROUP = "nieuwe synoniemgroep"


class Refused(ValueError):
    """A change that is not saved, with the form field it concerns ("" for the whole form)."""

    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message[:1].upper() + message[1:]  # the rules' text, as a sentence
        super().__init__(self.message)


@dataclass
class GroupResult:
    group: SynonymGroup  # as search now uses it (an existing group with the new terms added)
    extended: bool  # the new terms joined an existing group


class BrowserSynonyms:
    """The synonym groups made in the browser, as search/synonyms.py reads them."""

    def groups(self) -> tuple[SynonymGroup, ...]:
        # One aggregate query per search. Rows are only added and deleted: any change moves the
        # count, the highest key or the newest time (keys are not reused, times differ).
        stamp = BrowserSynonymGroup.objects.aggregate(
            count=Count("pk"), last=Max("pk"), newest=Max("created_at")
        )
        if not stamp["count"]:
            return ()
        return _groups_at(stamp["count"], stamp["last"], stamp["newest"])

    def reconcile(self, file_groups, drop_conflicts: bool) -> list[str]:
        current, remove, conflicts = list(file_groups), [], []
        for row in BrowserSynonymGroup.objects.order_by("pk"):
            group = _group(row)
            if synonyms.contains(file_groups, group):  # exported: the file has it now
                remove.append(row.pk)
                continue
            _, problem = synonyms.extension_problem(current, group)
            if problem:
                conflicts.append(f"({', '.join(group.terms)}): {problem}")
                if drop_conflicts:
                    remove.append(row.pk)
                continue
            current = list(synonyms.combine(current, [group]))
        BrowserSynonymGroup.objects.filter(pk__in=remove).delete()
        return conflicts


BROWSER_SYNONYMS = BrowserSynonyms()


@lru_cache(maxsize=4)
def _groups_at(count: int, last: int, newest) -> tuple[SynonymGroup, ...]:
    return tuple(_group(row) for row in BrowserSynonymGroup.objects.order_by("pk"))


def _group(row: BrowserSynonymGroup) -> SynonymGroup:
    return SynonymGroup(tuple(row.terms), row.preferred)


def split_terms(text: str) -> list[str]:
    """'taakstelling, opgave' or one per line -> ['taakstelling', 'opgave']."""
    return [part.strip() for part in re.split(r"[,;\n]", text or "") if part.strip()]


def _field(location: str) -> str:
    """The form field of a validation error about the new group ('[0].terms[2]' -> 'others')."""
    if location.startswith("[0].terms[0]"):
        return "term"
    if location.startswith("[0].terms"):
        return "others"
    if location.startswith("[0].preferred"):
        return "variant"
    return ""


def add_synonym_group(
    user, term: str, matches: list[str], variant: bool = False, query: str = ""
) -> GroupResult:
    """Save the group {term, *matches} (with the first match as preferred spelling when
    `variant`), or raise Refused / PermissionDenied and save nothing."""
    if not user.has_perm(ADD_GROUP):
        raise PermissionDenied("Alleen een eindredacteur maakt synoniemgroepen.")
    entry = {"terms": [term, *matches]}
    if variant and matches:
        entry["preferred"] = matches[0]
    try:
        (group,) = synonyms.validate_groups([entry], NEW_GROUP)
    except ContentError as exc:
        raise Refused(_field(exc.field), exc.message) from exc
    with transaction.atomic():  # IMMEDIATE on SQLite: two editors' groups are checked in turn
        try:
            current = synonyms.combine(synonyms.file_groups(), synonyms.browser_groups())
        except ContentError as exc:
            raise Refused("", f"{synonyms.FILE_NAME} is zelf ongeldig: {exc}") from exc
        field, problem = synonyms.extension_problem(current, group)
        if field == "preferred":
            problem += " Zonder het vinkje vindt de zoekvraag wel wat die groep vindt."
        if problem:
            raise Refused(_field(f"[0].{field}"), problem)
        after = synonyms.combine(current, [group])
        try:  # what export_content would write: load_content must accept it
            synonyms.validate_groups(synonyms.as_data(after), synonyms.FILE_NAME)
        except ContentError as exc:  # pragma: no cover - combine() keeps every term in one group
            raise Refused("", str(exc)) from exc
        row = BrowserSynonymGroup.objects.create(
            terms=list(group.terms),
            preferred=group.preferred,
            query=normalise_query(query),
            created_by=user,
        )
        _log(user, row, f"Synoniemgroep gemaakt vanaf de zoekvragen: {', '.join(group.terms)}.")
    keys = {synonyms.match_key(t) for t in group.terms}
    used = next(g for g in after if keys <= {synonyms.match_key(t) for t in g.terms})
    return GroupResult(used, extended=used.terms != group.terms)


def add_recommendation(user, query: str, item: Item | None) -> Pin:
    """Recommend a published item for a query (after any existing recommendations)."""
    if not user.has_perm(ADD_PIN):
        raise PermissionDenied("Alleen een eindredacteur beheert aanbevolen resultaten.")
    normalised = normalise_query(query)
    if not normalised:
        raise Refused("query", "Vul de zoekvraag in waarvoor het item wordt aanbevolen.")
    if item is None or not Item.objects.published().filter(pk=item.pk).exists():
        raise Refused("item", "Kies een gepubliceerd item.")
    with transaction.atomic():
        pins = Pin.objects.filter(query=normalised)
        if pins.filter(item=item).exists():
            raise Refused("item", f"'{item.title}' is al aanbevolen voor '{normalised}'.")
        last = pins.aggregate(last=Max("order"))["last"]
        pin = Pin.objects.create(query=normalised, item=item, order=0 if last is None else last + 1)
        _log(user, pin, "Aanbevolen resultaat gemaakt vanaf de zoekvragen.")
    return pin


def _log(user, obj, message: str) -> None:
    LogEntry.objects.log_actions(user.pk, [obj], ADDITION, message, single_object=True)
