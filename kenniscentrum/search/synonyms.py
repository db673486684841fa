"""Synonyms and spelling variants, applied at query time.

Two sources, one set of rules (`validate_groups`):
- `content/synoniemen.yaml`, kept as data so editors can add "vergunninghouder = statushouder"
  without a developer, and reviewed in git;
- groups an eindredacteur makes in the browser from /redactie/zoekvragen/. They live in the
  database (servers need not have a writable content folder), in `editorial`, which registers a
  store here from its AppConfig (search never imports editorial), until `export_content` writes
  them into the file. A browser group that shares a term with an existing group extends that
  group; any other is a group of its own.

Applied when searching rather than indexing, so a new group works at the next search without
rebuilding the index. `synonym_groups()` is called for every search: the file is re-read only
when it changes (its mtime and size), the browser groups only when their version stamp changes
(one aggregate query), and their combination is cached per process.
"""

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from django.conf import settings
from whoosh.support.charset import accent_map

from kenniscentrum.knowledge.frontmatter import ContentError, load_yaml

FILE_NAME = "synoniemen.yaml"
_WORD = re.compile(r"[^\W_]+")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SynonymGroup:
    terms: tuple[str, ...]
    preferred: str = ""


def term_key(term: str) -> str:
    """What makes two terms the same term: their words, lower case and without accents."""
    return " ".join(word.lower().translate(accent_map) for word in _WORD.findall(term))


@lru_cache(maxsize=10_000)
def match_key(term: str) -> str:
    """What search matches a term by: the stems of its words, as query.py compares them, so
    'opgaven' is 'opgave'. Two groups may not share one: search would use only the first."""
    from .analysis import analyse  # at call time: analysis is the heavier module

    keys = []
    for word in _WORD.findall(term):
        stems = analyse(word)
        keys.append(stems[0] if len(stems) == 1 else word.lower().translate(accent_map))
    return " ".join(keys)


def read_synonyms(path: Path) -> list[SynonymGroup]:
    """Parse and validate the file; errors name the file and the entry."""
    shown = _display(path)
    if not path.is_file():
        return []
    try:
        data = load_yaml(path.read_text("utf-8"))
    except Exception as exc:  # yaml.YAMLError or a decoding error
        raise ContentError(shown, "", f"ongeldige YAML: {exc}") from exc
    return validate_groups(data, shown)


def validate_groups(data, shown: str) -> list[SynonymGroup]:
    """The rules of synoniemen.yaml, for the file and for a group made in the browser.

    `data` is the file's YAML: a list of {terms: [...], preferred: ...}. Raises ContentError
    naming `shown`, the entry ("[2]") and the field ("[2].terms[1]", "[2].preferred").
    A term is in one group only, compared as search matches it (`match_key`: "opgaven" is in
    the group of "opgave"); within a group, singular and plural may both be listed.
    """
    if data is None:
        return []
    if not isinstance(data, list):
        raise ContentError(shown, "", "moet een lijst van groepen zijn.")
    groups: list[SynonymGroup] = []
    owner: dict[str, int] = {}  # match key -> index of the group that has it
    for index, entry in enumerate(data):
        where = f"[{index}]"
        if not isinstance(entry, dict) or set(entry) - {"terms", "preferred"}:
            raise ContentError(shown, where, "een groep heeft alleen 'terms' en 'preferred'.")
        terms = entry.get("terms")
        if not isinstance(terms, list) or not all(isinstance(t, str) for t in terms):
            raise ContentError(shown, f"{where}.terms", "moet een lijst van termen zijn.")
        keys: list[str] = []
        for position, term in enumerate(terms):
            field, key = f"{where}.terms[{position}]", term_key(term)
            if not key:
                raise ContentError(shown, field, "een term moet minstens één woord bevatten.")
            if key in keys:
                raise ContentError(shown, field, f"'{term.strip()}' staat twee keer in de groep.")
            if match_key(term) in owner:
                other = groups[owner[match_key(term)]]
                raise ContentError(
                    shown, field,
                    f"'{term.strip()}' staat al in een andere groep ({', '.join(other.terms)}); "
                    "een term hoort bij één groep.",
                )  # fmt: skip
            keys.append(key)
        if len(keys) < 2:
            raise ContentError(
                shown, f"{where}.terms", "een groep heeft minstens twee verschillende termen."
            )
        preferred = entry.get("preferred") or ""
        if not isinstance(preferred, str):
            raise ContentError(shown, f"{where}.preferred", "moet een term zijn.")
        stripped = tuple(t.strip() for t in terms)
        if preferred and preferred.strip() not in stripped:
            raise ContentError(shown, f"{where}.preferred", f"'{preferred}' staat niet in terms.")
        owner.update(dict.fromkeys((match_key(t) for t in terms), index))
        groups.append(SynonymGroup(stripped, preferred.strip()))
    return groups


def as_data(groups: Iterable[SynonymGroup]) -> list[dict]:
    """Groups as the file's YAML data (what `validate_groups` reads)."""
    return [
        {"terms": list(g.terms), **({"preferred": g.preferred} if g.preferred else {})}
        for g in groups
    ]


def _keys(group: SynonymGroup) -> set[str]:
    return {match_key(t) for t in group.terms}


def extension_problem(groups: Sequence[SynonymGroup], group: SynonymGroup) -> tuple[str, str]:
    """Why `group` cannot join `groups`, as (field, message); ("", "") when it can.

    It may share terms with one existing group (it then extends that group), not with two
    (that would merge two groups), and it may not give a group another preferred spelling.
    The field is "terms[i]" (the group's i-th term) or "preferred".
    """
    shared: dict[int, str] = {}  # index of an overlapping group -> the first term it shares
    for position, term in enumerate(group.terms):
        key = match_key(term)
        for index, existing in enumerate(groups):
            if index in shared or key not in _keys(existing):
                continue
            if shared:
                first_index, first_term = next(iter(shared.items()))
                return (
                    f"terms[{position}]",
                    f"'{first_term}' staat al in de groep ({', '.join(groups[first_index].terms)})"
                    f" en '{term}' in de groep ({', '.join(existing.terms)}); een nieuwe groep "
                    "mag één bestaande groep aanvullen, niet twee samenvoegen.",
                )
            shared[index] = term
    if shared and group.preferred:
        existing = groups[next(iter(shared))]
        if term_key(existing.preferred) != term_key(group.preferred):
            current = (
                f"'{existing.preferred}' als voorkeursspelling"
                if existing.preferred
                else "geen voorkeursspelling"
            )
            return (
                "preferred",
                f"de bestaande groep ({', '.join(existing.terms)}) heeft {current}; "
                "een aanvulling kan dat niet veranderen.",
            )
    return "", ""


def combine(
    groups: Sequence[SynonymGroup], extra: Iterable[SynonymGroup]
) -> tuple[SynonymGroup, ...]:
    """`groups` with the `extra` groups added: one that shares a term with an existing group
    adds its other terms to that group, any other is appended.

    Tolerant (the file may have changed since a browser group was checked): a term that
    another group already has is left out, so no term is ever in two groups.
    """
    result = list(groups)
    for group in extra:
        keys = _keys(group)
        hits = [i for i, existing in enumerate(result) if keys & _keys(existing)]
        if not hits:
            result.append(group)
            continue
        target = result[hits[0]]
        taken = {key for i, existing in enumerate(result) for key in _keys(existing)}
        added = []
        for term in group.terms:
            key = match_key(term)
            if key not in taken:
                added.append(term)
                taken.add(key)
        # The existing group's preferred spelling stays (extension_problem refuses another).
        result[hits[0]] = SynonymGroup(target.terms + tuple(added), target.preferred)
    return tuple(result)


def contains(groups: Sequence[SynonymGroup], group: SynonymGroup) -> bool:
    """Whether one of `groups` already has every term of `group` (and its preferred form)."""
    keys = _keys(group)
    return any(
        keys <= _keys(existing)
        and (not group.preferred or term_key(group.preferred) == term_key(existing.preferred))
        for existing in groups
    )


class BrowserGroupStore(Protocol):
    """Groups made in the browser (editorial's database table)."""

    def groups(self) -> tuple[SynonymGroup, ...]:
        """The current groups, oldest first; cheap when nothing changed."""

    def reconcile(self, file_groups: Sequence[SynonymGroup], drop_conflicts: bool) -> list[str]:
        """Remove the groups `file_groups` already contain (they were exported); return the
        groups that no longer fit the file, removing them too when `drop_conflicts`."""


_stores: list[BrowserGroupStore] = []


def register_store(store: BrowserGroupStore) -> None:
    if store not in _stores:
        _stores.append(store)


def browser_groups() -> tuple[SynonymGroup, ...]:
    return tuple(group for store in _stores for group in store.groups())


def reconcile_browser_groups(
    file_groups: Sequence[SynonymGroup], shown: str, force: bool = False
) -> None:
    """For load_content, inside its transaction: drop browser groups the file now contains,
    and refuse (ContentError) browser groups that conflict with the file unless `force`, which
    drops them: the same rule as an item edited in the browser whose file changed too."""
    conflicts = [c for store in _stores for c in store.reconcile(file_groups, force)]
    if conflicts and not force:
        raise ContentError(
            shown, "",
            "botst met synoniemgroepen die in de browser zijn gemaakt: "
            f"{'; '.join(conflicts)}. Pas het bestand aan, verwijder de groep in /beheer/, of "
            "overschrijf met load_content --force (verwijdert de botsende groepen).",
        )  # fmt: skip


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@lru_cache(maxsize=4)
def _cached(path: str, mtime: int, size: int) -> tuple[SynonymGroup, ...]:
    return tuple(read_synonyms(Path(path)))


def file_groups() -> tuple[SynonymGroup, ...]:
    """The groups of content/synoniemen.yaml; re-read when the file changes."""
    path = Path(settings.CONTENT_DIR) / FILE_NAME
    try:
        stat = path.stat()
    except FileNotFoundError:
        return ()
    return _cached(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _combined(base: tuple, extra: tuple) -> tuple[SynonymGroup, ...]:
    return combine(base, extra)


def synonym_groups() -> tuple[SynonymGroup, ...]:
    """The current groups: the file's, extended by those made in the browser."""
    base = file_groups()
    try:
        extra = browser_groups()
    except Exception:  # the database is unavailable: search on with the file's groups
        log.warning("Synoniemgroepen uit de browser niet gelezen", exc_info=True)
        return base
    return _combined(base, extra) if extra else base
