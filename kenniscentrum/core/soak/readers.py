"""Readers: what visitors and other systems ask, as fast as the server answers.

Why a random mix per request instead of one kind at a time (as the benchmark does): a soak looks
for interference (a search while an item is saved, a page while the index is switched), so every
kind must be in flight while every fault happens. Why no pause between requests: N clients that
wait for their answer and ask again keep both workers busy all the time.

Items the editors publish and unpublish may be missing for a moment: for those a 404 is expected;
for every other URL only 200 is.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote_plus, urlencode

import yaml
from django.conf import settings

from kenniscentrum.check.answers import ORGANISATIONS, PLANS, TARGET_GROUPS
from kenniscentrum.knowledge.vocabulary import KIND_PAGES, PROVINCES

from .client import Aborted, Client

QUERIES = Path(settings.BASE_DIR) / "tests" / "bench_queries.yaml"
OK = frozenset({200})
OK_OR_GONE = frozenset({200, 404})  # an item an editor may just have unpublished
READER_KINDS = ("zoeken", "check", "pagina", "api")


@dataclass
class Request:
    kind: str
    method: str
    path: str
    body: dict | None = None
    allowed: frozenset = OK


class Targets:
    """The URLs readers choose from, built from the loaded corpus."""

    def __init__(self, slugs: list[str], soak_slugs: set[str]):
        self.slugs = slugs
        self.soak_slugs = soak_slugs
        self.queries = [str(q) for q in yaml.safe_load(QUERIES.read_text("utf-8"))]
        self.lists = ["/", "/themas/", "/rapport/"] + [
            f"/{segment}/" for _, segment in KIND_PAGES.values()
        ]

    def pick(self, rng: random.Random) -> Request:
        kind = rng.choice(READER_KINDS)
        if kind == "zoeken":
            return Request(kind, "GET", f"/zoeken/?q={quote_plus(rng.choice(self.queries))}")
        if kind == "check":
            if rng.random() < 0.3:
                return Request(kind, "GET", "/check/")
            return Request(kind, "GET", "/check/uitslag/?" + urlencode(_form_answers(rng)))
        if kind == "pagina":
            if rng.random() < 0.4:
                return Request(kind, "GET", rng.choice(self.lists))
            slug = rng.choice(self.slugs)
            return Request(kind, "GET", f"/kennis/{slug}/", allowed=self._allowed(slug))
        roll = rng.random()
        if roll < 0.35:
            return Request(kind, "POST", "/api/check", body=_json_answers(rng))
        if roll < 0.7:
            return Request(kind, "GET", f"/api/search?q={quote_plus(rng.choice(self.queries))}")
        slug = rng.choice(self.slugs)
        return Request(kind, "GET", f"/api/content/{slug}", allowed=self._allowed(slug))

    def _allowed(self, slug: str) -> frozenset:
        return OK_OR_GONE if slug in self.soak_slugs else OK


def _json_answers(rng: random.Random) -> dict:
    return {
        "organisation": rng.choice(list(ORGANISATIONS)),
        "province": rng.choice(list(PROVINCES)),
        "backlog": rng.choice([0, 12, 250, "onbekend"]),
        "large_families": rng.choice([0, 2, "onbekend"]),
        "plans": rng.sample(list(PLANS), rng.randint(0, 2)),
        "target_groups": rng.sample(list(TARGET_GROUPS), rng.randint(0, 2)),
        "needs_expertise": rng.random() < 0.5,
        "regional_cooperation": rng.random() < 0.5,
        "reference_date": "2021-11-01",
    }


def _form_answers(rng: random.Random) -> list[tuple[str, str]]:
    """The same answers as the check's form sends them (forms.from_query reads these)."""
    data = _json_answers(rng)
    pairs = []
    for name, value in data.items():
        if isinstance(value, bool):
            pairs.append((name, "ja" if value else "nee"))
        elif isinstance(value, list):
            pairs.extend((name, v) for v in value)
        else:
            pairs.append((name, str(value)))
    return pairs


def reader(client: Client, targets: Targets, seed: int, stop: threading.Event) -> None:
    """One visitor: ask, read the answer, ask again, until told to stop."""
    rng = random.Random(seed)
    while not stop.is_set():
        request = targets.pick(rng)
        try:
            if request.method == "POST":
                client.post_json(request.kind, request.path, request.body, request.allowed)
            else:
                client.get(request.kind, request.path, request.allowed)
        except Aborted:
            pass  # recorded by the client; a killed worker drops its request
