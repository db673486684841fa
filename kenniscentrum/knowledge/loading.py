"""Load content/ and seeds/ into the database: validate everything first, then write in one go.

Why validate-then-write inside one transaction: an editor who breaks one file must never leave
the site half-updated. Every file is parsed and checked before the first write; the writes run
under `transaction.atomic`, so a failure at any point leaves the database exactly as it was.

Why the writes are bulk: written one item at a time (save, three `.set()`s, deletes and creates
of its facts) a load cost about 15 queries per item, and 10,000 new items took 820 s. Now rows
are compared with one read per table, only changed files are rendered, and every table gets a
few bulk statements whatever the number of items (23 queries for 50 new items, 30 for 300).
The search index follows after the commit, in one batch (`update_search_index`).
"""

import functools
import hashlib
import logging
import re
import time
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from haystack import connections
from haystack.backends.whoosh_backend import WhooshSearchBackend
from haystack.query import SearchQuerySet

from kenniscentrum.figures.loading import FOLDER as FIGURES
from kenniscentrum.figures.loading import Figures, read_figures, write_figures
from kenniscentrum.figures.models import NationalFigure, ProvinceFigure
from kenniscentrum.geography.loading import (
    Register,
    read_register,
    register_changed,
    write_register,
)
from kenniscentrum.report.models import ReportSection
from kenniscentrum.report.parser import ReportParseError, parse_report
from kenniscentrum.report.render import render_blocks
from kenniscentrum.search.embedded import engine_is_embedded
from kenniscentrum.search.index_builds import batches, build_full
from kenniscentrum.search.index_format import is_current
from kenniscentrum.search.owed_updates import owe, settle
from kenniscentrum.search.questions import FILE_NAME as QUESTION_WORDS_FILE
from kenniscentrum.search.questions import read_question_words
from kenniscentrum.search.signals import sync
from kenniscentrum.search.synonyms import FILE_NAME as SYNONYMS_FILE
from kenniscentrum.search.synonyms import SynonymGroup, read_synonyms, reconcile_browser_groups

from .frontmatter import ContentError, SourceFile, load_yaml, parse_file
from .models import AanbevelingFacts, Item, Province, RegelingFacts, SourceRef, Theme
from .rendering import RENDERER_VERSION, render_markdown
from .schema import SLUG_RE, ItemData, validate_item
from .vocabulary import PROVINCES, Kind

INTERNAL_LINK_RE = re.compile(r"\]\(/(kennis|rapport)/([-a-z0-9]+)/?[)#]")
REPORT_FILE = "eindrapportage-aanjager-huisvesting-statushouders-2021.txt"
# Values per `__in` filter: under the 999 bound parameters Django assumes for SQLite.
CHUNK = 900
ThemeLink = Item.themes.through
ProvinceLink = Item.provinces.through
RelatedLink = Item.related.through
# Every row that belongs to one item besides the item itself, replaced when its file changes.
ITEM_ROWS = (SourceRef, RegelingFacts, AanbevelingFacts, ThemeLink, ProvinceLink)
# The columns a load writes; `updated_at` is set by the load (auto_now needs save()).
ITEM_FIELDS = [
    "kind", "title", "summary", "body", "body_html", "published", "last_reviewed", "checked_on",
    "checked_source", "links", "publish_at", "expire_at", "status", "source_path", "source_hash",
    "edited_since_load", "updated_at",
]  # fmt: skip

log = logging.getLogger(__name__)


@dataclass
class LoadResult:
    sections: int = 0
    themes: int = 0
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    # What the search index has to do after the commit: {(model, pk): removed}, as signals.sync.
    marked: dict = field(default_factory=dict, repr=False)
    owed: list = field(default_factory=list, repr=False)  # search.OwedIndexUpdate row ids
    database_seconds: float | None = None
    index_seconds: float | None = None  # None: the index follows when the outer commit happens
    index_filled: bool = False
    index_error: str = ""

    def summary(self) -> str:
        return (
            f"{self.sections} paragrafen van het rapport, {self.themes} thema's; items: "
            f"{len(self.created)} nieuw, {len(self.updated)} bijgewerkt, "
            f"{len(self.unchanged)} ongewijzigd, {len(self.removed)} verwijderd."
        )

    def timings(self) -> str:
        """'database: 12,3 s; zoekindex: 40,1 s' (the index part is what runs after the commit)."""
        parts = [f"database: {_seconds(self.database_seconds)}"]
        if self.index_seconds is not None:
            how = " (leeg of verouderd: helemaal opnieuw gebouwd)" if self.index_filled else ""
            parts.append(f"zoekindex{how}: {_seconds(self.index_seconds)}")
        return "; ".join(parts)


def _seconds(value: float | None) -> str:
    return f"{value or 0:.1f} s".replace(".", ",")


@dataclass
class Corpus:
    sections: list
    themes: list[dict]
    items: list[ItemData]
    hashes: dict[str, str]
    figures: Figures | None = None
    synonyms: list[SynonymGroup] = field(default_factory=list)
    gemeenten: Register | None = None  # None: no content/gemeenten.csv, the register is kept


def read_corpus(content_dir: Path, seeds_dir: Path) -> Corpus:
    """Parse and validate every file; raises ContentError on the first invalid one."""
    sections = _read_report(seeds_dir / REPORT_FILE)
    section_keys = [s.key for s in sections]
    themes = _read_themes(content_dir / "themes.yaml")
    synonyms = read_synonyms(content_dir / SYNONYMS_FILE)  # search reads the file itself
    read_question_words(content_dir / QUESTION_WORDS_FILE)  # validated; search reads it too
    theme_slugs = {t["slug"] for t in themes}
    items: list[ItemData] = []
    hashes: dict[str, str] = {}
    seen: dict[str, str] = {}
    for path in _content_files(content_dir):
        text = _read_text(path)
        source: SourceFile = parse_file(_display(path), text)
        item = validate_item(source, path.parent.name, path.stem, theme_slugs, section_keys)
        if item.slug in seen:
            raise ContentError(
                source.path, "slug", f"'{item.slug}' wordt ook gebruikt in {seen[item.slug]}.",
                source.line_of("slug"),
            )  # fmt: skip
        seen[item.slug] = source.path
        hashes[item.slug] = content_hash(text)
        items.append(item)
    _check_cross_references(items, {s.slug for s in sections})
    figures = read_figures(content_dir, _display)
    gemeenten = read_register(content_dir, _display)
    return Corpus(sections, themes, items, hashes, figures, synonyms, gemeenten)


def content_hash(text: str) -> str:
    """The renderer's version is part of the hash: a new renderer re-renders unchanged files."""
    return hashlib.sha256(f"{RENDERER_VERSION}\n{text}".encode()).hexdigest()


def display_path(path) -> str:
    return _display(Path(path))


def load_corpus(content_dir: Path, seeds_dir: Path, force: bool = False) -> LoadResult:
    """Load everything, or nothing. Without `force`, refuse to overwrite browser edits.

    The search index is brought in step once the transaction commits (`update_search_index`);
    inside an outer transaction that is when the outer one commits.
    """
    started = time.perf_counter()
    corpus = read_corpus(Path(content_dir), Path(seeds_dir))
    with _search_signals_paused(), transaction.atomic():
        if not force:
            _refuse_conflicts(corpus)
        # Browser-made groups the file now has are dropped; ones it contradicts are refused.
        synonyms_file = _display(Path(content_dir) / SYNONYMS_FILE)
        reconcile_browser_groups(corpus.synonyms, synonyms_file, force)
        result = _write(corpus)
        result.owed = owe(result.marked)  # committed with the load; settled once indexed
        transaction.on_commit(functools.partial(update_search_index, result))
    result.database_seconds = time.perf_counter() - started - (result.index_seconds or 0.0)
    return result


@contextmanager
def _search_signals_paused():
    """Keep the search signal processor from marking what the load writes.

    The bulk writes send no signals, but the ORM deletes (removed items, an updated item's old
    sources and facts) would, and the processor would index those items a second time after
    the commit, beside the load's own batch. Without listeners those deletes are also single
    DELETE statements instead of a fetch plus one signal per row.
    """
    processor = apps.get_app_config("haystack").signal_processor
    processor.teardown()
    try:
        yield
    finally:
        processor.setup()


def update_search_index(result: LoadResult) -> None:
    """Index the created and updated items and remove the removed ones, in one batch.

    Bulk writes send no post_save signals, so the on-commit processor (search/signals.py) sees
    nothing of a load: this does its work once for the whole load. An index that is empty or
    missing (a new machine, a deleted var/) is filled with everything, even when every file was
    unchanged, and so is one built by older code (index_format.py). Such a full build goes into a
    new folder and is switched to when complete (search/index_builds.py, as rebuild_index), so a
    load killed meanwhile leaves the old index serving. It writes through the same `sync` in one
    writer per batch: haystack's Whoosh update() commits every 1,000 documents and then opens
    every segment again for each further document (10,000 items: 195 s against 62 s).
    Run after the commit: the database is loaded whatever happens here, so a failure is
    logged and reported instead of raised.
    """
    started = time.perf_counter()
    try:
        if _search_index_empty() or not _search_index_current():
            for alias in connections.connections_info:
                build_full(alias)  # in a new folder, switched to when complete
            result.index_filled = True
        elif all([sync(batch) for batch in batches(result.marked)]):
            settle(result.owed)
    except Exception as exc:
        log.exception("Search index not brought in step after load_content")
        result.index_error = str(exc) or exc.__class__.__name__
    finally:
        result.index_seconds = time.perf_counter() - started


def _search_index_empty() -> bool:
    """An index holds at least the report's sections once loaded: none at all means empty."""
    return any(_document_count(alias) == 0 for alias in connections.connections_info)


def _search_index_current() -> bool:
    """Built with the current analysis (search/index_format.py); engines without a folder
    (Solr, Elasticsearch) are the operator's to rebuild."""
    return all(
        is_current(info["PATH"])
        for alias, info in connections.connections_info.items()
        if engine_is_embedded(alias)
    )


def _document_count(alias: str) -> int:
    """Asked of the index itself: haystack's count() runs a match-all search (0.9 s at 2,000).

    A missing or unreadable index counts as empty: rebuilding it is the remedy either way.
    """
    backend = connections[alias].get_backend()
    try:
        if hasattr(backend, "document_count"):  # our engines and Xapian
            return backend.document_count()
        if isinstance(backend, WhooshSearchBackend):
            if not backend.setup_complete:
                backend.setup()  # creates a missing index folder, empty
            return backend.index.refresh().doc_count()
        return SearchQuerySet(using=alias).count()
    except Exception as exc:  # expected on a new machine: no index folder yet
        log.info("Search index %r missing or unreadable (%s); it will be filled", alias, exc)
        return 0


def _refuse_conflicts(corpus: Corpus) -> None:
    """An item edited in the browser since the last load, whose file changed or disappeared,
    would lose that edit: report every such item and change nothing."""
    in_files = {item.slug: item for item in corpus.items}
    conflicts = []
    edited = Item.objects.filter(edited_since_load=True).only("slug", "source_path", "source_hash")
    for item in edited:
        data = in_files.get(item.slug)
        if data is None and item.source_path:
            conflicts.append(f"{item.source_path} (bestand verwijderd)")
        elif data is not None and item.source_hash != corpus.hashes[item.slug]:
            conflicts.append(data.path)
    if conflicts:
        raise ContentError(
            conflicts[0], "",
            "in de browser bewerkt na het laatste laden, en het bestand is ook gewijzigd. "
            f"Conflicten: {', '.join(conflicts)}. Exporteer eerst (export_content) of "
            "overschrijf met load_content --force.",
        )  # fmt: skip


def _content_files(content_dir: Path) -> list[Path]:
    if not content_dir.is_dir():
        raise ContentError(content_dir, "", "de map met content bestaat niet.")
    files = []
    for child in sorted(content_dir.iterdir()):
        if child.is_dir() and not child.name.startswith((".", "_")) and child.name != FIGURES:
            if child.name not in Kind.values:
                raise ContentError(
                    _display(child), "kind",
                    f"onbekende soort (map) '{child.name}'. Toegestaan: {', '.join(Kind.values)}.",
                )  # fmt: skip
            files.extend(sorted(child.glob("*.md")))
    return files


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError(_display(path), "", "het bestand is geen UTF-8-tekst.") from exc


def _display(path: Path) -> str:
    """Paths relative to the working directory read better in an error than absolute ones."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _read_report(path: Path):
    if not path.is_file():
        raise ContentError(_display(path), "", "het bronrapport ontbreekt.")
    try:
        return parse_report(_read_text(path))
    except ReportParseError as exc:
        raise ContentError(_display(path), "", f"het rapport is niet te splitsen: {exc}") from exc


def _read_themes(path: Path) -> list[dict]:
    shown = _display(path)
    if not path.is_file():
        raise ContentError(shown, "", "het bestand met thema's ontbreekt.")
    try:
        data = load_yaml(_read_text(path))
    except Exception as exc:  # yaml.YAMLError; shown with its own position
        raise ContentError(shown, "", f"ongeldige YAML: {exc}") from exc
    if not isinstance(data, list) or not data:
        raise ContentError(shown, "", "moet een lijst van thema's zijn.")
    themes, seen = [], set()
    for index, entry in enumerate(data):
        where = f"[{index}]"
        if not isinstance(entry, dict) or set(entry) - {"slug", "name", "description"}:
            raise ContentError(shown, where, "een thema heeft alleen slug, name en description.")
        slug, name = entry.get("slug"), entry.get("name")
        if not isinstance(slug, str) or not SLUG_RE.match(slug):
            raise ContentError(shown, f"{where}.slug", f"'{slug}' is geen geldige slug.")
        if slug in seen:
            raise ContentError(shown, f"{where}.slug", f"'{slug}' komt twee keer voor.")
        if not isinstance(name, str) or not name.strip():
            raise ContentError(shown, f"{where}.name", "ontbreekt.")
        seen.add(slug)
        themes.append(
            {"slug": slug, "name": name.strip(), "description": entry.get("description") or ""}
        )
    return themes


def _check_cross_references(items: list[ItemData], section_slugs: set[str]) -> None:
    """Related items, internal links and recommendation numbers must point at something real."""
    slugs = {item.slug for item in items}
    numbers: dict[int, str] = {}
    for item in items:
        check_links(item, slugs, section_slugs)
        if item.aanbeveling:
            number = item.aanbeveling.number
            if number in numbers:
                raise ContentError(
                    item.path,
                    "aanbeveling.number",
                    f"{number} is ook het nummer van {numbers[number]}.",
                )
            numbers[number] = item.path


def check_links(item: ItemData, slugs: set[str], section_slugs: set[str]) -> None:
    for match in INTERNAL_LINK_RE.finditer(item.body):
        area, target = match.groups()
        if target not in (slugs if area == "kennis" else section_slugs):
            line = item.body.count("\n", 0, match.start()) + 1
            raise ContentError(
                item.path, "body", f"de link /{area}/{target}/ wijst naar niets (regel {line} "
                "van de tekst).",
            )  # fmt: skip
    for other in item.related:
        if other not in slugs:
            raise ContentError(item.path, "related", f"verwijst naar onbekend item '{other}'.")
    for other in (item.check or {}).get("related", []):
        if other not in slugs:
            raise ContentError(item.path, "check.related", f"onbekend item '{other}'.")


def validate_document(text: str, kind: str, slug: str, label: str) -> ItemData:
    """One item typed in the browser, checked with exactly the loader's rules.

    The database supplies the context a folder of files would: themes, report sections, the
    other items (for related items, internal links and recommendation numbers).
    """
    source = parse_file(label, text)
    if isinstance(source.data, dict) and "status" in source.data:
        raise ContentError(
            label, "status", "de status wijzigt u met de workflowknoppen, niet in de tekst.",
            source.line_of("status"),
        )  # fmt: skip
    sections = list(ReportSection.objects.values_list("key", flat=True))
    themes = set(Theme.objects.values_list("slug", flat=True))
    data = validate_item(source, kind, slug, themes, sections)
    slugs = set(Item.objects.values_list("slug", flat=True)) | {slug}
    section_slugs = set(ReportSection.objects.values_list("slug", flat=True))
    check_links(data, slugs, section_slugs)
    if data.aanbeveling:
        taken = Item.objects.filter(aanbeveling__number=data.aanbeveling.number).exclude(slug=slug)
        if taken.exists():
            raise ContentError(label, "aanbeveling.number", "dit nummer is al in gebruik.")
    return data


def apply_document(item: Item, data: ItemData) -> Item:
    """Write a validated browser edit to the item; it stays marked as edited in the browser."""
    sections = {s.key: s for s in ReportSection.objects.all()}
    themes = {t.slug: t for t in Theme.objects.all()}
    provinces = {p.slug: p for p in Province.objects.all()}
    item = _write_item(
        item, data, item.source_hash, sections, themes, provinces,
        source_path=item.source_path, from_browser=True,
    )  # fmt: skip
    item.related.set(Item.objects.filter(slug__in=data.related))
    return item


class _Existing(NamedTuple):
    pk: int
    slug: str
    source_hash: str
    source_path: str
    edited_since_load: bool


def _write(corpus: Corpus) -> LoadResult:
    """Write what changed, table by table; the number of queries does not grow with the items."""
    result = LoadResult(sections=len(corpus.sections), themes=len(corpus.themes))
    sections = _write_sections(corpus.sections, result.marked)
    themes = _write_themes(corpus.themes, result.marked)
    provinces = _write_provinces()
    existing = {row.slug: row for row in _existing_items()}
    # Removed first: a new file may take the recommendation number of a removed one.
    _remove_items(corpus, existing, result)
    changed, moved = _changed_items(corpus, existing, result)
    replaced = _save_items([item for _, item in changed], moved)
    _replace_item_rows(changed, replaced, sections, themes, provinces)
    pks = {slug: row.pk for slug, row in existing.items()}
    pks.update((item.slug, item.pk) for _, item in changed)
    # A file that did not change keeps its item's browser edit, related items included.
    rewritten = {item.slug for _, item in changed}
    kept = {row.pk for row in existing.values() if row.edited_since_load} - {
        pks[slug] for slug in rewritten
    }
    _write_related(corpus.items, pks, kept)
    _remove_sections(corpus.sections, result.marked)
    if corpus.figures is not None and _figures_changed(corpus.figures):
        write_figures(corpus.figures)
    # Refused (and the whole load with it) when a gemeente figures refer to left the file.
    if corpus.gemeenten is not None and register_changed(corpus.gemeenten):
        write_register(corpus.gemeenten)
    result.marked.update(((Item, item.pk), False) for _, item in changed)
    return result


def _existing_items() -> list[_Existing]:
    """What the load compares with, without the body columns: one query for all items."""
    return [_Existing(*row) for row in Item.objects.values_list(*_Existing._fields).order_by()]


def _changed_items(corpus: Corpus, existing: dict, result: LoadResult) -> tuple[list, list]:
    """(data, unsaved item) for every new or changed file, and items whose file only moved.

    Unchanged files are skipped by hash and a browser edit of their item (if any) is kept. Only
    changed files are rendered: Markdown is most of the write cost (1 ms of 1.3 ms per item).
    A file with the same hash in another place has the same text, so the same item and search
    document: only its path is updated (a copy of content/ no longer re-indexes everything).
    """
    now = timezone.now()
    changed, moved = [], []
    for data in corpus.items:
        old = existing.get(data.slug)
        digest = corpus.hashes[data.slug]
        if old is not None and old.source_hash == digest:
            if old.source_path == data.path:
                result.unchanged.append(data.slug)
            else:
                result.updated.append(data.slug)
                moved.append(Item(pk=old.pk, source_path=data.path, updated_at=now))
            continue
        (result.updated if old else result.created).append(data.slug)
        item = Item(pk=old.pk if old else None, slug=data.slug, updated_at=now)
        _fill_item(item, data, digest, data.path, from_browser=False)
        changed.append((data, item))
    return changed, moved


def _save_items(items: list[Item], moved: list[Item]) -> list[int]:
    """New items in bulk INSERTs (which return their ids on SQLite and PostgreSQL), changed ones
    updated in place, so their revisions and audit entries stay attached. Returns the ids of
    the changed ones, whose old rows (sources, facts, themes) are to be replaced."""
    updated = [item for item in items if item.pk is not None]
    _update_rows(Item, updated, ITEM_FIELDS)
    _update_rows(Item, moved, ["source_path", "updated_at"])
    Item.objects.bulk_create([item for item in items if item.pk is None])
    return [item.pk for item in updated]


def _update_rows(model, objs: list, fields: list[str]) -> None:
    """UPDATE rows by primary key: one statement, executed for every row (executemany).

    Not `bulk_update`: it builds a CASE WHEN per field and row, and resolving those
    expressions in Python was most of the write (35 of 65 s, profiled, for 10,000 changed
    items). Values are converted by the fields themselves, as save() converts them.
    """
    if not objs:
        return
    connection = transaction.get_connection()
    quote = connection.ops.quote_name
    meta = model._meta
    columns = [meta.get_field(name) for name in fields]
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in columns)
    sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(meta.pk.column)} = %s"
    rows = [
        [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in columns] + [obj.pk]
        for obj in objs
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _replace_item_rows(changed: list[tuple], replaced: list[int], sections, themes, provinces):
    """Sources, facts, themes and provinces of changed items: delete the old rows of `replaced`
    (items that existed before), then insert all new rows."""
    rows = {model: [] for model in ITEM_ROWS}
    for data, item in changed:
        for model, new in _item_rows(item, data, sections, themes, provinces).items():
            rows[model].extend(new)
    for model in ITEM_ROWS:
        _delete_in(model.objects, "item_id", replaced)
        model.objects.bulk_create(rows[model])


def _item_rows(item: Item, data: ItemData, sections, themes, provinces) -> dict[type, list]:
    """Every row that belongs to one item besides the item itself, unsaved."""
    return {
        SourceRef: [
            SourceRef(item_id=item.pk, section=sections[s.section], note=s.note, order=i)
            for i, s in enumerate(data.sources)
        ],
        RegelingFacts: [RegelingFacts(item_id=item.pk, **vars(data.regeling), criteria=data.check)]
        if data.regeling
        else [],
        AanbevelingFacts: [AanbevelingFacts(item_id=item.pk, **vars(data.aanbeveling))]
        if data.aanbeveling
        else [],
        ThemeLink: [ThemeLink(item_id=item.pk, theme_id=themes[s].pk) for s in data.themes],
        ProvinceLink: [
            ProvinceLink(item_id=item.pk, province_id=provinces[s].pk) for s in data.provinces
        ],
    }


def _write_related(items: list[ItemData], pks: dict[str, int], kept: set[int]) -> None:
    """Make every loaded item's related rows match its file: one read, then only differences."""
    managed = {pks[data.slug] for data in items} - kept
    wanted = {
        (pks[data.slug], pks[other])
        for data in items
        if pks[data.slug] in managed
        for other in data.related
    }
    current = {
        (source, target): pk
        for pk, source, target in RelatedLink.objects.values_list(
            "pk", "from_item_id", "to_item_id"
        )
        if source in managed
    }
    _delete_in(
        RelatedLink.objects, "pk", [pk for pair, pk in current.items() if pair not in wanted]
    )
    RelatedLink.objects.bulk_create(
        RelatedLink(from_item_id=source, to_item_id=target)
        for source, target in sorted(wanted - current.keys())
    )


def _remove_items(corpus: Corpus, existing: dict, result: LoadResult) -> None:
    """Only items that came from files are removed with their file; items written by editors
    in the browser (no source_path) are not the loader's to delete."""
    in_files = {data.slug for data in corpus.items}
    gone = sorted(
        (row for slug, row in existing.items() if slug not in in_files and row.source_path),
        key=lambda row: row.slug,
    )
    _delete_in(Item.objects, "pk", [row.pk for row in gone])
    result.removed.extend(row.slug for row in gone)
    result.marked.update(((Item, row.pk), True) for row in gone)


def _delete_in(queryset, field_name: str, values: Iterable) -> None:
    values = list(values)
    for start in range(0, len(values), CHUNK):
        queryset.filter(**{f"{field_name}__in": values[start : start + CHUNK]}).delete()


def _write_sections(parsed, marked: dict) -> dict[str, ReportSection]:
    """Create or change only sections that differ, and mark those for the search index."""
    existing = {section.key: section for section in ReportSection.objects.all()}
    by_key: dict[str, ReportSection] = {}
    for section in parsed:  # parents come before their children
        parent = by_key.get(section.parent) if section.parent else None
        values = {
            "slug": section.slug,
            "number": section.number,
            "title": section.title,
            "order": section.order,
            "html": render_blocks(section.blocks),
            "text": section.plain_text(),
            "parent_id": parent.pk if parent else None,
        }
        obj = existing.get(section.key) or ReportSection(key=section.key)
        if _save_if_changed(obj, values):
            marked[(ReportSection, obj.pk)] = False
        by_key[section.key] = obj
    return by_key


def _save_if_changed(obj, values: dict) -> bool:
    """Save `obj` with `values` when it is new or any value differs; True when saved."""
    if not obj._state.adding and all(getattr(obj, k) == v for k, v in values.items()):
        return False
    for name, value in values.items():
        setattr(obj, name, value)
    obj.save()
    return True


def _remove_sections(parsed, marked: dict) -> None:
    gone = ReportSection.objects.exclude(key__in=[s.key for s in parsed])
    marked.update(((ReportSection, pk), True) for pk in gone.values_list("pk", flat=True))
    gone.delete()


def _write_themes(themes: list[dict], marked: dict) -> dict[str, Theme]:
    existing = {theme.slug: theme for theme in Theme.objects.all()}
    result = {}
    for order, theme in enumerate(themes):
        obj = existing.get(theme["slug"]) or Theme(slug=theme["slug"])
        values = {"name": theme["name"], "description": theme["description"], "order": order}
        _save_if_changed(obj, values)
        result[theme["slug"]] = obj
    gone = [theme.pk for slug, theme in existing.items() if slug not in result]
    if gone:
        # Items kept in the database (written in the browser) lose the theme: re-index them.
        for pk in ThemeLink.objects.filter(theme_id__in=gone).values_list("item_id", flat=True):
            marked.setdefault((Item, pk), False)
        Theme.objects.filter(pk__in=gone).delete()
    return result


def _write_provinces() -> dict[str, Province]:
    existing = {province.slug: province for province in Province.objects.all()}
    result = {}
    for slug, name in PROVINCES.items():
        obj = existing.get(slug) or Province(slug=slug)
        _save_if_changed(obj, {"name": name})
        result[slug] = obj
    return result


def _figures_changed(figures: Figures) -> bool:
    """Figures are rewritten only when a CSV changed, so an unchanged load writes nothing."""
    national = NationalFigure.objects.values(*_columns(NationalFigure))
    provinces = [
        {("province" if k == "area" else k): v for k, v in row.items()}
        for row in ProvinceFigure.objects.values(*_columns(ProvinceFigure))
    ]
    return _rows(national) != _rows(figures.national) or _rows(provinces) != _rows(
        figures.provinces
    )


def _columns(model) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if not f.primary_key]


def _rows(rows) -> list:
    return sorted(sorted(row.items()) for row in rows)


def _fill_item(item: Item, data: ItemData, digest: str, source_path: str, from_browser: bool):
    item.kind = data.kind
    item.title = data.title
    item.summary = data.summary
    item.body = data.body
    item.body_html = render_markdown(data.body)
    item.published = data.published
    item.last_reviewed = data.last_reviewed
    item.checked_on = data.checked_on
    item.checked_source = data.checked_source
    item.links = data.links
    item.publish_at = data.publish_at
    item.expire_at = data.expire_at
    if not from_browser:  # in the browser the status changes only through the workflow
        item.status = data.status
    item.source_path = source_path
    item.source_hash = digest
    item.edited_since_load = from_browser


def _write_item(
    item: Item, data: ItemData, digest: str, sections, themes, provinces,
    source_path: str | None = None, from_browser: bool = False,
) -> Item:  # fmt: skip
    """Write one item and its rows (the editor's browser save); a load writes in bulk instead.

    Saving the item marks it for the search index, so replacing its rows without the
    many-to-many signals still re-indexes it after the commit.
    """
    _fill_item(item, data, digest, data.path if source_path is None else source_path, from_browser)
    item.save()
    for model, rows in _item_rows(item, data, sections, themes, provinces).items():
        model.objects.filter(item_id=item.pk).delete()
        model.objects.bulk_create(rows)
    return item
