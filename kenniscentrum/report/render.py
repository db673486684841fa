"""Render parsed report blocks (see `parser.Block`) as HTML.

Every piece of text from the report goes through `html.escape`; the only raw HTML is the markup
generated here. Footnote markers in the text become reference links after escaping, which is
safe because the marker pattern only ever captures digits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape

from .parser import FOOTNOTE_REF_RE, Block


def _ref_link(match) -> str:
    number = match.group(1)
    return f'<sup><a href="#voetnoot-{number}" id="voetnoot-ref-{number}">{number}</a></sup>'


def _inline(text: str) -> str:
    """Escape text, then turn footnote markers into links and hard breaks into <br>."""
    escaped = FOOTNOTE_REF_RE.sub(_ref_link, escape(text))
    return escaped.replace("\n", "<br>\n")


def _heading(block: Block) -> str:
    level = min(max(block.level or 2, 2), 6)
    anchor = f' id="{escape(block.anchor)}"' if block.anchor else ""
    return f"<h{level}{anchor}>{_inline(block.text)}</h{level}>"


def _paragraph(block: Block) -> str:
    return f"<p>{_inline(block.text)}</p>"


def _list(block: Block) -> str:
    items = "".join(f"<li>{_inline(item)}</li>" for item in block.items)
    if not block.ordered:
        return f"<ul>{items}</ul>"
    attributes = ' type="a"' if block.list_type == "a" else ""
    if block.start != 1:
        attributes += f' start="{int(block.start)}"'
    return f"<ol{attributes}>{items}</ol>"


def _table(block: Block) -> str:
    """A data table: column headers with scope="col", the first cell of each row a row header."""
    caption = f"<caption>{_inline(block.caption)}</caption>" if block.caption else ""
    head = "".join(f'<th scope="col">{_inline(cell)}</th>' for cell in block.header)
    rows = []
    for row in block.rows:
        first, *rest = row
        cells = "".join(f"<td>{_inline(cell)}</td>" for cell in rest)
        rows.append(f'<tr><th scope="row">{_inline(first)}</th>{cells}</tr>')
    # A wide table scrolls inside its own region; tabindex lets keyboard users scroll it too.
    label = escape(block.caption or "Tabel", quote=True)
    return (
        f'<div class="tabel-container" role="region" aria-label="{label}" tabindex="0">'
        f'<table class="tabel">{caption}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _quote(block: Block) -> str:
    """The framed quote: title, quoted paragraphs and the source link (http(s) only)."""
    title = f'<h2 class="kader-titel">{_inline(block.title)}</h2>' if block.title else ""
    paragraphs = "".join(f"<p>{_inline(part)}</p>" for part in block.text.split("\n") if part)
    source = ""
    if block.url.startswith(("https://", "http://")):
        url = escape(block.url)
        source = f'<p class="kader-bron"><a href="{url}" rel="noopener">{url}</a></p>'
    elif block.url:
        source = f'<p class="kader-bron">{_inline(block.url)}</p>'
    return f'<aside class="kader">{title}<blockquote>{paragraphs}</blockquote>{source}</aside>'


def _figure(block: Block) -> str:
    caption = _inline(block.caption)
    return f'<p class="figuur-ontbreekt">{caption}<br>\n<em>{_inline(block.text)}</em></p>'


def _footnotes(block: Block) -> str:
    items = "".join(
        f'<li id="voetnoot-{int(number)}" value="{int(number)}">{_inline(text)} '
        f'<a href="#voetnoot-ref-{int(number)}" class="voetnoot-terug" '
        f'aria-label="Terug naar verwijzing {int(number)}">↩</a></li>'
        for number, text in block.items
    )
    return f'<ol class="voetnoten" aria-label="Voetnoten">{items}</ol>'


def _note(block: Block) -> str:
    return f'<p class="noot">{_inline(block.text)}</p>'


_RENDERERS: dict[str, Callable[[Block], str]] = {
    "heading": _heading,
    "paragraph": _paragraph,
    "list": _list,
    "table": _table,
    "quote": _quote,
    "figure": _figure,
    "footnotes": _footnotes,
    "note": _note,
}


def render_blocks(blocks: Iterable[Block]) -> str:
    """HTML for a sequence of blocks, one element per block, separated by newlines."""
    parts = []
    for block in blocks:
        renderer = _RENDERERS.get(block.kind)
        if renderer is None:
            raise ValueError(f"Unknown block kind {block.kind!r}.")
        parts.append(renderer(block))
    return "\n".join(parts)
