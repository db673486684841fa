"""What readers look for: privacy-friendly search logging, reports for editors, and pins.

Only the normalised query, the number of results and the day are kept; rows older than
RETENTION_DAYS are pruned when a new day's first search is logged, so no cron job is needed.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import F, Sum

from kenniscentrum.core.dates import today
from kenniscentrum.knowledge.models import Item

from .models import SearchLog
from .queries import normalise_query

RETENTION_DAYS = 90


def log_search(query: str, results: int, day: date | None = None) -> None:
    normalised = normalise_query(query)
    if not normalised:
        return
    day = day or today()
    with transaction.atomic():
        if not SearchLog.objects.filter(day=day).exists():
            prune(day)
        row, created = SearchLog.objects.get_or_create(
            day=day, query=normalised, defaults={"searches": 1, "results": results}
        )
        if not created:
            SearchLog.objects.filter(pk=row.pk).update(searches=F("searches") + 1, results=results)


def prune(day: date | None = None) -> int:
    cutoff = (day or today()) - timedelta(days=RETENTION_DAYS)
    deleted, _ = SearchLog.objects.filter(day__lt=cutoff).delete()
    return deleted


@dataclass
class QueryCount:
    query: str
    searches: int
    results: int


def top_queries(days: int, zero_only: bool = False, limit: int = 25) -> list[QueryCount]:
    """Most searched queries over the last `days` days (or those that found nothing)."""
    since = today() - timedelta(days=days - 1)
    rows = SearchLog.objects.filter(day__gte=since)
    if zero_only:
        rows = rows.filter(results=0)
    summary = (
        rows.values("query").annotate(total=Sum("searches")).order_by("-total", "query")[:limit]
    )
    latest = {
        row["query"]: row["results"] for row in rows.order_by("day").values("query", "results")
    }
    return [QueryCount(r["query"], r["total"], latest.get(r["query"], 0)) for r in summary]


def pinned_items(query: str):
    """Published items an eindredacteur recommends for exactly this (normalised) query."""
    return list(
        Item.objects.published()
        .filter(pin__query=normalise_query(query))
        .order_by("pin__order", "title")
        .distinct()
    )
