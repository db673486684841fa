"""The soak's own site: a temporary folder with database, index, content copy and editors.

Why a fresh folder and a copy of content/: the soak writes (editors save, load_content reloads,
rebuild_index switches folders) and must never touch the developer's var/ or content/. The copy
also lets the load fault change a file without changing the repository.

Settings as in production (DJANGO_DEBUG=0, a generated DJANGO_SECRET_KEY of 67 random
characters, DJANGO_ALLOWED_HOSTS=127.0.0.1) with one exception: DJANGO_HTTPS=0. That variable
switches on SESSION_COOKIE_SECURE, CSRF_COOKIE_SECURE and SECURE_SSL_REDIRECT; over plain
http on 127.0.0.1 a client would then never send the session and CSRF cookies back, so no
editor could log in. Everything else (CSRF checks, django-axes, secure headers) stays on.

The environment and the gunicorn server come from the scale benchmark (search/bench): the
`Cell` there already strips variables that would point a child at another database or index.
"""

from __future__ import annotations

import json
import secrets
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from kenniscentrum.search.bench.steps import Cell, StepFailed

CHILD_TIMEOUT = 300


@dataclass
class SoakCell(Cell):
    """A bench Cell with its index at <folder>/index and its own secret key."""

    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(50))

    @property
    def index_dir(self) -> Path:
        return self.var_dir / "index"

    def env(self) -> dict[str, str]:
        env = super().env()
        env.update(
            DJANGO_SECRET_KEY=self.secret_key,
            DJANGO_ALLOWED_HOSTS="127.0.0.1",
            DJANGO_HTTPS="0",  # see the module docstring: http on loopback needs plain cookies
            KC_SEEDS_DIR=str(settings.SEEDS_DIR),
            # gunicorn 27 otherwise opens a control socket at one fixed path in $HOME, shared
            # with any other gunicorn on the machine (a developer's server, a parallel run).
            GUNICORN_CMD_ARGS="--no-control-socket",
            # Workers write index updates a killed worker owed every this many seconds (60 in
            # production); faster here so a short run sees the site catch up (runner.py).
            KC_INDEX_REPLAY_SECONDS="2",
        )
        return env


@dataclass(frozen=True)
class Editor:
    username: str
    role: str  # "redacteur" or "eindredacteur"
    password: str


def run_manage(
    cell: SoakCell, *args: str, extra_env: dict | None = None, timeout: float = CHILD_TIMEOUT
) -> subprocess.CompletedProcess:
    """`python manage.py <args>` in the soak's environment; never raises on a non-zero exit."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**cell.env(), **(extra_env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def start_manage(cell: SoakCell, *args: str) -> subprocess.Popen:
    """The same, started in the background (a fault runs beside the load)."""
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=cell.env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def manage(cell: SoakCell, *args: str, extra_env: dict | None = None) -> str:
    """Like run_manage, but a failure stops the soak (set-up steps must work)."""
    done = run_manage(cell, *args, extra_env=extra_env)
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-8:]
        command = " ".join(args)
        raise StepFailed(f"manage.py {command} faalde ({done.returncode}):\n" + "\n".join(tail))
    return done.stdout


def prepare(cell: SoakCell, editors: list[Editor]) -> None:
    """Copy content/, migrate, load (which fills the index) and create the editors' accounts."""
    shutil.copytree(settings.CONTENT_DIR, cell.content_dir)
    manage(cell, "migrate", "--noinput", "-v0")
    manage(cell, "load_content")
    errors: list[str] = []

    def create(editor: Editor) -> None:
        try:
            manage(
                cell, "create_editor", editor.username, "--role", editor.role,
                extra_env={"KC_EDITOR_PASSWORD": editor.password},
            )  # fmt: skip
        except StepFailed as exc:
            errors.append(str(exc))

    threads = [threading.Thread(target=create, args=(editor,)) for editor in editors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise StepFailed(errors[0])


def snapshot(cell: SoakCell, slugs: list[str]) -> dict:
    """The database as dump.py reads it in a child process (items, revisions, audit log)."""
    done = subprocess.run(
        [sys.executable, "-m", "kenniscentrum.core.soak.dump", *slugs],
        cwd=settings.BASE_DIR,
        env=cell.env(),
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT,
    )
    if done.returncode != 0:
        raise StepFailed("de database kon niet worden gelezen:\n" + done.stderr[-2000:])
    return json.loads(done.stdout)
