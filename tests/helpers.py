"""Helpers for tests that write their own content files."""

from pathlib import Path


def write_item(folder: Path, kind: str, slug: str, front: str, body: str = "## Kop\n\nTekst.\n"):
    """Write one content file; `front` is the YAML between the fences (without slug/kind)."""
    path = folder / kind / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\nslug: {slug}\nkind: {kind}\n{front.strip()}\n---\n{body}", "utf-8")
    return path


MINIMAL_FRONT = """
title: Een testpraktijkvoorbeeld
summary: Een korte samenvatting.
themes: [flexwonen]
sources:
  - section: "3.2"
published: 2026-11-28
last_reviewed: 2026-11-28
"""


def site_on_disk(folder: Path) -> dict:
    """The environment of a real site in `folder` (SQLite file and index), migrated and loaded.

    For tests that run several processes against one database, as web workers would.
    """
    import os
    import subprocess
    import sys

    repo = Path(__file__).resolve().parent.parent
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kenniscentrum.settings",
        "KC_VAR_DIR": str(folder),
        "KC_SEARCH_PATH": str(folder / "index"),
        "PYTHONPATH": str(repo),
        **_own_database(folder),
    }
    for command in (["manage.py", "migrate", "-v0"], ["manage.py", "load_content"]):
        done = subprocess.run(
            [sys.executable, *command], cwd=repo, env=env, capture_output=True, text=True,
            timeout=300,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
    return env


def _own_database(folder: Path) -> dict:
    """On PostgreSQL (`make test-postgres`), a new database of its own for the site in `folder`.

    On SQLite the database is a file in KC_VAR_DIR, so every site has its own; on PostgreSQL
    DATABASE_URL would give every site, and every xdist process, the one configured database
    (and a test's `migrate` and `load_content` would land in whatever another left there).
    The databases are not dropped: the throwaway cluster (tests/postgres/with_cluster.sh) goes
    with them.
    """
    import os
    import urllib.parse
    import uuid

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return {}
    import psycopg

    name = f"kc_site_{uuid.uuid4().hex[:16]}"
    parts = urllib.parse.urlsplit(url)
    with psycopg.connect(url.replace("postgresql://", "postgres://", 1), autocommit=True) as db:
        db.execute(f'CREATE DATABASE "{name}"')  # a name of our own making: safe to format
    return {"DATABASE_URL": urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))}


def run_together(env: dict, script: str, argument_lists: list[list[str]]) -> list[str]:
    """Start one Python process per argument list at once; each must finish without error.
    Their stderr (warnings logged on the way), for a failing test's message."""
    import subprocess
    import sys

    repo = Path(__file__).resolve().parent.parent
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", script, *arguments],
            cwd=repo,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for arguments in argument_lists
    ]
    stderrs = []
    for worker in workers:
        _, stderr = worker.communicate(timeout=300)
        assert worker.returncode == 0, stderr[-2000:]
        stderrs.append(stderr)
    return stderrs


def run_python(env: dict, script: str, *arguments: str, timeout: int = 300) -> str:
    """Run a Python script in a process of the site in `env`; it must succeed. Its stdout."""
    import subprocess
    import sys

    repo = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-c", script, *arguments], cwd=repo, env=env, capture_output=True,
        text=True, timeout=timeout,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def run_manage(env: dict, *arguments: str, check: bool = True):
    """`manage.py <arguments>` for the site in `env`; with `check`, it must succeed."""
    import subprocess
    import sys

    repo = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=repo, env=env, capture_output=True,
        text=True, timeout=300,
    )  # fmt: skip
    if check:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


def race(env: dict, script: str, first: list[str], second: list[str], ready) -> tuple[str, str]:
    """Two editors at the worst moment: process A runs `script` with `first`, changes the state
    and touches the file `ready` before its commit, then waits; B runs `script` with `second` in
    that window, to the end. Then A finishes. Both must exit cleanly. Their stdout, A's first."""
    import subprocess
    import sys
    import time

    repo = Path(__file__).resolve().parent.parent
    editor_a = subprocess.Popen(
        [sys.executable, "-c", script, *first], cwd=repo, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not Path(ready).exists():
        assert editor_a.poll() is None, editor_a.communicate()[1][-3000:]
        assert time.monotonic() < deadline, "A never reached its commit"
        time.sleep(0.02)
    b_out = run_python(env, script, *second)
    a_out, a_err = editor_a.communicate(timeout=60)
    assert editor_a.returncode == 0, a_err[-3000:]
    return a_out, b_out
