"""What a page tells search engines and link previews about itself (head_extra.html).

Worked out from the page's own context (its item, report section, theme, list), so the
templates of the pages need not repeat it. Error pages (by their template) say noindex and
get no canonical URL: the address is not a page. Check and search results (NOT_INDEXED) get
noindex too (their own templates already say it) and no canonical or Open Graph tags.
"""

import re

from django import template
from django.utils.text import Truncator

from kenniscentrum.core.findable import NOT_INDEXED

register = template.Library()

ERROR_TEMPLATES = {"400.html", "403.html", "404.html", "500.html"}
SAY_NOINDEX_THEMSELVES = {
    "check/result.html",
    "search/results.html",
    "loket/received.html",
    "loket/gone.html",
    "flexpool/request_form.html",
    "flexpool/confirmation.html",
    "flexpool/message.html",
}
ARTICLE_CONTEXT = ("item", "section")
# Titles of pages without an object of their own, as their <title> says them.
PAGE_TITLES = {
    "about": "Over het kenniscentrum",
    "accessibility": "Toegankelijkheidsverklaring",
    "knowledge:themes": "Thema's",
    "knowledge:comparison": "Regelingen vergelijken",
    "report:index": "Eindrapportage aanjager huisvesting statushouders",
    "figures:overview": "Cijfers: taakstelling en realisatie",
    "figures:comparison": "Provincies vergelijken",
    "check:form": "De check: welke regelingen passen bij uw plannen?",
    "loket:ask": "Stel uw vraag aan de vraagbaak",
    "flexpool:index": "De flexpool: projectleiders voor gemeenten",
}
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'‘“(])")


@register.filter
def first_sentence(section) -> str:
    """A report section's first sentence (at most 200 characters), or its citation if empty."""
    text = " ".join(section.text.split())
    if not text:
        return section.full_citation
    return Truncator(SENTENCE_END.split(text, maxsplit=1)[0]).chars(200)


def _title(context, view_name: str) -> str:
    if context.get("item") is not None:
        return context["item"].title
    if context.get("section") is not None:
        return f"{context['section'].label} · Eindrapportage"
    if context.get("theme") is not None:
        return context["theme"].name
    if context.get("kind_label"):
        return context["kind_label"]
    if view_name == "figures:province":
        return f"Cijfers {context.get('name', '')}"
    return PAGE_TITLES.get(view_name, context.get("site_name", ""))


def _description(context) -> str | None:
    """The page's own description, as its description block gives it; None for the site's."""
    if context.get("item") is not None:
        return context["item"].summary
    if context.get("section") is not None:
        return first_sentence(context["section"])
    return None


@register.simple_tag(takes_context=True)
def page_meta(context) -> dict | None:
    request = context.get("request")
    if request is None:  # the 500 page renders without context processors
        return None
    template_name = context.template.name if context.template is not None else None
    if template_name in ERROR_TEMPLATES:
        return {"noindex": True}
    if request.path.startswith(NOT_INDEXED):
        # The check's form with errors answers at /check/uitslag/ too, and says nothing itself.
        return {"noindex": template_name not in SAY_NOINDEX_THEMSELVES}
    match = request.resolver_match
    view_name = match.view_name if match else ""
    return {
        # Path only: filters (?thema=), a check's answers on the comparison table or tracking
        # parameters make no other page. No indexed page paginates; search, which does, is
        # not indexed.
        "canonical": request.build_absolute_uri(request.path),
        "title": _title(context, view_name),
        "description": _description(context),
        "type": "article"
        if any(context.get(k) is not None for k in ARTICLE_CONTEXT)
        else "website",
    }
