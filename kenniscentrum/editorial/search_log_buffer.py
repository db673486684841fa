"""Searches counted in memory, written to the search log by a background thread.

Why: writing the log inside the search request made readers wait for, and with SQLite under
concurrent load fail on, the database write lock (an HTTP 500 for a search). Now a search only
adds one to a counter in this process (O(1), no I/O). A daemon thread, started on the first
search, writes all counters in one short transaction every SEARCH_LOG_FLUSH_SECONDS and once
more when the process exits normally. If the database is busy the counters stay here and are
merged with the next ones, so nothing is lost and nothing is raised. A crash (SIGKILL, power
loss) loses only what was counted since the last successful flush.
"""

import atexit
import logging
import os
import threading
import time

from django.conf import settings
from django.db import connection, connections

from kenniscentrum.core.dates import today

from .queries import normalise_query
from .search_insights import write_search_counts

log = logging.getLogger(__name__)

DEFAULT_FLUSH_SECONDS = 5
# A memory bound for a flood of distinct queries while the database stays unavailable: beyond it,
# searches for queries not yet counted are dropped (and reported) until the next flush.
MAX_PENDING = 10_000

_lock = threading.Lock()  # guards _pending, _dropped and _flusher
_flush_lock = threading.Lock()  # one flush at a time per process
_pending: dict = {}  # (day, normalised query) -> [searches, results the last time]
_dropped = 0
_flusher: threading.Thread | None = None


def count_search(sender=None, query: str = "", total: int = 0, **kwargs) -> None:
    """Receiver for search.hooks.search_performed. Counting a search must never fail one."""
    try:
        record(query, total)
    except Exception:
        log.warning("Search not counted", exc_info=True)


def record(query: str, total: int) -> None:
    """Count one search. Called on the request path: no database, no waiting on I/O."""
    global _dropped
    normalised = normalise_query(query)
    if not normalised:
        return
    key = (today(), normalised)
    with _lock:
        counts = _pending.get(key)
        if counts is not None:
            counts[0] += 1
            counts[1] = total
        elif len(_pending) < MAX_PENDING:
            _pending[key] = [1, total]
        else:
            _dropped += 1
    _start_flusher()


def take_pending() -> dict:
    """Remove and return everything counted so far (tests use it to start from nothing)."""
    with _lock:
        taken = {key: tuple(counts) for key, counts in _pending.items()}
        _pending.clear()
        return taken


def flush_search_log() -> bool:
    """Write what was counted; on failure keep it for the next flush. Never raises.

    Returns whether the log is up to date (True also when there was nothing to write).
    """
    global _dropped
    with _flush_lock:
        counts = take_pending()
        with _lock:
            dropped, _dropped = _dropped, 0
        if dropped:
            log.warning("Search log buffer full: %d searches not counted", dropped)
        if not counts:
            return True
        try:
            write_search_counts(counts)
        except Exception:
            _put_back(counts)
            log.warning("Search log not written, kept for the next flush", exc_info=True)
            return False
        return True


def _put_back(counts: dict) -> None:
    """Merge counts that could not be written with those counted since (which are newer)."""
    with _lock:
        for key, (searches, results) in counts.items():
            newer = _pending.get(key)
            if newer is None:
                _pending[key] = [searches, results]
            else:
                newer[0] += searches  # keep the newer number of results


def _start_flusher() -> None:
    """Start this process's flusher on its first search (after a fork: the child's first)."""
    global _flusher
    if _flusher is not None:
        return
    if not settings.SEARCH_LOG_FLUSHER or (
        connection.vendor == "sqlite" and connection.is_in_memory_db()
    ):
        # The test database (switched off in tests/conftest.py; an in-memory SQLite database
        # is always one): it lives inside the test's transaction, where a second writer would
        # only interfere, and on PostgreSQL its commits would outlive the test. Tests call
        # flush_search_log() themselves.
        return
    with _lock:
        if _flusher is not None:
            return
        _flusher = threading.Thread(target=_flush_forever, name="search-log-flusher", daemon=True)
        _flusher.start()
    atexit.register(flush_search_log)  # once per process: only the thread's starter gets here


def _flush_forever() -> None:
    while True:
        seconds = getattr(settings, "SEARCH_LOG_FLUSH_SECONDS", DEFAULT_FLUSH_SECONDS)
        time.sleep(max(seconds, 0.1))  # 0 would spin
        flush_search_log()
        try:
            # Not a request thread, so request_finished never closes its connection: close it
            # here, or it would stay open (and on SQLite keep its file handle) between flushes.
            connections.close_all()
        except Exception:
            log.warning("Search log flusher could not close its connection", exc_info=True)


def _after_fork_in_child() -> None:
    """A forked worker (gunicorn --preload) starts empty: the parent writes its own counts,
    and locks held by the parent's threads at the fork would never be released here."""
    global _lock, _flush_lock, _pending, _dropped, _flusher
    _lock, _flush_lock = threading.Lock(), threading.Lock()
    _pending, _dropped, _flusher = {}, 0, None


os.register_at_fork(after_in_child=_after_fork_in_child)
