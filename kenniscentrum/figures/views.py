"""Cijfers pages (/cijfers/): charts, the same numbers as tables, flags, CSV downloads."""

import csv

from django.http import Http404, HttpResponse
from django.shortcuts import render

from kenniscentrum.knowledge.vocabulary import PROVINCES

from . import charts, derived, selectors
from .checks import FIELD_LABELS, tolerance_text

MEASURES = {
    "pct_remaining": "Percentage van de taakstelling nog te realiseren",
    "target": "Taakstelling",
    "realised": "Realisatie",
    "end_backlog": "Stand (achterstand) bij einde periode",
}
# The unit beside every value in the comparison chart; counts are status holders (persons).
UNITS = {"pct_remaining": "%", "target": "personen", "realised": "personen",
         "end_backlog": "personen"}  # fmt: skip
AXIS_TITLES = {"pct_remaining": "Percentage van de taakstelling (%)"}
NATIONAL_CSV = ["period", "start_backlog", "target", "total_task", "realised", "end_backlog",
                "consistent", "note"]  # fmt: skip
AREA_CSV = ["period", "municipalities", "start_backlog", "target", "realised", "end_backlog",
            "pct_remaining", "consistent"]  # fmt: skip


def _charts(prefix: str, name: str, rows) -> dict:
    labels = [r.figure.period for r in rows]
    return {
        "bars": charts.banded(
            charts.bar_chart,
            f"{prefix}-taak",
            f"Taakstelling en realisatie per halfjaar, {name}",
            "Staafdiagram met per halfjaar de taakstelling en de realisatie. "
            "Dezelfde cijfers staan in de tabel.",
            labels,
            [
                charts.Series("Taakstelling", [r.figure.target for r in rows], "kc-series-1"),
                charts.Series("Realisatie", [r.figure.realised for r in rows], "kc-series-2"),
            ],
        ),  # fmt: skip
        "line": charts.banded(
            charts.line_chart,
            f"{prefix}-stand",
            f"Achterstand aan het einde van elk halfjaar, {name}",
            "Lijndiagram van de achterstand (nog te huisvesten statushouders) aan het einde van "
            "elk halfjaar. Dezelfde cijfers staan in de tabel.",
            labels,
            [
                charts.Series(
                    "Achterstand bij einde periode",
                    [r.figure.end_backlog for r in rows],
                    "kc-series-3",
                )
            ],
        ),  # fmt: skip
    }


def overview(request):
    rows = selectors.national()
    context = {
        "rows": rows,
        "summary": selectors.summary(rows),
        "tolerance": tolerance_text(),
        "charts": _charts("nl", "Nederland", rows),
        "provinces": PROVINCES,
        "note": selectors.PEILDATUM_NOTE,
        "source": selectors.SOURCE_NATIONAL,
        "labels": FIELD_LABELS,
    }
    return render(request, "figures/overview.html", context)


def province(request, slug):
    if slug not in PROVINCES:
        raise Http404
    rows = selectors.area(slug)
    context = {
        "slug": slug,
        "name": PROVINCES[slug],
        "rows": rows,
        "summary": selectors.summary(rows),
        "tolerance": tolerance_text(),
        "municipalities": rows[0].figure.municipalities if rows else None,
        "charts": _charts(slug, PROVINCES[slug], rows),
        "note": selectors.PEILDATUM_NOTE,
        "source": selectors.SOURCE_PROVINCES,
        # Periods with published gemeente figures (issue 17): sums of the gemeenten, beside
        # the report's row where it has one. The report's rows above stay as they are.
        "derived_rows": derived.for_province(slug),
    }
    return render(request, "figures/province.html", context)


def _comparison_params(request):
    periods = selectors.periods()
    errors = []
    period = request.GET.get("periode") or "2021-1"
    if period not in periods:
        errors.append(f"Periode '{period}' bestaat niet; kies uit {', '.join(periods)}.")
        period = "2021-1"
    measure = request.GET.get("maat") or "pct_remaining"
    if measure not in MEASURES:
        errors.append("Deze maat bestaat niet; kies een maat uit de lijst.")
        measure = "pct_remaining"
    return periods, period, measure, errors


def comparison(request):
    periods, period, measure, errors = _comparison_params(request)
    order, sort_error = charts.parse_sort(request.GET.get("sorteer"))
    if sort_error:
        errors.append(sort_error)
    rows = selectors.comparison(period, measure)
    chart = charts.horizontal_bars(
        "vergelijking",
        f"{MEASURES[measure]} per provincie, {period}",
        AXIS_TITLES.get(measure, f"{MEASURES[measure]} (aantal personen)"),
        UNITS[measure],
        [(name, value) for _, name, value, _ in rows],
        order,
    )
    context = {
        "rows": rows, "chart": chart, "periods": periods, "period": period, "measure": measure,
        "measures": MEASURES, "errors": errors, "note": selectors.PEILDATUM_NOTE,
        "source": selectors.SOURCE_PROVINCES, "order": order, "orders": charts.SORT_ORDERS,
    }  # fmt: skip
    return render(request, "figures/comparison.html", context)


def _csv(filename: str, header: list[str], rows: list[list]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response


def overview_csv(request):
    rows = [
        [r.figure.period, r.figure.start_backlog, r.figure.target, r.figure.total_task,
         r.figure.realised, r.figure.end_backlog, str(r.consistent).lower(), r.figure.note]
        for r in selectors.national()
    ]  # fmt: skip
    return _csv("cijfers-nederland.csv", NATIONAL_CSV, rows)


def province_csv(request, slug):
    if slug not in PROVINCES:
        raise Http404
    rows = [
        [r.figure.period, r.figure.municipalities, r.figure.start_backlog, r.figure.target,
         r.figure.realised, r.figure.end_backlog, r.figure.pct_remaining,
         str(r.consistent).lower()]
        for r in selectors.area(slug)
    ]  # fmt: skip
    return _csv(f"cijfers-{slug}.csv", AREA_CSV, rows)


def comparison_csv(request):
    _, period, measure, _ = _comparison_params(request)
    rows = [[slug, name, period, value, str(not flags).lower()]
            for slug, name, value, flags in selectors.comparison(period, measure)]  # fmt: skip
    return _csv(f"vergelijking-{period}-{measure}.csv",
                ["province", "name", "period", measure, "consistent"], rows)  # fmt: skip
