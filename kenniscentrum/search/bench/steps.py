"""The child processes of one benchmark cell: environment, timed commands, engine availability.

Why every step in its own process with its own KC_VAR_DIR: each (size, engine) cell must start
from an empty database and index, and must not share Django's module state (the haystack
connection, the signal processor) with the benchmark itself or with another cell.
"""

import importlib
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from .timed import RESULT_PREFIX

STEP_TIMEOUT = 60 * 60  # a 10,000-item load may take minutes; a hung step must still end
INDEXED_RE = re.compile(r"^Indexing (\d+) ", re.MULTILINE)
# Variables that would point a child at another database, index or settings than its cell's.
INHERITED_OUT = ("DATABASE_URL", "KC_SEARCH_PATH", "KC_SEARCH_URL")


class StepFailed(RuntimeError):
    """A child process failed; the message carries the end of its output."""


@dataclass
class Cell:
    """One (corpus size, engine) combination and where its state lives."""

    label: str  # "shipped", "1000", ...
    content_dir: Path
    engine: str
    var_dir: Path

    @property
    def index_dir(self) -> Path:
        return self.var_dir / f"{self.engine}_index"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in INHERITED_OUT}
        env.update(
            DJANGO_SETTINGS_MODULE="kenniscentrum.settings",
            DJANGO_DEBUG="0",
            DJANGO_ALLOWED_HOSTS="127.0.0.1",
            KC_VAR_DIR=str(self.var_dir),
            KC_CONTENT_DIR=str(self.content_dir),
            KC_SEARCH_ENGINE=self.engine,
            KC_SEARCH_PATH=str(self.index_dir),
            PYTHONUNBUFFERED="1",
        )
        return env


def engine_problem(engine: str) -> str | None:
    """Why an engine cannot be used here (its backend does not import), or None if it can."""
    dotted = settings.SEARCH_ENGINES.get(engine, engine)
    module_name, _, class_name = dotted.rpartition(".")
    if not module_name:
        return f"onbekende engine '{engine}' (bekend: {', '.join(settings.SEARCH_ENGINES)})"
    try:
        getattr(importlib.import_module(module_name), class_name)
    except Exception as exc:  # ImportError, AttributeError, or the backend's own failure
        return f"{dotted} is niet te importeren ({type(exc).__name__}: {exc})"
    return None


def run_child(cell: Cell, args: list[str], timeout: float = STEP_TIMEOUT) -> str:
    """Run `python <args>` in the cell's environment from the project root; returns stdout."""
    try:
        done = subprocess.run(
            [sys.executable, *args],
            cwd=settings.BASE_DIR,
            env=cell.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired as exc:
        raise StepFailed(f"{' '.join(args)}: geen antwoord na {timeout:.0f} s") from exc
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-8:]
        raise StepFailed(f"{' '.join(args)} faalde ({done.returncode}):\n" + "\n".join(tail))
    return done.stdout


def timed_command(cell: Cell, *command: str) -> tuple[float, str]:
    """Seconds the management command itself took (no interpreter start-up), and its output."""
    stdout = run_child(cell, ["-m", "kenniscentrum.search.bench.timed", *command])
    for line in reversed(stdout.splitlines()):
        if line.startswith(RESULT_PREFIX):
            return json.loads(line[len(RESULT_PREFIX) :])["seconds"], stdout
    raise StepFailed(f"{' '.join(command)}: geen meetresultaat in de uitvoer")


def indexed_documents(output: str) -> int:
    """Documents written by rebuild_index, from its 'Indexing N ...' lines (one per model)."""
    return sum(int(n) for n in INDEXED_RE.findall(output))


def count_items(content_dir: Path) -> int:
    return sum(1 for _ in Path(content_dir).glob("*/*.md"))


def disk_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())
