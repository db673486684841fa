"""A deterministic synthetic corpus for scale benchmarks: the real content/ plus N generated items.

Why generate instead of duplicating real files: search cost depends on vocabulary, document
length and facet spread, so the generated items recombine real sentences of the report and of the
editorial items (Dutch text with the project's own terms), with a spread of kinds, themes and
provinces. Why deterministic: two benchmark runs are only comparable on the same corpus, so one
seed always gives byte-identical files (no clock, no set iteration, sorted inputs only).

The generated items follow content/README.md, so `load_content` accepts them; the real items stay
in the copy, so links and related items to them remain valid.
"""

import random
import re
import shutil
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import yaml

from kenniscentrum.report.parser import parse_report

from .frontmatter import load_yaml, parse_file
from .loading import REPORT_FILE
from .vocabulary import APPLICANTS, PROVINCES, RegelingStatus

# Marks a folder as ours, so a second run may replace it without risking someone's own files.
MARKER = ".synthetic-corpus"
# Kinds that need no structured block (plus a few regelingen with a minimal one), weighted.
KIND_WEIGHTS = {
    "praktijkvoorbeeld": 40,
    "handreiking": 30,
    "regionaal-voorbeeld": 26,
    "regeling": 4,
}
ITEM_KINDS = ("regeling", "handreiking", "praktijkvoorbeeld", "regionaal-voorbeeld", "aanbeveling")
# Share of sentences taken from the report rather than from items on the same theme.
REPORT_SHARE = 0.45
MIN_WORDS, MAX_WORDS = 150, 600
# The longest sentence we keep; a body stops growing before it could pass MAX_WORDS.
MAX_SENTENCE_WORDS = 45
CLOSING_WORDS = 50  # room for the closing "Meer weten" paragraph and its two link texts
PROVIDERS = ("BZK", "JenV", "RVO", "RVB", "COA", "Provincie")
FIRST_PUBLISHED = date(2025, 1, 1)

SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9‘“'\"(])")
MD_LINK_RE = re.compile(r"\[([^\]]+)\]\([^)]*\)")
MD_MARKUP_RE = re.compile(r"\*\*|__|`")
LIST_MARKER_RE = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+")


@dataclass(frozen=True)
class Sentence:
    text: str
    section: str | None = None  # report section key, for `sources`


@dataclass
class Material:
    """Everything the generator recombines, read once from content/ and seeds/."""

    themes: list[str]
    sections: list  # report sections (key, slug, title) that items may cite
    report: list[Sentence]
    by_theme: dict[str, list[Sentence]]
    content: list[Sentence]
    headings: list[str]
    items: list[tuple[str, str]]  # (slug, title) of the real items, for related links


@dataclass
class Generated:
    slug: str
    kind: str
    title: str
    text: str
    words: int
    themes: list[str] = field(default_factory=list)


def generate_corpus(
    content_dir: Path, seeds_dir: Path, dest: Path, items: int, seed: int = 1
) -> list[Generated]:
    """Copy content_dir to dest and add `items` generated items; returns what was written."""
    content_dir, dest = Path(content_dir).resolve(), Path(dest).resolve()
    _prepare_destination(content_dir, dest)
    material = read_material(content_dir, seeds_dir)
    shutil.copytree(content_dir, dest)
    (dest / MARKER).write_text(f"seed {seed}, {items} items\n", encoding="utf-8")
    generated = generate_items(material, items, seed)
    for item in generated:
        path = dest / item.kind / f"{item.slug}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(item.text, encoding="utf-8", newline="\n")
    return generated


def _prepare_destination(content_dir: Path, dest: Path) -> None:
    """Refuse to overwrite real content; replace only a folder this generator made."""
    if dest == content_dir or content_dir in dest.parents or dest in content_dir.parents:
        raise ValueError(f"{dest} overlapt met de echte content ({content_dir}).")
    if not dest.exists():
        dest.parent.mkdir(parents=True, exist_ok=True)
        return
    if (dest / MARKER).is_file():
        shutil.rmtree(dest)
    elif dest.is_dir() and not any(dest.iterdir()):
        dest.rmdir()
    else:
        raise ValueError(f"{dest} bestaat al en is geen synthetisch corpus; kies een lege map.")


# --------------------------------------------------------------------------------------------
# Reading the material
# --------------------------------------------------------------------------------------------


def read_material(content_dir: Path, seeds_dir: Path) -> Material:
    sections = parse_report((Path(seeds_dir) / REPORT_FILE).read_text(encoding="utf-8"))
    themes = [
        entry["slug"] for entry in load_yaml((content_dir / "themes.yaml").read_text("utf-8"))
    ]
    report = [
        Sentence(text, section.key)
        for section in sections
        if not section.key.startswith("bijlage")  # lists of names and stakeholders, no prose
        for text in split_sentences(section.plain_text())
    ]
    by_theme: dict[str, list[Sentence]] = {slug: [] for slug in themes}
    content: list[Sentence] = []
    headings: set[str] = set()
    items: list[tuple[str, str]] = []
    for path in _item_files(content_dir):
        source = parse_file(path.name, path.read_text(encoding="utf-8"))
        sentences = [Sentence(text) for text in split_sentences(markdown_to_text(source.body))]
        content.extend(sentences)
        for theme in source.data.get("themes") or []:
            by_theme.setdefault(theme, []).extend(sentences)
        headings.update(_headings(source.body))
        items.append((source.data["slug"], str(source.data["title"])))
    citable = [(s.key, s.slug, s.title) for s in sections if s.plain_text().strip()]
    return Material(themes, citable, report, by_theme, content, sorted(headings), items)


def _item_files(content_dir: Path) -> list[Path]:
    return [path for kind in ITEM_KINDS for path in sorted((content_dir / kind).glob("*.md"))]


def split_sentences(text: str) -> list[str]:
    """Whole prose sentences only: no table rows, footnotes, list stubs or URLs."""
    result = []
    for paragraph in text.split("\n"):
        for sentence in SENTENCE_END_RE.split(" ".join(paragraph.split())):
            if _usable(sentence):
                result.append(sentence)
    return result


def _usable(sentence: str) -> bool:
    words = len(sentence.split())
    return (
        6 <= words <= MAX_SENTENCE_WORDS
        and sentence[-1] in ".!?"
        and sentence[0].isupper()
        and not sentence.startswith(("Zie ", "Lees "))  # link stubs, meaningless without links
        and not any(mark in sentence for mark in ("|", "http", "www.", "[", "{", "#"))
    )


def markdown_to_text(body: str) -> str:
    """The prose of a Markdown body: links become their text, tables and headings are dropped."""
    lines = []
    for line in body.splitlines():
        stripped = line.strip()
        if stripped.startswith(("|", "#", ">")):
            continue
        text = MD_MARKUP_RE.sub("", MD_LINK_RE.sub(r"\1", LIST_MARKER_RE.sub("", stripped)))
        lines.append(text)
    return "\n".join(lines)


def _headings(body: str) -> list[str]:
    return [line[3:].strip() for line in body.splitlines() if line.startswith("## ")]


# --------------------------------------------------------------------------------------------
# Generating items
# --------------------------------------------------------------------------------------------


def generate_items(material: Material, count: int, seed: int) -> list[Generated]:
    rng = random.Random(seed)
    width = max(5, len(str(count)))
    kinds, weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
    linkable = list(material.items)
    result = []
    for number in range(1, count + 1):
        kind = rng.choices(kinds, weights)[0]
        item = _generate_item(rng, material, kind, number, width, linkable)
        linkable.append((item.slug, item.title))
        result.append(item)
    return result


def _generate_item(rng, material: Material, kind: str, number: int, width: int, linkable):
    themes = _pick_themes(rng, material.themes)
    provinces = _pick_provinces(rng, kind)
    pool = material.by_theme.get(themes[0]) or material.content
    title = _title(rng, pool, material.report, provinces)
    slug = f"synth-{number:0{width}d}-{slugify(title, max_words=5)}"
    related = _pick_related(rng, linkable)
    body, used = _body(rng, material, pool, provinces, related)
    front = {
        "slug": slug,
        "kind": kind,
        "title": title,
        "summary": _summary(rng, pool),
        "themes": themes,
    }
    if provinces:
        front["provinces"] = provinces
    front["sources"] = [{"section": key} for key in used]
    published = FIRST_PUBLISHED + timedelta(days=rng.randint(0, 700))
    front["published"] = published.isoformat()
    front["last_reviewed"] = (published + timedelta(days=rng.randint(0, 90))).isoformat()
    if related:
        front["related"] = [slug_ for slug_, _ in related]
    if kind == "regeling":
        front["regeling"] = _regeling(rng)
    text = f"---\n{_dump(front)}---\n\n{body}"
    return Generated(slug, kind, title, text, len(body.split()), themes)


def _pick_themes(rng, themes: list[str]) -> list[str]:
    """A uniform primary theme (drives the vocabulary) and up to two more."""
    primary = rng.choice(themes)
    others = rng.sample([t for t in themes if t != primary], rng.choice((0, 1, 1, 2)))
    return [primary, *others]


def _pick_provinces(rng, kind: str) -> list[str]:
    """Regional examples always name a province; other kinds sometimes do."""
    slugs = list(PROVINCES)
    if kind == "regionaal-voorbeeld":
        return sorted(rng.sample(slugs, rng.choice((1, 1, 2))))
    return [rng.choice(slugs)] if rng.random() < 0.25 else []


def _pick_related(rng, linkable: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return rng.sample(linkable, rng.choice((0, 1, 2, 3)))


def _title(rng, pool: list[Sentence], report: list[Sentence], provinces: list[str]) -> str:
    short = [s for s in (pool if rng.random() < 0.6 else report) if len(s.text.split()) <= 14]
    text = rng.choice(short or pool).text.rstrip(".!?")
    if provinces:
        first = text[0].lower() if text[1:2].islower() else text[0]  # keep "BZK", lower "De"
        text = f"{PROVINCES[provinces[0]]}: {first}{text[1:]}"
    return text[:200].strip()


def _summary(rng, pool: list[Sentence]) -> str:
    sentences = [s.text for s in rng.sample(pool, min(len(pool), rng.choice((1, 2))))]
    return " ".join(sentences)[:500].strip()


def _body(rng, material: Material, pool, provinces, related) -> tuple[str, list[str]]:
    """Sections of recombined sentences up to a drawn word count; returns body and cited keys."""
    target = rng.randint(MIN_WORDS, MAX_WORDS - MAX_SENTENCE_WORDS - CLOSING_WORDS)
    headings = rng.sample(material.headings, min(len(material.headings), 6))
    used: list[str] = []
    blocks: list[str] = []
    words = 0
    if provinces:
        names = " en ".join(PROVINCES[p] for p in provinces)
        blocks.append(f"Deze pagina gaat over {names}.")
        words += len(blocks[-1].split())
    while words < target:
        heading = headings[len(blocks) % len(headings)]
        block = _block(rng, material, pool, used, target - words)
        blocks.append(f"## {heading}\n\n{block}")
        words += len(blocks[-1].split())
    if not used:  # every item cites the report
        used.append(rng.choice(material.sections)[0])
    blocks.append(_closing(rng, material, used, related))
    return "\n\n".join(blocks) + "\n", used[:4]


def _block(rng, material: Material, pool, used: list[str], room: int) -> str:
    """One paragraph or bullet list of 2-5 sentences, never more words than `room` + one."""
    sentences = []
    words = 0
    for _ in range(rng.randint(2, 5)):
        sentence = rng.choice(material.report if rng.random() < REPORT_SHARE else pool)
        sentences.append(sentence.text)
        words += len(sentence.text.split())
        if sentence.section and sentence.section not in used:
            used.append(sentence.section)
        if words >= room:
            break
    if rng.random() < 0.25:
        return "\n".join(f"- {text}" for text in sentences)
    return " ".join(sentences)


def _closing(rng, material: Material, used: list[str], related) -> str:
    """Links to a cited report section and a related item, as editors write them."""
    by_key = {key: (slug, title) for key, slug, title in material.sections}
    key = used[0] if used[0] in by_key else rng.choice(material.sections)[0]
    section_slug, section_title = by_key[key]
    text = f"## Meer weten\n\nLees [{section_title}](/rapport/{section_slug}/) in het rapport."
    if related:
        slug, title = related[0]
        text += f" Zie ook [{title}](/kennis/{slug}/)."
    return text


def _regeling(rng) -> dict:
    return {
        "provider": rng.choice(PROVIDERS),
        "applicants": sorted(rng.sample(list(APPLICANTS), rng.choice((1, 1, 2)))),
        "status": rng.choice(RegelingStatus.values),
    }


def _dump(front: dict) -> str:
    return yaml.safe_dump(
        front, sort_keys=False, allow_unicode=True, default_flow_style=None, width=100
    )


def slugify(text: str, max_words: int = 0) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words[:max_words] if max_words else words) or "item"
