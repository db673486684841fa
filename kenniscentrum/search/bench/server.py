"""A gunicorn server for one benchmark cell, bound to 127.0.0.1 only, always stopped again.

Why gunicorn with two sync workers and not runserver: that is how the site runs in production,
and two workers show per-process costs (memory, index readers) and whether an index update in one
process becomes visible in the others.
"""

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings

from .steps import Cell, StepFailed

HOST = "127.0.0.1"
WORKERS = 2
READY_TIMEOUT = 120
STOP_TIMEOUT = 15
# Longer than the clients' 60 s, so a slow search is measured as slow, not killed as a timeout.
WORKER_TIMEOUT = 120


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Gunicorn:
    """Context manager: start on enter (waiting until it answers), stop on exit, also on error."""

    def __init__(self, cell: Cell, log_path: Path):
        self.cell = cell
        self.log_path = log_path
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Gunicorn":
        command = [
            sys.executable, "-m", "gunicorn", "kenniscentrum.wsgi",
            "-w", str(WORKERS), "-b", f"{HOST}:{self.port}",
            "--timeout", str(WORKER_TIMEOUT), "--graceful-timeout", "5",
        ]  # fmt: skip
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                command, cwd=settings.BASE_DIR, env=self.cell.env(), stdout=log, stderr=log
            )
        try:
            self._wait_until_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise StepFailed(f"gunicorn stopte meteen; zie {self.log_path}")
            try:
                conn = http.client.HTTPConnection(HOST, self.port, timeout=5)
                conn.request("GET", "/toegankelijkheid")
                if conn.getresponse().status == 200:
                    return
            except OSError:
                pass
            finally:
                conn.close()
            time.sleep(0.1)
        raise StepFailed(f"gunicorn antwoordt niet binnen {READY_TIMEOUT} s; zie {self.log_path}")

    def worker_pids(self) -> list[int]:
        """Gunicorn's worker processes: the children of the master we started."""
        if self.process is None:
            return []
        return sorted(pid for pid in _all_pids() if _parent_of(pid) == self.process.pid)

    def worker_rss_mb(self) -> list[float]:
        return [rss for pid in self.worker_pids() if (rss := _rss_mb(pid)) is not None]

    def stop(self) -> None:
        """TERM the master (it stops its workers); KILL master and workers if that hangs."""
        if self.process is None or self.process.poll() is not None:
            return
        workers = self.worker_pids()
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            for pid in [self.process.pid, *workers]:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            self.process.wait()


def _all_pids() -> list[int]:
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def _parent_of(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name (field 2) may contain spaces and parentheses; fields after it are fixed.
    return int(stat.rpartition(")")[2].split()[1])


def _rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024  # kB
    except OSError:
        return None
    return None
