"""Run a search: query, filters, facets, ordering, pagination, suggestion, editor-free rules.

Plain functions over the engine contract (engine.py): one engine pass answers a page with its
hits, exact total and facet counts. The page and the API share every rule here.
"""

import logging
import math
from dataclasses import dataclass, field, replace

from django.db.models.functions import Lower
from django.utils import timezone
from haystack import connections

from kenniscentrum.core.dates import today
from kenniscentrum.knowledge.models import Item
from kenniscentrum.knowledge.selectors import search_hit_dates

from . import hooks
from . import query as q
from .analysis import corpus_vocabulary, fold
from .documents import REPORT_KIND
from .engine import EngineHit, EnginePage, PageQuery
from .synonyms import synonym_groups

log = logging.getLogger(__name__)

FACETS = ("kind", "themes", "provinces")
RELAX_BELOW = 3
COMMON_SHARE = 0.4


@dataclass
class SearchRequest:
    q: str = ""
    kind: str = ""
    theme: str = ""
    province: str = ""
    sort: str = "relevance"  # or "newest"
    page: int = 1


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
    suggestion: str = ""
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    unavailable: bool = False

    @property
    def has_query(self) -> bool:
        return bool(self.parsed.clauses)


def search(request: SearchRequest, page_size: int = 10) -> SearchOutcome:
    parsed = q.parse(request.q, synonym_groups())
    outcome = SearchOutcome(request=request, parsed=parsed)
    clauses = q.engine_clauses(parsed)
    if not clauses:
        parsed.clauses = []  # only stop words: nothing was asked
        return outcome
    try:
        _run(outcome, clauses, page_size)
    except Exception:  # the index is missing or broken: say so instead of a server error
        log.exception("Search failed for %r", parsed.text)
        outcome.unavailable = True
    return outcome


def warm_up() -> None:
    """Do a worker's one-time work before its first visitor: read the decompounding vocabulary,
    open the index and derive its facet postings, and run one search (imports, caches).

    Called when the WSGI application is loaded; at 10,000 items the first search in a fresh
    process otherwise took 0.5 s against 35 ms for the next. A missing index is left for the
    page to report.
    """
    corpus_vocabulary()
    try:
        search(SearchRequest(q="statushouder"))
    except Exception:  # pragma: no cover - search() already turns engine errors into a state
        log.exception("Search warm-up failed")


def _run(outcome: SearchOutcome, clauses, page_size: int) -> None:
    """One engine pass; a second (any-word) pass only when fewer than RELAX_BELOW match all."""
    request, parsed = outcome.request, outcome.parsed
    backend = connections["default"].get_backend()
    page_query = PageQuery(
        clauses=clauses,
        now=timezone.now(),
        filters={"kind": request.kind, "themes": request.theme, "provinces": request.province},
        sort=request.sort,
        offset=(request.page - 1) * page_size,
        limit=page_size,
    )
    page = backend.page_search(page_query)
    if page.total < RELAX_BELOW and len(clauses) > 1:
        # Few documents have every word (people type questions, not keywords): rank by any of
        # them. Documents with all words still score highest.
        relaxed = backend.page_search(
            replace(page_query, clauses=_distinctive(backend, clauses), require_all=False)
        )
        if relaxed.total > page.total:
            outcome.relaxed = page.total == 0
            page = relaxed
    _fill(outcome, page, page_size)
    outcome.suggestion = _suggestion(backend, parsed, outcome.total)


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
    """For the any-word search, leave out words that most documents contain.

    "statushouders", "gemeente" or "huisvesting" appear in most of this corpus; in an any-word
    search they would rank long report sections first for every question. The words that
    distinguish documents decide instead (Lucene's "common terms" idea). Keeps at least one.
    Counted from the index's term statistics, not by searching.
    """
    total = backend.document_count()
    if total == 0:
        return clauses
    counted = [(backend.clause_frequency(clause), clause) for clause in clauses]
    rare = tuple(clause for count, clause in counted if count <= COMMON_SHARE * total)
    return rare or (min(counted, key=lambda pair: pair[0])[1],)


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


def _suggestion(backend, parsed: q.ParsedQuery, total: int) -> str:
    """'Bedoelde u …?': a spelling variant's preferred form, or the index's correction.

    The index is asked only when the query found nothing or very little (fewer than
    RELAX_BELOW results, relaxed ones included): a correction for a query with plenty of
    results is noise, and the check costs a pass over the vocabulary.
    """
    if parsed.variants:
        text = parsed.text
        for typed, preferred in parsed.variants.items():
            text = text.replace(typed, preferred)
        return text
    if total >= RELAX_BELOW:
        return ""
    words = [fold(word) for word in q.words(parsed.text)]
    corrections = backend.suggest(words)
    suggestion = " ".join(corrections.get(word, word) for word in words)
    if not corrections or suggestion.lower() == parsed.text.lower():
        return ""
    return suggestion
