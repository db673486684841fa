"""Run a search: query, filters, facets, ordering, pagination, spelling, editor-free rules.

Plain functions over the engine contract (engine.py): one engine pass answers a page with its
hits, exact total and facet counts. The page and the API share every rule here.
"""

import logging
import math
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.db.models.functions import Lower
from django.utils import timezone
from haystack import connections

from kenniscentrum.core.dates import today
from kenniscentrum.knowledge.models import Item
from kenniscentrum.knowledge.selectors import search_hit_dates

from . import hooks, spelling
from . import query as q
from .analysis import corpus_vocabulary, query_vocabulary
from .documents import REPORT_KIND
from .engine import Alternative, EngineClause, EngineHit, EnginePage, PageQuery
from .questions import question_words
from .synonyms import synonym_groups

log = logging.getLogger(__name__)

FACETS = ("kind", "themes", "provinces")
RELAX_BELOW = 3
COMMON_SHARE = 0.4
# Words in more than COMMON_SHARE of the documents count this much in the score of a query of
# several words: relevance suite MRR 0.911 and 0.899 (Whoosh, Xapian) with 0.5, against 0.911
# and 0.874 with 1; 0.25 and 0 did worse (issue 12).
COMMON_WEIGHT = 0.5


@dataclass
class SearchRequest:
    q: str = ""
    kind: str = ""
    theme: str = ""
    province: str = ""
    sort: str = "relevance"  # or "newest"
    page: int = 1
    exact: bool = False  # search the query as typed, never its spelling correction


@dataclass
class Hit:
    slug: str
    kind: str
    title: str
    url: str
    snippet: str
    summary: str
    published: object
    pinned: bool = False  # the query is this item's exact title or slug ("Beste treffer")
    recommended: bool = False  # an eindredacteur pinned it to this query ("Aanbevolen")
    # Read from the database when the page is shown (_with_dates), not indexed: an editor's
    # later check, and the day a regeling ended once that day has come.
    checked_on: object = None
    ended_on: object = None


@dataclass
class SearchOutcome:
    request: SearchRequest
    parsed: q.ParsedQuery
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    page: int = 1
    num_pages: int = 0
    page_out_of_range: bool = False
    relaxed: bool = False  # no result had every word: showing results with some of them
    suggestion: str = ""  # "Bedoelde u …?": offered, not searched
    # Searched instead of the typed query, which found nothing ("Resultaten voor …"); `parsed`
    # is then the corrected query, and `original_query` what was typed.
    corrected_query: str = ""
    original_query: str = ""
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    unavailable: bool = False

    @property
    def has_query(self) -> bool:
        return bool(self.parsed.clauses)


def search(request: SearchRequest, page_size: int = 10) -> SearchOutcome:
    groups = synonym_groups()
    parsed = q.parse(request.q, groups, _filler())
    outcome = SearchOutcome(request=request, parsed=parsed)
    clauses = q.engine_clauses(parsed)
    if not clauses:
        parsed.clauses = []  # only stop words: nothing was asked
        return outcome
    try:
        return _search(outcome, groups, page_size)
    except Exception:  # the index is missing or broken: say so instead of a server error
        log.exception("Search failed for %r", parsed.text)
        outcome.unavailable = True
    return outcome


def _search(outcome: SearchOutcome, groups, page_size: int) -> SearchOutcome:
    """The typed query, or its spelling correction when the typed one can find nothing.

    A typed word that no document contains (spelling.py, from term statistics, no search)
    means that no document has every word. When each such word has a sure correction, the
    corrected query is searched (one pass). If that finds at least spelling.APPLY_AT documents
    with every word, its page is shown: "Resultaten voor …", the typed query one click away
    (`exact`). With SEARCH_AUTOCORRECT off it is only offered ("Bedoelde u …?"), and a
    correction that finds nothing with every word is not offered at all. The typed query's
    all-words search is known to find nothing and is not run, so a page costs at most two
    passes either way.
    """
    request, parsed = outcome.request, outcome.parsed
    backend = connections["default"].get_backend()
    correction = spelling.correct(backend, parsed, groups)
    if correction is None:
        _run(outcome, page_size)
        outcome.suggestion = _suggestion(parsed, None)
        return outcome
    offered = None
    if not request.exact:
        autocorrect = bool(settings.SEARCH_AUTOCORRECT)
        corrected, first = _corrected(outcome, correction, groups, page_size, autocorrect)
        if first is not None and first.every_word >= spelling.APPLY_AT:
            if autocorrect:
                _run(corrected, page_size, first=first)
                return corrected
            offered = correction
    _run(outcome, page_size, none_has_every_word=True)
    outcome.suggestion = _suggestion(parsed, offered)
    return outcome


def _corrected(outcome, correction, groups, page_size: int, shown: bool):
    """The corrected query's outcome (not filled yet) and its all-words page (None: nothing
    to search). Only counted (no hits, no snippets) when it will not be shown.
    """
    parsed = q.parse(correction.text, groups, _filler())
    corrected = SearchOutcome(
        request=outcome.request,
        parsed=parsed,
        corrected_query=parsed.text,
        original_query=outcome.parsed.text,
    )
    if not q.engine_clauses(parsed):
        return corrected, None
    page_query = _page_query(outcome.request, parsed, page_size)
    if not shown:
        page_query = replace(page_query, limit=0, highlight=False)
    backend = connections["default"].get_backend()
    return corrected, backend.page_search(page_query)


def warm_up() -> None:
    """Do a worker's one-time work before its first visitor: read the decompounding vocabulary,
    open the index and derive its facet postings, and run one search (imports, caches).

    Called when the WSGI application is loaded; at 10,000 items the first search in a fresh
    process otherwise took 0.5 s against 35 ms for the next. A missing index is left for the
    page to report.
    """
    corpus_vocabulary()
    if settings.SEARCH_QUERY_DECOMPOUND:
        query_vocabulary()  # with the general Dutch word list (0.2 s when not kept in VAR_DIR)
    try:
        search(SearchRequest(q="statushouder"))
    except Exception:  # pragma: no cover - search() already turns engine errors into a state
        log.exception("Search warm-up failed")


def _page_query(request: SearchRequest, parsed: q.ParsedQuery, page_size: int) -> PageQuery:
    """The engine query for a page: the parsed query analysed (compounds split against the
    index's counts), its distinctive words marked, and the any-word fallback in the same pass."""
    backend = connections["default"].get_backend()
    clauses = q.engine_clauses(parsed, _frequency(backend))
    return PageQuery(
        clauses=_distinctive(backend, clauses),
        now=timezone.now(),
        filters={"kind": request.kind, "themes": request.theme, "provinces": request.province},
        sort=request.sort,
        offset=(request.page - 1) * page_size,
        limit=page_size,
        relax_below=RELAX_BELOW,
        coverage=settings.SEARCH_QUESTIONS,
    )


def _run(
    outcome: SearchOutcome,
    page_size: int,
    first: EnginePage | None = None,
    none_has_every_word: bool = False,
):
    """One engine pass (none when the caller has the page: `first`, the spelling flow).

    When fewer than RELAX_BELOW documents have every word (people type questions, not
    keywords), the same pass ranks the documents with any of the distinctive words instead
    (engine.py); documents with more of them, and with every word, still score highest.
    `none_has_every_word`: a typed word no document contains (spelling.py); a query that
    cannot fall back then needs no pass at all.
    """
    if first is None:
        page_query = _page_query(outcome.request, outcome.parsed, page_size)
        if none_has_every_word and not page_query.falls_back:
            first = EnginePage(total=0, facets={}, hits=[])
        else:
            first = connections["default"].get_backend().page_search(page_query)
    outcome.relaxed = first.relaxed and not first.all_words
    _fill(outcome, first, page_size)


def _filler() -> frozenset[str]:
    """The question and filler words of content/vraagwoorden.yaml (off: none)."""
    return question_words().words if settings.SEARCH_QUESTIONS else frozenset()


def _frequency(backend):
    """In how many documents analysed terms occur, from the index's term statistics."""

    def frequency(terms: tuple[str, ...]) -> int:
        return backend.clause_frequency(EngineClause((Alternative(terms),)))

    return frequency


def _fill(outcome: SearchOutcome, page: EnginePage, page_size: int) -> None:
    request = outcome.request
    outcome.total = page.total
    outcome.facets = {name: page.facets.get(name, {}) for name in FACETS}
    outcome.num_pages = math.ceil(page.total / page_size) if page.total else 0
    outcome.page = request.page
    if page.total and request.page > outcome.num_pages:
        outcome.page_out_of_range = True
    pinned = (
        []
        if request.page > 1
        else _recommended(outcome.parsed.text) + _pinned(outcome.parsed.text, request)
    )
    first, seen = [], set()
    for hit in pinned:  # recommended first, then the exact match, each once
        if hit.slug not in seen:
            first.append(hit)
            seen.add(hit.slug)
    outcome.hits = first + [_hit(hit) for hit in page.hits if hit.slug not in seen]
    _with_dates(outcome.hits)


def _with_dates(hits: list[Hit]) -> None:
    """Give each item hit the dates its result may show: one query for the page's hits.

    Whether a regeling has ended depends on the day a page is shown, so it is not a value of the
    index (which would also need a rebuild for every such day).
    """
    slugs = [hit.slug for hit in hits if hit.kind != REPORT_KIND]
    if not slugs:
        return
    found = search_hit_dates(slugs, today())
    for hit in hits:
        hit.checked_on, hit.ended_on = found.get(hit.slug, (None, None))


def _distinctive(backend, clauses):
    """Mark which words may bring a document into the any-word fallback (anchors).

    "statushouders", "gemeente" or "huisvesting" appear in most of this corpus; in an any-word
    search they would rank long report sections first for every question. The words that
    distinguish documents decide instead (Lucene's "common terms" idea); the common ones still
    add to the score (COMMON_WEIGHT) of a document that has a distinctive one. Keeps at least
    one anchor. Counted from the index's term statistics, not by searching.
    """
    required = [clause for clause in clauses if clause.required]
    total = backend.document_count()
    if total == 0 or len(required) < 2:
        return clauses
    counts = {clause: backend.clause_frequency(clause) for clause in required}
    rare = {clause for clause, count in counts.items() if count <= COMMON_SHARE * total}
    rare = rare or {min(required, key=counts.__getitem__)}
    return tuple(
        _marked(clause, clause in rare) if clause.required else clause for clause in clauses
    )


def _marked(clause: EngineClause, anchor: bool) -> EngineClause:
    return replace(clause, anchor=anchor, weight=clause.weight if anchor else COMMON_WEIGHT)


def _hit(hit: EngineHit) -> Hit:
    return Hit(
        slug=hit.slug,
        kind=hit.kind,
        title=hit.title,
        url=hit.url,
        snippet=hit.snippet,
        summary=hit.summary,
        published=hit.published,
    )


def _pinned(text: str, request: SearchRequest) -> list[Hit]:
    """A regeling's (or any item's) exact name or slug as the query puts that item first."""
    if request.kind and request.kind == REPORT_KIND:
        return []
    needle = text.strip().strip('"').strip()
    if not needle:
        return []
    published = Item.objects.published()
    by_title = published.alias(title_lower=Lower("title")).filter(title_lower=needle.lower())
    found = published.filter(slug=needle.lower())[:1] or by_title[:1]  # both use an index
    hits = []
    for item in found:
        if request.kind and item.kind != request.kind:
            continue
        if request.theme and not item.themes.filter(slug=request.theme).exists():
            continue
        if request.province and not item.provinces.filter(slug=request.province).exists():
            continue
        hits.append(_item_hit(item, pinned=True))
    return hits


def _recommended(text: str) -> list[Hit]:
    """Items editors recommend for this query (editorial registers itself in hooks)."""
    return [_item_hit(item, recommended=True) for item in hooks.promoted_items(text)]


def _item_hit(item: Item, **flags) -> Hit:
    """A hit straight from the database (pinned items), shown with its summary."""
    return Hit(
        slug=item.slug,
        kind=item.kind,
        title=item.title,
        url=item.get_absolute_url(),
        snippet="",
        summary=item.summary,
        published=item.published,
        **flags,
    )


def _suggestion(parsed: q.ParsedQuery, correction: spelling.Correction | None) -> str:
    """'Bedoelde u …?': the preferred form of a spelling variant, and the spelling correction
    when it was not searched (autocorrect off, or the typed query forced)."""
    text = correction.text if correction is not None else parsed.text
    for typed, preferred in parsed.variants.items():
        text = text.replace(typed, preferred)
    return "" if text == parsed.text else text
