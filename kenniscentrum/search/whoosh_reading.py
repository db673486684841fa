"""The reading side of our Whoosh engine: one search per results page, with a warm searcher.

Why (measured on the shipped corpus, in-process, same queries): the SearchQuerySet path took
p50 218 / p95 1,173 ms; one search per page with a reused searcher 59 / 258 ms; with the
publication window as a precomputed mask instead of two range queries 41 / 157 ms. What stays
per request is one scored pass over the postings of the query's terms, set arithmetic for the
facets (engine.FacetPostings) and highlighting of the shown hits only.

A searcher is kept per thread and per index folder, and refreshed only when the index has a
newer generation (`up_to_date()` reads the folder's table of contents, nothing more). What is
derived from an index generation (facet postings, documents with a publication window, the
`published` column for sorting) is computed once when the searcher is (re)opened.
"""

from __future__ import annotations

import heapq
import os
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.matching import WrappingMatcher
from whoosh.query import And, AndMaybe, Or, Phrase, Term
from whoosh.query.wrappers import WrappingQuery

from . import engine
from .engine import EngineClause, EngineHit, EnginePage, FacetPostings, PageQuery
from .highlight import highlight_text

_local = threading.local()
# The far-past / far-future stand-ins for "no window" (documents.py); anything else is a window.
_OPEN_FROM = datetime(1900, 1, 1)
_OPEN_UNTIL = datetime(9999, 12, 31)


@dataclass
class _Warm:
    """A searcher and what is derived from its index generation."""

    searcher: object
    facets: FacetPostings
    windows: list[tuple[int, datetime, datetime]]  # only documents with a real window
    published: dict[int, object] | None = None  # docnum -> date, built on the first "newest"
    catalogue: dict | None = None  # identifier -> (kind, fingerprint), built when asked
    spelling: frozenset | None = None  # the words as written (spelling_vocabulary), when asked
    version: tuple = ()  # (generation, (inode, mtime) of its table of contents)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _toc_version(path: str) -> tuple:
    """The newest generation of the index and the identity of its table of contents file.

    One directory listing and one stat: cheap enough for every request.
    """
    generation = whoosh_index.TOC._latest_generation(_storage(path), "MAIN")
    try:
        stat = os.stat(os.path.join(path, f"_MAIN_{generation}.toc"))
    except OSError:
        return (generation, None)
    return (generation, (stat.st_ino, stat.st_mtime_ns))


@lru_cache(maxsize=16)
def _storage(path: str):
    return FileStorage(path)


def _naive_utc(moment: datetime) -> datetime:
    """Whoosh columns hold naive UTC datetimes (haystack drops the zone when indexing)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def _derive(searcher) -> _Warm:
    reader = searcher.reader()
    postings = {}
    for facet, fieldname in engine.FACET_FIELDS.items():
        values = {}
        if fieldname in reader.schema:
            for term in reader.lexicon(fieldname):
                values[term.decode("utf-8")] = reader.postings(fieldname, term).all_ids()
        postings[facet] = values
    windows = []
    if reader.has_column("visible_from"):
        starts = reader.column_reader("visible_from", translate=True)
        ends = reader.column_reader("visible_until", translate=True)
        for docnum in range(reader.doc_count_all()):
            start, end = starts[docnum], ends[docnum]
            if start != _OPEN_FROM or end != _OPEN_UNTIL:
                windows.append((docnum, start, end))
    return _Warm(searcher=searcher, facets=FacetPostings(postings), windows=windows)


class WhooshReading:
    """Mixed into DutchWhooshSearchBackend; implements engine.PageSearchBackend."""

    def _warm(self) -> _Warm:
        cache = getattr(_local, "warm", None)
        if cache is None:
            cache = _local.warm = {}
        warm = cache.get(self.path)
        # The folder the index path points to now: a full build switches it (index_builds.py),
        # and files are opened in that folder, never through the link.
        folder = os.path.realpath(self.path)
        version = (*_toc_version(folder), folder)
        if warm is None or warm.version != version:
            # A rebuilt index starts its generations again: a generation number alone could
            # match the old one, so the table of contents' identity is compared as well.
            # Opening never creates an index: a missing one is an error the page reports.
            ix = whoosh_index.open_dir(folder, indexname="MAIN")
            engine.work.opens += 1
            warm = cache[self.path] = _derive(ix.searcher())
            warm.version = (*_toc_version(folder), folder)
        return warm

    # -- engine.PageSearchBackend --------------------------------------------------------

    def page_search(self, query: PageQuery) -> EnginePage:
        warm = self._warm()
        searcher = warm.searcher
        now = _naive_utc(query.now)
        hidden = {doc for doc, start, end in warm.windows if not start <= now < end}
        engine.work.searches += 1
        results = searcher.search(_to_whoosh(query), limit=None, mask=hidden or None)
        scored = [(docnum, score) for score, docnum in results.top_n]  # best first, ties by docnum
        ranked, relaxed, all_words = engine.settle(scored, query, warm.facets)
        total, facets = warm.facets.count(set(ranked), query.filters)
        allowed = warm.facets.allowed(query.filters)
        if allowed is not None:
            ranked = [docnum for docnum in ranked if docnum in allowed]
        end = query.offset + query.limit
        if query.sort == "newest":
            published = self._published(warm)
            order = {docnum: rank for rank, docnum in enumerate(ranked)}
            shown = heapq.nsmallest(
                end, ranked, key=lambda d: (-_ordinal(published.get(d)), order[d])
            )[query.offset :]
        else:
            shown = ranked[query.offset : end]
        hits = [self._hit(searcher.stored_fields(docnum), query) for docnum in shown]
        return EnginePage(total, facets, hits, relaxed=relaxed, all_words=all_words)

    def clause_frequency(self, clause: EngineClause) -> int:
        """Term statistics, scaled for deleted documents.

        Whoosh keeps a replaced document's postings until its segment is merged, so right after
        a reindex every term's document frequency can be double; scaling by live/all documents
        keeps the common-terms decision of the any-word search stable (a test found the
        doubled counts dropping every distinctive word).
        """
        reader = self._warm().searcher.reader()
        live, everything = reader.doc_count(), reader.doc_count_all() or 1
        found = 0
        for alternative in clause.alternatives:  # a document may have several: an upper bound
            frequencies = [reader.doc_frequency("text", term) for term in alternative.terms]
            found += min(frequencies, default=0)
        return min(live, round(found * live / everything))

    def document_count(self) -> int:
        return self._warm().searcher.doc_count()

    def catalogue(self) -> dict[str, tuple[str, str]]:
        """identifier -> (kind, fingerprint) of every live document (index_health.py).

        Reads every stored document once per index generation and thread, then answers from
        memory: /redactie/ asks on every visit.
        """
        warm = self._warm()
        if warm.catalogue is None:
            warm.catalogue = {
                fields["id"]: (fields.get("kind", ""), fields.get("fingerprint", ""))
                for fields in warm.searcher.reader().all_stored_fields()
            }
        return warm.catalogue

    def spelling_vocabulary(self) -> frozenset[str]:
        """The words of the texts as written (folded, lower case, no stop words), for
        spelling.py; read from the `spell_text` field once per index generation and thread."""
        warm = self._warm()
        if warm.spelling is None:
            reader = warm.searcher.reader()
            fieldname = "spell_text" if "spell_text" in reader.schema else "text"
            warm.spelling = frozenset(
                term.decode("utf-8") if isinstance(term, bytes) else term
                for term in reader.lexicon(fieldname)
            )
        return warm.spelling

    def document_frequency(self, terms) -> int:
        """At most how many documents have all these analysed terms in text, title or summary
        (0: none has them). Deleted documents count until their segment is merged."""
        reader = self._warm().searcher.reader()
        counts = [
            max(reader.doc_frequency(name, term) for name in engine.TEXT_FIELDS) for term in terms
        ]
        return min(counts, default=0)

    # -- helpers ---------------------------------------------------------------------------

    def _published(self, warm: _Warm) -> dict[int, object]:
        with warm.lock:
            if warm.published is None:
                reader = warm.searcher.reader()
                column = reader.column_reader("published", translate=True)
                warm.published = {d: column[d] for d in range(reader.doc_count_all())}
        return warm.published

    @staticmethod
    def _hit(stored: dict, query: PageQuery) -> EngineHit:
        published = stored.get("published")
        return EngineHit(
            slug=stored.get("slug", ""),
            kind=stored.get("kind", ""),
            title=stored.get("title", ""),
            url=stored.get("url", ""),
            summary=stored.get("summary", ""),
            published=published.date() if isinstance(published, datetime) else published,
            snippet=highlight_text(stored.get("text", ""), query.terms) if query.highlight else "",
        )


def _ordinal(value) -> int:
    return value.toordinal() if value is not None else 0


def _to_whoosh(query: PageQuery):
    """AND (or OR) over the required clauses, each an OR over its alternatives and the full-text
    fields; optional clauses (proximity boosts) only add to the score.

    Field boosts are stored in the index (title 3, summary 1.5), so a match in the title adds
    more to the BM25F score. A page that may fall back (engine.py) is scored in tiers instead:
    OR over the anchor clauses, each clause adding its tier constant to its weighted score.
    """
    required = [_Scored(_clause(c), c.weight, query.tier(c)) for c in query.required]
    optional = [_Scored(_clause(c), c.weight, 0.0) for c in query.optional]
    if query.falls_back:
        anchors = [q for q, c in zip(required, query.required, strict=True) if c.anchor]
        others = [q for q, c in zip(required, query.required, strict=True) if not c.anchor]
        match = _either(anchors or required)
        optional = others + optional if anchors else optional
    elif len(required) == 1:
        match = required[0]
    else:
        match = And(required) if query.require_all else Or(required)
    if optional:
        return AndMaybe(match, _either(optional))
    return match


def _clause(clause: EngineClause):
    """OR over the clause's alternatives, each searched in every full-text field."""
    either = []
    for alternative in clause.alternatives:
        fields = []
        for fieldname in engine.TEXT_FIELDS:
            if len(alternative.terms) == 1:
                fields.append(Term(fieldname, alternative.terms[0]))
            elif alternative.window:
                slop = alternative.window - 1  # Whoosh: positions at most `slop` apart
                fields.append(Phrase(fieldname, list(alternative.terms), slop=slop))
            else:
                fields.append(Phrase(fieldname, list(alternative.terms)))
        either.append(_either(fields))
    return _either(either)


def _either(queries: list):
    return queries[0] if len(queries) == 1 else Or(queries)


class _Scored(WrappingQuery):
    """The wrapped query's score times `weight`, plus `add` (a score tier, engine.py)."""

    def __init__(self, child, weight: float = 1.0, add: float = 0.0):
        super().__init__(child)
        self.weight = weight
        self.add = add

    def __eq__(self, other):
        return type(other) is type(self) and (other.child, other.weight, other.add) == (
            self.child,
            self.weight,
            self.add,
        )

    def __hash__(self):
        return hash((self.child, self.weight, self.add))

    def _rewrap(self, child):
        return self.__class__(child, self.weight, self.add)

    def matcher(self, searcher, context=None):
        child = self.child.matcher(searcher, context)
        if self.weight == 1.0 and not self.add:
            return child
        return _ScoredMatcher(child, self.weight, self.add)


class _ScoredMatcher(WrappingMatcher):
    def __init__(self, child, weight: float, add: float):
        super().__init__(child, boost=weight)
        self.add = add

    def _replacement(self, newchild):
        return self.__class__(newchild, self.boost, self.add)

    def copy(self):
        return self.__class__(self.child.copy(), self.boost, self.add)

    def supports_block_quality(self):
        return False  # every match is collected (limit=None): no skipping by quality

    def score(self):
        return self.child.score() * self.boost + self.add
