"""Several processes write the same Whoosh index at once: no update is lost, no error raised.

Real processes (not threads) against a real SQLite file and a real index folder, as two web
workers and a running load would: each worker edits its own items and commits, so every commit
takes the index lock; one worker unpublishes items (the remove path).
"""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from haystack.query import SearchQuerySet

from tests.conftest import REPO, index_at
from tests.helpers import run_together, site_on_disk

WORKERS = 3
WORKER = textwrap.dedent(
    """
    import django, sys
    django.setup()
    from kenniscentrum.knowledge.models import Item
    worker, workers = int(sys.argv[1]), int(sys.argv[2])
    items = list(Item.objects.order_by("slug"))  # the same list in every worker
    if worker == workers:  # the unpublisher
        for item in items[:3]:
            item.status = "concept"
            item.save()
    else:
        for item in items[3:][worker::workers]:
            item.title = item.title + f" merkteken{worker}"
            item.save()
    """
)


def _run(args, env, **kwargs):
    return subprocess.run(
        [sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True, **kwargs
    )


@pytest.mark.django_db
def test_concurrent_writers_lose_nothing(tmp_path: Path):
    env = site_on_disk(tmp_path)
    logged = run_together(env, WORKER, [[str(n), str(WORKERS)] for n in range(WORKERS + 1)])
    # A write that failed under load (a lock wait past LOCK_TIMEOUT on a busy machine) is not
    # lost but owed: its row stays, and every web worker replays such rows within a minute
    # (search/owed_updates.py). These scripts are no web workers, so replay as one would. A
    # write lost any other way (one writer overwriting another's segments) has no row left and
    # still fails below.
    _run(
        ["-c", "import django; django.setup(); from datetime import timedelta; "
         "from kenniscentrum.search.owed_updates import replay; replay(timedelta(0))"],
        env, timeout=120, check=True,
    )  # fmt: skip

    listing = _run(
        ["-c", "import django; django.setup(); from kenniscentrum.knowledge.models import Item; "
         "print('\\n'.join(f'{i.slug}|{i.status}|{i.title}' for i in Item.objects.all()))"],
        env, timeout=120,
    )  # fmt: skip
    owed = _run(
        ["-c", "import django; django.setup(); from kenniscentrum.search.models import "
         "OwedIndexUpdate as O; print(list(O.objects.values_list('object_pk', flat=True)))"],
        env, timeout=120,
    ).stdout.strip()  # fmt: skip
    # Failed once (of many runs) under make test's full load: one item's new title missing,
    # with nothing to say why; kept strict, and now says what the workers logged and owed.
    why = f"owed index updates: {owed}; workers logged: {[e[-800:] for e in logged if e]}"
    rows = [line.split("|", 2) for line in listing.stdout.splitlines()]
    with index_at(tmp_path / "index"):
        indexed = {r.slug: r.title for r in SearchQuerySet().models()[:1000]}
    published = {slug: title for slug, status, title in rows if status == "gepubliceerd"}
    unpublished = {slug for slug, status, _ in rows if status != "gepubliceerd"}
    assert len(unpublished) == 3
    assert unpublished.isdisjoint(indexed)
    for slug, title in published.items():
        assert indexed.get(slug) == title, f"{slug}: index has {indexed.get(slug)!r}; {why}"
    marked = [title for title in published.values() if "merkteken" in title]
    assert len(marked) == len(published)
