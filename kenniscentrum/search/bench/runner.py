"""The whole scale run: for each corpus size, for each engine, one fresh cell, measured.

Why cells are independent and failures are recorded instead of raised: a run at 10,000 items
takes a quarter of an hour; one engine failing (or not installed yet) must not throw away the
other rows.
"""

import json
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from kenniscentrum.knowledge.synthetic import generate_corpus

from .load import KINDS, paths_for, run_load, warm_up
from .server import WORKERS, Gunicorn
from .steps import (
    Cell,
    StepFailed,
    count_items,
    disk_bytes,
    engine_problem,
    indexed_documents,
    run_child,
    timed_command,
)

SHIPPED = "shipped"
Log = Callable[[str], None]


@dataclass
class Options:
    sizes: list[str]  # "shipped" or a number of generated items
    engines: list[str]
    clients: list[int]
    queries: list[str]
    passes: int
    budget: float  # seconds per (kind, clients) measurement
    seed: int
    out_dir: Path


def run(options: Options, cells: list[dict], log: Log) -> None:
    """Measure every cell, appending each result to `cells` as soon as it is complete."""
    problems = {engine: engine_problem(engine) for engine in options.engines}
    for engine, problem in problems.items():
        if problem:
            log(f"engine {engine} overgeslagen: {problem}")
    for size in options.sizes:
        content_dir = corpus_for(size, options, log)
        for engine in options.engines:
            if problems[engine]:
                cells.append(_skipped(size, engine, content_dir, problems[engine]))
                continue
            var_dir = options.out_dir / f"{size}-{engine}"
            cells.append(new_result(size, engine, content_dir))
            run_cell(Cell(size, content_dir, engine, var_dir), options, cells[-1], log)


def corpus_for(size: str, options: Options, log: Log) -> Path:
    """The shipped content/ as is, or a synthetic corpus with `size` generated items."""
    if size == SHIPPED:
        return Path(settings.CONTENT_DIR)
    dest = options.out_dir / f"corpus-{size}"
    started = time.perf_counter()
    generate_corpus(settings.CONTENT_DIR, settings.SEEDS_DIR, dest, int(size), options.seed)
    log(f"[{size}] corpus gegenereerd in {dest} ({time.perf_counter() - started:.1f} s)")
    return dest


def _skipped(size: str, engine: str, content_dir: Path, problem: str) -> dict:
    return {**new_result(size, engine, content_dir), "status": "skipped", "note": problem}


def new_result(size: str, engine: str, content_dir: Path) -> dict:
    """Filled in step by step, so an interrupted run still reports what it measured."""
    items = count_items(content_dir)
    return {"size": size, "engine": engine, "items": items, "status": "ok", "loads": []}


def run_cell(cell: Cell, options: Options, result: dict, log: Log) -> None:
    """Fresh database and index, load, index, serve, measure; gunicorn is always stopped."""

    def say(message: str) -> None:
        log(f"[{cell.label} · {cell.engine}] {message}")

    try:
        _fresh(cell.var_dir, options.out_dir)
        run_child(cell, ["manage.py", "migrate", "--noinput", "--verbosity", "0"])
        _load_and_index(cell, result, say)
        with Gunicorn(cell, cell.var_dir / "gunicorn.log") as server:
            say(f"gunicorn ({WORKERS} workers) op 127.0.0.1:{server.port}")
            failures = warm_up(server.port, options.queries, rounds=WORKERS)
            if failures:
                say("opwarmen gaf fouten: " + "; ".join(failures))
            _measure_requests(server.port, options, result["loads"], say)
            result["publish"] = _publish(cell, server.port)
            say(_publish_line(result["publish"]))
            result["rss_mb"] = [round(mb, 1) for mb in server.worker_rss_mb()]
    except StepFailed as exc:
        result.update(status="failed", note=str(exc))
        say(f"MISLUKT: {exc}")
    except BaseException:  # Ctrl+C or TERM: gunicorn is stopped by now; keep the partial row
        result.update(status="interrupted", note="afgebroken")
        raise


def _fresh(var_dir: Path, out_dir: Path) -> None:
    if out_dir.resolve() not in var_dir.resolve().parents:
        raise StepFailed(f"{var_dir} ligt niet in {out_dir}; niet opgeruimd")
    shutil.rmtree(var_dir, ignore_errors=True)
    var_dir.mkdir(parents=True)


def _load_and_index(cell: Cell, result: dict, say: Log) -> None:
    """load_content (which also indexes on commit), then a full rebuild_index on its own."""
    seconds, _ = timed_command(cell, "load_content")
    result.update(load_s=round(seconds, 2), load_items_per_s=round(result["items"] / seconds, 1))
    say(f"load_content: {result['items']} items in {seconds:.1f} s")
    seconds, output = timed_command(cell, "rebuild_index", "--noinput")
    docs = indexed_documents(output)
    result.update(
        index_s=round(seconds, 2),
        index_docs=docs,
        index_docs_per_s=round(docs / seconds, 1),
        index_mb=round(disk_bytes(cell.index_dir) / 1e6, 2),
    )
    say(f"rebuild_index: {docs} documenten in {seconds:.1f} s, {result['index_mb']} MB")


def _measure_requests(port: int, options: Options, loads: list[dict], say: Log) -> None:
    for clients in options.clients:
        for kind in KINDS:
            paths = paths_for(kind, options.queries, options.passes)
            measured = run_load(port, kind, paths, clients, options.budget)
            summary = measured.summary()
            loads.append(summary)
            say(
                f"{kind:8} {clients} client(s): {summary['done']}/{summary['planned']} verzoeken, "
                f"p50 {summary['p50_ms']} ms, p95 {summary['p95_ms']} ms, "
                f"{summary['throughput']} req/s, {summary['errors']} fouten"
            )


def _publish(cell: Cell, port: int) -> dict:
    args = ["-m", "kenniscentrum.search.bench.publish", "--port", str(port)]
    return json.loads(run_child(cell, args, timeout=180).strip().splitlines()[-1])


def _publish_line(publish: dict) -> str:
    parts = []
    for name in ("warm", "cold"):
        found, commit_ms = publish[name]["findable_s"], publish[name]["commit_s"] * 1000
        found_text = "niet binnen 30 s" if found is None else f"na {found * 1000:.0f} ms"
        parts.append(f"{name} {found_text} (commit met indexeren {commit_ms:.0f} ms)")
    return "publiceren → vindbaar: " + "; ".join(parts)
