"""Faults, each at a fixed fraction of the run, so a run of 8 s injects every kind as 60 s does.

1. Two `load_content` at once, while editors work. Without --force and against the soak's copy of
   content/, in which one other item's file was changed: that file must be loaded, and items
   edited in the browser (whose files did not change) must keep their edits. Both processes
   must end with exit code 0 and without a traceback. Why not --force: an operator reloads
   without it, and --force overwriting browser edits is its documented purpose, not a fault.
2. `rebuild_index` while editors save: it builds beside the live index and replays the saves
   made meanwhile; the final check_index --deep shows whether any was lost.
3. SIGKILL of the gunicorn worker that is handling an editor's write right now (found through
   the connection's socket in /proc), three times; the master must start a new worker.
4. SIGKILL of a `rebuild_index` halfway (once its build journal exists, before the switch): the
   live index must be the same folder as before, and search must still find everything.
5. `load_content` after the soak's copy of an item edited in the browser was changed: it must
   refuse (exit code 1, naming the conflict, nothing loaded) instead of overwriting the edit.
"""

from __future__ import annotations

import json
import os
import random
import signal
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from kenniscentrum.search.bench.server import WORKERS, Gunicorn
from kenniscentrum.search.index_builds import JOURNAL, builds_dir

from .client import Aborted, Client, InFlight
from .editors import Journal
from .site import SoakCell, run_manage, start_manage

LOAD_LINE = "Soak-laadtekst: deze alinea kwam met load_content."
REFUSAL_LINE = "Soak-weigering: deze alinea mag niet geladen worden."
REFUSAL_TEXT = "in de browser bewerkt"
SEARCH_PROBE = "/api/search?q=statushouders"
CHILD_TIMEOUT = 300
RESPAWN_TIMEOUT = 60
KILL_DELAY = 0.15  # seconds after accept(); a save takes 0.1-0.3 s under the soak's load
TARGET_WAIT = 5.0  # how long a worker kill waits for an editor's write to be under way

PLAN = (
    (0.10, "load_content"),
    (0.25, "sigkill_worker"),
    (0.35, "rebuild_index"),
    (0.50, "sigkill_worker"),
    (0.60, "sigkill_rebuild"),
    (0.75, "sigkill_worker"),
    (0.85, "load_refusal"),
)
AFTER = {"sigkill_rebuild": "rebuild_index", "load_refusal": "load_content"}
LABELS = {
    "load_content": "load_content, 2× tegelijk (twice at once)",
    "rebuild_index": "rebuild_index tijdens opslaan (while saving)",
    "sigkill_worker": "SIGKILL gunicorn-worker",
    "sigkill_rebuild": "SIGKILL rebuild_index halverwege (halfway)",
    "load_refusal": "load_content na bewerking (refuses browser edit)",
}


@dataclass
class FaultRecord:
    kind: str
    at: float  # seconds after the start of the run
    injected: int = 0  # processes started or killed
    ok: bool = False
    detail: str = ""


class Faults:
    def __init__(
        self, cell: SoakCell, server: Gunicorn, client: Client, inflight: InFlight,
        journal: Journal, files: dict[str, Path], baseline_total: int, seed: int,
    ):  # fmt: skip
        self.cell = cell
        self.server = server
        self.client = client  # for the search probe; its requests count as "api"
        self.inflight = inflight
        self.journal = journal
        self.files = files  # slug -> its file in the soak's copy of content/
        self.baseline_total = baseline_total
        self.rng = random.Random(seed)
        self.records: list[FaultRecord] = []
        self.kill_times: list[float] = []  # time.time() of every worker SIGKILL
        self.load_slug = ""
        self._lock = threading.Lock()
        self._done = {kind: threading.Event() for _, kind in PLAN}

    def start(self, started: float, duration: float, soak_slugs: list[str], load_slug: str):
        """One thread per planned fault, each waiting for its moment; returns the threads."""
        self.soak_slugs = soak_slugs
        self.load_slug = load_slug
        threads = []
        for fraction, kind in PLAN:
            thread = threading.Thread(
                target=self._run, args=(kind, started + fraction * duration, started),
                name=f"fault-{kind}", daemon=True,
            )  # fmt: skip
            thread.start()
            threads.append(thread)
        return threads

    def _run(self, kind: str, at: float, started: float) -> None:
        try:
            time.sleep(max(0.0, at - time.time()))
            if kind in AFTER:
                self._done[AFTER[kind]].wait()
            record = FaultRecord(kind, round(time.time() - started, 1))
            try:
                getattr(self, kind)(record)
            except Exception as exc:  # a fault that cannot be injected fails the run, not the
                record.ok = False  # thread: the report lists it
                record.detail = f"{type(exc).__name__}: {exc}"
            with self._lock:
                self.records.append(record)
        finally:
            self._done[kind].set()

    # -- 1. two loads at once ------------------------------------------------------------------

    def load_content(self, record: FaultRecord) -> None:
        path = self.files[self.load_slug]
        path.write_text(path.read_text("utf-8").rstrip("\n") + f"\n\n{LOAD_LINE}\n", "utf-8")
        processes = [start_manage(self.cell, "load_content") for _ in range(2)]
        record.injected = len(processes)
        problems = []
        for number, process in enumerate(processes, 1):
            stdout, stderr = process.communicate(timeout=CHILD_TIMEOUT)
            if process.returncode != 0 or "Traceback" in stderr or "Geladen:" not in stdout:
                problems.append(f"#{number} exit {process.returncode}: {_tail(stderr or stdout)}")
            elif "zoekindex niet bijgewerkt" in stderr:
                problems.append(f"#{number}: {_tail(stderr)}")
        record.ok = not problems
        record.detail = "; ".join(problems) or f"beide exit 0; {self.load_slug}.md gewijzigd"

    # -- 2. a rebuild while editors save ------------------------------------------------------

    def rebuild_index(self, record: FaultRecord) -> None:
        record.injected = 1
        done = run_manage(self.cell, "rebuild_index", "--noinput", timeout=CHILD_TIMEOUT)
        record.ok = done.returncode == 0 and "Indexing" in done.stdout
        record.ok = record.ok and "Traceback" not in done.stderr
        text = done.stdout.strip() if record.ok else _tail(done.stderr or done.stdout)
        record.detail = text.replace(str(self.cell.var_dir), "…")[:160]

    # -- 3. a worker killed mid-write -----------------------------------------------------------

    def sigkill_worker(self, record: FaultRecord) -> None:
        target, write = None, ""
        deadline = time.time() + TARGET_WAIT
        while target is None and time.time() < deadline:
            writes = self.inflight.ports()
            found = serving_worker(self.server, set(writes)) if writes else None
            if found:
                target, port = found
                actor, path = writes[port]
                write = f"{actor}: POST {path}"
            else:
                time.sleep(0.002)
        if target is None:  # no write under way: kill a worker anyway, say so
            target = self.rng.choice(self.server.worker_pids())
        # Anywhere in the write: before the commit, between commit and index write, or after.
        time.sleep(self.rng.uniform(0, KILL_DELAY))
        os.kill(target, signal.SIGKILL)
        with self._lock:
            self.kill_times.append(time.time())
        record.injected = 1
        during = f"tijdens {write}" if write else "geen schrijfactie bezig"
        respawned = self._wait_for_respawn(target)
        record.ok = respawned
        record.detail = f"pid {target}, {during}; " + (
            "nieuwe worker gestart" if respawned else f"geen nieuwe worker na {RESPAWN_TIMEOUT} s"
        )

    def _wait_for_respawn(self, killed: int) -> bool:
        deadline = time.time() + RESPAWN_TIMEOUT
        while time.time() < deadline:
            workers = self.server.worker_pids()
            if len(workers) >= WORKERS and killed not in workers:
                return True
            time.sleep(0.1)
        return False

    # -- 4. a rebuild killed halfway ------------------------------------------------------------

    def sigkill_rebuild(self, record: FaultRecord) -> None:
        index = self.cell.index_dir
        before = os.path.realpath(index)
        process = start_manage(self.cell, "rebuild_index", "--noinput")
        journal_name = f"-{process.pid}{JOURNAL}"
        seen = False
        deadline = time.time() + CHILD_TIMEOUT
        while process.poll() is None and time.time() < deadline:
            try:
                seen = any(name.endswith(journal_name) for name in os.listdir(builds_dir(index)))
            except FileNotFoundError:
                seen = False
            if seen:
                break
            time.sleep(0.002)
        if process.poll() is None:
            time.sleep(self.rng.uniform(0, 0.02))
            process.kill()
            record.injected = 1
        process.communicate(timeout=CHILD_TIMEOUT)
        switched = os.path.realpath(index) != before
        total = self._search_total()
        enough = self.baseline_total - len(self.soak_slugs)  # soak items may be unpublished now
        record.ok = bool(record.injected) and not switched and total >= enough
        if not record.injected:
            record.detail = f"rebuild_index was al klaar (exit {process.returncode})"
        else:
            record.detail = (
                f"{'na' if switched else 'vóór'} het omschakelen gestopt; zoeken vindt {total} "
                f"(vooraf {self.baseline_total}, minimaal {enough})"
            )

    def _search_total(self) -> int:
        for _ in range(3):
            try:
                answer = self.client.get("api", SEARCH_PROBE)
                return json.loads(answer.text).get("total", -1) if answer.status == 200 else -1
            except (Aborted, ValueError):
                continue
        return -1

    # -- 5. a load that must refuse ---------------------------------------------------------

    def load_refusal(self, record: FaultRecord) -> None:
        edited = sorted(self.journal.edited_transitions() & set(self.soak_slugs))
        if not edited:
            record.detail = "geen item met een gelukte statuswijziging om te testen"
            return
        slug = edited[0]
        path = self.files[slug]
        original = path.read_text("utf-8")
        path.write_text(original.rstrip("\n") + f"\n\n{REFUSAL_LINE}\n", "utf-8")
        try:
            done = run_manage(self.cell, "load_content", timeout=CHILD_TIMEOUT)
        finally:
            path.write_text(original, "utf-8")
        record.injected = 1
        output = done.stderr + done.stdout
        record.ok = (
            done.returncode == 1 and REFUSAL_TEXT in output and "Traceback" not in done.stderr
        )
        record.detail = f"{slug}: exit {done.returncode}, " + (
            "geweigerd zoals bedoeld" if record.ok else _tail(output)
        )


def serving_worker(server: Gunicorn, client_ports: set[int]) -> tuple[int, int] | None:
    """(worker pid, client port) of a worker holding the server side of one of these
    connections, if any.

    /proc/net/tcp gives the socket's inode once a worker has accept()ed it; the worker is the
    process with that inode among its open files. One pass for all ports: with every request on
    a new connection the table holds thousands of closed ones.
    """
    sockets = {}
    try:
        lines = Path("/proc/net/tcp").read_text().splitlines()[1:]
    except OSError:
        return None
    local_port = f":{server.port:04X}"
    for line in lines:
        fields = line.split()
        local, remote, inode = fields[1], fields[2], fields[9]
        if local.endswith(local_port) and inode != "0":
            port = int(remote.split(":")[1], 16)
            if port in client_ports:
                sockets[f"socket:[{inode}]"] = port
    if not sockets:
        return None
    for pid in server.worker_pids():
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                try:
                    link = os.readlink(f"/proc/{pid}/fd/{fd}")
                except OSError:
                    continue
                if link in sockets:
                    return pid, sockets[link]
        except OSError:
            continue
    return None


def _tail(text: str, lines: int = 2) -> str:
    return " | ".join(text.strip().splitlines()[-lines:])[:300]
