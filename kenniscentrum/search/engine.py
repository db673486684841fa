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

When few documents have every word (`PageQuery.relax_below`), the same pass also ranks the
documents that have some of them, so a question costs no second search (it did until issue 12).
Each engine then scores a document in tiers: a large constant (`REQUIRED_TIER`) for every
required clause it matches, a small bonus (`COVERAGE_BONUS`) for every distinctive ("anchor")
clause, plus BM25. One sorted pass tells both the documents with every required clause (a score
of at least n tiers, in BM25 order) and the ranking of the partial matches (the score below the
tiers); `settle()` picks which a page shows.

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
# The one-pass fallback (module docstring): every required clause a document matches adds
# REQUIRED_TIER, far above any BM25 score (a clause scores at most tens), so the score tells how
# many it matched; in the fallback, every distinctive ("anchor") clause adds COVERAGE_BONUS, so
# documents with more of the distinctive words come first unless BM25 clearly says otherwise.
# Chosen while building it (Whoosh, relevance suite): a bonus of 2 beat none and a strict
# ordering by the number of words (1e5): top 3 56/58 vs 56 and 55, MRR 0.911 vs 0.902 and 0.901.
REQUIRED_TIER = 1e7
COVERAGE_BONUS = 2.0


@dataclass(frozen=True)
class Alternative:
    """One way to satisfy a clause: analysed terms; more than one term is a phrase, or with a
    window, the terms in this order within `window` positions (a proximity boost).

    `text` is what the terms were analysed from (the words as typed), when known. Our embedded
    engines search the terms; an engine that analyses a query string itself (haystack's Solr,
    Elasticsearch and stock Whoosh backends, haystack_reading.py) needs the words: analysing
    a stem again changes 1.7% of them ("plaats" -> "plat", "over" is a stop word).
    """

    terms: tuple[str, ...]
    window: int = 0
    text: str = field(default="", compare=False)


@dataclass(frozen=True)
class EngineClause:
    """OR over the alternatives. A required clause must match (all of them, unless the page
    falls back to some of them); an optional one only adds `weight` times its score."""

    alternatives: tuple[Alternative, ...]
    required: bool = True
    weight: float = 1.0
    anchor: bool = True  # in the fallback, a document must match at least one anchor


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
    # When fewer documents than this have every required clause, rank those with any anchor
    # clause instead, in the same pass (0: never). `coverage`: give those COVERAGE_BONUS per
    # anchor they match (else BM25 alone ranks them).
    relax_below: int = 0
    coverage: bool = True

    @property
    def terms(self) -> list[str]:
        """Every analysed term of the query (for highlighting)."""
        return sorted({t for c in self.clauses for a in c.alternatives for t in a.terms})

    @property
    def required(self) -> list[EngineClause]:
        return [c for c in self.clauses if c.required]

    @property
    def optional(self) -> list[EngineClause]:
        return [c for c in self.clauses if not c.required]

    @property
    def falls_back(self) -> bool:
        """Whether this page is scored in tiers (a fallback is possible)."""
        return self.require_all and self.relax_below > 0 and len(self.required) > 1

    def tier(self, clause: EngineClause) -> float:
        """The constant a matching document gets for this clause in a tiered pass."""
        if not self.falls_back or not clause.required:
            return 0.0
        bonus = COVERAGE_BONUS if clause.anchor and self.coverage else 0.0
        return REQUIRED_TIER + bonus


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
    relaxed: bool = False  # fewer than relax_below had every required clause: some of them
    all_words: int | None = None  # with a fallback: documents with every required clause

    @property
    def every_word(self) -> int:
        """How many documents (under the filters) have every required clause."""
        return self.total if self.all_words is None else self.all_words


def settle(
    scored: list[tuple[int, float]], query: PageQuery, facets: FacetPostings
) -> tuple[list[int], bool, int | None]:
    """(ranked document ids, relaxed, documents with every required clause) from one pass.

    `scored` is every matched document with its score, in the engine's order. Without a
    fallback that order is the answer. With one, the documents with every required clause
    are those scored at least that many REQUIRED_TIERs; when fewer than `relax_below` of them
    pass the filters, every matched document is ranked by the rest of its score (BM25 plus the
    coverage bonus), keeping the engine's order for "newest".
    """
    if not query.falls_back:
        return [doc for doc, _ in scored], False, None
    needed = len(query.required) - 0.5
    full = [doc for doc, score in scored if score / REQUIRED_TIER >= needed]
    allowed = facets.allowed(query.filters)
    found = len(full) if allowed is None else sum(1 for doc in full if doc in allowed)
    everything = len(scored) if allowed is None else sum(1 for doc, _ in scored if doc in allowed)
    if found >= query.relax_below or everything == found:
        return full, False, found
    if query.sort == "newest":
        return [doc for doc, _ in scored], True, found
    ranked = sorted(scored, key=lambda pair: -(pair[1] % REQUIRED_TIER))  # stable
    return [doc for doc, _ in ranked], True, found


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

    def spelling_vocabulary(self) -> frozenset[str]:
        """The words of the texts as written (folded, lower case), for spelling.py."""
        ...

    def document_frequency(self, terms: Iterable[str]) -> int:
        """At most how many documents have all these analysed terms in one full-text field."""
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
