"""The Xapian engine (kenniscentrum/search/xapian_backend.py), tested on its own.

Every test builds a real Xapian index of the shipped corpus in a temporary folder, whatever
KC_SEARCH_ENGINE says, and asks the backend directly (engine.PageSearchBackend), so the
engine's behaviour is pinned down apart from the service. Oracles are computed from the
database and the Dutch analyzer, never from the index.
"""

import itertools
import re
import threading
from collections import Counter
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
import xapian
from django.core.management import call_command
from django.utils import timezone
from haystack import connections
from haystack.query import SearchQuerySet
from haystack.utils import get_identifier

from kenniscentrum.knowledge.models import Item
from kenniscentrum.report.models import ReportSection
from kenniscentrum.search import engine
from kenniscentrum.search import query as q
from kenniscentrum.search import xapian_backend as xb
from kenniscentrum.search.analysis import analyse, dutch_analyzer
from kenniscentrum.search.documents import item_document, section_document
from kenniscentrum.search.engine import Alternative, EngineClause, PageQuery

ENGINE = "kenniscentrum.search.xapian_backend.DutchXapianEngine"


@contextmanager
def xapian_at(path):
    """Haystack's default connection on our Xapian engine at `path`, for a while."""
    info = connections.connections_info["default"]
    old = info["ENGINE"], info["PATH"]
    info["ENGINE"], info["PATH"] = ENGINE, str(path)
    connections.thread_local.connections = {}
    try:
        yield connections["default"].get_backend()
    finally:
        xb.forget_warm()
        info["ENGINE"], info["PATH"] = old
        connections.thread_local.connections = {}


@pytest.fixture(scope="module")
def built(tmp_path_factory, django_db_setup, django_db_blocker):
    """One index of the shipped corpus for the tests that only read."""
    with xapian_at(tmp_path_factory.mktemp("xapian") / "index") as backend:
        with django_db_blocker.unblock():
            call_command("rebuild_index", interactive=False, verbosity=0)
        yield backend


@pytest.fixture
def fresh(tmp_path, db):
    """A private index for a test that writes to it."""
    with xapian_at(tmp_path / "index") as backend:
        call_command("rebuild_index", interactive=False, verbosity=0)
        yield backend


def page_query(text: str, **options) -> PageQuery:
    options.setdefault("now", timezone.now())
    return PageQuery(clauses=q.engine_clauses(q.parse(text)), **options)


def slugs(backend, text: str, **options) -> list[str]:
    options.setdefault("limit", 1000)
    options.setdefault("highlight", False)
    return [hit.slug for hit in backend.page_search(page_query(text, **options)).hits]


def item_index():
    return connections["default"].get_unified_index().get_index(Item)


def sync(backend, *items: Item) -> None:
    """What the signal processor does after a commit: write these items' current state."""
    index = item_index()
    pks = [item.pk for item in items]
    backend.sync_objects(
        index,
        lambda: list(index.index_queryset().filter(pk__in=pks)),
        [get_identifier(item) for item in items],
    )


def visible_documents() -> dict[str, dict]:
    docs = [item_document(i) for i in Item.objects.published().prefetch_related("themes")]
    docs += [section_document(s) for s in ReportSection.objects.all()]
    return {doc["slug"]: doc for doc in docs}


# -- reading -------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("verhuurderheffing", "vrijstelling-verhuurderheffing"),
        ("interventieladder", "handreiking-interventieladder"),
        ("rvb", "rijksvastgoed-benutten"),
    ],
)
def test_a_query_ranks_the_expected_item_first(built, text, first):
    assert slugs(built, text)[0] == first


@pytest.mark.django_db
def test_a_page_is_one_search_and_the_database_is_opened_once_per_thread(built):
    xb.forget_warm()
    engine.work.reset()
    built.page_search(page_query("gemeente", filters={"themes": "flexwonen"}))
    assert (engine.work.searches, engine.work.opens) == (1, 1)
    built.page_search(page_query("corporatie", sort="newest"))
    built.clause_frequency(EngineClause((Alternative(("gemeent",)),)))
    built.suggest(["statushouers"])
    assert (engine.work.searches, engine.work.opens) == (2, 1)


def _matches(doc: dict, clauses) -> bool:
    """The obvious reading of the query: every clause has a term in title, summary or text."""
    terms = set()
    for fieldname in engine.TEXT_FIELDS:
        terms.update(t.text for t in dutch_analyzer()(doc[fieldname], mode="index"))
    return all(
        any(set(alternative.terms) <= terms for alternative in clause.alternatives)
        for clause in clauses
    )


def _brute_force(matched, docs, filters) -> tuple[int, dict]:
    def passes(doc, skip=""):
        return all(
            value in (doc[facet] if isinstance(doc[facet], list) else [doc[facet]])
            for facet, value in filters.items()
            if value and facet != skip
        )

    total = sum(passes(docs[slug]) for slug in matched)
    facets = {}
    for facet in engine.FACET_FIELDS:
        values = itertools.chain.from_iterable(
            docs[slug][facet] if isinstance(docs[slug][facet], list) else [docs[slug][facet]]
            for slug in matched
            if passes(docs[slug], skip=facet)
        )
        facets[facet] = dict(Counter(values))
    return total, facets


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["gemeente", "corporatie", "flexwonen", "tijdelijke woningen"])
def test_totals_facets_and_hits_equal_a_brute_force_count_under_combined_filters(built, text):
    docs = visible_documents()
    clauses = q.engine_clauses(q.parse(text))
    matched = {slug for slug, doc in docs.items() if _matches(doc, clauses)}
    unfiltered = built.page_search(page_query(text, limit=1000, highlight=False))
    assert {hit.slug for hit in unfiltered.hits} == matched
    kinds = ["", *sorted(unfiltered.facets["kind"])[:2]]
    themes = ["", *sorted(unfiltered.facets["themes"])[:2]]
    provinces = ["", *sorted(unfiltered.facets["provinces"])[:1]]
    for kind, theme, province in itertools.product(kinds, themes, provinces):
        filters = {"kind": kind, "themes": theme, "provinces": province}
        page = built.page_search(page_query(text, filters=filters, limit=5, highlight=False))
        total, facets = _brute_force(matched, docs, filters)
        assert (page.total, page.facets) == (total, facets), filters
        assert len(page.hits) == min(5, total), filters
        assert all(_brute_force({hit.slug}, docs, filters)[0] == 1 for hit in page.hits)


@pytest.mark.django_db
def test_pages_are_slices_of_one_ranking(built):
    everything = slugs(built, "gemeente", filters={"themes": "flexwonen"})
    pages = [
        slugs(built, "gemeente", filters={"themes": "flexwonen"}, offset=start, limit=4)
        for start in range(0, len(everything) + 4, 4)
    ]
    assert list(itertools.chain.from_iterable(pages)) == everything


@pytest.mark.django_db
def test_a_word_finds_the_compounds_it_is_part_of(built):
    with_compound = {
        slug for slug, doc in visible_documents().items() if "woningcorporaties" in doc["text"]
    }
    assert with_compound <= set(slugs(built, "corporatie"))
    assert "handreiking-samenwerken-woningcorporaties" in slugs(built, "corporatie")[:3]


@pytest.mark.django_db
def test_a_phrase_matches_its_words_in_order_across_stop_words(built):
    literal = {
        slug
        for slug, doc in visible_documents().items()
        if "huisvesting van statushouders" in doc["text"].lower()
    }
    phrase = set(slugs(built, '"huisvesting van statushouders"'))
    assert literal and literal <= phrase
    assert phrase <= set(slugs(built, "huisvesting statushouders"))
    assert set(slugs(built, '"woningen tijdelijke"')) < set(slugs(built, '"tijdelijke woningen"'))


@pytest.mark.django_db
@pytest.mark.parametrize(("typed", "written"), [("2500", "2.500"), ("financiele", "financiële")])
def test_numbers_and_accents_are_written_either_way(built, typed, written):
    found = slugs(built, typed)
    assert found and found == slugs(built, written)


@pytest.mark.django_db
def test_highlighting_marks_the_words_of_the_shown_hits_only(built):
    page = built.page_search(page_query("financiele", limit=2))
    assert len(page.hits) == 2
    assert all("<mark" in hit.snippet and "financi" in hit.snippet.lower() for hit in page.hits)
    quiet = built.page_search(page_query("financiele", limit=2, highlight=False))
    assert [hit.snippet for hit in quiet.hits] == ["", ""]


@pytest.mark.django_db
def test_hits_carry_the_stored_fields(built):
    hit = built.page_search(page_query("interventieladder", limit=1)).hits[0]
    item = Item.objects.get(slug=hit.slug)
    assert (hit.title, hit.kind, hit.url, hit.summary, hit.published) == (
        item.title, item.kind, item.get_absolute_url(), item.summary, item.published,
    )  # fmt: skip


@pytest.mark.django_db
def test_suggestions_only_for_words_the_index_does_not_know(built):
    words = ["statushouers", "statushouders", "gemeenten", "de", "2500", "tusenvoorziening"]
    assert built.suggest(words) == {
        "statushouers": "statushouders",
        "tusenvoorziening": "tussenvoorziening",
    }


@pytest.mark.django_db
def test_clause_frequency_is_an_upper_bound_from_term_statistics(built):
    single = EngineClause((Alternative(("gemeent",)),))
    either = EngineClause(
        (Alternative(("interventieladder",)), Alternative(("tijdelijk", "woning")))
    )
    for clause in (single, either):
        found = built.page_search(PageQuery(clauses=(clause,), now=timezone.now(), limit=0))
        assert built.clause_frequency(clause) >= found.total > 0
    assert built.document_count() == len(visible_documents())


def test_a_missing_index_raises_on_search_and_counts_empty_for_haystack(tmp_path, db):
    with xapian_at(tmp_path / "never-built") as backend:
        with pytest.raises(xb.InvalidIndexError):
            backend.page_search(page_query("gemeente"))
        assert SearchQuerySet().count() == 0  # load_content rebuilds on this


# -- what is indexed -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_index_holds_exactly_the_analyzers_terms_with_compound_parts_at_one_position(fresh):
    item = Item.objects.get(slug="vrijstelling-verhuurderheffing")
    item.title = "Woningcorporaties bouwen tijdelijk"
    item.save()
    sync(fresh, item)
    db = xb.open_reader(fresh.path)
    docid = next(db.postlist("Q" + get_identifier(item))).docid
    indexed = {t.term.decode(): t for t in db.termlist(docid) if t.term.decode().startswith("S")}
    expected = Counter(analyse(item.title, mode="index"))
    assert {term[1:]: t.wdf for term, t in indexed.items()} == expected
    positions = {term[1:]: list(db.positionlist(docid, term)) for term in indexed}
    assert positions["woningcorporatie"] == positions["woning"] == positions["corporatie"] == [1]
    assert positions["bouw"] == [2]
    title = slugs(fresh, '"woningcorporaties bouwen"')
    assert item.slug in title and item.slug in slugs(fresh, '"corporaties bouwen"')
    text_terms = Counter(
        {t.term.decode(): t.wdf for t in db.termlist(docid) if not t.term.decode()[:1].isupper()}
    )
    assert text_terms == Counter(analyse(item_document(item)["text"], mode="index"))


@pytest.mark.django_db
def test_newest_first_orders_by_publication_date(fresh):
    old, new = Item.objects.filter(slug__in=["aanbeveling-4", "aanbeveling-5"]).order_by("slug")
    old.published, new.published = date(2019, 1, 1), date(2030, 1, 1)
    old.save()
    new.save()
    sync(fresh, old, new)
    newest = slugs(fresh, "corporatie", sort="newest")
    assert newest[0] == new.slug and newest[-1] == old.slug
    assert sorted(newest) == sorted(slugs(fresh, "corporatie"))


@pytest.mark.django_db
def test_only_documents_inside_their_publication_window_are_found(fresh):
    item = Item.objects.get(slug="handreiking-interventieladder")
    start = timezone.now() + timedelta(days=2)
    end = start + timedelta(days=30)
    item.publish_at, item.expire_at = start, end
    item.save()
    sync(fresh, item)

    def found(now) -> bool:
        return item.slug in slugs(fresh, "interventieladder", now=now)

    tick = timedelta(microseconds=1)
    assert not found(timezone.now())
    assert not found(start - tick)
    assert found(start) and found(end - tick)
    assert not found(end)


# -- writing -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_sync_objects_replaces_and_deletes_documents_and_their_spelling(fresh):
    count = fresh.document_count()
    item = Item.objects.get(slug="rvb-flexwoningen")
    item.title = "Kwartelkoning en de flexwoning"
    item.save()
    sync(fresh, item)
    assert slugs(fresh, "kwartelkoning") == [item.slug]
    assert fresh.document_count() == count
    assert fresh.suggest(["kwartelkonin"]) == {"kwartelkonin": "kwartelkoning"}

    item.title = "Flexwoningen van het Rijksvastgoedbedrijf"
    item.save()
    sync(fresh, item)
    assert slugs(fresh, "kwartelkoning") == []
    assert fresh.suggest(["kwartelkonin"]).get("kwartelkonin") != "kwartelkoning"

    item.status = "gearchiveerd"
    item.save()
    sync(fresh, item)  # no longer indexable: read_objects() does not return it
    assert item.slug not in slugs(fresh, "flexwoningen")
    assert fresh.document_count() == count - 1


@pytest.mark.django_db
def test_sync_objects_changes_nothing_when_reading_fails(fresh):
    item = Item.objects.get(slug="rvb-flexwoningen")
    index = item_index()

    def failing():
        raise RuntimeError("database gone")

    with pytest.raises(RuntimeError):
        fresh.sync_objects(index, failing, [get_identifier(item)])
    assert item.slug in slugs(fresh, "flexwoningen")


@pytest.mark.django_db
def test_haystack_remove_clear_and_update_keep_working(fresh):
    item = Item.objects.get(slug="rvb-flexwoningen")
    fresh.remove(item)
    assert item.slug not in slugs(fresh, "flexwoningen")
    stored = {result.slug for result in SearchQuerySet().models(Item)[:1000]}
    assert item.slug not in stored and len(stored) == Item.objects.published().count() - 1
    fresh.clear()
    assert fresh.document_count() == 0 and slugs(fresh, "flexwoningen") == []
    fresh.update(item_index(), item_index().index_queryset())
    assert item.slug in slugs(fresh, "flexwoningen")


@pytest.mark.django_db
def test_a_writer_waits_for_the_lock_instead_of_losing_the_change(fresh, monkeypatch):
    item = Item.objects.get(slug="rvb-flexwoningen")
    holder = xapian.WritableDatabase(fresh.path, xapian.DB_OPEN)
    monkeypatch.setattr(xb, "LOCK_TIMEOUT", 0.0)
    with pytest.raises(xapian.DatabaseLockError):
        fresh.remove(item)
    monkeypatch.setattr(xb, "LOCK_TIMEOUT", 30.0)
    release = threading.Timer(0.2, holder.close)
    release.start()
    fresh.remove(item)  # blocks until the holder lets go
    release.join()
    assert item.slug not in slugs(fresh, "flexwoningen")


@pytest.mark.django_db
def test_a_reader_follows_a_rebuild_by_opening_once(fresh):
    """A reopened handle on an overwritten database returned the old documents' data for the
    new document ids, so a rebuild (new uuid) costs one opening."""
    assert "rvb-flexwoningen" in slugs(fresh, "flexwoningen")
    engine.work.reset()
    call_command("rebuild_index", interactive=False, verbosity=0)
    assert "rvb-flexwoningen" in slugs(fresh, "flexwoningen")
    assert engine.work.opens == 1


def test_token_cache_gives_the_analyzers_terms():
    text = "De woningcorporaties en 2.500 financiële statushouders: Gezinnen!"
    terms = [t for raw in re.findall(xb.WORD_PATTERN, text) for t in xb.token_analysis(raw)[0]]
    assert terms == analyse(text, mode="index")
