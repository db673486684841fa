"""What readers look for: privacy-friendly search logging, reports for editors, and pins.

Only the normalised query, the number of results and the day are kept; rows older than
RETENTION_DAYS are pruned when a new day's first searches are written, so no cron job is needed.

Searches are not written here while a reader waits: `search_log_buffer` counts them in memory and
calls `write_search_counts` from a background thread, a few seconds' worth in one transaction.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import F, Sum

from kenniscentrum.core.dates import today
from kenniscentrum.knowledge.models import Item

from .models import SearchLog
from .queries import normalise_query

RETENTION_DAYS = 90

# (day, normalised query) -> (number of searches, number of results the last time)
Counts = Mapping[tuple[date, str], tuple[int, int]]


def log_search(query: str, results: int, day: date | None = None) -> None:
    """Write one search now (synchronously). For scripts and tests; the site uses the buffer."""
    normalised = normalise_query(query)
    if normalised:
        write_search_counts({(day or today(), normalised): (1, results)})


def write_search_counts(counts: Counts) -> None:
    """Add the counts to the log in ONE short transaction; raises DatabaseError if it failed.

    Existing rows are incremented with F() (another process may have written the same row since
    we last looked), missing rows are created. Nothing is written if the transaction fails, so the
    caller can keep the counts and try again.
    """
    if not counts:
        return
    with transaction.atomic():  # begins IMMEDIATE on SQLite (settings.py): waits when busy
        for day in sorted({day for day, _ in counts}):
            if not SearchLog.objects.filter(day=day).exists():
                prune(day)
        missing = []
        # In key order, so two processes flushing at once lock rows in the same order.
        for (day, query), (searches, results) in sorted(counts.items()):
            updated = SearchLog.objects.filter(day=day, query=query).update(
                searches=F("searches") + searches, results=results
            )
            if not updated:
                missing.append(SearchLog(day=day, query=query, searches=searches, results=results))
        SearchLog.objects.bulk_create(missing)


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
