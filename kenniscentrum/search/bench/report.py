"""One Markdown table (and the raw JSON) of every cell measured in a run.

Why one table with one row per (corpus, engine, clients): the questions asked of it are
comparisons across those three (does Xapian stay flat from 1,000 to 10,000 items? does search
keep up with the trivial page at 4 clients?), which are easiest to read down one column.
"""

import json
from pathlib import Path

COLUMNS = (
    "corpus", "items", "engine", "clients",
    "trivial p50/p95 ms · req/s", "zoeken p50/p95 ms · req/s", "api p50/p95 ms · req/s",
    "zoeken/trivial", "api/trivial", "fouten", "load items/s", "index docs/s", "index MB",
    "RSS/worker MB", "publish→vindbaar warm (koud)",
)  # fmt: skip
DASH = "–"


def markdown_table(cells: list[dict]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for cell in cells:
        for row in _rows(cell):
            lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def _rows(cell: dict) -> list[list[str]]:
    head = [cell["size"], str(cell.get("items", DASH)), cell["engine"]]
    by_clients: dict[int, dict[str, dict]] = {}
    for load in cell.get("loads", []):
        by_clients.setdefault(load["clients"], {})[load["kind"]] = load
    if not by_clients:
        note = cell.get("note") or cell["status"]
        return [[*head, DASH, f"{cell['status']}: {_one_line(note)}"] + [DASH] * 10]
    rows = []
    for clients, loads in sorted(by_clients.items()):
        trivial = loads.get("trivial", {}).get("throughput")
        rows.append(
            [
                *head,
                str(clients),
                *(_latency(loads.get(kind)) for kind in ("trivial", "zoeken", "api")),
                _ratio(loads.get("zoeken"), trivial),
                _ratio(loads.get("api"), trivial),
                _errors(loads.values()),
                *_cell_figures(cell),
            ]
        )
    return rows


def _latency(load: dict | None) -> str:
    """'p50/p95 · req/s', with '*' when the time budget cut the request list short."""
    if not load or load["p50_ms"] is None:
        return DASH
    cut = "*" if load["done"] < load["planned"] else ""
    return f"{load['p50_ms']:.0f}/{load['p95_ms']:.0f} · {load['throughput']:.1f}{cut}"


def _ratio(load: dict | None, trivial: float | None) -> str:
    if not load or not trivial:
        return DASH
    return f"{load['throughput'] / trivial:.2f}"


def _errors(loads) -> str:
    loads = list(loads)
    return f"{sum(x['errors'] for x in loads)}/{sum(x['done'] for x in loads)}"


def _cell_figures(cell: dict) -> list[str]:
    publish = cell.get("publish") or {}
    findable = DASH
    if publish:
        warm, cold = _seconds(publish["warm"]), _seconds(publish["cold"])
        findable = f"{warm} (koud {cold})"
    rss = cell.get("rss_mb") or []
    return [
        _number(cell.get("load_items_per_s")),
        _number(cell.get("index_docs_per_s")),
        _number(cell.get("index_mb"), 1),
        " + ".join(f"{mb:.0f}" for mb in rss) or DASH,
        findable,
    ]


def _seconds(probe: dict) -> str:
    found = probe.get("findable_s")
    return "> 30 s" if found is None else f"{found:.2f} s"


def _number(value, digits: int = 0) -> str:
    return DASH if value is None else f"{value:.{digits}f}"


def _one_line(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "/")[:160]


def write_report(out_dir: Path, stamp: str, header: dict, cells: list[dict]) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    table = markdown_table(cells)
    notes = [
        f"- {c['size']} · {c['engine']}: {c['status']}: {_one_line(c['note'])}"
        for c in cells
        if c.get("note")
    ]
    settings_line = ", ".join(f"{key}: {value}" for key, value in header.items())
    markdown = (
        f"# Schaalbenchmark {stamp}\n\n{settings_line}\n\n{table}\n\n"
        "p50/p95 in ms over de geslaagde verzoeken, req/s = geslaagde verzoeken per seconde; "
        "`*` = tijdbudget op, niet alle geplande verzoeken gedaan. Ratio = doorvoer zoeken / "
        "doorvoer triviale pagina bij hetzelfde aantal clients. Publish→vindbaar: van het begin "
        "van de commit tot /api/search het item vindt; koud = eerste opslag in een vers proces "
        "(met eenmalige kosten), warm = de opslag daarna.\n"
        + ("\n" + "\n".join(notes) + "\n" if notes else "")
    )
    md_path = out_dir / f"scale-{stamp}.md"
    json_path = out_dir / f"scale-{stamp}.json"
    md_path.write_text(markdown, encoding="utf-8")
    json_path.write_text(
        json.dumps({"run": header, "cells": cells}, indent=2, ensure_ascii=False), "utf-8"
    )
    return md_path, json_path
