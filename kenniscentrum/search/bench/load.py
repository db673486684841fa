"""Concurrent HTTP clients against 127.0.0.1: a bounded list of requests, then stop.

Why a fixed request list with a time budget instead of a fixed duration: the list keeps the
query mix identical between engines and sizes; the budget keeps a slow engine at 10,000 items
from running for an hour (the result says how many requests were done).
"""

import http.client
import math
import threading
import time
from dataclasses import asdict, dataclass, field
from urllib.parse import quote_plus

from .server import HOST

REQUEST_TIMEOUT = 60

# The URL kinds measured: a page without search (baseline), the search page, the search API.
KINDS = {
    "trivial": lambda query: "/toegankelijkheid",
    "zoeken": lambda query: f"/zoeken/?q={quote_plus(query)}",
    "api": lambda query: f"/api/search?q={quote_plus(query)}",
}


@dataclass
class Measurement:
    kind: str
    clients: int
    planned: int
    latencies: list[float] = field(default_factory=list)  # seconds, 200 responses only
    errors: int = 0
    seconds: float = 0.0

    @property
    def done(self) -> int:
        return len(self.latencies) + self.errors

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float | None:
        """Nearest-rank percentile, so p95 of 20 samples is a real measured value."""
        if not self.latencies:
            return None
        ordered = sorted(self.latencies)
        return ordered[max(0, math.ceil(share * len(ordered)) - 1)]

    def summary(self) -> dict:
        data = asdict(self)
        data["latencies_ms"] = [round(seconds * 1000, 1) for seconds in data.pop("latencies")]
        p50, p95 = self.percentile(0.5), self.percentile(0.95)
        data.update(
            done=self.done,
            throughput=round(self.throughput, 2),
            p50_ms=None if p50 is None else round(p50 * 1000, 1),
            p95_ms=None if p95 is None else round(p95 * 1000, 1),
            seconds=round(self.seconds, 2),
        )
        return data


# The trivial page answers in about a millisecond: with as few requests as a search it would be
# measured over a fraction of a second, too short for a stable baseline of the ratios.
TRIVIAL_FACTOR = 10


def paths_for(kind: str, queries: list[str], passes: int) -> list[str]:
    """Every query `passes` times (the trivial page TRIVIAL_FACTOR times as often)."""
    make = KINDS[kind]
    rounds = passes * (TRIVIAL_FACTOR if kind == "trivial" else 1)
    return [make(query) for _ in range(rounds) for query in queries]


def get(conn: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    conn.request("GET", path)
    response = conn.getresponse()
    return response.status, response.read()


def run_load(port: int, kind: str, paths: list[str], clients: int, budget: float) -> Measurement:
    """`clients` threads, each with its own keep-alive connection, share the list of paths."""
    result = Measurement(kind, clients, len(paths))
    pending = iter(paths)
    lock = threading.Lock()
    deadline = time.monotonic() + budget

    def next_path() -> str | None:
        with lock:
            if time.monotonic() > deadline:
                return None
            return next(pending, None)

    def client() -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
        try:
            while (path := next_path()) is not None:
                started = time.perf_counter()
                try:
                    status, _ = get(conn, path)
                except (OSError, http.client.HTTPException):
                    status = None
                    conn.close()  # reconnects on the next request
                elapsed = time.perf_counter() - started
                with lock:
                    if status == 200:
                        result.latencies.append(elapsed)
                    else:
                        result.errors += 1
        finally:
            conn.close()

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    return result


def warm_up(port: int, queries: list[str], rounds: int) -> list[str]:
    """Request every kind `rounds` times (once per worker, roughly); returns the failures."""
    failures = []
    conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    try:
        for _ in range(rounds):
            for kind, make in KINDS.items():
                path = make(queries[0])
                try:
                    status, _ = get(conn, path)
                except (OSError, http.client.HTTPException) as exc:
                    status = type(exc).__name__
                    conn.close()
                if status != 200:
                    failures.append(f"{kind} {path}: {status}")
    finally:
        conn.close()
    return failures
