"""Scale smoke test: 2,000 generated items, an index of several segments, exact counts.

haystack's Whoosh `count()` once undercounted as soon as the index had more than one segment
(17 instead of 27). Here the corpus is loaded the normal way, then edited in separate commits
(each adds a segment to a Whoosh index), and every total and facet count is compared with a
brute-force count: the documents whose analysed text contains the query's term, computed from
the database with the same Dutch analysis, not by the engine.
"""

import itertools

import pytest
from django.conf import settings

from kenniscentrum.knowledge.loading import load_corpus
from kenniscentrum.knowledge.models import Item
from kenniscentrum.knowledge.synthetic import generate_corpus
from kenniscentrum.report.models import ReportSection
from kenniscentrum.search.analysis import analyse
from kenniscentrum.search.documents import item_document, section_document
from kenniscentrum.search.service import SearchRequest, search
from tests.conftest import index_at

GENERATED = 2000
QUERIES = ("gemeente", "regionale", "draagvlak", "interventieladder")


@pytest.fixture
def large_corpus(tmp_path, db, django_capture_on_commit_callbacks):
    content = tmp_path / "content"
    generate_corpus(settings.CONTENT_DIR, settings.SEEDS_DIR, content, GENERATED, seed=7)
    with index_at(tmp_path / "index"):
        with django_capture_on_commit_callbacks(execute=True):
            load_corpus(content, settings.SEEDS_DIR)
        for item in Item.objects.order_by("pk")[:3]:  # three more commits: more segments
            with django_capture_on_commit_callbacks(execute=True):
                item.title = f"{item.title} (bijgewerkt)"
                item.save()
        yield


def _documents() -> list[dict]:
    items = Item.objects.published().prefetch_related("themes", "provinces")
    docs = [item_document(item) for item in items]
    return docs + [section_document(section) for section in ReportSection.objects.all()]


def _brute_force(docs, terms: list[set], term: str, filters: dict) -> tuple[int, dict]:
    def has(doc, facet, value):
        values = doc[facet] if isinstance(doc[facet], list) else [doc[facet]]
        return value in values

    def passes(doc, skip=""):
        return all(has(doc, f, v) for f, v in filters.items() if v and f != skip)

    matched = [doc for doc, found in zip(docs, terms, strict=True) if term in found]
    total = sum(passes(d) for d in matched)
    facets = {}
    for facet in ("kind", "themes", "provinces"):
        counts = {}
        for doc in matched:
            if passes(doc, skip=facet):
                values = doc[facet] if isinstance(doc[facet], list) else [doc[facet]]
                for value in values:
                    counts[value] = counts.get(value, 0) + 1
        facets[facet] = counts
    return total, facets


@pytest.mark.django_db
def test_totals_and_facets_stay_exact_over_a_large_segmented_index(large_corpus):
    docs = _documents()
    assert len(docs) > GENERATED
    terms = [set(analyse(doc["text"], mode="index")) for doc in docs]
    for query in QUERIES:
        (term,) = analyse(query)
        plain = search(SearchRequest(q=query))
        assert not plain.unavailable and not plain.relaxed
        kinds = ["", *sorted(plain.facets["kind"])[:2]]
        themes = ["", *sorted(plain.facets["themes"])[:1]]
        provinces = ["", *sorted(plain.facets["provinces"])[:1]]
        for kind, theme, province in itertools.product(kinds, themes, provinces):
            request = SearchRequest(q=query, kind=kind, theme=theme, province=province)
            outcome = search(request)
            filters = {"kind": kind, "themes": theme, "provinces": province}
            total, facets = _brute_force(docs, terms, term, filters)
            assert outcome.total == total, (query, filters)
            assert outcome.facets == facets, (query, filters)
