"""Two processes doing read-then-write transactions on one SQLite file: none fails (issue 10).

In SQLite's default (deferred) mode a transaction that reads and then writes must upgrade its
lock; when another writer is doing the same, SQLite answers "database is locked" at once,
without waiting for the busy timeout (the probe saw it in 25 of 30 rounds of two editors saving
one item). Every write transaction now begins IMMEDIATE (settings.py), so the second waits.
"""

import os
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import REPO

ROUNDS = 40
WORKER = textwrap.dedent(
    """
    import sys, time, django
    django.setup()
    from django.db import transaction
    from kenniscentrum.knowledge.models import Item
    for n in range(int(sys.argv[1])):
        with transaction.atomic():  # as revisions.save and the workflow do: read, then write
            item = Item.objects.get(slug="expertise-rvo-inschakelen")
            time.sleep(0.01)  # an editor's request does more between its read and its write
            item.summary = f"{item.summary[:200]} {n}"
            item.save(update_fields=["summary"])
    """
)


@pytest.mark.django_db
def test_concurrent_read_then_write_transactions_wait_instead_of_failing(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kenniscentrum.settings",
        "KC_VAR_DIR": str(tmp_path),
        "KC_SEARCH_PATH": str(tmp_path / "index"),
        "PYTHONPATH": str(REPO),
    }
    for command in (["manage.py", "migrate", "-v0"], ["manage.py", "load_content"]):
        done = subprocess.run(
            [sys.executable, *command], cwd=REPO, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(ROUNDS)],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for _ in range(2)
    ]
    for worker in workers:
        _, stderr = worker.communicate(timeout=300)
        assert worker.returncode == 0, stderr[-2000:]
