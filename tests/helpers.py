"""Helpers for tests that write their own content files."""

from pathlib import Path


def write_item(folder: Path, kind: str, slug: str, front: str, body: str = "## Kop\n\nTekst.\n"):
    """Write one content file; `front` is the YAML between the fences (without slug/kind)."""
    path = folder / kind / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\nslug: {slug}\nkind: {kind}\n{front.strip()}\n---\n{body}", "utf-8")
    return path


MINIMAL_FRONT = """
title: Een testpraktijkvoorbeeld
summary: Een korte samenvatting.
themes: [flexwonen]
sources:
  - section: "3.2"
published: 2026-11-28
last_reviewed: 2026-11-28
"""
