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
    run_together(env, WORKER, [[str(n), str(WORKERS)] for n in range(WORKERS + 1)])

    listing = _run(
        ["-c", "import django; django.setup(); from kenniscentrum.knowledge.models import Item; "
         "print('\\n'.join(f'{i.slug}|{i.status}|{i.title}' for i in Item.objects.all()))"],
        env, timeout=120,
    )  # fmt: skip
    rows = [line.split("|", 2) for line in listing.stdout.splitlines()]
    with index_at(tmp_path / "index"):
        indexed = {r.slug: r.title for r in SearchQuerySet().models()[:1000]}
    published = {slug: title for slug, status, title in rows if status == "gepubliceerd"}
    unpublished = {slug for slug, status, _ in rows if status != "gepubliceerd"}
    assert len(unpublished) == 3
    assert unpublished.isdisjoint(indexed)
    for slug, title in published.items():
        assert indexed.get(slug) == title, f"{slug}: index has {indexed.get(slug)!r}"
    marked = [title for title in published.values() if "merkteken" in title]
    assert len(marked) == len(published)
