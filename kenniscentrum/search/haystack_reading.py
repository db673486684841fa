"""engine.PageSearchBackend through haystack's public backend API, for any haystack engine.

Why: our embedded engines answer a results page in one pass over their own index (engine.py,
whoosh_reading.py, xapian_backend.py). A server engine (Solr, Elasticsearch; portable_backends.py)
offers only what every haystack backend offers: `search(query_string, start_offset, end_offset,
facets, narrow_queries, sort_by)` returning hits, a total and facet counts. This mixin builds
the page from that, in the query syntax of the backend's own SearchQuery class
(`build_query_fragment`, `clean`, `matching_all_fragment`), joined with AND, OR, brackets and
`^boost`, the Lucene subset that Solr, Elasticsearch's query_string and Whoosh's parser share.

What differs from the one-pass engines, and why (issue 13):
- Words, not terms. These engines analyse the query string themselves, so each alternative is
  sent as the words it was analysed from (engine.Alternative.text): analysing our stems again
  changed 38 of 2,218 stems of the shipped index ("plaatsen" -> "plaats" -> "plat",
  "huisvestingsverordening" -> "huisvestingsverorden" -> "huisvestingsverord", "overige" ->
  "over", a stop word). On Solr or Elasticsearch the server's analysis made the index, so the
  words are the only consistent choice. A bare term (statistics asked with terms only) is sent
  as a corpus word that analyses to it when the term itself would change (`_spoken`).
- Optional clauses (proximity, the exact compound) are left out: a should-clause that only
  adds to the score has no syntax that Whoosh's parser shares with the others. Clause weights
  (common words count 0.5) are kept as `^0.5`.
- The any-word fallback is a second search (OR over the distinctive clauses) when the first
  found fewer than `relax_below` documents with every word, without the coverage bonus; BM25
  over OR already ranks documents with more of the words higher.
- Facet counts under the *other* filters: the page's search counts every facet under all
  filters, which is right for a facet without an active filter; each active filter costs one
  more search (its facet only, under the other filters).
- Statistics (document_count, clause_frequency, document_frequency) are searches that count
  matches: exact where the embedded engines estimate from term statistics. They are kept for
  STATISTICS_SECONDS per process, so a page repeated within that time costs only its searches.
- The spelling vocabulary is derived from the database (the search indexes' own documents,
  split into words by the same Whoosh field type the native index uses for its spelling
  words), not from the engine: no haystack API lists an index's words, and reading every
  stored text from a server on each new vocabulary costs more than reading the database.

`engine.work.searches` counts every call of the backend's search(): 1 + one per active filter
per page (+1 when the fallback is considered and needed), plus statistics not yet kept.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from datetime import UTC, date, datetime

from haystack import connections
from haystack.inputs import Raw
from whoosh.fields import TEXT

from . import engine
from .analysis import analyse, dutch_analyzer
from .engine import EngineClause, EngineHit, EnginePage, PageQuery
from .highlight import highlight_text

STATISTICS_SECONDS = 60.0  # how long a count (statistics) is reused; see the module docstring
VOCABULARY_SECONDS = 600.0  # how long the spelling vocabulary read from the database is reused
CATALOGUE_PAGE = 1000  # documents per search when listing the whole index (catalogue)
_lock = threading.Lock()
_kept: dict[tuple, tuple[float, object]] = {}  # (alias, kind, key) -> (time, value)


def forget_kept() -> None:
    """Drop every kept count and vocabulary (tests; a rebuilt index)."""
    with _lock:
        _kept.clear()


def _keep(key: tuple, seconds: float, compute):
    now = time.monotonic()
    with _lock:
        found = _kept.get(key)
    if found is not None and now - found[0] < seconds:
        return found[1]
    value = compute()
    with _lock:
        if len(_kept) > 20_000:
            _kept.clear()
        _kept[key] = (now, value)
    return value


class HaystackReading:
    """Mixed into a haystack backend (before it); implements engine.PageSearchBackend."""

    # Options per facet for search(facets=...): Elasticsearch returns 10 values unless asked.
    facet_options: dict = {}

    # -- engine.PageSearchBackend --------------------------------------------------------

    def page_search(self, query: PageQuery) -> EnginePage:
        syntax = self._syntax()
        filters = {facet: value for facet, value in query.filters.items() if value}
        window = self._window(syntax, query.now)
        match = self._match(syntax, query.required, query.require_all)
        chosen = self._page(match, query, filters, window)
        relaxed, all_words = False, None
        if query.falls_back:
            all_words = chosen["hits"]
            if all_words < query.relax_below:
                anchors = [c for c in query.required if c.anchor] or query.required
                some_words = self._match(syntax, anchors, False)
                some = self._page(some_words, query, filters, window)
                if some["hits"] > all_words:
                    chosen, match, relaxed = some, some_words, True
        facets = self._facets(chosen)
        for facet in filters:  # counted under the other filters (engine.FacetPostings.count)
            others = {name: value for name, value in filters.items() if name != facet}
            raw = self._search(
                match,
                end_offset=1,
                facets=self._facet_request([facet]),
                narrow_queries=self._narrows(others, window),
            )
            facets[facet] = self._facets(raw)[facet]
        hits = [] if query.limit <= 0 else [self._hit(r, query) for r in chosen["results"]]
        return EnginePage(chosen["hits"], facets, hits, relaxed=relaxed, all_words=all_words)

    def clause_frequency(self, clause: EngineClause) -> int:
        """How many documents have the clause in their text (counted, not estimated)."""
        key = tuple((a.terms, a.window, a.text) for a in clause.alternatives)
        return self._count("clause", key, lambda s: self._clause(s, clause, ("text",)))

    def document_count(self) -> int:
        return self._count("all", (), lambda s: s.matching_all_fragment())

    def document_frequency(self, terms: Iterable[str]) -> int:
        """How many documents have all these analysed terms in text, title or summary."""
        terms = tuple(terms)
        if not terms:
            return 0

        def build(syntax) -> str:
            return " AND ".join(
                self._either(
                    [self._field(syntax, name, self._spoken(term)) for name in engine.TEXT_FIELDS]
                )
                for term in terms
            )

        return self._count("terms", terms, build)

    def catalogue(self) -> dict[str, tuple[str, str]]:
        """identifier -> (kind, fingerprint) of every document, listed page by page.

        Not kept: /redactie/ must see a save at once. (Elasticsearch lists at most
        index.max_result_window documents, 10,000 by default, this way.)
        """
        everything = self._syntax().matching_all_fragment()
        found, start = {}, 0
        while True:
            raw = self._search(everything, start_offset=start, end_offset=start + CATALOGUE_PAGE)
            for result in raw.get("results", []):
                identifier = f"{result.app_label}.{result.model_name}.{result.pk}"
                found[identifier] = (
                    getattr(result, "kind", "") or "",
                    getattr(result, "fingerprint", "") or "",
                )
            start += CATALOGUE_PAGE
            if start >= raw.get("hits", 0) or not raw.get("results"):
                return found

    def spelling_vocabulary(self) -> frozenset[str]:
        """The words of the indexed texts as written (folded, no stop words), from the
        database (module docstring), kept for VOCABULARY_SECONDS."""
        key = (self.connection_alias, "vocabulary", ())
        return _keep(key, VOCABULARY_SECONDS, self._read_vocabulary)

    # -- searching -----------------------------------------------------------------------

    def _search(self, query_string: str, **kwargs) -> dict:
        """One search of the engine, counted (engine.work)."""
        engine.work.searches += 1
        kwargs.setdefault("start_offset", 0)
        return self.search(query_string, highlight=False, **kwargs)

    def _page(self, match: str, query: PageQuery, filters: dict, window: str) -> dict:
        """The page's hits, its total and every facet's counts under all filters."""
        # Whoosh pages by page number: offsets must be a multiple of the page length, and a
        # page of 0 is none; 1 is asked and dropped when only counts are wanted.
        limit = max(query.limit, 1)
        options = {
            "facets": self._facet_request(engine.FACET_FIELDS),
            "narrow_queries": self._narrows(filters, window),
            "sort_by": ["-published"] if query.sort == "newest" else None,
        }
        raw = self._search(
            match, start_offset=query.offset, end_offset=query.offset + limit, **options
        )
        if query.offset and not raw.get("results") and not raw.get("hits"):
            # Beyond the last page Whoosh answers "0 hits"; the total is needed to say so.
            raw = self._search(match, start_offset=0, end_offset=1, **options)
            raw["results"] = []
        raw.setdefault("results", [])
        raw.setdefault("hits", 0)
        return raw

    def _count(self, kind: str, key: tuple, build) -> int:
        def count() -> int:
            syntax = self._syntax()
            return int(self._search(build(syntax), end_offset=1).get("hits", 0))

        return _keep((self.connection_alias, kind, key), STATISTICS_SECONDS, count)

    # -- the query string ----------------------------------------------------------------

    def _syntax(self):
        """The backend's own SearchQuery: its escaping, field and range syntax."""
        return connections[self.connection_alias].get_query()

    def _match(self, syntax, clauses, require_all: bool) -> str:
        parts = [self._clause(syntax, clause, tuple(engine.TEXT_FIELDS)) for clause in clauses]
        parts = [part for part in parts if part]
        if not parts:
            return syntax.matching_all_fragment()
        return self._join(parts, " AND " if require_all else " OR ")

    def _clause(self, syntax, clause: EngineClause, fields: tuple[str, ...]) -> str:
        """OR over the alternatives, each in every field; weighted with ^ when not 1."""
        either = [
            self._field(
                syntax, name, alternative.text or self._spoken_terms(alternative), alternative
            )
            for alternative in clause.alternatives
            for name in fields
        ]
        text = self._either(either)
        if clause.weight != 1.0 and text:
            text = f"{text if text.startswith('(') else f'({text})'}^{clause.weight:g}"
        return text

    def _field(self, syntax, fieldname: str, words: str, alt=None) -> str:
        """One field and words: a word, or a phrase (with a window: `"…"~slop`)."""
        several = (alt is not None and len(alt.terms) > 1) or len(words.split()) > 1
        if not several:
            return syntax.build_query_fragment(fieldname, "content", words)
        phrase = syntax.build_query_fragment(fieldname, "exact", words)
        if alt is not None and alt.window:
            return f"{phrase.rstrip(')')}~{alt.window - 1})"
        return phrase

    def _spoken_terms(self, alternative) -> str:
        return " ".join(self._spoken(term) for term in alternative.terms)

    def _spoken(self, term: str) -> str:
        """A word the engine's analysis turns into `term`: the term itself when analysing it
        again keeps it, else a corpus word that analyses to it (module docstring)."""
        if analyse(term) == [term]:
            return term
        return self._surfaces().get(term, term)

    def _surfaces(self) -> dict[str, str]:
        def build() -> dict[str, str]:
            found = {}
            for word in sorted(self.spelling_vocabulary(), key=lambda w: (len(w), w)):
                terms = analyse(word)
                if len(terms) == 1:
                    found.setdefault(terms[0], word)
            return found

        key = (self.connection_alias, "surfaces", ())
        return _keep(key, VOCABULARY_SECONDS, build)

    @staticmethod
    def _either(parts: list[str]) -> str:
        parts = [part for part in parts if part]
        if len(parts) <= 1:
            return parts[0] if parts else ""
        return "(" + " OR ".join(parts) + ")"

    @staticmethod
    def _join(parts: list[str], operator: str) -> str:
        return parts[0] if len(parts) == 1 else "(" + operator.join(parts) + ")"

    def _window(self, syntax, now: datetime) -> str:
        """Published now: visible_from <= now < visible_until (documents.py's window)."""
        moment = now.astimezone(UTC).replace(tzinfo=None) if now.tzinfo else now
        start = syntax.build_query_fragment("visible_from", "lte", moment)
        end = syntax.build_query_fragment("visible_until", "gt", moment)
        return f"({start} AND {end})"

    def _narrows(self, filters: dict, window: str) -> set[str]:
        """The publication window and the active filters as ONE narrow query (a filter).

        One, not one each: haystack's Whoosh backend intersects several narrow queries, and
        when the intersection is empty Whoosh takes the empty filter for no filter at all
        (theme "draagvlak" with province "drenthe" found all 56 documents for "gemeente").
        """
        syntax = self._syntax()
        parts = [window]
        for facet, value in sorted(filters.items()):
            fieldname = engine.FACET_FIELDS[facet]
            parts.append(syntax.build_query_fragment(fieldname, "exact", Raw(_quoted(value))))
        return {" AND ".join(parts)}

    def _facet_request(self, facets: Iterable[str]) -> dict:
        """{facet field: options} as SearchQuery.add_field_facet makes it for this backend."""
        syntax = self._syntax()
        for facet in facets:
            syntax.add_field_facet(facet, **self.facet_options)  # haystack maps it to *_exact
        return dict(syntax.facets)

    def _facets(self, raw: dict) -> dict[str, dict[str, int]]:
        fields = (raw.get("facets") or {}).get("fields") or {}
        found = {}
        for facet, fieldname in engine.FACET_FIELDS.items():
            pairs = fields.get(fieldname) or fields.get(facet) or []
            counts = {}
            for value, count in pairs:
                if value and count:
                    value = value.decode("utf-8") if isinstance(value, bytes) else str(value)
                    counts[value] = counts.get(value, 0) + int(count)
            found[facet] = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        return found

    # -- hits and vocabulary ---------------------------------------------------------------

    @staticmethod
    def _hit(result, query: PageQuery) -> EngineHit:
        published = getattr(result, "published", None)
        if isinstance(published, datetime):
            published = published.date()
        text = getattr(result, "text", "") or ""
        return EngineHit(
            slug=getattr(result, "slug", "") or "",
            kind=getattr(result, "kind", "") or "",
            title=getattr(result, "title", "") or "",
            url=getattr(result, "url", "") or "",
            summary=getattr(result, "summary", "") or "",
            published=published if isinstance(published, date) else None,
            snippet=highlight_text(text, query.terms) if query.highlight else "",
        )

    def _read_vocabulary(self) -> frozenset[str]:
        """Every indexable document's text, split as Whoosh splits its spelling words."""
        field = TEXT(analyzer=dutch_analyzer(), spelling=True)
        unified = connections[self.connection_alias].get_unified_index()
        words = set()
        for model in unified.get_indexed_models():
            index = unified.get_index(model)
            queryset = index.index_queryset(using=self.connection_alias)
            for obj in queryset.iterator(chunk_size=500):
                text = index.document(obj)["text"] if hasattr(index, "document") else ""
                words.update(field.spellable_words(text or ""))
        return frozenset(words)


def _quoted(value: str) -> str:
    """A facet value as one quoted term: values are slugs, quotes are dropped."""
    return '"' + str(value).replace('"', "").replace("\\", "") + '"'
