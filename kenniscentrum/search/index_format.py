"""Which version of the analysis and document layout an index was built with.

`make run` no longer rebuilds the index on every start (load_content indexes only what
changed), so an index built by older code would silently keep old terms after an upgrade that
changes the analysis. Each engine writes this stamp into its index folder when the index is
emptied for a full build; load_content rebuilds an index whose stamp is missing or different.
Bump INDEX_FORMAT with any change to analysis.py, documents.py or an engine's document layout.
"""

from pathlib import Path

INDEX_FORMAT = "2026-11-30.2"  # stored fingerprint per document (index_health.py)
STAMP = "kc-index-format"


def write_stamp(index_path: str | Path) -> None:
    path = Path(index_path)
    path.mkdir(parents=True, exist_ok=True)
    (path / STAMP).write_text(INDEX_FORMAT + "\n", encoding="utf-8")


def is_current(index_path: str | Path) -> bool:
    try:
        return (Path(index_path) / STAMP).read_text("utf-8").strip() == INDEX_FORMAT
    except OSError:
        return False
