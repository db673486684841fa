"""Shared fixtures: the real corpus, loaded once into the test database.

Tests run against the real content/ and seeds/ (that is what users see); tests that need broken
or extra content work on a copy of content/ in a temporary folder.
"""

import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from haystack import connections

from kenniscentrum.knowledge.loading import load_corpus

REPO = Path(__file__).resolve().parent.parent

# The tests' own Whoosh index, never the developer's var/whoosh_index. Set before any backend
# is created: haystack reads this dict lazily, per thread.
SESSION_INDEX = Path(tempfile.mkdtemp(prefix="kc-test-index-"))
connections.connections_info["default"]["PATH"] = str(SESSION_INDEX)


@contextmanager
def index_at(path: Path):
    """Point haystack at another index folder for a while (this thread and new ones)."""
    info = connections.connections_info["default"]
    old = info["PATH"]
    info["PATH"] = str(path)
    connections.thread_local.connections = {}
    try:
        yield
    finally:
        info["PATH"] = old
        connections.thread_local.connections = {}


@pytest.fixture(scope="module")
def clean_module_index(django_db_setup, django_db_blocker, tmp_path_factory):
    """An index built from the corpus alone, for one module: other tests' commits reach the
    shared index (their database changes are rolled back, index writes are not), which moved
    the results the relevance suites measure."""
    with index_at(tmp_path_factory.mktemp("module-index") / "index"):
        with django_db_blocker.unblock():
            call_command("rebuild_index", interactive=False, verbosity=0)
        yield


@pytest.fixture
def fresh_index(tmp_path, db):
    """A private index built from the current database, for tests that change the index."""
    with index_at(tmp_path / "index"):
        call_command("rebuild_index", interactive=False, verbosity=0)
        yield tmp_path / "index"


@pytest.fixture(autouse=True)
def _no_search_log_flusher(settings):
    """No background flusher in the test process: its commits would land outside the tests'
    transactions (on PostgreSQL they outlive the test); tests flush explicitly."""
    settings.SEARCH_LOG_FLUSHER = False


@pytest.fixture(autouse=True)
def _empty_search_log_buffer():
    """Searches are counted in a per-process buffer; each test starts from an empty one."""
    from kenniscentrum.editorial.search_log_buffer import take_pending

    take_pending()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the real corpus once (which also indexes it); each test's changes are rolled back."""
    with django_db_blocker.unblock():
        load_corpus(settings.CONTENT_DIR, settings.SEEDS_DIR)
    yield
    shutil.rmtree(SESSION_INDEX, ignore_errors=True)


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A writable copy of content/ for tests that add, break or remove files."""
    target = tmp_path / "content"
    shutil.copytree(settings.CONTENT_DIR, target)
    return target


@pytest.fixture
def seeds_dir() -> Path:
    return Path(settings.SEEDS_DIR)


def pytest_collection_modifyitems(items):
    """Mark every test that flushes the database (transactional: the browser tests' live
    server) as `flushes_database`. A flush empties the whole test database, corpus and the
    roles the migrations made, for every test after it in the same process; pytest-django runs
    such tests last, but pytest-xdist hands files to processes in its own order, so `make test`
    runs them in a pytest run of their own (`-m flushes_database`)."""
    for item in items:
        if {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.flushes_database)
