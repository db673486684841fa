"""Synonyms and spelling variants (content/synoniemen.yaml), applied at query time.

Kept as data so editors can add "vergunninghouder = statushouder" without a developer, and
applied when searching rather than indexing, so a new group works without rebuilding the index.
"""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from kenniscentrum.knowledge.frontmatter import ContentError, load_yaml

FILE_NAME = "synoniemen.yaml"


@dataclass(frozen=True)
class SynonymGroup:
    terms: tuple[str, ...]
    preferred: str = ""


def read_synonyms(path: Path) -> list[SynonymGroup]:
    """Parse and validate the file; errors name the file and the entry."""
    shown = _display(path)
    if not path.is_file():
        return []
    try:
        data = load_yaml(path.read_text("utf-8"))
    except Exception as exc:  # yaml.YAMLError or a decoding error
        raise ContentError(shown, "", f"ongeldige YAML: {exc}") from exc
    if data is None:
        return []
    if not isinstance(data, list):
        raise ContentError(shown, "", "moet een lijst van groepen zijn.")
    groups = []
    for index, entry in enumerate(data):
        where = f"[{index}]"
        if not isinstance(entry, dict) or set(entry) - {"terms", "preferred"}:
            raise ContentError(shown, where, "een groep heeft alleen 'terms' en 'preferred'.")
        terms = entry.get("terms")
        if (
            not isinstance(terms, list)
            or len(terms) < 2
            or not all(isinstance(t, str) and t.strip() for t in terms)
        ):
            raise ContentError(shown, f"{where}.terms", "moet minstens twee termen bevatten.")
        preferred = entry.get("preferred") or ""
        if preferred and preferred not in terms:
            raise ContentError(shown, f"{where}.preferred", f"'{preferred}' staat niet in terms.")
        groups.append(SynonymGroup(tuple(t.strip() for t in terms), preferred))
    return groups


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@lru_cache(maxsize=4)
def _cached(path: str, mtime: float) -> tuple[SynonymGroup, ...]:
    return tuple(read_synonyms(Path(path)))


def synonym_groups() -> tuple[SynonymGroup, ...]:
    """The current groups; re-read when the file changes."""
    path = Path(settings.CONTENT_DIR) / FILE_NAME
    try:
        mtime = path.stat().st_mtime
    except FileNotFoundError:
        return ()
    return _cached(str(path), mtime)
