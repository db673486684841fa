"""A health endpoint for load balancers: /gezondheid/ (and /healthz, the name tools expect).

Answers three questions and nothing else:

- database: can this machine run a query on its database?
- search_index: can it read the search index?
- search_index_in_step: does the index hold what the database says it should (the cheap,
  per-kind count of search/index_health.py, plus no overdue owed index updates)?

Status and HTTP code, decided by `summarise()`:

- "ok" (200): all three hold.
- "degraded" (200): database and index work, but the index is behind the database. Search then
  shows old or missing results while every page still works, and each web server writes owed
  updates within a minute, so a load balancer should keep sending traffic here; monitoring can
  alert on "degraded".
- "down" (503): the database is unreachable or the index cannot be read. A load balancer takes
  the machine out of rotation.

It leaks nothing: the body has exactly the keys status, checks (database, search_index,
search_index_in_step: each "ok" or "fail") and version (the installed package version). No
exception text, paths, host names or counts; the view reads no session and sets no cookie; the
answer carries `Cache-Control: no-store`. It is not a search, so it never reaches the search
log. Cost: one `SELECT 1` and the cheap index check (two or three counting queries; the index
catalogue is read once per index generation and then answered from memory).
"""

from __future__ import annotations

import logging
from importlib import metadata

from django.db import DatabaseError, connection
from django.http import HttpResponseNotAllowed, JsonResponse
from django.urls import re_path

from kenniscentrum.search.index_health import index_health

log = logging.getLogger(__name__)

PACKAGE = "kenniscentrum-huisvesting-statushouders"
OK, FAIL = "ok", "fail"


def version() -> str:
    try:
        return metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        return "onbekend"


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        log.warning("Health check: database unreachable", exc_info=True)
        return False


def index_state(database: bool) -> tuple[bool, bool]:
    """(readable, in step). Without a database the index can be read but not compared."""
    try:
        health = index_health()
    except DatabaseError:  # the catalogue was read; comparing it needs the database
        log.warning("Health check: index not compared, database unreachable", exc_info=True)
        return True, False
    except Exception:  # never let the check itself fail the answer
        log.warning("Health check: index check failed", exc_info=True)
        return False, False
    if health.error:
        log.warning("Health check: search index unreadable")  # the reason stays in the logs
        return False, False
    return True, database and health.in_step


def summarise(database: bool, index_readable: bool, index_in_step: bool) -> tuple[str, int]:
    """Status word and HTTP status from the three checks."""
    if not (database and index_readable):
        return "down", 503
    if not index_in_step:
        return "degraded", 200
    return "ok", 200


def health(request):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    database = database_ok()
    readable, in_step = index_state(database)
    status, code = summarise(database, readable, in_step)
    response = JsonResponse(
        {
            "status": status,
            "checks": {
                "database": OK if database else FAIL,
                "search_index": OK if readable else FAIL,
                "search_index_in_step": OK if in_step else FAIL,
            },
            "version": version(),
        },
        status=code,
    )
    response["Cache-Control"] = "no-store"
    return response


# Included from kenniscentrum/urls.py; both spellings, with or without the trailing slash.
urlpatterns = [re_path(r"^(?:gezondheid|healthz)/?$", health, name="health")]
