"""Run a search: query, filters, facets, ordering, pagination, suggestion, editor-free rules.

Plain functions over haystack's SearchQuerySet, so the page and the API share every rule and
any haystack backend can answer.
"""

import logging
from dataclasses import dataclass, field

from django.core.paginator import EmptyPage, Paginator
from django.utils import timezone
from haystack.inputs import Exact
from haystack.query import SearchQuerySet

from kenniscentrum.editorial.search_insights import pinned_items
from kenniscentrum.knowledge.models import Item

from . import query as q
from .documents import REPORT_KIND
from .synonyms import synonym_groups

log = logging.getLogger(__name__)

FACETS = ("kind", "themes", "provinces")
RELAX_BELOW = 3
COMMON_SHARE = 0.4
FILTER_FIELDS = {"kind": "kind_exact", "theme": "themes_exact", "province": "provinces_exact"}


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


def visible(sqs: SearchQuerySet) -> SearchQuerySet:
    """Only documents inside their publication window now (scheduled items, expiry)."""
    now = timezone.now()
    return sqs.filter(visible_from__lte=now, visible_until__gt=now)


def search(request: SearchRequest, page_size: int = 10) -> SearchOutcome:
    parsed = q.parse(request.q, synonym_groups())
    outcome = SearchOutcome(request=request, parsed=parsed)
    if not parsed.clauses:
        return outcome
    try:
        _run(outcome, page_size)
    except Exception:  # the index is missing or broken: say so instead of a server error
        log.exception("Search failed for %r", parsed.text)
        outcome.unavailable = True
    return outcome


def _run(outcome: SearchOutcome, page_size: int) -> None:
    request, parsed = outcome.request, outcome.parsed
    base = visible(SearchQuerySet())
    matched = base.filter(q.build_sq(parsed))
    results = _filtered(matched, request)
    total = exact_count(results)
    if total < RELAX_BELOW and len(parsed.clauses) > 1:
        # Few documents have every word (people type questions, not keywords): rank by any of
        # them. Documents with all words still score highest.
        relaxed_matched = base.filter(q.build_sq(_distinctive(base, parsed), require_all=False))
        relaxed = _filtered(relaxed_matched, request)
        relaxed_total = exact_count(relaxed)
        if relaxed_total > total:
            outcome.relaxed = total == 0
            matched, results, total = relaxed_matched, relaxed, relaxed_total
    if request.sort == "newest":
        results = results.order_by("-published")
    outcome.total = total
    outcome.facets = {name: _facet_counts(matched, request, name) for name in FACETS}
    pinned = [] if request.page > 1 else _recommended(parsed.text) + _pinned(parsed.text, request)
    paginator = Paginator(_Counted(results.highlight(), total), page_size)
    outcome.num_pages = paginator.num_pages if total else 0
    outcome.page = request.page
    try:
        page = paginator.page(request.page) if total else []
    except EmptyPage:
        outcome.page_out_of_range = True
        page = []
    hits = [_hit(result) for result in page]
    first, seen = [], set()
    for hit in pinned:  # recommended first, then the exact match, each once
        if hit.slug not in seen:
            first.append(hit)
            seen.add(hit.slug)
    outcome.hits = first + [hit for hit in hits if hit.slug not in seen]
    outcome.suggestion = _suggestion(parsed, 0 if outcome.relaxed else total)


def exact_count(sqs: SearchQuerySet) -> int:
    """How many documents match, counted through the kind facet.

    haystack 3.4's Whoosh backend undercounts `count()` once the index has more than one
    segment (measured: 17 instead of 27 after a few incremental updates; exact again after
    optimize). Facet counts are computed over every match, and every document has exactly one
    kind, so their sum is exact on every backend.
    """
    fields = sqs.facet("kind").facet_counts().get("fields", {})
    values = fields.get("kind_exact") or fields.get("kind") or []
    return sum(count for _, count in values)


class _Counted:
    """A SearchQuerySet with a known length, for Django's Paginator."""

    def __init__(self, sqs: SearchQuerySet, total: int):
        self.sqs, self.total = sqs, total

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, key):
        return self.sqs[key]


def _distinctive(base: SearchQuerySet, parsed: q.ParsedQuery) -> q.ParsedQuery:
    """For the any-word search, leave out words that most documents contain.

    "statushouders", "gemeente" or "huisvesting" appear in most of this corpus; in an any-word
    search they would rank long report sections first for every question. The words that
    distinguish documents decide instead (Lucene's "common terms" idea). Keeps at least one.
    """
    total = exact_count(base)
    if total == 0:
        return parsed
    counted = [(exact_count(base.filter(q.build_sq(q.ParsedQuery(parsed.text, [c])))), c)
               for c in parsed.clauses]  # fmt: skip
    rare = [clause for count, clause in counted if count <= COMMON_SHARE * total]
    if not rare:
        rare = [min(counted, key=lambda pair: pair[0])[1]]
    return q.ParsedQuery(parsed.text, rare, parsed.truncated, parsed.variants)


def _filtered(sqs: SearchQuerySet, request: SearchRequest, skip: str = "") -> SearchQuerySet:
    for name, fieldname in FILTER_FIELDS.items():
        value = getattr(request, name)
        if value and name != skip:
            sqs = sqs.filter(**{fieldname: Exact(value)})
    return sqs


def _facet_counts(matched: SearchQuerySet, request: SearchRequest, facet: str) -> dict[str, int]:
    """Counts for one facet under every other active filter (so choices combine sensibly)."""
    skip = {"kind": "kind", "themes": "theme", "provinces": "province"}[facet]
    counts = _filtered(matched, request, skip=skip).facet(facet).facet_counts()
    fields = counts.get("fields", {})
    values = fields.get(f"{facet}_exact") or fields.get(facet) or []
    return {value: count for value, count in values if value}


def _hit(result) -> Hit:
    highlighted = (getattr(result, "highlighted", None) or {}).get("text") or [""]
    snippet = highlighted[0] or ""
    return Hit(
        slug=result.slug,
        kind=result.kind,
        title=result.title,
        url=result.url,
        snippet=snippet,
        summary=result.summary,
        published=result.published,
    )


def _pinned(text: str, request: SearchRequest) -> list[Hit]:
    """A regeling's (or any item's) exact name or slug as the query puts that item first."""
    if request.kind and request.kind == REPORT_KIND:
        return []
    needle = text.strip().strip('"').strip()
    if not needle:
        return []
    items = Item.objects.published().filter(slug=needle.lower()) | Item.objects.published().filter(
        title__iexact=needle
    )
    hits = []
    for item in items.distinct()[:1]:
        if request.kind and item.kind != request.kind:
            continue
        if request.theme and not item.themes.filter(slug=request.theme).exists():
            continue
        if request.province and not item.provinces.filter(slug=request.province).exists():
            continue
        hits.append(_item_hit(item, pinned=True))
    return hits


def _recommended(text: str) -> list[Hit]:
    return [_item_hit(item, recommended=True) for item in pinned_items(text)]


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


def _suggestion(parsed: q.ParsedQuery, total: int) -> str:
    """'Bedoelde u …?': a spelling variant's preferred form, or the index's correction."""
    if parsed.variants:
        text = parsed.text
        for typed, preferred in parsed.variants.items():
            text = text.replace(typed, preferred)
        return text
    if total > 0:
        return ""
    suggestion = SearchQuerySet().spelling_suggestion(parsed.text) or ""
    if q.normalise(suggestion)[0].lower() == parsed.text.lower():
        return ""
    return suggestion
