"""What the search service asks of an engine: one pass per results page.

Why not haystack's SearchQuerySet for reading: every `facet_counts()`, `count()` and page is a
separate backend search, the stock Whoosh backend runs each as two Whoosh searches with fresh
searchers, and facets are counted by unpacking every match into a `SearchResult` (measured at
10,000 items: 10 Whoosh searches, 11,800 result objects and 5.5 s per request). Haystack stays
the interface for everything else (search indexes, the signal processor, `rebuild_index`,
engines chosen by configuration); reading a results page goes through `page_search()`, which
each of our engines answers with one pass over its index:

- the query (already analysed here, once, by the Dutch chain) is matched and scored once;
- the facet counts for kind, theme and province are counted over that match set in Python sets
  (`FacetPostings`), each under the *other* active filters, so choices combine sensibly;
- the total is exact, and only the hits of the shown page become Python objects;
- highlighting runs only on those hits (`highlight.py`), so its cost does not grow with the
  corpus.

`work` counts engine passes and index openings, so tests can assert the design (one pass, at
most one opening per request) without timing anything.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol

# Facet name (as in the API and SearchOutcome.facets) -> indexed field with unanalysed values.
FACET_FIELDS = {"kind": "kind_exact", "themes": "themes_exact", "provinces": "provinces_exact"}
# Full-text fields searched for every term, with their boosts (title and summary count more).
TEXT_FIELDS = {"text": 1.0, "title": 3.0, "summary": 1.5}
# Stored values every hit carries back to the service.
STORED = ("slug", "kind", "title", "url", "summary", "published")


@dataclass(frozen=True)
class Alternative:
    """One way to satisfy a clause: analysed terms; more than one term is a phrase."""

    terms: tuple[str, ...]


@dataclass(frozen=True)
class EngineClause:
    alternatives: tuple[Alternative, ...]


@dataclass(frozen=True)
class PageQuery:
    """Everything one results page needs, in engine-neutral terms."""

    clauses: tuple[EngineClause, ...]
    now: datetime
    require_all: bool = True
    filters: Mapping[str, str] = field(default_factory=dict)  # facet name -> value
    sort: str = "relevance"  # or "newest"
    offset: int = 0
    limit: int = 10
    highlight: bool = True

    @property
    def terms(self) -> list[str]:
        """Every analysed term of the query (for highlighting)."""
        return sorted({t for c in self.clauses for a in c.alternatives for t in a.terms})


@dataclass
class EngineHit:
    slug: str
    kind: str
    title: str
    url: str
    summary: str
    published: date | None
    snippet: str = ""


@dataclass
class EnginePage:
    total: int
    facets: dict[str, dict[str, int]]
    hits: list[EngineHit]


class PageSearchBackend(Protocol):
    """The reading side every engine of ours implements (Whoosh, Xapian)."""

    def page_search(self, query: PageQuery) -> EnginePage: ...

    def clause_frequency(self, clause: EngineClause) -> int:
        """How many documents contain the clause (an upper estimate from term statistics)."""
        ...

    def document_count(self) -> int: ...

    def catalogue(self) -> dict[str, tuple[str, str]]:
        """identifier -> (kind, fingerprint) of every live document (index_health.py)."""
        ...

    def suggest(self, words: list[str]) -> dict[str, str]:
        """Spelling corrections for typed words (folded, lower case) the index does not know."""
        ...


class WorkCounter(threading.local):
    """Engine passes and index openings in this thread, for tests that count work."""

    def __init__(self):
        self.searches = 0
        self.opens = 0

    def reset(self) -> None:
        self.searches = 0
        self.opens = 0


work = WorkCounter()


class FacetPostings:
    """Per index generation: which documents carry each facet value, as sets of doc ids.

    Built once from the index's own postings when a searcher is (re)opened; a request then
    counts facets and applies filters with set intersections (C speed), never by reading
    stored fields of every match.
    """

    def __init__(self, postings: Mapping[str, Mapping[str, Iterable[int]]]):
        self.postings = {
            facet: {value: frozenset(ids) for value, ids in values.items()}
            for facet, values in postings.items()
        }

    def allowed(self, filters: Mapping[str, str], skip: str = "") -> frozenset | None:
        """Documents passing every active filter except `skip`; None when nothing filters."""
        result = None
        for facet, value in filters.items():
            if not value or facet == skip:
                continue
            ids = self.postings.get(facet, {}).get(value, frozenset())
            result = ids if result is None else result & ids
        return result

    def count(self, matched: set | frozenset, filters: Mapping[str, str]) -> tuple[int, dict]:
        """The exact total, and each facet's counts under the other active filters."""
        allowed = self.allowed(filters)
        total = len(matched if allowed is None else matched & allowed)
        facets = {}
        for facet, values in self.postings.items():
            others = self.allowed(filters, skip=facet)
            base = matched if others is None else matched & others
            counts = {}
            for value, ids in values.items():
                n = len(base & ids) if len(base) > len(ids) else len(ids & base)
                if n and value:
                    counts[value] = n
            facets[facet] = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        return total, facets
