"""Does the search index say what the database says? Per kind, and item by item.

Why: the index is written after each commit (signals.py); a write that fails is logged and the
editor's save still succeeds, and a killed rebuild or a restored database leaves the two apart.
Nothing on the site showed it: search silently served old or missing results. /redactie/ now
shows this check with a rebuild button, `manage.py check_index` prints it (exit code 1 when out
of step), and the soak suite (make soak) asserts it after its faults.

Compared: which documents should be indexed (the search indexes' own index_queryset, so a draft
or concept counts as "not indexed") against the index's catalogue (identifier -> kind and a
fingerprint of what the document was made of). Counting is cheap; comparing fingerprints
prepares every document again (`deep=True`: a second or so per thousand items), so /redactie/
counts and the command and the soak suite compare fingerprints.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from haystack import connections
from haystack.utils import get_identifier

from kenniscentrum.knowledge.models import Item
from kenniscentrum.knowledge.vocabulary import Kind
from kenniscentrum.report.models import ReportSection

from .documents import REPORT_KIND, fingerprint
from .embedded import engine_is_embedded
from .index_format import is_current
from .owed_updates import overdue

KIND_LABELS = {**dict(Kind.choices), REPORT_KIND: "Paragrafen van het rapport"}
SHOWN = 10  # identifiers listed per problem


@dataclass(frozen=True)
class KindCount:
    kind: str
    label: str
    in_database: int
    in_index: int

    @property
    def agrees(self) -> bool:
        return self.in_database == self.in_index


@dataclass
class IndexHealth:
    kinds: list[KindCount] = field(default_factory=list)
    format_current: bool = True
    error: str = ""  # the index could not be read at all
    missing: list[str] = field(default_factory=list)  # should be indexed, is not
    extra: list[str] = field(default_factory=list)  # indexed, should not be
    outdated: list[str] = field(default_factory=list)  # indexed with other content (deep only)
    deep: bool = False
    owed: int = 0  # changes committed more than a few seconds ago, not yet in the index
    names: dict[str, str] = field(default_factory=dict)  # identifier -> title, for the shown ones

    @property
    def in_step(self) -> bool:
        return (
            not self.error
            and self.format_current
            and all(kind.agrees for kind in self.kinds)
            and not (self.missing or self.extra or self.outdated)
            and not self.owed
        )

    def problems(self) -> list[str]:
        """What is wrong, in Dutch, for the editor's notice and the command."""
        if self.error:
            return [f"De zoekindex kan niet worden gelezen ({self.error})."]
        found = []
        if not self.format_current:
            found.append("De zoekindex is gebouwd door een oudere versie van de software.")
        if self.owed:
            found.append(
                f"{self.owed} opgeslagen wijziging(en) staan nog niet in de zoekindex; elke "
                "webserver schrijft ze binnen een minuut alsnog."
            )
        for kind in self.kinds:
            if not kind.agrees:
                found.append(
                    f"{kind.label}: {kind.in_database} in de database, "
                    f"{kind.in_index} in de zoekindex."
                )
        for one, many, ids in (
            ("ontbreekt in de zoekindex", "ontbreken in de zoekindex", self.missing),
            ("staat nog in de zoekindex maar hoort er niet in",
             "staan nog in de zoekindex maar horen er niet in", self.extra),
            ("staat met oudere inhoud in de zoekindex",
             "staan met oudere inhoud in de zoekindex", self.outdated),
        ):  # fmt: skip
            if ids:
                names = [self.names.get(i, i) for i in ids[:SHOWN]]
                shown = ", ".join(names) + (" …" if len(ids) > SHOWN else "")
                counted = "1 document " + one if len(ids) == 1 else f"{len(ids)} documenten {many}"
                found.append(f"{counted}: {shown}")
        return found


def expected(alias: str = "default", deep: bool = False) -> dict[str, tuple[str, str]]:
    """identifier -> (kind, fingerprint or "") of everything the index should hold."""
    unified = connections[alias].get_unified_index()
    wanted = {}
    for model in unified.get_indexed_models():
        index = unified.get_index(model)
        queryset = index.index_queryset(using=alias)
        if not deep:
            if model is Item:
                rows = queryset.values_list("pk", "kind")
            else:
                rows = ((pk, REPORT_KIND) for pk in queryset.values_list("pk", flat=True))
            for pk, kind in rows:
                wanted[get_identifier(model(pk=pk))] = (kind, "")
            continue
        for obj in queryset.iterator(chunk_size=2000):
            document = index.document(obj)
            wanted[get_identifier(obj)] = (document["kind"], fingerprint(document))
    return wanted


def index_health(alias: str = "default", deep: bool = False) -> IndexHealth:
    info = connections.connections_info[alias]
    health = IndexHealth(deep=deep)
    try:
        indexed = connections[alias].get_backend().catalogue()
    except Exception as exc:  # missing folder, unreadable files: show it, never fail the page
        health.error = str(exc) or exc.__class__.__name__
        return health
    # A server's index has no folder for the stamp: its format is the operator's to keep.
    health.format_current = not engine_is_embedded(alias) or is_current(info["PATH"])
    health.owed = overdue()
    wanted = expected(alias, deep=deep)
    in_database = Counter(kind for kind, _ in wanted.values())
    in_index = Counter(kind for kind, _ in indexed.values())
    health.kinds = [
        KindCount(kind, KIND_LABELS.get(kind, kind), in_database[kind], in_index[kind])
        for kind in sorted(set(in_database) | set(in_index), key=_kind_order)
    ]
    health.missing = sorted(set(wanted) - set(indexed))
    health.extra = sorted(set(indexed) - set(wanted))
    if deep:
        health.outdated = sorted(
            identifier
            for identifier, (_, print_) in wanted.items()
            if identifier in indexed and indexed[identifier][1] != print_
        )
    health.names = _names(health.missing[:SHOWN] + health.extra[:SHOWN] + health.outdated[:SHOWN])
    return health


def _names(identifiers: list[str]) -> dict[str, str]:
    """Titles editors recognise, with the identifier for an administrator."""
    names = {}
    for identifier in identifiers:
        label, _, pk = identifier.rpartition(".")
        model = {"knowledge.item": Item, "report.reportsection": ReportSection}.get(label)
        obj = model.objects.filter(pk=pk).first() if model and pk.isdigit() else None
        title = getattr(obj, "title", None) or getattr(obj, "label", None)
        names[identifier] = f"“{title}” ({identifier})" if title else identifier
    return names


def _kind_order(kind: str) -> tuple:
    order = list(KIND_LABELS)
    return (order.index(kind) if kind in order else len(order), kind)
