"""The one-pass design of search, counted (not timed), on whichever engine is configured.

`make test` runs the search tests once with Whoosh and once with KC_SEARCH_ENGINE=xapian.
"""

import inspect
import itertools

import pytest
from django.conf import settings
from haystack import connections

from kenniscentrum.knowledge.models import Item
from kenniscentrum.report.models import ReportSection
from kenniscentrum.search import engine
from kenniscentrum.search.documents import item_document, section_document
from kenniscentrum.search.service import SearchRequest, search

pytestmark = pytest.mark.django_db


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize(
    "url",
    [
        "/zoeken/?q=grote+gezinnen",
        "/zoeken/?q=tussenvoorziening&soort=handreiking",
        "/zoeken/?q=gemeente&thema=flexwonen&provincie=gelderland&sortering=nieuwste",
        "/zoeken/?q=gemeente&pagina=2",
        "/api/search?q=corporatie&theme=woningcorporaties",
    ],
)
def test_a_results_page_is_one_engine_search_and_at_most_one_opening(client, url):
    _get(client, "/zoeken/?q=statushouder")  # a worker that has served before
    engine.work.reset()
    _get(client, url)
    assert engine.work.searches == 1
    assert engine.work.opens == 0  # the warm searcher is reused: nothing changed


def test_the_first_search_of_a_worker_opens_the_index_once(client):
    engine.work.reset()
    backend = connections["default"].get_backend()
    _cold(backend)
    _get(client, "/zoeken/?q=taakstelling")
    assert engine.work.searches == 1
    assert engine.work.opens == 1


def test_a_question_with_few_all_word_matches_is_one_pass_too(client):
    """The any-word fallback is scored in the same pass (engine.py; two passes until issue 12)."""
    engine.work.reset()
    outcome = search(SearchRequest(q="regionale tafel oprichten"))
    assert outcome.total >= 3
    assert engine.work.searches == 1


def test_highlighting_runs_only_for_the_shown_hits(monkeypatch):
    backend = connections["default"].get_backend()
    module = inspect.getmodule(type(backend).page_search)
    calls = []
    original = module.highlight_text

    def counting(text, terms, *args, **kwargs):
        calls.append(text)
        return original(text, terms, *args, **kwargs)

    monkeypatch.setattr(module, "highlight_text", counting)
    outcome = search(SearchRequest(q="gemeente"), page_size=5)
    assert outcome.total > 20
    assert len(calls) == 5
    assert all("<mark" in hit.snippet for hit in outcome.hits)


def _documents() -> dict[str, dict]:
    docs = [item_document(i) for i in Item.objects.published().prefetch_related("themes")]
    docs += [section_document(s) for s in ReportSection.objects.all()]
    return {doc["slug"]: doc for doc in docs}


def _brute_force(matched: set[str], docs: dict, filters: dict) -> tuple[int, dict]:
    """Totals and facet counts computed the slow, obvious way over the matched documents."""

    def passes(doc, skip=""):
        for facet, value in filters.items():
            if not value or facet == skip:
                continue
            values = doc[facet] if isinstance(doc[facet], list) else [doc[facet]]
            if value not in values:
                return False
        return True

    total = sum(passes(docs[slug]) for slug in matched)
    facets = {}
    for facet in ("kind", "themes", "provinces"):
        counts = {}
        for slug in matched:
            if passes(docs[slug], skip=facet):
                values = docs[slug][facet]
                for value in values if isinstance(values, list) else [values]:
                    counts[value] = counts.get(value, 0) + 1
        facets[facet] = counts
    return total, facets


@pytest.mark.parametrize("query", ["gemeente", "corporatie", "flexwonen", "grote gezinnen"])
def test_totals_and_facets_equal_a_brute_force_count_with_filters_combined(query):
    docs = _documents()
    everything = search(SearchRequest(q=query), page_size=1000)
    matched = {hit.slug for hit in everything.hits if not (hit.pinned or hit.recommended)}
    assert everything.total == len(matched) > 0
    kinds = [""] + sorted(everything.facets["kind"])[:2]
    themes = [""] + sorted(everything.facets["themes"])[:2]
    provinces = [""] + sorted(everything.facets["provinces"])[:1]
    for kind, theme, province in itertools.product(kinds, themes, provinces):
        filters = {"kind": kind, "themes": theme, "provinces": province}
        outcome = search(SearchRequest(q=query, kind=kind, theme=theme, province=province))
        total, facets = _brute_force(matched, docs, filters)
        assert outcome.total == total, filters
        assert outcome.facets == facets, filters
        shown = {hit.slug for hit in outcome.hits if not (hit.pinned or hit.recommended)}
        assert all(_brute_force({slug}, docs, filters)[0] == 1 for slug in shown), filters


def test_pages_partition_the_results():
    first = search(SearchRequest(q="gemeente"), page_size=7)
    slugs = []
    for page in range(1, first.num_pages + 1):
        outcome = search(SearchRequest(q="gemeente", page=page), page_size=7)
        slugs += [hit.slug for hit in outcome.hits if not outcome.hits[0].pinned or page > 1]
    assert len(slugs) == len(set(slugs)) == first.total


def _cold(backend) -> None:
    """Forget this thread's warm searcher, as in a freshly started worker."""
    module = inspect.getmodule(type(backend).page_search)
    local = module._local
    for name in list(vars(local)):
        delattr(local, name)


def test_a_warm_worker_sees_a_rebuilt_index_at_once(fresh_index):
    """rebuild_index starts a new index (Whoosh: generations counted from the start again)."""
    from django.core.management import call_command

    assert search(SearchRequest(q="zwaluwstaart")).total == 0  # the worker is warm
    Item.objects.filter(slug="expertise-rvo-inschakelen").update(title="Zwaluwstaart bij RVO")
    call_command("rebuild_index", interactive=False, verbosity=0)
    engine.work.reset()
    hits = search(SearchRequest(q="zwaluwstaart")).hits
    assert [hit.slug for hit in hits] == ["expertise-rvo-inschakelen"]
    assert engine.work.opens <= 1


def test_load_content_rebuilds_an_index_of_an_older_format(
    fresh_index, seeds_dir, django_capture_on_commit_callbacks
):
    from kenniscentrum.knowledge.loading import load_corpus
    from kenniscentrum.search.index_format import STAMP, is_current

    assert is_current(fresh_index)
    (fresh_index / STAMP).write_text("older\n", encoding="utf-8")
    Item.objects.filter(slug="expertise-rvo-inschakelen").update(title="Zwaluwstaart bij RVO")
    with django_capture_on_commit_callbacks(execute=True):
        result = load_corpus(settings.CONTENT_DIR, seeds_dir)
    assert result.index_filled and is_current(fresh_index)
    assert [h.slug for h in search(SearchRequest(q="zwaluwstaart")).hits] == [
        "expertise-rvo-inschakelen"
    ]


def test_warm_up_leaves_nothing_for_the_first_visitor(client):
    from kenniscentrum.search.service import warm_up

    _cold(connections["default"].get_backend())
    warm_up()  # what kenniscentrum/wsgi.py does when a worker starts
    engine.work.reset()
    _get(client, "/zoeken/?q=taakstelling")
    assert engine.work.opens == 0 and engine.work.searches == 1
