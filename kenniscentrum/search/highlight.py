"""Snippets with the matched words marked, for the hits shown on a page (any engine).

Runs only on the shown hits, with the Dutch analyzer in index mode, so "gemeente" marks
"gemeenten" and "corporatie" marks "woningcorporaties"; its cost depends on the length of the
shown documents, never on the size of the corpus.
"""

from whoosh.highlight import ContextFragmenter, HtmlFormatter
from whoosh.highlight import highlight as whoosh_highlight

from .analysis import dutch_analyzer


def highlight_text(text: str, terms: list[str], surround: int = 60) -> str:
    """An HTML snippet around the matched words; all other text is escaped by Whoosh."""
    if not terms or not text:
        return ""
    formatter = HtmlFormatter(tagname="mark", between=" … ")
    fragmenter = ContextFragmenter(maxchars=160, surround=surround)
    return whoosh_highlight(
        text, terms, dutch_analyzer(), fragmenter, formatter, top=2, mode="index"
    )
