"""HTTP for the soak's readers and editors: http.client with a cookie jar, every request recorded.

Why not urllib: an editor's save is judged by the status of the POST itself (302 saved, 200 with
the conflict page), which urllib hides by following redirects. Why a new connection per request:
gunicorn's sync workers close the connection after each response anyway, and one connection per
request ties each request to exactly one worker, which the SIGKILL fault relies on to find the
worker that is handling an editor's write (InFlight).
"""

from __future__ import annotations

import http.client
import json
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from kenniscentrum.search.bench.server import HOST

TIMEOUT = 60  # longer than SQLite's 20 s lock timeout: a slow answer is measured, not cut off


@dataclass
class Sample:
    """One request: what was asked, when, and what came back (status None: no response)."""

    kind: str
    method: str
    path: str
    actor: str
    start: float  # time.time()
    seconds: float
    status: int | None
    error: str = ""
    allowed: frozenset = frozenset({200})  # statuses that are no surprise for this request


class Recorder:
    """Every sample of the run, from all threads."""

    def __init__(self):
        self.samples: list[Sample] = []
        self._lock = threading.Lock()

    def add(self, sample: Sample) -> None:
        with self._lock:
            self.samples.append(sample)


class InFlight:
    """Editors' writes under way: client port -> (actor, path), for the SIGKILL fault."""

    def __init__(self):
        self._writes: dict[int, tuple[str, str]] = {}
        self._lock = threading.Lock()

    def add(self, port: int, actor: str, path: str) -> None:
        with self._lock:
            self._writes[port] = (actor, path)

    def remove(self, port: int) -> None:
        with self._lock:
            self._writes.pop(port, None)

    def ports(self) -> dict[int, tuple[str, str]]:
        with self._lock:
            return dict(self._writes)


class Aborted(Exception):
    """The connection ended without a response (a killed worker, a reset, a timeout)."""


@dataclass
class Response:
    status: int
    location: str
    text: str


@dataclass
class Client:
    port: int
    recorder: Recorder
    actor: str
    inflight: InFlight | None = None  # set for editors: their POSTs are fault targets
    cookies: dict[str, str] = field(default_factory=dict)

    def get(self, kind: str, path: str, allowed=frozenset({200})) -> Response:
        return self.request(kind, "GET", path, allowed=allowed)

    def post_form(self, kind: str, path: str, fields: dict, allowed=frozenset({200, 302})):
        body = urlencode(fields).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        return self.request(kind, "POST", path, body, headers, allowed)

    def post_json(self, kind: str, path: str, data, allowed=frozenset({200})) -> Response:
        body = json.dumps(data).encode()
        headers = {"Content-Type": "application/json"}
        return self.request(kind, "POST", path, body, headers, allowed)

    def request(self, kind, method, path, body=None, headers=None, allowed=frozenset({200})):
        """One request on a new connection; records a Sample; raises Aborted without response."""
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn = http.client.HTTPConnection(HOST, self.port, timeout=TIMEOUT)
        started, clock = time.time(), time.perf_counter()
        port = None
        try:
            conn.connect()
            if self.inflight is not None and method == "POST":
                port = conn.sock.getsockname()[1]
                self.inflight.add(port, self.actor, path)
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as exc:
            self._record(kind, method, path, started, clock, None, allowed, type(exc).__name__)
            raise Aborted(f"{method} {path}: {type(exc).__name__}") from exc
        finally:
            if port is not None:
                self.inflight.remove(port)
            conn.close()
        self._record(kind, method, path, started, clock, response.status, allowed)
        self._keep_cookies(response.msg.get_all("Set-Cookie") or [])
        return Response(response.status, response.getheader("Location", ""), text)

    def _record(self, kind, method, path, started, clock, status, allowed, error=""):
        seconds = time.perf_counter() - clock
        sample = Sample(kind, method, path, self.actor, started, seconds, status, error, allowed)
        self.recorder.add(sample)

    def _keep_cookies(self, headers: list[str]) -> None:
        for header in headers:
            for name, morsel in SimpleCookie(header).items():
                if morsel.value == "" or morsel["max-age"] == "0":
                    self.cookies.pop(name, None)  # Django deletes with max-age=0
                else:  # as sent: Django quotes values such as the messages cookie
                    self.cookies[name] = morsel.coded_value
