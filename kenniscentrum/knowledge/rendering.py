"""Markdown to safe HTML.

Content comes from files and, later, from editors typing in a browser; neither may put script on a
public government page. Markdown is rendered first and the result sanitised with nh3 (a binding of
the Rust `ammonia` sanitiser) against an allow-list: what is not on the list never reaches a page.
"""

import re
from html import escape, unescape
from urllib.parse import unquote

import markdown
import nh3
from markdown.extensions.toc import slugify

# Bump when the output of render_markdown changes, so load_content re-renders unchanged files.
# 3: fenced code blocks; 4: heading ids carry HEADING_ID_PREFIX (no clash with the page's own ids);
# 5: a table's scroll region is named after the heading above it.
RENDERER_VERSION = "5"

# Every heading id in rendered content starts with this; no template uses it. An author's
# "## Actiehouders" gave id="actiehouders" twice on a recommendation page (the template's own
# section has that id), and "## Inhoud" would have stolen the skip link's target.
HEADING_ID_PREFIX = "kop-"

ALLOWED_TAGS = {
    "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "a", "strong", "em", "code", "pre",
    "blockquote", "ul", "ol", "li", "table", "caption", "thead", "tbody", "tr", "th", "td",
    "abbr", "sup", "sub", "dl", "dt", "dd",
}  # fmt: skip
HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
ALLOWED_ATTRIBUTES = {
    **{h: {"id"} for h in HEADINGS},
    "a": {"href", "title"},
    "abbr": {"title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def _slugify(value: str, separator: str) -> str:
    """ASCII anchors for Dutch headings: 'Financiële regelingen' -> 'financiele-regelingen'."""
    return slugify(value, separator)


def render_markdown(text: str) -> str:
    """Render Markdown to HTML that is safe to mark as safe in a template."""
    html = markdown.markdown(
        text,
        extensions=["tables", "sane_lists", "toc", "fenced_code"],
        extension_configs={"toc": {"slugify": _slugify, "permalink": False}},
        output_format="html",
    )
    return wrap_tables(sanitise(html))


def wrap_tables(html: str) -> str:
    """Let wide tables scroll inside a keyboard-focusable region instead of widening the page.

    Done after sanitising: the wrapper is our own markup, not something an author may write. The
    region is named after the heading above the table ("Tabel: Bedragen"), so a screen reader
    user tabbing to it hears which table it is; "Tabel" alone when there is no heading.
    """
    heading = ""

    def wrap(match: re.Match) -> str:
        nonlocal heading
        if match.group("table") is None:
            heading = re.sub(r"<[^>]+>", "", match.group("text")).strip()
            return match.group(0)
        label = f"Tabel: {unescape(heading)}" if heading else "Tabel"
        return (
            f'<div class="kc-table-wrap" role="region" aria-label="{escape(label)}" tabindex="0">'
            "<table>"
        )

    return _HEADING_OR_TABLE.sub(wrap, html).replace("</table>", "</table></div>")


_HEADING_OR_TABLE = re.compile(
    r"<h(?P<level>[2-6])\b[^>]*>(?P<text>.*?)</h(?P=level)>|(?P<table><table>)", re.DOTALL
)


def sanitise(html: str) -> str:
    """Allow-listed HTML; heading ids and in-document links moved into the content's namespace."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        # Markdown tables only put <th> in the header row: give screen readers their scope.
        set_tag_attribute_values={"th": {"scope": "col"}},
        attribute_filter=_ContentIds(),
    )


class _ContentIds:
    """nh3 attribute filter: give every heading id the prefix and keep them unique.

    The ids come from two places: the `toc` extension (Markdown headings) and authors' raw HTML
    (`<h2 id="main">`, which the allow-list keeps). Both are treated alike: slugified, prefixed
    and de-duplicated in document order. Dropping raw-HTML ids instead would silently break an
    author's own `[zie](#mijn-kop)` link; prefixing keeps it working and still cannot reach an id
    of the page around the content. Same-document links (`href="#x"`) get the same prefix, so a
    link in the text points at the text's heading, never at the page's skip-link target or form.

    One instance per document: it remembers the ids handed out so far (nh3 calls it in
    document order).
    """

    def __init__(self) -> None:
        self.used: set[str] = set()

    def __call__(self, tag: str, attribute: str, value: str) -> str | None:
        if attribute == "id" and tag in HEADINGS:
            return self._claim(_content_id(value))
        if attribute == "href" and tag == "a" and value.startswith("#") and len(value) > 1:
            return "#" + _content_id(unquote(value[1:]))
        return value

    def _claim(self, wanted: str) -> str:
        # Same suffix style as the toc extension ("waarom", "waarom_1").
        candidate, counter = wanted, 0
        while candidate in self.used:
            counter += 1
            candidate = f"{wanted}_{counter}"
        self.used.add(candidate)
        return candidate


def _content_id(value: str) -> str:
    """'Main' -> 'kop-main'; already-slugged toc ids are unchanged by slugify, then prefixed."""
    return HEADING_ID_PREFIX + (_slugify(value, "-") or "kop")
