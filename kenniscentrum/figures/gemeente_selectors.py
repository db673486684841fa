"""Reads of the gemeente figures (issue 17): only the newest published version of each period.

Why one module: the gemeente page, the API, the CSV downloads, the derived province totals and
the check must agree on which upload counts. A concept, a discarded upload or a withdrawn
publication is never read here; when a period's newest version is withdrawn, the version before
it (if published) counts again.
"""

from django.db.models import Max

from kenniscentrum.geography.models import Gemeente

from .models import FigurePublication, GemeenteFigure, PublicationStatus


def current_publications() -> list[FigurePublication]:
    """Per period, the newest published version, oldest period first."""
    newest = (
        FigurePublication.objects.filter(status=PublicationStatus.GEPUBLICEERD)
        .values("period")
        .annotate(version=Max("version"))
    )
    wanted = {(row["period"], row["version"]) for row in newest}
    publications = FigurePublication.objects.filter(
        status=PublicationStatus.GEPUBLICEERD, period__in={p for p, _ in wanted}
    )
    return sorted(
        (p for p in publications if (p.period, p.version) in wanted), key=lambda p: p.period
    )


def current_rows():
    """Every gemeente row of the current publications (a queryset; filter it further)."""
    ids = [p.pk for p in current_publications()]
    return GemeenteFigure.objects.filter(publication_id__in=ids).select_related(
        "publication", "gemeente"
    )


def gemeente_history(gemeente: Gemeente) -> list[GemeenteFigure]:
    """The gemeente's rows, oldest period first."""
    return sorted(current_rows().filter(gemeente=gemeente), key=lambda row: row.publication.period)


def latest_for(gemeente: Gemeente) -> GemeenteFigure | None:
    history = gemeente_history(gemeente)
    return history[-1] if history else None


# -- additions for the public gemeente pages, the API and the check (issue 17) ----------------


def period_rows(periods) -> list[GemeenteFigure]:
    """Every gemeente's row in the current publications of `periods`: what a gemeente is compared
    with (its province's derived total, its peers) comes from the same upload as its own row."""
    wanted = set(periods)
    ids = [p.pk for p in current_publications() if p.period in wanted]
    return list(
        GemeenteFigure.objects.filter(publication_id__in=ids).select_related(
            "publication", "gemeente"
        )
    )


def gemeenten_with_figures() -> list[Gemeente]:
    """The gemeenten with at least one row in a current publication, by name."""
    ids = current_rows().values_list("gemeente_id", flat=True)
    return list(Gemeente.objects.filter(pk__in=ids).order_by("name", "code"))
