"""GET /api/figures: the report's figures per period, national and per province; with
?gemeente=GM0363 the published figures of one gemeente (issue 17)."""

from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from kenniscentrum.geography import lookup
from kenniscentrum.knowledge.vocabulary import PROVINCES

from . import gemeente_figures, gemeente_selectors, selectors

SHOWN_LENGTH = 20  # of a refused value, in the error message


def _period(row, with_municipalities: bool) -> dict:
    f = row.figure
    data = {
        "period": f.period,
        "start_backlog": f.start_backlog,
        "target": f.target,
        "realised": f.realised,
        "end_backlog": f.end_backlog,
        "pct_remaining": getattr(f, "pct_remaining", None),
        "consistent": row.consistent,
        "flags": [
            {
                "field": x.field,
                "published": x.published,
                "computed": x.computed,
                "reason": x.reason,
                "rounding": x.rounding,
            }
            for x in row.flags
        ],
    }
    if data["pct_remaining"] is None:  # Tabel 1 publishes no percentage: computed, and said so
        data["pct_remaining"] = round(100 * f.end_backlog / f.target) if f.target else None
        data["pct_remaining_computed"] = True
    if with_municipalities:
        data["municipalities"] = f.municipalities
    return data


@require_safe
def figures(request):
    if "gemeente" in request.GET:
        return gemeente(request)
    areas = selectors.by_area()
    return JsonResponse(
        {
            "source": "Eindrapportage aanjager huisvesting statushouders, 1 november 2021, "
            "§2.1 Tabel 1 en Tabel 2 (bron: COA)",
            "peildatum_note": selectors.PEILDATUM_NOTE,
            "national": [_period(r, False) for r in selectors.national()],
            "provinces": {
                slug: [_period(r, True) for r in areas.get(slug, [])] for slug in PROVINCES
            },
            "total_row": [_period(r, False) for r in areas.get("totaal", [])],
        }
    )


def gemeente(request):
    """One gemeente's rows, oldest period first, each with its source, the source's publication
    date and the version (the newest published version of each period counts). The code may be
    written as lookup.code_in reads it (gm0363, 0363); the answer gives it as GM0363. A missing,
    malformed or unknown code is a 400 with a Dutch message per field, as /api/check answers."""
    values = request.GET.getlist("gemeente")
    value = values[-1].strip() if values else ""
    if len(values) > 1:
        return _errors("Geef één gemeente.")
    if not value:
        return _errors("Geef een CBS-gemeentecode, zoals GM0363.")
    code = lookup.code_in(value)
    if code is None:
        shown = value[:SHOWN_LENGTH] + ("…" if len(value) > SHOWN_LENGTH else "")
        return _errors(
            f"'{shown}' is geen CBS-gemeentecode; schrijf GM en vier cijfers, zoals GM0363."
        )
    found = lookup.by_code(code)
    if found is None:
        return _errors(f"Er is geen gemeente met CBS-code {code} in het register.")
    rows = gemeente_selectors.gemeente_history(found)
    comparison = gemeente_selectors.period_rows(r.publication.period for r in rows)
    successor = found.successor
    return JsonResponse(
        {
            "source_note": gemeente_figures.SOURCE_NOTE,
            "gemeente": {
                "code": found.code,
                "name": found.name,
                "province": found.province,
                "valid_from": found.valid_from.isoformat() if found.valid_from else None,
                "valid_until": found.valid_until.isoformat() if found.valid_until else None,
                "successor": _gemeente_link(request, successor) if successor else None,
                "predecessors": [
                    _gemeente_link(request, p) for p in found.predecessors.order_by("name")
                ],
                "url": request.build_absolute_uri(reverse("figures:gemeente", args=[found.code])),
                "csv_url": request.build_absolute_uri(
                    reverse("figures:gemeente-csv", args=[found.code])
                ),
            },
            "periods": [_gemeente_period(h) for h in gemeente_figures.history(rows, comparison)],
        }
    )


def _errors(message: str) -> JsonResponse:
    return JsonResponse({"errors": {"gemeente": [message]}}, status=400)


def _gemeente_link(request, gemeente) -> dict:
    url = reverse("figures:gemeente", args=[gemeente.code])
    return {"code": gemeente.code, "name": gemeente.name, "url": request.build_absolute_uri(url)}


def _gemeente_period(h) -> dict:
    r, p, total = h.row, h.row.publication, h.province
    return {
        "period": p.period,
        "start_backlog": r.start_backlog,
        "target": r.target,
        "realised": r.realised,
        "end_backlog": r.end_backlog,
        "coupled_not_housed": r.coupled_not_housed,
        "pct_remaining": h.pct_remaining,
        "pct_remaining_computed": True,
        "source": p.source,
        "source_published_on": p.source_published_on.isoformat(),
        "version": p.version,
        # Derived: the gemeenten of the same province in the same publication, summed.
        "province_derived": {
            "province": total.area,
            "gemeenten": total.municipalities,
            "target": total.target,
            "end_backlog": total.end_backlog,
            "pct_remaining": total.pct_remaining,
            "share_of_target": h.share_of_target,
        },
    }
