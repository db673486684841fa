"""The assertions after the run, each computed from what clients saw and what the database holds.

Why from both sides: a response says what the server promised (saved, conflict, published), the
database says what it kept. A promise the database does not keep (a lost text, a missing audit
entry) is the failure this suite exists to find, and so is a promise broken the other way (the
loser of a conflict whose text was saved anyway).

a. No response >= 500. Connection errors are allowed only when a worker was killed while the
   request was under way; any other is a failure too, as is a 4xx where none was expected.
b. Every text whose save was answered with "saved" is in the item's version that the answer
   named, and in the newest version (each save appended to the newest text, so the newest holds
   every earlier one: "the newest wins" without losing anything). When the newest version is
   not a waiting draft it is live: the item's body must then hold the texts too. A text
   answered with the conflict page is in no version. At most one version waits for publication.
c. Of two editors who saved the same version at once, at most one got "saved" and at least one
   the conflict page; there must have been such collisions, so this cannot pass vacuously.
d. `check_index --deep` finds the index equal to the database (runner.py runs it).
e. Every transition answered as done has exactly one audit entry (same editor, item, action,
   statuses, at a time within the request); no audit entry lacks such a request, except ones
   that may belong to a request whose answer was lost to a killed worker.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .client import Sample
from .editors import Journal, marker_line
from .faults import LOAD_LINE, FaultRecord

OWED_RE = re.compile(r"Search index: (\d+) owed updates written")
KILL_MARGIN = 0.2  # seconds: a request cut by a SIGKILL ends right after it
AUDIT_MARGIN = 2.0  # seconds around a request in which its audit entry must have been written
TARGET = {"submit": "ter-beoordeling", "publish": "gepubliceerd", "unpublish": "concept"}


@dataclass
class KindFigures:
    requests: int = 0
    server_errors: int = 0
    killed: int = 0  # no response, a worker was SIGKILLed meanwhile: expected
    other_errors: int = 0  # no response without a kill
    unexpected: int = 0  # a 4xx (or other status) that this request should not get
    latencies: list[float] = field(default_factory=list)

    def percentile(self, share: float) -> float | None:
        if not self.latencies:
            return None
        ordered = sorted(self.latencies)
        return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


@dataclass
class Verdict:
    failures: list[str] = field(default_factory=list)
    kinds: dict[str, KindFigures] = field(default_factory=dict)
    saves: Counter = field(default_factory=Counter)
    aborted_saved: int = 0  # aborted saves whose text is in the database anyway
    lost_texts: int = 0
    duels: int = 0
    duel_conflicts: int = 0
    transitions: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    audit_entries: int = 0
    index_in_step: bool = False
    server_log_tracebacks: int = 0
    owed_replayed: int = 0  # index updates a killed worker owed, written later by another
    # (seconds after the load until check_index agreed or None, what the first check said)
    index_catch_up: tuple[float | None, str] = (0.0, "")

    def fail(self, message: str) -> None:
        self.failures.append(message)


def check_requests(verdict: Verdict, samples: list[Sample], kill_times: list[float]) -> None:
    """a. Figures per kind, server errors, and connection errors not explained by a kill."""
    shown = Counter()
    for sample in samples:
        figures = verdict.kinds.setdefault(sample.kind, KindFigures())
        figures.requests += 1
        where = f"{sample.method} {sample.path}"
        if sample.status is None:
            end = sample.start + sample.seconds
            if any(sample.start - KILL_MARGIN <= k <= end + KILL_MARGIN for k in kill_times):
                figures.killed += 1
                continue
            figures.other_errors += 1
            problem = f"geen antwoord ({sample.error}) zonder SIGKILL: {where}"
        else:
            figures.latencies.append(sample.seconds)
            if sample.status >= 500:
                figures.server_errors += 1
                problem = f"{sample.status}: {where}"
            elif sample.status not in sample.allowed:
                figures.unexpected += 1
                problem = f"onverwacht {sample.status}: {where}"
            else:
                continue
        shown[problem] += 1
    for problem, count in shown.items():
        verdict.fail(f"a. {problem}" + (f" ({count}×)" if count > 1 else ""))


def check_saves(verdict: Verdict, journal: Journal, detail: dict) -> None:
    """b. Every saved text kept, newest version holds all, no conflict loser's text anywhere."""
    by_slug = defaultdict(list)
    for record in journal.saves:
        verdict.saves[record.outcome] += 1
        by_slug[record.slug].append(record)
    for slug, records in sorted(by_slug.items()):
        item = detail.get(slug)
        if item is None:
            verdict.fail(f"b. {slug} ontbreekt in de database")
            continue
        versions = {v["number"]: v for v in item["revisions"]}
        latest = versions[max(versions)] if versions else None
        every_text = "\n".join(v["document"] for v in versions.values()) + item["body"]
        saved = [r for r in records if r.outcome == "saved"]
        for record in saved:
            line = marker_line(record.marker)
            expected = record.base + 1 if record.base else 2  # 1 is the text from before
            if record.revision is not None and record.revision != expected:
                verdict.fail(
                    f"b. {slug}: opslaan op versie {record.base} meldde versie {record.revision}"
                )
            version = versions.get(expected)
            if version is None or line not in version["document"]:
                verdict.fail(f"b. {slug}: versie {expected} bevat '{line}' niet")
            elif version["author"] != record.user:
                verdict.fail(f"b. {slug}: versie {expected} staat op naam van {version['author']}")
        newest = latest["document"] if latest else ""
        lost = [r for r in saved if marker_line(r.marker) not in newest]
        verdict.lost_texts += len(lost)
        if lost:
            names = ", ".join(r.marker for r in lost[:5])
            verdict.fail(
                f"b. {slug}: {len(lost)} bewaarde teksten niet in de nieuwste versie: {names}"
            )
        if latest is not None and not latest["pending"]:
            missing = [r for r in saved if marker_line(r.marker) not in item["body"]]
            if missing:
                verdict.fail(
                    f"b. {slug}: versie {latest['number']} is live maar de pagina mist "
                    f"{len(missing)} teksten (bv. {missing[0].marker})"
                )
        for record in records:
            if record.outcome == "conflict" and marker_line(record.marker) in every_text:
                verdict.fail(f"b. {slug}: {record.marker} kreeg de conflictpagina maar is bewaard")
            elif record.outcome == "aborted" and marker_line(record.marker) in every_text:
                verdict.aborted_saved += 1
            elif record.outcome == "error":
                verdict.fail(f"b. {slug}: opslaan van {record.marker} gaf {record.detail}")
        waiting = [v["number"] for v in versions.values() if v["pending"]]
        if len(waiting) > 1:
            verdict.fail(f"b. {slug}: {len(waiting)} versies wachten op publicatie ({waiting})")


def check_duels(verdict: Verdict, journal: Journal) -> None:
    """c. Collisions: never two winners, always a conflict page, and collisions did happen."""
    duels = defaultdict(list)
    for record in journal.saves:
        if record.duel is not None:
            duels[record.duel].append(record)
    for number, pair in sorted(duels.items()):
        outcomes = Counter(r.outcome for r in pair)
        if len(pair) != 2 or outcomes["aborted"] or outcomes["error"]:
            continue  # a killed worker or an error (failed under b) decided nothing here
        verdict.duels += 1
        verdict.duel_conflicts += outcomes["conflict"]
        if outcomes["saved"] > 1:
            verdict.fail(f"c. botsing {number} ({pair[0].slug}): beide opslagen gelukt")
        if not outcomes["conflict"]:
            verdict.fail(f"c. botsing {number} ({pair[0].slug}): niemand zag de conflictpagina")
    if not verdict.duels:
        verdict.fail("c. geen enkele botsing van twee redacteuren voltooid")
    elif not verdict.duel_conflicts:
        verdict.fail("c. botsingen zonder een enkele conflictpagina")


def check_audit(verdict: Verdict, journal: Journal, audit: list[dict]) -> None:
    """e. One audit entry per transition answered as done; none without a request."""
    verdict.audit_entries = len(audit)
    unused = list(audit)

    def take(record) -> dict | None:
        for entry in unused:
            if (entry["user"], entry["slug"], entry["action"]) == (
                record.user,
                record.slug,
                record.action,
            ) and record.start - AUDIT_MARGIN <= entry["at"] <= record.end + AUDIT_MARGIN:
                unused.remove(entry)
                return entry
        return None

    for record in sorted(journal.transitions, key=lambda r: r.start):
        verdict.transitions[record.action][record.outcome] += 1
    done = [r for r in journal.transitions if r.outcome == "ok"]
    for record in sorted(done, key=lambda r: r.start):
        entry = take(record)
        if entry is None:
            verdict.fail(f"e. geen auditregel: {record.action} {record.slug} door {record.user}")
            continue
        target = TARGET.get(record.action, entry["from"])
        if entry["to"] != target:
            verdict.fail(f"e. auditregel {record.action} {record.slug}: naar {entry['to']}")
    for record in journal.transitions:
        if record.outcome == "unknown":
            take(record)  # its answer was lost; an entry for it may or may not exist
    for entry in unused:
        verdict.fail(
            f"e. auditregel zonder gelukt verzoek: {entry['action']} {entry['slug']} "
            f"door {entry['user']}"
        )


def check_faults(verdict: Verdict, records: list[FaultRecord], kinds: list[str], detail: dict,
                 load_slug: str) -> None:  # fmt: skip
    """Every planned fault was injected and did what it must; the load's file was loaded."""
    injected = Counter()
    for record in records:
        injected[record.kind] += record.injected
        if not record.ok:
            verdict.fail(f"fout '{record.kind}' (na {record.at} s): {record.detail}")
    for kind in kinds:
        if not injected[kind]:
            verdict.fail(f"fout '{kind}' is niet geïnjecteerd")
    body = detail.get(load_slug, {}).get("body", "")
    if LOAD_LINE not in body:
        verdict.fail(f"load_content: de wijziging in {load_slug}.md staat niet in de database")


def check_index(verdict: Verdict, returncode: int, stderr: str, samples: list[Sample]) -> None:
    """d. check_index --deep: exit code 0 means the index agrees with the database.

    The message names the editors' writes a SIGKILL cut off: a worker killed after its commit
    and before its index write leaves that item behind in the index (a known gap of writing the
    index after the commit, in the web worker).
    """
    verdict.index_in_step = returncode == 0
    if returncode == 0:
        return
    problems = [line.strip() for line in stderr.splitlines() if line.strip()]
    problems = [line for line in problems if not line.startswith("Herstel met")][:6]
    cut = sorted(
        {
            f"{s.actor}: {s.method} {s.path}"
            for s in samples
            if s.status is None and s.method == "POST"
        }
    )
    verdict.fail(
        "d. zoekindex wijkt af van de database: " + " / ".join(problems or ["(geen uitleg)"])
        + (f" — schrijfacties afgebroken door SIGKILL: {'; '.join(cut)}" if cut else "")
    )  # fmt: skip


def check_server_log(verdict: Verdict, text: str) -> None:
    """No exception may be logged by the server (a failed index write is logged, not shown).

    Also counted: index updates owed by a killed worker and written later by another (the
    commit-to-index gap, closed by search/owed_updates.py), so the report shows how often
    a SIGKILL landed between a commit and its index write.
    """
    verdict.owed_replayed = sum(int(n) for n in OWED_RE.findall(text))
    lines = text.splitlines()
    seen = Counter()
    for number, line in enumerate(lines):
        if line.strip() != "Traceback (most recent call last):":
            continue
        verdict.server_log_tracebacks += 1
        before = lines[number - 1].strip() if number else ""
        after = (text for text in lines[number + 1 :] if text.strip() and text[0] != " ")
        seen[f"{before[:120]} -> {next(after, '?').strip()[:120]}"] += 1
    for what, count in seen.items():
        verdict.fail(f"serverlog: traceback {what}" + (f" ({count}×)" if count > 1 else ""))
