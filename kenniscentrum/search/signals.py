"""Keep the search index in step with the database, after each commit, in one batch.

Why not haystack's RealtimeSignalProcessor: it indexes on post_save, before many-to-many themes
are set and before the transaction commits (a rolled-back load would leave its documents in the
index), once per save (a load saves an item several times), and it indexes unpublished items.
Here every change only marks the item; when the transaction commits, each marked item is
indexed or removed once, in one writer.
"""

import functools
import logging
import threading

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from haystack import connections
from haystack.signals import BaseSignalProcessor
from haystack.utils import get_identifier

from kenniscentrum.knowledge.models import AanbevelingFacts, Item, RegelingFacts, SourceRef
from kenniscentrum.report.models import ReportSection

from .embedded import backend_is_embedded
from .index_builds import note_changes
from .owed_updates import owe, settle

_pending = threading.local()
log = logging.getLogger(__name__)


def _queue() -> dict:
    if not hasattr(_pending, "queue"):
        _pending.queue = {}
    return _pending.queue


class OnCommitSignalProcessor(BaseSignalProcessor):
    def setup(self):
        post_save.connect(self.handle_save)
        post_delete.connect(self.handle_delete)
        m2m_changed.connect(self.handle_m2m)

    def teardown(self):
        post_save.disconnect(self.handle_save)
        post_delete.disconnect(self.handle_delete)
        m2m_changed.disconnect(self.handle_m2m)

    def handle_save(self, sender, instance, **kwargs):
        target = _target(sender, instance)
        if target is not None:
            self._mark(type(target), target.pk, delete=False)

    def handle_delete(self, sender, instance, **kwargs):
        if sender in (Item, ReportSection):
            self._mark(sender, instance.pk, delete=True)
        else:
            self.handle_save(sender, instance)

    def handle_m2m(self, sender, instance, action, **kwargs):
        if action.startswith("post_") and isinstance(instance, Item):
            self._mark(Item, instance.pk, delete=False)

    def _mark(self, model, pk, delete: bool):
        queue = _queue()
        callback = getattr(_pending, "callback", None)
        connection = transaction.get_connection()
        scheduled = (
            callback is not None
            and connection.in_atomic_block
            and any(entry[1] is callback for entry in connection.run_on_commit)
        )
        if not scheduled:
            # Whatever is queued belongs to a transaction that was rolled back: forget it.
            queue.clear()
            _pending.owed = []
        key = (model, pk)
        if key not in queue:
            # Committed with the change, deleted after the index write: a crash in between
            # leaves the row for owed_updates.replay().
            _pending.owed.extend(owe({key: delete}))
        # A delete wins over an earlier save of the same object in this transaction.
        queue[key] = delete or queue.get(key, False)
        if not scheduled:
            _pending.callback = functools.partial(self.flush)
            transaction.on_commit(_pending.callback)

    def flush(self):
        _pending.callback = None
        queue = _queue()
        marked = dict(queue)
        queue.clear()
        owed, _pending.owed = _pending.owed, []
        if sync(marked, self.connections):
            settle(owed)


def _target(sender, instance):
    """The indexed object a saved row belongs to, or None when it affects no document."""
    if sender in (Item, ReportSection):
        return instance
    if sender in (SourceRef, RegelingFacts, AanbevelingFacts):
        return Item(pk=instance.item_id)
    return None


def sync(marked: dict, conns=connections) -> bool:
    """Index or remove each marked object in the live index, one batch per model; False when
    a write failed (logged; the owed rows then stay for owed_updates.replay()).

    A full build running meanwhile (index_builds.py) is told first, so that it writes these
    objects again into the index it is building.
    """
    written = True
    for alias in conns.connections_info:
        backend, unified = conns[alias].get_backend(), conns[alias].get_unified_index()
        if backend_is_embedded(type(backend)):  # a server engine has no build journal
            note_changes(conns.connections_info[alias]["PATH"], marked)
        written = sync_backend(backend, unified, marked) and written
    return written


def sync_backend(backend, unified, marked: dict, raise_errors: bool = False) -> bool:
    """Index or remove each marked object in one backend (the live index or a new build).

    A new build raises (it must not be switched to when incomplete); a save logs instead and
    gets False.
    """
    written = True
    # The order haystack's update_index used (apps in INSTALLED_APPS order): equal scores
    # rank by document number, i.e. by write order.
    for model in sorted(unified.get_indexed_models(), key=list(apps.get_models()).index):
        pks = {pk for (m, pk), _ in marked.items() if m is model}
        if not pks:
            continue
        index = unified.get_index(model)
        try:
            _sync_model(backend, index, model, pks, marked)
        except Exception:
            if raise_errors:
                raise
            # Never fail the editor's request over the index; the owed row is replayed, and
            # /redactie/ shows the index out of step meanwhile.
            log.exception("Search index not updated for %s %s", model.__name__, sorted(pks))
            written = False
    return written


def _sync_model(backend, index, model, pks, marked) -> None:
    def read():
        wanted = {pk for pk in pks if not marked[(model, pk)]}
        return list(index.index_queryset().filter(pk__in=wanted)) if wanted else []

    identifiers = [get_identifier(model(pk=pk)) for pk in pks]
    if hasattr(backend, "sync_objects"):
        backend.sync_objects(index, read, identifiers)
        return
    live = read()  # other haystack backends: update, then remove what is no longer indexable
    if live:
        backend.update(index, live)
    found = {obj.pk for obj in live}
    for pk in sorted(pks - found):
        backend.remove(get_identifier(model(pk=pk)))
