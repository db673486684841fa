"""Load content/ and seeds/ into the database: validate everything first, then write in one go.

Why validate-then-write inside one transaction: an editor who breaks one file must never leave
the site half-updated. Every file is parsed and checked before the first write; the writes run
under `transaction.atomic`, so a failure at any point leaves the database exactly as it was.
"""

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from kenniscentrum.figures.loading import FOLDER as FIGURES
from kenniscentrum.figures.loading import Figures, read_figures, write_figures
from kenniscentrum.report.models import ReportSection
from kenniscentrum.report.parser import ReportParseError, parse_report
from kenniscentrum.report.render import render_blocks
from kenniscentrum.search.synonyms import FILE_NAME as SYNONYMS_FILE
from kenniscentrum.search.synonyms import read_synonyms

from .frontmatter import ContentError, SourceFile, load_yaml, parse_file
from .models import AanbevelingFacts, Item, Province, RegelingFacts, SourceRef, Theme
from .rendering import RENDERER_VERSION, render_markdown
from .schema import SLUG_RE, ItemData, validate_item
from .vocabulary import PROVINCES, Kind

INTERNAL_LINK_RE = re.compile(r"\]\(/(kennis|rapport)/([-a-z0-9]+)/?[)#]")
REPORT_FILE = "eindrapportage-aanjager-huisvesting-statushouders-2021.txt"


@dataclass
class LoadResult:
    sections: int = 0
    themes: int = 0
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.sections} paragrafen van het rapport, {self.themes} thema's; items: "
            f"{len(self.created)} nieuw, {len(self.updated)} bijgewerkt, "
            f"{len(self.unchanged)} ongewijzigd, {len(self.removed)} verwijderd."
        )


@dataclass
class Corpus:
    sections: list
    themes: list[dict]
    items: list[ItemData]
    hashes: dict[str, str]
    figures: Figures | None = None


def read_corpus(content_dir: Path, seeds_dir: Path) -> Corpus:
    """Parse and validate every file; raises ContentError on the first invalid one."""
    sections = _read_report(seeds_dir / REPORT_FILE)
    section_keys = [s.key for s in sections]
    themes = _read_themes(content_dir / "themes.yaml")
    read_synonyms(content_dir / SYNONYMS_FILE)  # validated here, read by search when searching
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
    return Corpus(sections, themes, items, hashes, figures)


def content_hash(text: str) -> str:
    """The renderer's version is part of the hash: a new renderer re-renders unchanged files."""
    return hashlib.sha256(f"{RENDERER_VERSION}\n{text}".encode()).hexdigest()


def display_path(path) -> str:
    return _display(Path(path))


def load_corpus(content_dir: Path, seeds_dir: Path, force: bool = False) -> LoadResult:
    """Load everything, or nothing. Without `force`, refuse to overwrite browser edits."""
    corpus = read_corpus(Path(content_dir), Path(seeds_dir))
    with transaction.atomic():
        if not force:
            _refuse_conflicts(corpus)
        return _write(corpus)


def _refuse_conflicts(corpus: Corpus) -> None:
    """An item edited in the browser since the last load, whose file changed or disappeared,
    would lose that edit: report every such item and change nothing."""
    in_files = {item.slug: item for item in corpus.items}
    conflicts = []
    for item in Item.objects.filter(edited_since_load=True):
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


def _write(corpus: Corpus) -> LoadResult:
    result = LoadResult(sections=len(corpus.sections), themes=len(corpus.themes))
    sections = _write_sections(corpus.sections)
    themes = _write_themes(corpus.themes)
    provinces = {
        slug: Province.objects.update_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in PROVINCES.items()
    }
    existing = {item.slug: item for item in Item.objects.all()}
    saved: dict[str, Item] = {}
    for data in corpus.items:
        item = existing.get(data.slug)
        digest = corpus.hashes[data.slug]
        if item is not None and item.source_hash == digest and item.source_path == data.path:
            # Unchanged file: a browser edit of this item (if any) is kept.
            result.unchanged.append(data.slug)
        else:
            (result.updated if item else result.created).append(data.slug)
            item = _write_item(
                item or Item(slug=data.slug), data, digest, sections, themes, provinces
            )
        saved[data.slug] = item
    for data in corpus.items:
        saved[data.slug].related.set([saved[s] for s in data.related])
    # Only items that came from files are removed with their file; later, items written by
    # editors in the browser (no source_path) are not the loader's to delete.
    for slug, item in existing.items():
        if slug not in saved and item.source_path:
            item.delete()
            result.removed.append(slug)
    ReportSection.objects.exclude(key__in=[s.key for s in corpus.sections]).delete()
    if corpus.figures is not None:
        write_figures(corpus.figures)
    return result


def _write_sections(parsed) -> dict[str, ReportSection]:
    by_key: dict[str, ReportSection] = {}
    for section in parsed:
        obj, _ = ReportSection.objects.update_or_create(
            key=section.key,
            defaults={
                "slug": section.slug,
                "number": section.number,
                "title": section.title,
                "order": section.order,
                "html": render_blocks(section.blocks),
                "text": section.plain_text(),
                "parent": by_key.get(section.parent) if section.parent else None,
            },
        )
        by_key[section.key] = obj
    return by_key


def _write_themes(themes: list[dict]) -> dict[str, Theme]:
    result = {}
    for order, theme in enumerate(themes):
        result[theme["slug"]], _ = Theme.objects.update_or_create(
            slug=theme["slug"],
            defaults={"name": theme["name"], "description": theme["description"], "order": order},
        )
    Theme.objects.exclude(slug__in=result).delete()
    return result


def _write_item(
    item: Item, data: ItemData, digest: str, sections, themes, provinces,
    source_path: str | None = None, from_browser: bool = False,
) -> Item:  # fmt: skip
    item.kind = data.kind
    item.title = data.title
    item.summary = data.summary
    item.body = data.body
    item.body_html = render_markdown(data.body)
    item.published = data.published
    item.last_reviewed = data.last_reviewed
    item.publish_at = data.publish_at
    item.expire_at = data.expire_at
    if not from_browser:  # in the browser the status changes only through the workflow
        item.status = data.status
    item.source_path = data.path if source_path is None else source_path
    item.source_hash = digest
    item.edited_since_load = from_browser
    item.save()
    item.themes.set([themes[s] for s in data.themes])
    item.provinces.set([provinces[s] for s in data.provinces])
    item.sources.all().delete()
    SourceRef.objects.bulk_create(
        SourceRef(item=item, section=sections[s.section], note=s.note, order=i)
        for i, s in enumerate(data.sources)
    )
    RegelingFacts.objects.filter(item=item).delete()
    if data.regeling:
        RegelingFacts.objects.create(item=item, **vars(data.regeling), criteria=data.check)
    AanbevelingFacts.objects.filter(item=item).delete()
    if data.aanbeveling:
        AanbevelingFacts.objects.create(item=item, **vars(data.aanbeveling))
    return item
