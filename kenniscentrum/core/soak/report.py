"""The soak's figures as Markdown: printed after the run and kept in var/soak/soak-<time>.md.

Why Markdown tables with Dutch and English labels: the same text is read in a terminal, in CI's
log and in an issue comment, by Dutch editors and by developers who may not read Dutch.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from .faults import LABELS, PLAN, FaultRecord
from .readers import READER_KINDS
from .verify import KindFigures, Verdict

KIND_LABELS = {
    "zoeken": "zoeken (search page)",
    "check": "check (check pages)",
    "pagina": "pagina's (pages)",
    "api": "API (JSON)",
    "inloggen": "inloggen (login)",
    "redactie": "redactie lezen (editor pages)",
    "opslaan": "opslaan (save)",
    "workflow": "workflow (transitions)",
}
SAVE_LABELS = {
    "saved": "opgeslagen (saved)",
    "conflict": "conflictpagina (conflict page)",
    "aborted": "afgebroken (aborted by SIGKILL)",
    "error": "fout (error)",
}


def _ms(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds * 1000:.0f}"


def _table(header: list[str], rows: list[list]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines


def markdown(header: dict, verdict: Verdict, faults: list[FaultRecord]) -> str:
    lines = [f"## Soak {header['datum']}", ""]
    lines += [", ".join(f"{key}: {value}" for key, value in header.items()), ""]
    lines += _summary(verdict, faults) + [""]
    lines += _requests(verdict.kinds) + [""]
    lines += _saves(verdict) + [""]
    lines += _transitions(verdict) + [""]
    lines += _faults(faults) + [""]
    if verdict.failures:
        lines.append(f"### Mislukte controles (failed assertions): {len(verdict.failures)}")
        lines.append("")
        lines += [f"- {failure}" for failure in verdict.failures]
    else:
        lines.append("### Alle controles geslaagd (all assertions hold)")
    return "\n".join(lines) + "\n"


def _summary(verdict: Verdict, faults: list[FaultRecord]) -> list[str]:
    total = KindFigures()
    for figures in verdict.kinds.values():
        total.requests += figures.requests
        total.server_errors += figures.server_errors
        total.killed += figures.killed
        total.other_errors += figures.other_errors
        total.unexpected += figures.unexpected
    injected = sum(record.injected for record in faults)
    rows = [
        ["Verzoeken (requests)", total.requests],
        ["Antwoorden ≥500 (server errors)", total.server_errors],
        ["Afgebroken door SIGKILL (aborted by SIGKILL, expected)", total.killed],
        ["Andere fouten/afgebroken verbindingen (other errors)", total.other_errors],
        ["Onverwachte 4xx (unexpected 4xx)", total.unexpected],
        ["Teksten kwijt (lost texts)", verdict.lost_texts],
        ["Index gelijk aan database (index equals database)",
         "ja (yes)" if verdict.index_in_step else "NEE (no)"],
        ["Index bij na de belasting (index caught up after load)", _catch_up(verdict)],
        ["Ingehaalde indexwijzigingen (owed index updates replayed)", verdict.owed_replayed],
        ["Fouten geïnjecteerd (faults injected)", injected],
        ["Tracebacks in serverlog (server log)", verdict.server_log_tracebacks],
    ]  # fmt: skip
    return _table(["Cijfer (figure)", "Waarde (value)"], rows)


def _catch_up(verdict: Verdict) -> str:
    seconds, first = verdict.index_catch_up
    if seconds is None:
        return f"niet binnen de wachttijd (not in time); eerst: {first}"
    if not first:
        return "meteen (at once)"
    return f"na {seconds} s (after); eerst (first): {first}"


def _requests(kinds: dict[str, KindFigures]) -> list[str]:
    order = [*READER_KINDS, "inloggen", "redactie", "opslaan", "workflow"]
    rows = []
    for kind in sorted(kinds, key=lambda k: order.index(k) if k in order else len(order)):
        f = kinds[kind]
        rows.append([
            KIND_LABELS.get(kind, kind), f.requests, f.server_errors, f.killed, f.other_errors,
            f.unexpected, _ms(f.percentile(0.5)), _ms(f.percentile(0.95)),
        ])  # fmt: skip
    header = [
        "Soort (kind)", "Verzoeken (requests)", "≥500", "SIGKILL (expected)",
        "Andere fouten (other errors)", "Onverwacht 4xx", "p50 ms", "p95 ms",
    ]  # fmt: skip
    return _table(header, rows)


def _saves(verdict: Verdict) -> list[str]:
    rows = [[label, verdict.saves[outcome]] for outcome, label in SAVE_LABELS.items()]
    rows += [
        ["  waarvan afgebroken maar toch bewaard (aborted, yet committed)", verdict.aborted_saved],
        ["Botsingen van twee redacteuren (collisions)", verdict.duels],
        ["  conflictpagina's daarbij (conflict pages in them)", verdict.duel_conflicts],
        ["Teksten kwijt (lost texts)", verdict.lost_texts],
    ]
    return _table(["Opslaan (saves)", "Aantal (count)"], rows)


def _transitions(verdict: Verdict) -> list[str]:
    rows = []
    for action in sorted(verdict.transitions):
        counts: Counter = verdict.transitions[action]
        rows.append([action, counts["ok"], counts["refused"], counts["unknown"], counts["error"]])
    rows.append(["auditregels (audit entries)", verdict.audit_entries, "", "", ""])
    header = [
        "Transitie (transition)", "gelukt (ok)", "geweigerd (refused)",
        "onbekend (answer lost)", "fout (error)",
    ]  # fmt: skip
    return _table(header, rows)


def _faults(faults: list[FaultRecord]) -> list[str]:
    by_kind: dict[str, list[FaultRecord]] = {}
    for record in sorted(faults, key=lambda r: r.at):
        by_kind.setdefault(record.kind, []).append(record)
    rows = []
    for kind in dict.fromkeys(kind for _, kind in PLAN):
        records = by_kind.get(kind, [])
        injected = sum(r.injected for r in records)
        result = "ok" if records and all(r.ok for r in records) else "MISLUKT (failed)"
        details = "; ".join(f"{r.at} s: {r.detail}" for r in records) or "niet uitgevoerd"
        rows.append([LABELS[kind], injected, result, details])
    return _table(["Fout (fault)", "Aantal (count)", "Resultaat (result)", "Details"], rows)


def write(out_dir: Path, stamp: str, text: str) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"soak-{stamp}.md"
    path.write_text(text, "utf-8")
    return path
