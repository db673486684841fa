"""The whole soak: set up a site, serve it, read and edit and break it, then check it.

Order: a fresh folder (site.py); gunicorn with two sync workers on 127.0.0.1 (the benchmark's
server); editors log in; N readers, two redacteuren, a duel and an eindredacteur run until the
duration has passed and every fault (faults.py) has finished; the server stays up until the
index has caught up by the site's own means (owed index updates, at most CATCH_UP seconds) and
then stops; the database is read (dump.py), `check_index --deep` runs, and verify.py judges.
Nothing is repaired or rebuilt before the checks: an index the site did not bring in step
itself is reported as such, as an operator would find it with check_index.
"""

from __future__ import annotations

import json
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from kenniscentrum.search.bench.server import WORKERS, Gunicorn
from kenniscentrum.search.bench.steps import StepFailed, engine_problem
from kenniscentrum.search.owed_updates import MIN_AGE

from . import editors, readers, report, verify
from .client import Aborted, Client, InFlight, Recorder
from .faults import PLAN, SEARCH_PROBE, Faults
from .site import Editor, SoakCell, prepare, run_manage, snapshot

Log = Callable[[str], None]
# One item per kind, so pages, lists, search and the check API all see edits and unpublishing.
SOAK_KINDS = ("praktijkvoorbeeld", "handreiking", "regionaal-voorbeeld", "regeling")
FAULT_GRACE = 180  # seconds a fault may run past the duration before the run gives up on it
CATCH_UP = 60  # seconds the index may take to catch up after the load, by the site's own means
CATCH_UP_POLL = 1.0


@dataclass
class Options:
    clients: int
    seconds: float
    engine: str
    keep: bool
    out_dir: Path
    seed: int = 1


@dataclass
class Result:
    text: str
    failures: list[str]
    report_path: Path
    folder: Path


def run(options: Options, log: Log) -> Result:
    problem = engine_problem(options.engine)
    if problem:
        raise StepFailed(f"engine {options.engine}: {problem}")
    folder = Path(tempfile.mkdtemp(prefix="kc-soak-"))
    stamp = time.strftime("%Y%m%d-%H%M%S")
    try:
        return _run(options, folder, stamp, log)
    finally:
        if options.keep:
            log(f"map bewaard (kept): {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def _run(options: Options, folder: Path, stamp: str, log: Log) -> Result:
    cell = SoakCell("soak", folder / "content", options.engine, folder)
    accounts = [
        Editor("soak-redacteur-1", "redacteur", secrets.token_urlsafe(16)),
        Editor("soak-redacteur-2", "redacteur", secrets.token_urlsafe(16)),
        Editor("soak-eindredacteur", "eindredacteur", secrets.token_urlsafe(16)),
    ]
    log(f"site opzetten in {folder} (migrate, load_content, create_editor)")
    prepare(cell, accounts)
    items = snapshot(cell, [])["items"]
    soak_slugs, load_slug = _choose_items(items)
    files = {slug: cell.content_dir / kind / f"{slug}.md" for slug, kind in _kinds(items).items()}
    log(f"items voor redacteuren: {', '.join(soak_slugs)}; load_content wijzigt {load_slug}")

    recorder, inflight, journal = Recorder(), InFlight(), editors.Journal()
    stop = threading.Event()
    log_path = folder / "gunicorn.log"
    with Gunicorn(cell, log_path) as server:
        log(f"gunicorn op 127.0.0.1:{server.port} met {WORKERS} sync-workers")
        probe = Client(server.port, recorder, "fouten")
        baseline = _search_total(probe)
        sessions = _log_in(server.port, recorder, inflight, journal, accounts)
        public = [row["slug"] for row in items if row["public"]]
        targets = readers.Targets(public, set(soak_slugs))
        faults = Faults(cell, server, probe, inflight, journal, files, baseline, options.seed)
        threads = [
            threading.Thread(
                target=readers.reader,
                name=f"lezer-{n}",
                daemon=True,
                args=(Client(server.port, recorder, f"lezer-{n}"), targets, options.seed + n, stop),
            )  # fmt: skip
            for n in range(options.clients)
        ]
        r1, r2, d1, d2, e1 = sessions
        threads += [
            threading.Thread(target=editors.redacteur, args=(r1, soak_slugs, 101, stop)),
            threading.Thread(target=editors.redacteur, args=(r2, soak_slugs, 102, stop)),
            threading.Thread(target=editors.duel, args=(d1, d2, soak_slugs, 103, stop)),
            threading.Thread(target=editors.eindredacteur, args=(e1, soak_slugs, 104, stop)),
        ]
        log(f"{options.clients} lezers en 4 redactie-threads, {options.seconds:.0f} s, met fouten")
        started = time.time()
        try:
            for thread in threads:
                thread.start()
            fault_threads = faults.start(started, options.seconds, soak_slugs, load_slug)
            time.sleep(max(0.0, started + options.seconds - time.time()))
            for thread in fault_threads:
                thread.join(max(0.0, started + options.seconds + FAULT_GRACE - time.time()))
            unfinished = [t.name for t in fault_threads if t.is_alive()]
        finally:  # also on Ctrl+C or TERM: no client may go on against a stopped server
            stop.set()
            for thread in threads:
                if thread.is_alive():
                    thread.join(120)
        elapsed = time.time() - started
        log(f"belasting gestopt na {elapsed:.0f} s; wachten tot de zoekindex bij is")
        catch_up = _index_catch_up(cell)
        log("server stoppen en controleren")

    _keep_journal(folder / "journal.json", journal, faults)
    final = snapshot(cell, [*soak_slugs, load_slug])
    index = run_manage(cell, "check_index", "--deep")  # authoritative: nothing writes any more
    verdict = verify.Verdict()
    verify.check_requests(verdict, recorder.samples, faults.kill_times)
    verify.check_saves(verdict, journal, final["detail"])
    verify.check_duels(verdict, journal)
    verify.check_index(verdict, index.returncode, index.stderr, recorder.samples)
    verdict.index_catch_up = catch_up
    verify.check_audit(verdict, journal, final["audit"])
    kinds = list(dict.fromkeys(kind for _, kind in PLAN))
    verify.check_faults(verdict, faults.records, kinds, final["detail"], load_slug)
    for name in unfinished:
        verdict.fail(f"{name} was na {FAULT_GRACE} s extra nog niet klaar")
    verify.check_server_log(verdict, log_path.read_text("utf-8", "replace"))

    header = {
        "datum": time.strftime("%Y-%m-%d %H:%M"),
        "engine": options.engine,
        "clients": options.clients,
        "duur (duration) s": f"{elapsed:.0f} (gevraagd {options.seconds:.0f})",
        "gunicorn-workers": WORKERS,
        "items": len(items),
    }
    text = report.markdown(header, verdict, faults.records)
    path = report.write(options.out_dir, stamp, text)
    return Result(text, verdict.failures, path, folder)


def _index_catch_up(cell: SoakCell) -> tuple[float | None, str]:
    """Seconds after the load until check_index --deep agreed (None: not within CATCH_UP), and
    what the first check said when it did not agree at once.

    Why wait with the server up: an index update lost to a killed worker is recorded as owed
    and written again by the workers that live on (search/owed_updates.py), once it is MIN_AGE
    old. check_index counts such a row only from that age on, so a check that agrees earlier
    proves nothing: the soak keeps the server up for MIN_AGE plus two replay rounds before it
    accepts agreement. An operator who finds the index behind waits the same way. Nothing is
    rebuilt: if the site does not catch up by itself, the final check fails.
    """
    started = time.time()
    settled = started + MIN_AGE.total_seconds() + 2 * float(cell.env()["KC_INDEX_REPLAY_SECONDS"])
    first = ""
    while True:
        done = run_manage(cell, "check_index", "--deep")
        if done.returncode == 0 and time.time() >= settled:
            return round(time.time() - started, 1), first
        if not first:
            lines = [line.strip() for line in done.stderr.splitlines() if line.strip()]
            first = " / ".join(line for line in lines if not line.startswith("Herstel"))[:300]
        if time.time() - started > CATCH_UP:
            return None, first
        time.sleep(CATCH_UP_POLL if done.returncode else max(0.0, settled - time.time()))


def _keep_journal(path: Path, journal: editors.Journal, faults: Faults) -> None:
    """What the editors were told, beside the database, for whoever looks into a failure
    (--keep keeps the folder)."""
    data = {
        "saves": [asdict(record) for record in journal.saves],
        "transitions": [asdict(record) for record in journal.transitions],
        "kills": faults.kill_times,
    }
    path.write_text(json.dumps(data, indent=1), "utf-8")


def _kinds(items: list[dict]) -> dict[str, str]:
    return {row["slug"]: row["kind"] for row in items}


def _choose_items(items: list[dict]) -> tuple[list[str], str]:
    """The first public item of each soak kind, and another one for the load fault."""
    published = [row for row in items if row["public"]]
    soak = []
    for kind in SOAK_KINDS:
        of_kind = [row["slug"] for row in published if row["kind"] == kind]
        if of_kind:
            soak.append(of_kind[0])
    rest = [row["slug"] for row in published if row["slug"] not in soak]
    if len(soak) < 2 or not rest:
        raise StepFailed("te weinig gepubliceerde items in content/ voor de soak")
    return soak, rest[0]


def _search_total(client: Client) -> int:
    """Search results for a broad query before the run: the rebuild-kill fault compares."""
    answer = client.get("api", SEARCH_PROBE)
    if answer.status != 200:
        raise StepFailed(f"zoeken werkt niet vóór de soak: {answer.status}")
    return json.loads(answer.text)["total"]


def _log_in(port, recorder, inflight, journal, accounts) -> list[editors.Session]:
    """Five sessions: two redacteuren, the two sides of the duel (the same two accounts in
    other browsers), the eindredacteur."""
    plan = [("r1", 0), ("r2", 1), ("duel-a", 0), ("duel-b", 1), ("e1", 2)]
    sessions = []
    for actor, account in plan:
        client = Client(port, recorder, actor, inflight)
        session = editors.Session(client, accounts[account], journal)
        try:
            session.login()
        except Aborted as exc:
            raise StepFailed(f"inloggen mislukt: {exc}") from exc
        sessions.append(session)
    return sessions
