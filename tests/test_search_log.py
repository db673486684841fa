"""The search log is counted in memory and written in the background: searches never wait for it.

Behaviour, not timing: the tests flush explicitly (`flush_search_log()`); in the test process no
flusher thread runs, because the test database lives in memory inside the test's transaction.
The locked-database case needs a real database file and a second connection holding its write
lock, so it runs in a subprocess against a migrated SQLite file in a temporary folder.
"""

import ast
import json
import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kenniscentrum.editorial.models import Pin, SearchLog
from kenniscentrum.editorial.search_insights import pinned_items, top_queries
from kenniscentrum.editorial.search_log_buffer import flush_search_log, take_pending
from kenniscentrum.knowledge.models import Item
from kenniscentrum.search import hooks
from tests.conftest import REPO

# Two days: a count made just before midnight is still in the report just after it.
DAYS = 2


@pytest.fixture(autouse=True)
def empty_buffer():
    """Start from nothing: other tests' searches were counted in this process's buffer too."""
    take_pending()
    yield
    take_pending()


def counts() -> dict[str, tuple[int, int]]:
    return {q.query: (q.searches, q.results) for q in top_queries(DAYS)}


def search(query: str, total: int) -> None:
    hooks.search_performed.send(sender=None, query=query, total=total)


@pytest.mark.django_db
def test_every_search_is_counted_once_written():
    for n in range(25):
        search("  Grote   GEZINNEN " if n % 2 else "grote gezinnen", total=n)
    search("   ", total=3)  # nothing to count
    assert counts() == {}  # not written while searching
    assert flush_search_log() is True
    assert counts() == {"grote gezinnen": (25, 24)}  # the last number of results
    search("grote gezinnen", total=7)
    flush_search_log()
    assert counts() == {"grote gezinnen": (26, 7)}
    assert SearchLog.objects.count() == 1


@pytest.mark.django_db
def test_searches_from_many_threads_at_once_are_all_counted():
    threads, per_thread = 8, 300
    start = threading.Barrier(threads)

    def searcher(n):
        start.wait()
        for _ in range(per_thread):
            search("tussenvoorziening", total=5)
            search(f"vraag {n}", total=0)

    workers = [threading.Thread(target=searcher, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    flush_search_log()
    found = counts()
    assert found["tussenvoorziening"] == (threads * per_thread, 5)
    assert all(found[f"vraag {n}"] == (per_thread, 0) for n in range(threads))


@pytest.mark.django_db
def test_counting_a_search_runs_no_database_query():
    with CaptureQueriesContext(connection) as queries:
        for _ in range(10):
            search("verhuurderheffing", total=2)
    assert len(queries) == 0
    assert flush_search_log() is True
    assert counts() == {"verhuurderheffing": (10, 2)}


@pytest.mark.django_db
def test_editors_pins_come_through_the_search_hooks():
    item = Item.objects.get(slug="handreiking-interventieladder")
    Pin.objects.create(query="grote gezinnen", item=item)
    assert pinned_items in hooks.promotions
    assert hooks.promoted_items("  Grote Gezinnen ") == [item]
    assert hooks.promoted_items("iets anders") == []


def test_search_does_not_import_editorial():
    """Search is the lower layer: editorial plugs in through search.hooks, never the reverse."""
    for path in (REPO / "kenniscentrum" / "search").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(name.startswith("kenniscentrum.editorial") for name in names), path


@pytest.mark.django_db
def test_concurrent_searches_all_answer_and_are_all_counted():
    """Many readers at once (the load that gave a 500 under gunicorn): only 200s, exact counts."""
    threads, per_thread = 8, 4
    start = threading.Barrier(threads)
    statuses, errors = [], []

    def reader(n):
        client = Client()  # one per thread, as one per browser
        try:
            start.wait()
            for i in range(per_thread):
                statuses.append(client.get("/zoeken/", {"q": "grote gezinnen"}).status_code)
                # A next page is not a new search: not counted.
                params = {"q": "tussenvoorziening", "pagina": 2} if i % 2 else {"q": "flexwonen"}
                statuses.append(client.get("/zoeken/", params).status_code)
        except Exception as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=reader, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    assert statuses == [200] * (2 * threads * per_thread)
    flush_search_log()
    found = counts()
    assert found["grote gezinnen"][0] == threads * per_thread
    assert found["flexwonen"][0] == threads * per_thread // 2
    assert "tussenvoorziening" not in found


LOCKED = textwrap.dedent(
    """
    import json, sqlite3
    import django
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    # Fail after 0.2 s instead of the site's 20 s: the lock below is held until we let go.
    connection.settings_dict["OPTIONS"]["timeout"] = 0.2
    call_command("migrate", verbosity=0)
    from kenniscentrum.editorial.search_insights import top_queries
    from kenniscentrum.editorial.search_log_buffer import flush_search_log
    from kenniscentrum.search.hooks import search_performed

    def counts():
        return {q.query: [q.searches, q.results] for q in top_queries(2)}

    for _ in range(3):
        search_performed.send(sender=None, query="woningdelen", total=4)
    other = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process's write transaction, still open
    other.execute("DELETE FROM editorial_searchlog")
    locked = flush_search_log()
    for _ in range(2):
        search_performed.send(sender=None, query="woningdelen", total=5)
    other.execute("ROLLBACK")
    unlocked = flush_search_log()
    for _ in range(7):  # not flushed here: written when the process exits
        search_performed.send(sender=None, query="bij afsluiten", total=0)
    print(json.dumps({"locked": locked, "unlocked": unlocked, "counts": counts()}))
    """
)
READ = (
    "import json, django; django.setup(); "
    "from kenniscentrum.editorial.search_insights import top_queries; "
    "print(json.dumps({q.query: [q.searches, q.results] for q in top_queries(2)}))"
)


def test_a_locked_database_delays_the_counts_without_an_error(tmp_path: Path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kenniscentrum.settings",
        "KC_VAR_DIR": str(tmp_path),
        "KC_SEARCH_PATH": str(tmp_path / "index"),
        "KC_SEARCH_LOG_FLUSH_SECONDS": "3600",  # only the explicit flushes and the one at exit
        "PYTHONPATH": str(REPO),
        "DJANGO_LOG_LEVEL": "WARNING",  # the warning is part of the outcome
    }
    env.pop("DATABASE_URL", None)  # this test is about the SQLite file

    def run(code):
        done = subprocess.run(
            [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True,
            timeout=300,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        return done

    first = run(LOCKED)
    outcome = json.loads(first.stdout)
    assert outcome["locked"] is False  # kept, not raised
    assert "database is locked" in first.stderr  # the warning, with the cause
    assert outcome["unlocked"] is True
    assert outcome["counts"] == {"woningdelen": [5, 5]}
    after_exit = json.loads(run(READ).stdout)
    assert after_exit == {"woningdelen": [5, 5], "bij afsluiten": [7, 0]}
