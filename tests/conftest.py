"""Shared fixtures: the real corpus, loaded once into the test database.

Tests run against the real content/ and seeds/ (that is what users see); tests that need broken
or extra content work on a copy of content/ in a temporary folder.
"""

import shutil
from pathlib import Path

import pytest
from django.conf import settings

from kenniscentrum.knowledge.loading import load_corpus

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the real corpus once; each test's changes are rolled back around it."""
    with django_db_blocker.unblock():
        load_corpus(settings.CONTENT_DIR, settings.SEEDS_DIR)


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A writable copy of content/ for tests that add, break or remove files."""
    target = tmp_path / "content"
    shutil.copytree(settings.CONTENT_DIR, target)
    return target


@pytest.fixture
def seeds_dir() -> Path:
    return Path(settings.SEEDS_DIR)
