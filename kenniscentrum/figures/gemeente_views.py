"""Public pages of the gemeente figures (issue 17): one page and one CSV per gemeente, and the
search for a gemeente (/cijfers/gemeenten/?q=).

Thin: which publication counts is gemeente_selectors'; the comparisons are gemeente_figures'
and peers'. Every number on these pages is named by its period and source (never "nu"): the
figures are as current as the newest publication an editor made, and the page says which.
"""

import csv
from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from kenniscentrum.core.dates import today
from kenniscentrum.geography import lookup
from kenniscentrum.geography.models import Gemeente
from kenniscentrum.knowledge.vocabulary import PROVINCES

from . import gemeente_figures, gemeente_selectors, peers
from .gemeente_figures import csv_cell

QUERY_MAX = 100  # longer than any gemeente name; a longer query is refused with a message
GEMEENTE_CSV = [
    "gemeente_code", "gemeente", "province", "period", "start_backlog", "target", "realised",
    "end_backlog", "coupled_not_housed", "pct_remaining", "source", "source_published_on",
    "version",
]  # fmt: skip


def _gemeente_or_redirect(code: str, view_name: str):
    """(gemeente, None), or (None, a redirect to the canonical code): the code is read as
    lookup.code_in reads it (gm0363, 0363), and a spelling that is not the canonical GM0363 is
    sent there, so every gemeente has one address. Anything else is the site's 404."""
    canonical = lookup.code_in(code)
    if canonical is None:
        raise Http404
    if canonical != code:
        return None, redirect(view_name, code=canonical, permanent=True)
    gemeente = Gemeente.objects.select_related("successor").filter(code=canonical).first()
    if gemeente is None:
        raise Http404
    return gemeente, None


def page_context(gemeente: Gemeente) -> dict:
    """Everything the page shows: reads through gemeente_selectors, then the pure rules."""
    rows = gemeente_selectors.gemeente_history(gemeente)
    periods = [r.publication.period for r in rows]
    comparison = gemeente_selectors.period_rows(periods)
    history = gemeente_figures.history(rows, comparison)
    latest = history[-1] if history else None
    context = {
        "gemeente": gemeente,
        "province_name": PROVINCES.get(gemeente.province, gemeente.province),
        "successor": gemeente.successor,
        "current": gemeente.current() if gemeente.successor_id else None,
        "predecessors": list(gemeente.predecessors.order_by("name", "code")),
        "history": history,
        "latest": latest,
        "note": gemeente_figures.SOURCE_NOTE,
        "exists": gemeente.exists_on(today()),
        "peers": [],
        "peer_range": None,
        "peer_count": peers.PEER_COUNT,
        "check_url": None,
    }
    if latest is not None:
        latest_rows = [r for r in comparison if r.publication.period == latest.period]
        own = _candidate(latest.row)
        chosen = peers.closest_by_target(own, [_candidate(r) for r in latest_rows])
        context["peers"] = [
            (c.row, gemeente_figures.pct_remaining(c.row.end_backlog, c.row.target)) for c in chosen
        ]
        context["peer_range"] = peers.target_range(own, chosen) if chosen else None
        context["latest_text"] = gemeente_figures.source_text(latest.row)
    if context["exists"]:
        context["check_url"] = _check_url(gemeente, latest)
    return context


def _candidate(row) -> peers.Candidate:
    return peers.Candidate(row.gemeente.code, row.gemeente.name, row.target, row)


def _check_url(gemeente: Gemeente, latest) -> str:
    """The check, prefilled: organisation, province, the gemeente and its newest end backlog
    (a voorsprong as 0, as the check asks how many are still to be housed)."""
    query = [("organisation", "gemeente"), ("province", gemeente.province)]
    if latest is not None:
        query.append(("backlog", gemeente_figures.still_to_house(latest.row.end_backlog)))
    query.append(("gemeente", gemeente.code))
    return f"{reverse('check:form')}?{urlencode(query)}"


@require_safe
def gemeente(request, code):
    found, moved = _gemeente_or_redirect(code, "figures:gemeente")
    if moved:
        return moved
    return render(request, "figures/gemeente.html", page_context(found))


@require_safe
def gemeente_csv(request, code):
    """The page's history as CSV, in the style of the province CSVs, plus where each row is
    from. Text cells that a spreadsheet would run as a formula are neutralised (csv_cell)."""
    found, moved = _gemeente_or_redirect(code, "figures:gemeente-csv")
    if moved:
        return moved
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cijfers-{found.code}.csv"'
    writer = csv.writer(response)
    writer.writerow(GEMEENTE_CSV)
    for r in gemeente_selectors.gemeente_history(found):
        p = r.publication
        values = [
            found.code, found.name, found.province, p.period, r.start_backlog, r.target,
            r.realised, r.end_backlog, r.coupled_not_housed,
            gemeente_figures.pct_remaining(r.end_backlog, r.target), p.source,
            p.source_published_on.isoformat(), p.version,
        ]  # fmt: skip
        writer.writerow([csv_cell(v) for v in values])
    return response


@require_safe
def search(request):
    """/cijfers/gemeenten/?q=: name or code; one match goes to its page. Without a query: the
    gemeenten that have figures. GET only, no JavaScript."""
    query = request.GET.get("q", "").strip()
    with_figures = gemeente_selectors.gemeenten_with_figures()
    context = {"query": query, "error": None, "matches": None, "with_figures": with_figures}
    if len(query) > QUERY_MAX:
        context["error"] = (
            f"Uw zoekvraag is langer dan {QUERY_MAX} tekens. Zoek op (een deel van) de naam of "
            "op de CBS-code, zoals GM0363."
        )
    elif query:
        matches = lookup.find(query)
        if len(matches) == 1:
            return redirect("figures:gemeente", code=matches[0].code)
        has_figures = {g.pk for g in with_figures}
        context["matches"] = [(g, g.pk in has_figures) for g in matches]
        context["limit"] = lookup.LIMIT
    return render(request, "figures/gemeenten.html", context)
