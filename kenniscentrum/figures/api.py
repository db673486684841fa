"""GET /api/figures: the report's figures per period, national and per province."""

from django.http import JsonResponse
from django.views.decorators.http import require_safe

from kenniscentrum.knowledge.vocabulary import PROVINCES

from . import selectors


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
