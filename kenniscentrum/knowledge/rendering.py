"""Markdown to safe HTML.

Content comes from files and, later, from editors typing in a browser; neither may put script on a
public government page. Markdown is rendered first and the result sanitised with nh3 (a binding of
the Rust `ammonia` sanitiser) against an allow-list: what is not on the list never reaches a page.
"""

import markdown
import nh3
from markdown.extensions.toc import slugify

# Bump when the output of render_markdown changes, so load_content re-renders unchanged files.
RENDERER_VERSION = "3"  # 3: fenced code blocks

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

    Done after sanitising: the wrapper is our own markup, not something an author may write.
    """
    return html.replace(
        "<table>",
        '<div class="kc-table-wrap" role="region" aria-label="Tabel" tabindex="0"><table>',
    ).replace("</table>", "</table></div>")


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        # Markdown tables only put <th> in the header row: give screen readers their scope.
        set_tag_attribute_values={"th": {"scope": "col"}},
    )
