"""The search page (/zoeken/). Thin: validation in forms, rules in service."""

from dataclasses import replace
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import render

from kenniscentrum.knowledge.models import Province, Theme
from kenniscentrum.knowledge.vocabulary import Kind

from . import hooks
from .documents import REPORT_KIND
from .forms import PAGE_PARAMS, PAGE_SORTS, SORTS, kind_choices, page_form
from .service import search

NAMES = {value: key for key, value in PAGE_PARAMS.items()}
SORT_NAMES = {value: key for key, value in PAGE_SORTS.items()}
SUGGESTED_TERMS = [
    "tussenvoorziening",
    "grote gezinnen",
    "verhuurderheffing",
    "taakstelling",
    "RVO",
]


def results(request):
    form = page_form(request.GET)
    search_request = form.to_request()
    outcome = search(search_request, page_size=settings.SEARCH_PAGE_SIZE)
    if outcome.has_query and search_request.page == 1 and not outcome.unavailable:
        typed = outcome.original_query or outcome.parsed.text  # what the visitor typed
        hooks.search_performed.send(sender=None, query=typed, total=outcome.total)
    original_url = ""
    if outcome.corrected_query:
        # The typed query, one click away, searched as typed (and with the same filters).
        original_url = _url(search_request, q=outcome.original_query, page="", exact=True)
    context = {
        "form": form,
        "query": outcome.parsed.text,
        "outcome": outcome,
        "facets": _facets(outcome),
        "sorts": [(SORT_NAMES[value], label) for value, label in SORTS.items()],
        "current_sort": SORT_NAMES[search_request.sort],
        "kind_labels": {**dict(Kind.choices), REPORT_KIND: "Eindrapportage"},
        "suggested_terms": SUGGESTED_TERMS,
        "pages": _page_links(_shown_request(outcome), outcome),
        "original_url": original_url,
    }
    return render(request, "search/results.html", context)


def _url(req, **changes) -> str:
    """A shareable URL for this search with some parameters changed (Dutch names)."""
    values = {
        "q": req.q,
        "kind": req.kind,
        "theme": req.theme,
        "province": req.province,
        "sort": "" if req.sort == "relevance" else req.sort,
        "page": "" if req.page == 1 else req.page,
        "exact": req.exact,
    }
    values.update(changes)
    if values.get("sort"):
        values["sort"] = SORT_NAMES.get(values["sort"], values["sort"])
    values["exact"] = "1" if values["exact"] else ""
    pairs = [(NAMES[k], v) for k, v in values.items() if v not in ("", None, 1)]
    return "?" + urlencode(pairs)


def _shown_request(outcome):
    """The request the page's links continue: a corrected search goes on with the correction."""
    if outcome.corrected_query:
        return replace(outcome.request, q=outcome.corrected_query)
    return outcome.request


def _facets(outcome) -> list[dict]:
    """The three filters with their options and counts, and a link to toggle each."""
    req = _shown_request(outcome)
    labels = {
        "kind": dict(kind_choices()),
        "themes": dict(Theme.objects.values_list("slug", "name")),
        "provinces": dict(Province.objects.values_list("slug", "name")),
    }
    groups = []
    for facet, param, title in (
        ("kind", "kind", "Soort"),
        ("themes", "theme", "Thema"),
        ("provinces", "province", "Provincie"),
    ):
        counts = outcome.facets.get(facet, {})
        current = getattr(req, param)
        options = [
            {
                "value": value,
                "label": label,
                "count": counts.get(value, 0),
                "selected": value == current,
                "url": _url(req, **{param: "" if value == current else value, "page": ""}),
            }
            for value, label in labels[facet].items()
            if counts.get(value) or value == current
        ]
        if options:
            groups.append({"title": title, "param": NAMES[param], "options": options})
    return groups


PAGE_WINDOW = 2


def _page_links(req, outcome) -> list[dict]:
    """First, last and the pages around the current one; a gap is marked once.

    A link for every page (439 of them at 10,000 items) made the page heavy to render and to
    read with a screen reader; GOV.UK and NL Design System paginations show a window.
    """
    if outcome.num_pages <= 1:
        return []
    last = outcome.num_pages
    current = min(outcome.page, last)
    shown = {1, last, *range(current - PAGE_WINDOW, current + PAGE_WINDOW + 1)}
    links, previous = [], 0
    for n in sorted(p for p in shown if 1 <= p <= last):
        if n > previous + 1:
            links.append({"gap": True})
        links.append({"number": n, "url": _url(req, page=n), "current": n == outcome.page})
        previous = n
    return links
