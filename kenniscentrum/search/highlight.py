"""Snippets with the matched words marked, for the hits shown on a page (any engine).

Runs only on the shown hits, with the Dutch analyzer in index mode, so "gemeente" marks
"gemeenten" and "corporatie" marks "woningcorporaties". Only a window of the text around the
first place a searched stem occurs is analysed: highlighting whole report sections was 64% of
the time of a search on the shipped corpus (0.96 of 1.5 s for 38 queries, profiled), and its
cost grew with the length of the shown documents. The window bounds it.
"""

from whoosh.highlight import ContextFragmenter, HtmlFormatter
from whoosh.highlight import highlight as whoosh_highlight

from .analysis import dutch_analyzer, fold

WINDOW = 1200  # characters analysed per hit: room for the two fragments shown
LEAD = 200  # characters kept before the first match


def highlight_text(text: str, terms: list[str], surround: int = 60) -> str:
    """An HTML snippet around the matched words; all other text is escaped by Whoosh."""
    if not terms or not text:
        return ""
    formatter = HtmlFormatter(tagname="mark", between=" … ")
    fragmenter = ContextFragmenter(maxchars=160, surround=surround)
    return whoosh_highlight(
        window(text, terms), terms, dutch_analyzer(), fragmenter, formatter, top=2, mode="index"
    )


def window(text: str, terms: list[str]) -> str:
    """The part of a long text that starts a little before the first searched stem.

    A stem is found as a substring of the folded text (stems are word beginnings, and parts of
    compounds are substrings), cut at white space so no word is split.
    """
    if len(text) <= WINDOW:
        return text
    folded = fold(text)
    found = [at for at in (folded.find(term) for term in terms) if at >= 0]
    start = max(0, min(found, default=0) - LEAD)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + LEAD else start
    end = start + WINDOW
    space = text.rfind(" ", start, end)
    return text[start : space if space > start else end]
