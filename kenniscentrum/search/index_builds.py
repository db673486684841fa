"""Full index builds go into a new folder and replace the live index in one rename.

Why: haystack's rebuild_index empties the live index and refills it. Killed halfway (the probe
of issue 10 SIGKILLed it), it left 0-20 of 58 documents and the site silently served partial
results until someone reindexed. Now the configured index path is a symbolic link to a folder
in `<path>.builds/`; a full build writes a new folder there and, only when it is complete,
points the link at it (`os.replace` of a link is atomic). A killed build leaves the previous
index serving and an unfinished folder that the next build removes.

Saves during a build: each save still updates the live index (search/signals.py), but a build
may have read that item before the save. So while a build runs, every save also notes what it
changed in the build's journal (`<name>.building`); after the switch the build writes those
objects again, from the database, into the new index. Order makes this safe: a save checks
for a journal before it opens a writer, and the build switches before it reads the journal.

Readers and writers open the folder the link points to (os.path.realpath), never files through
the link: a writer that started before a switch finishes in the old folder instead of writing
half its files into the new one. The previous folder is kept (a reader may still hold it
open); older ones are removed by the next build.

A server engine (Solr, Elasticsearch; embedded.py) has no folder to switch: its index is
emptied and filled again in place (`_build_in_place`), as haystack's rebuild_index does.
That is not atomic (searches meanwhile find part of the documents) and says so in the log.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from haystack import connections

from .embedded import engine_is_embedded
from .owed_updates import settle

log = logging.getLogger(__name__)

BATCH = 20_000  # objects read with one `pk IN (...)`; SQLite allows 32,766 values there
JOURNAL = ".building"


@dataclass
class BuildResult:
    alias: str
    folder: Path | None  # None: a server engine, rebuilt in place
    documents: int
    replayed: int
    seconds: float


def builds_dir(index_path: str | Path) -> Path:
    path = Path(index_path)
    return path.with_name(path.name + ".builds")


def live_folder(index_path: str | Path) -> Path:
    """The folder the index path points to now (the path itself before the first build)."""
    return Path(os.path.realpath(index_path))


# -- the journal of changes made while a build runs ---------------------------------------------


def note_changes(index_path: str | Path, marked: dict) -> None:
    """Write what a save is about to index into every running build's journal.

    Called by signals.sync before it opens a writer. Costs one directory listing per save
    when no build runs.
    """
    folder = builds_dir(index_path)
    try:
        journals = [name for name in os.listdir(folder) if name.endswith(JOURNAL)]
    except FileNotFoundError:
        return
    if not journals:
        return
    lines = "".join(f"{model._meta.label}\t{pk}\n" for (model, pk) in marked)
    for name in journals:
        try:
            with open(folder / name, "a", encoding="utf-8") as journal:
                journal.write(lines)
        except FileNotFoundError:  # the build finished between listing and opening
            pass


def _read_journal(path: Path) -> dict:
    marked = {}
    for line in path.read_text("utf-8").splitlines():
        label, _, pk = line.partition("\t")
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            continue
        marked[(model, model._meta.pk.to_python(pk))] = False  # sync removes what is gone
    return marked


def running_since(index_path: str | Path) -> datetime | None:
    """When the build that is running now started (its journal's time), or None.

    A journal left by a killed build counts until the next build removes it: the notice then
    says a build is (or was) under way, and rebuilding again is the fix either way.
    """
    folder = builds_dir(index_path)
    try:
        times = [
            entry.stat().st_ctime for entry in folder.iterdir() if entry.name.endswith(JOURNAL)
        ]
    except FileNotFoundError:
        return None
    return datetime.fromtimestamp(min(times), UTC) if times else None


# -- building ------------------------------------------------------------------------------------


@contextmanager
def _one_build_at_a_time(folder: Path) -> Iterator[None]:
    """Two builds at once (two load_content runs on an empty index) take turns."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _backend_at(alias: str, folder: Path):
    """A backend of the configured engine that writes into `folder` instead of the live path."""
    backend = connections[alias].get_backend()
    options = {**connections.connections_info[alias], "PATH": str(folder)}
    return type(backend)(alias, **options)


def everything() -> dict:
    """Every object of every indexed model, marked for indexing (sync skips unpublished ones)."""
    marked = {}
    for alias in connections.connections_info:
        for model in connections[alias].get_unified_index().get_indexed_models():
            pks = model._default_manager.values_list("pk", flat=True)
            marked.update(((model, pk), False) for pk in pks)
    return marked


def batches(marked: dict, size: int = BATCH) -> list[dict]:
    entries = list(marked.items())
    return [dict(entries[i : i + size]) for i in range(0, len(entries), size)]


def build_full(
    alias: str = "default", progress: Callable[[str], None] | None = None
) -> BuildResult:
    """Build the whole index in a new folder, switch the live path to it, replay the journal."""
    from .signals import sync_backend  # signals imports this module

    say = progress or (lambda message: None)
    started = time.perf_counter()
    if not engine_is_embedded(alias):
        return _build_in_place(alias, say, started)
    index_path = Path(connections.connections_info[alias]["PATH"])
    folder = builds_dir(index_path)
    with _one_build_at_a_time(folder):
        _remove_unfinished(index_path)
        name = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f") + f"-{os.getpid()}"
        target = folder / name
        journal = folder / (name + JOURNAL)
        # The folder serving now is kept after the switch: readers may still have it open.
        previous = live_folder(index_path).name if index_path.is_symlink() else "earlier"
        journal.touch()  # from now on every save is noted, before this build reads anything
        owed_before = _owed_row_ids()  # committed before this build reads: it writes them
        try:
            backend = _backend_at(alias, target)
            backend.clear()  # creates the empty index and stamps its format
            unified = connections[alias].get_unified_index()
            marked = everything()
            for batch in batches(marked):
                sync_backend(backend, unified, batch, raise_errors=True)
            # Counted in the database (what sync wrote), not by opening a reader on a folder
            # this process will not search in.
            documents = sum(
                unified.get_index(model).index_queryset(using=alias).count()
                for model in unified.get_indexed_models()
            )
            say(f"{documents} documenten geïndexeerd in {target}")
            switch(index_path, target)
        except BaseException:
            journal.unlink(missing_ok=True)
            shutil.rmtree(target, ignore_errors=True)
            raise
        replaying = journal.with_suffix(".replaying")
        journal.rename(replaying)  # saves from now on only write the (new) live index
        changed = _read_journal(replaying)
        live = connections[alias].get_backend()
        for batch in batches(changed):
            sync_backend(live, connections[alias].get_unified_index(), batch)
        replaying.unlink()
        settle(owed_before)
        _remove_old(index_path, keep={target.name, previous})
    return BuildResult(alias, target, documents, len(changed), time.perf_counter() - started)


def _build_in_place(alias: str, say: Callable[[str], None], started: float) -> BuildResult:
    """Empty a server engine's index and fill it again from the database (not atomic).

    Saves meanwhile write to the same index, so nothing is replayed; like haystack's
    update_index, a save committed between this build reading an object and writing it can
    be overwritten by the older version (check_index --deep finds it).
    """
    from .signals import sync_backend

    log.warning(
        "Zoekindex %r wordt op zijn plaats opnieuw gebouwd (server-engine, niet atomair): "
        "zoeken vindt tot het einde een deel van de documenten.",
        alias,
    )
    owed_before = _owed_row_ids()
    backend = connections[alias].get_backend()
    unified = connections[alias].get_unified_index()
    backend.clear()
    for batch in batches(everything()):
        sync_backend(backend, unified, batch, raise_errors=True)
    documents = sum(
        unified.get_index(model).index_queryset(using=alias).count()
        for model in unified.get_indexed_models()
    )
    say(f"{documents} documenten geïndexeerd, op hun plaats (niet atomair)")
    settle(owed_before)
    return BuildResult(alias, None, documents, 0, time.perf_counter() - started)


def _owed_row_ids() -> list[int]:
    from .models import OwedIndexUpdate

    return list(OwedIndexUpdate.objects.values_list("pk", flat=True))


def switch(index_path: Path, target: Path) -> None:
    """Point the index path at `target` in one rename (a folder there is moved aside first)."""
    link = index_path.with_name(f".{index_path.name}.{os.getpid()}.link")
    link.unlink(missing_ok=True)
    link.symlink_to(os.path.relpath(target, index_path.parent))
    if index_path.exists() and not index_path.is_symlink():
        # An index from before builds were switched: keep it as the previous build.
        index_path.rename(builds_dir(index_path) / "earlier")
    os.replace(link, index_path)


def _remove_unfinished(index_path: Path) -> None:
    """Leftovers of a killed build (the lock is held: no other build is running).

    A journal left behind means the build was killed: before its switch (its folder was never
    live and goes) or just after it (its folder is live and stays). A ".replaying" one means the
    switch happened but not every save made during that build was written again. Either way
    the full build starting now covers what is missing.
    """
    folder = builds_dir(index_path)
    live = live_folder(index_path)
    for entry in list(folder.iterdir()):
        if entry.name.endswith(JOURNAL):
            unfinished = folder / entry.name[: -len(JOURNAL)]
            # Killed between the switch and renaming its journal, a build's folder is live:
            # removing it took the serving index away (found by make soak).
            if unfinished != live:
                shutil.rmtree(unfinished, ignore_errors=True)
            entry.unlink(missing_ok=True)
        elif entry.name.endswith(".replaying"):
            entry.unlink(missing_ok=True)


def _remove_old(index_path: Path, keep: set[str]) -> None:
    for entry in builds_dir(index_path).iterdir():
        if entry.is_dir() and entry.name not in keep:
            shutil.rmtree(entry, ignore_errors=True)
