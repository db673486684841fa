"""Write index updates that were owed but never written: after a crash, or a failed write.

signals.py records an OwedIndexUpdate row with every change, in the change's transaction, and
deletes it after writing the index. A row that stays means the write did not happen. Writing
one again is always safe: sync reads the object's newest committed state (or removes it), so
a row replayed while its own worker is still writing costs a second write, nothing more.
"""

import logging
import threading
import time
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.utils import timezone

from .models import OwedIndexUpdate

log = logging.getLogger(__name__)
# Rows this young may be a write in progress in another process: left to that process.
MIN_AGE = timedelta(seconds=10)

_started = False
_lock = threading.Lock()


def owe(marked: dict) -> list[int]:
    """Record the marked objects as owed (inside the caller's transaction); their row ids."""
    rows = OwedIndexUpdate.objects.bulk_create(
        OwedIndexUpdate(model=model._meta.label, object_pk=str(pk)) for (model, pk) in marked
    )
    return [row.pk for row in rows if row.pk is not None]


def settle(row_ids: list[int]) -> None:
    if row_ids:
        OwedIndexUpdate.objects.filter(pk__in=row_ids).delete()


def overdue(min_age: timedelta = MIN_AGE) -> int:
    """Owed updates older than `min_age`: the index is behind by that many changes."""
    return OwedIndexUpdate.objects.filter(created__lte=timezone.now() - min_age).count()


def replay(min_age: timedelta = MIN_AGE) -> int:
    """Write every owed update older than `min_age`; the number of objects written."""
    from .signals import sync  # signals imports this module

    rows = list(
        OwedIndexUpdate.objects.filter(created__lte=timezone.now() - min_age).values_list(
            "pk", "model", "object_pk"
        )
    )
    if not rows:
        return 0
    marked = {}
    for _, label, object_pk in rows:
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            continue
        marked[(model, model._meta.pk.to_python(object_pk))] = False
    if sync(marked):
        settle([pk for pk, _, _ in rows])
        log.warning("Search index: %d owed updates written", len(marked))
    return len(marked)


def replay_in_background() -> None:
    """Replay now and then every INDEX_REPLAY_SECONDS, in a daemon thread (once per process)."""
    global _started
    with _lock:
        if _started:
            return
        _started = True
    threading.Thread(target=_replay_forever, name="owed-index-updates", daemon=True).start()


def _replay_forever() -> None:
    while True:
        try:
            replay()
        except Exception:
            log.exception("Owed index updates not written")
        finally:
            connection.close()
        time.sleep(settings.INDEX_REPLAY_SECONDS)
