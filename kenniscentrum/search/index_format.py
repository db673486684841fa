"""Which version of the analysis and document layout an index was built with.

`make run` no longer rebuilds the index on every start (load_content indexes only what
changed), so an index built by older code would silently keep old terms after an upgrade that
changes the analysis. Each engine writes this stamp into its index folder when the index is
emptied for a full build; load_content rebuilds an index whose stamp is missing or different.
Bump INDEX_FORMAT with any change to analysis.py, documents.py or an engine's document layout.
"""

from pathlib import Path

from django.conf import settings

INDEX_FORMAT = "2026-11-30.1"  # compounds split as written, not as stemmed (analysis.py)
STAMP = "kc-index-format"


def current_format() -> str:
    """INDEX_FORMAT, marked when a setting that changes the analysis is off (so switching it
    makes load_content rebuild the index)."""
    if not settings.SEARCH_STEM_EXCEPTIONS:
        return INDEX_FORMAT + "+no-stem-exceptions"
    return INDEX_FORMAT


def write_stamp(index_path: str | Path) -> None:
    path = Path(index_path)
    path.mkdir(parents=True, exist_ok=True)
    (path / STAMP).write_text(current_format() + "\n", encoding="utf-8")


def is_current(index_path: str | Path) -> bool:
    try:
        return (Path(index_path) / STAMP).read_text("utf-8").strip() == current_format()
    except OSError:
        return False
