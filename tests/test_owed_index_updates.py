"""An index update lost to a crash or a failed write is written later (issue 10, seam 2).

The index is written after the commit. A process killed between the two, or a write that
failed, left the index behind with nothing to say so; now the owed update is committed with the
change and replayed by the web workers (search/owed_updates.py).
"""

import subprocess
import sys
import textwrap

import pytest
from django.conf import settings

from tests.helpers import run_manage as manage
from tests.helpers import run_python as python
from tests.helpers import site_on_disk
from tests.test_index_builds import SEARCH_TITLES

CRASH_AFTER_COMMIT = textwrap.dedent(
    """
    import os, sys, django
    django.setup()
    from django.db import transaction
    from kenniscentrum.knowledge.models import Item
    with transaction.atomic():
        # Runs first when the transaction commits: the process dies after the commit and
        # before the signal processor's index write, like a worker SIGKILLed mid-save.
        transaction.on_commit(lambda: os._exit(9))
        item = Item.objects.get(slug="rvb-flexwoningen")
        item.title = sys.argv[1]
        item.save()
    """
)

SAVE_WHILE_LOCKED = textwrap.dedent(
    """
    import sys, django
    django.setup()
    from haystack import connections
    from kenniscentrum.knowledge.models import Item
    from kenniscentrum.search import backend as whoosh_backend
    whoosh_backend.LOCK_TIMEOUT = 0.0
    index = connections["default"].get_backend()
    holder = index.locked_writer()  # another writer holds the index lock
    item = Item.objects.get(slug="rvb-flexwoningen")
    item.title = sys.argv[1]
    item.save()  # committed; its index write fails on the lock and is logged
    holder.cancel()
    """
)

REPLAY = textwrap.dedent(
    """
    import django
    django.setup()
    from datetime import timedelta
    from kenniscentrum.search.owed_updates import replay
    print(replay(min_age=timedelta(0)))
    """
)

OWED = textwrap.dedent(
    """
    import django
    django.setup()
    from kenniscentrum.search.models import OwedIndexUpdate
    print(OwedIndexUpdate.objects.count())
    """
)


def assert_behind_then_replayed(env, word):
    assert python(env, SEARCH_TITLES, word).splitlines()[0] == "0", "the index missed the save"
    assert python(env, OWED).strip() == "1"
    assert manage(env, "check_index", "--deep", check=False).returncode == 1
    assert python(env, REPLAY).strip() == "1"
    assert python(env, SEARCH_TITLES, word).splitlines()[0] == "1"
    assert python(env, OWED).strip() == "0"
    assert manage(env, "check_index", "--deep").returncode == 0


@pytest.mark.django_db
def test_a_crash_between_commit_and_index_write_is_replayed(tmp_path):
    env = site_on_disk(tmp_path)
    assert python(env, OWED).strip() == "0", "a load settles what it owed"
    done = subprocess.run(
        [sys.executable, "-c", CRASH_AFTER_COMMIT, "Flexwoningen zeppelinhangar"],
        cwd=env["PYTHONPATH"], env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 9, done.stderr[-2000:]
    assert_behind_then_replayed(env, "zeppelinhangar")


@pytest.mark.django_db
@pytest.mark.skipif(settings.SEARCH_ENGINE != "whoosh", reason="holds the Whoosh write lock")
def test_a_failed_index_write_is_replayed(tmp_path):
    env = site_on_disk(tmp_path)
    python(env, SAVE_WHILE_LOCKED, "Flexwoningen luchtschipwerf")
    assert_behind_then_replayed(env, "luchtschipwerf")


@pytest.mark.django_db
def test_a_full_build_settles_what_was_owed(tmp_path):
    env = site_on_disk(tmp_path)
    subprocess.run(
        [sys.executable, "-c", CRASH_AFTER_COMMIT, "Flexwoningen zeppelinhangar"],
        cwd=env["PYTHONPATH"], env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    manage(env, "rebuild_index", "--noinput")
    assert python(env, OWED).strip() == "0"
    assert python(env, SEARCH_TITLES, "zeppelinhangar").splitlines()[0] == "1"
