"""The portable reading side (search/haystack_reading.py) against our one-pass Whoosh engine.

Both engines read the same Whoosh index of the shipped corpus (PortableWhooshEngine writes with
the same schema), whatever KC_SEARCH_ENGINE says: one through haystack's search() as Solr or
Elasticsearch would be read, one in a single pass. Where the design says they agree (which
documents have every word, totals, facet counts, filters, pages, the catalogue, the spelling
vocabulary) they must be equal; where it says they differ (ranking without the proximity and
coverage boosts, the fallback as a second search), the documented property is asserted.
"""

import itertools
import sys
import threading
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from haystack import connections
from haystack.backends import BaseEngine
from haystack.backends.whoosh_backend import WhooshSearchQuery
from whoosh.writing import CLEAR

from kenniscentrum.search import engine
from kenniscentrum.search import query as q
from kenniscentrum.search.analysis import analyse
from kenniscentrum.search.embedded import engine_class_is_embedded, engine_is_embedded
from kenniscentrum.search.engine import PageQuery
from kenniscentrum.search.haystack_reading import HaystackReading, forget_kept
from kenniscentrum.search.index_builds import builds_dir
from kenniscentrum.search.index_health import index_health
from kenniscentrum.search.portable_backends import (
    ElasticsearchEngine,
    PortableWhooshSearchBackend,
    SolrEngine,
    _elasticsearch,
    _solr,
)
from kenniscentrum.search.service import SearchRequest, search

pytestmark = pytest.mark.django_db

NATIVE = "kenniscentrum.search.backend.DutchWhooshEngine"
PORTABLE = "kenniscentrum.search.portable_backends.PortableWhooshEngine"
SERVER_LIKE = "tests.test_portable_reading.ServerLikeEngine"
ALL_WORDS = ["gemeente", "corporatie", "flexwonen", "grote gezinnen", "tijdelijke woningen"]


class ServerLikeBackend(PortableWhooshSearchBackend):
    """The portable engine, told it is a server: exercises every `engine_is_embedded` branch."""

    embedded = False

    def clear(self, models=None, commit=True):
        """Empty the index as a server does, with a delete-all that keeps the index itself.

        Whoosh's own clear removes the folder, and a page read meanwhile (the editor's
        redirect after the rebuild button) re-creates it mid-removal: rmtree then fails with
        "Directory not empty". A real server never removes its core, so neither does this.
        """
        if models is not None:
            return super().clear(models, commit)
        writer = self.locked_writer()
        writer.commit(mergetype=CLEAR)


class ServerLikeEngine(BaseEngine):
    backend = ServerLikeBackend
    query = WhooshSearchQuery


@contextmanager
def engine_at(dotted: str, path):
    """Haystack's default connection on another engine and index folder, for a while."""
    info = connections.connections_info["default"]
    old = info["ENGINE"], info["PATH"]
    info["ENGINE"], info["PATH"] = dotted, str(path)
    connections.thread_local.connections = {}
    forget_kept()
    try:
        yield connections["default"].get_backend()
    finally:
        info["ENGINE"], info["PATH"] = old
        connections.thread_local.connections = {}
        forget_kept()


@pytest.fixture(scope="module")
def index_path(tmp_path_factory, django_db_setup, django_db_blocker):
    """One index of the shipped corpus, written by the portable engine, read by both."""
    path = tmp_path_factory.mktemp("portable") / "index"
    with engine_at(PORTABLE, path), django_db_blocker.unblock():
        call_command("rebuild_index", interactive=False, verbosity=0)
    return path


def on(dotted, index_path, **request):
    page_size = request.pop("page_size", 10)
    with engine_at(dotted, index_path):
        return search(SearchRequest(**request), page_size=page_size)


def both(index_path, **request):
    return on(NATIVE, index_path, **request), on(PORTABLE, index_path, **request)


def slugs(outcome) -> list[str]:
    return [hit.slug for hit in outcome.hits if not (hit.pinned or hit.recommended)]


# -- the same answers ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ALL_WORDS)
def test_all_words_queries_find_the_same_documents(index_path, text):
    native, portable = both(index_path, q=text, page_size=1000)
    assert not native.relaxed and not portable.relaxed
    assert portable.total == native.total > 0
    assert set(slugs(portable)) == set(slugs(native))
    assert portable.facets == native.facets


@pytest.mark.parametrize("text", ["gemeente", "corporatie", "flexwonen"])
def test_one_word_ranks_the_same(index_path, text):
    """One word has no optional clauses: the same BM25F query, the same order."""
    native, portable = both(index_path, q=text, page_size=1000)
    assert slugs(portable) == slugs(native)


@pytest.mark.parametrize("text", ["gemeente", "corporatie"])
def test_facet_counts_and_filter_combinations_agree(index_path, text):
    everything = on(NATIVE, index_path, q=text)
    kinds = [""] + sorted(everything.facets["kind"])[:2]
    themes = [""] + sorted(everything.facets["themes"])[:2]
    provinces = [""] + sorted(everything.facets["provinces"])[:1]
    for kind, theme, province in itertools.product(kinds, themes, provinces):
        request = dict(q=text, kind=kind, theme=theme, province=province, page_size=1000)
        native, portable = both(index_path, **request)
        assert portable.total == native.total, request
        assert portable.facets == native.facets, request  # each under the other filters
        assert set(slugs(portable)) == set(slugs(native)), request


def test_pages_partition_the_results(index_path):
    first = on(PORTABLE, index_path, q="gemeente", page_size=7)
    seen = []
    for page in range(1, first.num_pages + 1):
        outcome = on(PORTABLE, index_path, q="gemeente", page=page, page_size=7)
        assert outcome.total == first.total
        seen += slugs(outcome)
    assert len(seen) == len(set(seen)) == first.total
    assert seen == slugs(on(NATIVE, index_path, q="gemeente", page_size=1000))


def test_a_page_beyond_the_last_keeps_the_total(index_path):
    """Whoosh answers "0 hits" beyond the last page; the total must still be known."""
    native, portable = both(index_path, q="grote gezinnen", page=50)
    assert portable.total == native.total > 0
    assert portable.page_out_of_range and native.page_out_of_range
    assert portable.hits == []


def test_sort_newest(index_path):
    native, portable = both(index_path, q="gemeente", sort="newest", page_size=1000)
    dates = [hit.published for hit in portable.hits if not hit.pinned]
    assert dates == sorted(dates, reverse=True)
    assert set(slugs(portable)) == set(slugs(native))
    assert [h.published for h in native.hits if not h.pinned] == dates  # same dates, in order


def test_the_publication_window_is_applied(index_path):
    """visible_from/visible_until as a narrow query: before 1900 nothing is published yet."""
    with engine_at(PORTABLE, index_path) as backend:
        clauses = q.engine_clauses(q.parse("gemeente"))
        now = PageQuery(clauses=clauses, now=timezone.now())
        assert backend.page_search(now).total > 0
        before = PageQuery(clauses=clauses, now=datetime(1850, 1, 1, tzinfo=UTC))
        assert backend.page_search(before).total == 0


def test_catalogue_and_statistics_equal_the_native_engine(index_path):
    with engine_at(NATIVE, index_path) as native:
        catalogue, count = native.catalogue(), native.document_count()
        vocabulary = native.spelling_vocabulary()
    with engine_at(PORTABLE, index_path) as portable:
        assert portable.catalogue() == catalogue
        assert portable.document_count() == count
        assert portable.spelling_vocabulary() == vocabulary  # from the database, same words


def test_stems_that_change_when_analysed_again_are_sent_as_words(index_path):
    """Why the portable path sends words: "huisvestingsverordening" has the stem
    "huisvestingsverorden", which analysed again becomes "huisvestingsverord" (no such term).
    """
    stem = analyse("huisvestingsverordening")[0]
    assert analyse(stem) != [stem]
    native, portable = both(index_path, q="huisvestingsverordening", page_size=100)
    assert portable.total == native.total > 0
    with engine_at(NATIVE, index_path) as backend:
        expected = backend.document_frequency([stem])
    with engine_at(PORTABLE, index_path) as backend:
        assert backend._spoken(stem) != stem
        assert backend.document_frequency([stem]) == expected > 0


def test_the_fallback_ranks_the_same_documents(index_path):
    """A question few documents answer with every word: a second search (OR over the
    distinctive words) instead of the tiered pass; the same documents, ranked by BM25 alone."""
    text = "regionale tafel oprichten"
    native, portable = both(index_path, q=text, page_size=1000)
    assert native.relaxed and portable.relaxed
    assert portable.total == native.total
    assert set(slugs(portable)) == set(slugs(native))
    assert portable.facets == native.facets


def test_highlighting_and_spelling(index_path):
    portable = on(PORTABLE, index_path, q="gemeente", page_size=5)
    assert len(portable.hits) == 5 and all("<mark" in hit.snippet for hit in portable.hits)
    corrected = on(PORTABLE, index_path, q="statushouers")
    assert corrected.corrected_query == "statushouders" and corrected.total > 0


def test_the_search_page_and_the_api_render(index_path, client):
    with engine_at(PORTABLE, index_path):
        page = client.get("/zoeken/", {"q": "grote gezinnen", "soort": "handreiking"})
        assert page.status_code == 200
        assert "<mark" in page.content.decode()
        data = client.get("/api/search", {"q": "grote gezinnen"}).json()
    assert "pilot-grote-gezinnen" in [r["slug"] for r in data["results"][:3]]
    assert sum(data["facets"]["kind"].values()) == data["total"]


# -- engine searches per page (the design) -------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "searches"),
    [
        ("/zoeken/?q=grote+gezinnen", 1),
        ("/zoeken/?q=gemeente&pagina=2", 1),
        ("/zoeken/?q=tussenvoorziening&soort=handreiking", 2),  # + the kind facet
        ("/zoeken/?q=gemeente&thema=flexwonen&provincie=gelderland&sortering=nieuwste", 3),
        ("/api/search?q=corporatie&theme=woningcorporaties", 2),
        ("/zoeken/?q=regionale+tafel+oprichten", 2),  # every word, then the fallback
    ],
)
def test_searches_per_page_with_statistics_kept(index_path, client, url, searches):
    with engine_at(PORTABLE, index_path):
        assert client.get(url).status_code == 200  # counts (statistics) are now kept
        engine.work.reset()
        assert client.get(url).status_code == 200
        assert engine.work.searches == searches


def test_a_first_page_also_counts_its_statistics(index_path, client):
    """document_count and one count per word, kept for STATISTICS_SECONDS afterwards."""
    with engine_at(PORTABLE, index_path):
        engine.work.reset()
        assert client.get("/zoeken/?q=grote+gezinnen").status_code == 200
        assert 1 < engine.work.searches <= 1 + 1 + 2


# -- server engines -----------------------------------------------------------------------------


def test_which_engines_are_embedded(index_path):
    assert engine_class_is_embedded(NATIVE) and engine_class_is_embedded(PORTABLE)
    assert not engine_class_is_embedded("kenniscentrum.search.portable_backends.SolrEngine")
    assert not engine_class_is_embedded(
        "kenniscentrum.search.portable_backends.ElasticsearchEngine"
    )
    with engine_at(PORTABLE, index_path):
        assert engine_is_embedded()


SERVER_ENGINES = [
    (SolrEngine, "solr", "pysolr", "haystack.backends.solr_backend"),
    (
        ElasticsearchEngine,
        "elasticsearch",
        "elasticsearch",
        "haystack.backends.elasticsearch7_backend",
    ),
]


@pytest.fixture
def fresh_server_engines():
    _solr.cache_clear()
    _elasticsearch.cache_clear()
    yield
    _solr.cache_clear()
    _elasticsearch.cache_clear()


@pytest.mark.parametrize(("engine_class", "extra", "client", "haystack_module"), SERVER_ENGINES)
def test_a_server_engine_without_its_client_says_which_extra(
    engine_class, extra, client, haystack_module, monkeypatch, fresh_server_engines
):
    """The clients are test dependencies; a site installed without the extra must say which."""
    monkeypatch.setitem(sys.modules, client, None)  # what Python does for a missing package
    for name in (haystack_module, "haystack.backends.elasticsearch_backend"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    with pytest.raises(ImproperlyConfigured, match=rf"\[{extra}\]"):
        engine_class(using="default")


@pytest.mark.parametrize(("engine_class", "extra", "client", "haystack_module"), SERVER_ENGINES)
def test_a_server_engine_with_its_client_is_a_portable_server(
    engine_class, extra, client, haystack_module, fresh_server_engines
):
    """Created without contacting a server (there is none here): haystack's backend with our
    reading side, not embedded."""
    engine_instance = engine_class(using="default")
    assert issubclass(engine_instance.backend, HaystackReading)
    assert engine_instance.backend.__module__ == "kenniscentrum.search.portable_backends"
    assert not engine_instance.backend.embedded


def test_the_rebuild_button_says_a_server_index_is_refilled_in_place(client, settings, tmp_path):
    """On a search server the background rebuild empties the live index (index_builds.py):
    the editor is told searches find part of the content meanwhile, not that the old index
    keeps serving; the rebuild then completes."""
    settings.INDEX_REBUILD_IN_BACKGROUND = True
    user = User.objects.create_user("eind", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="eindredacteur"))
    client.force_login(user)
    path = tmp_path / "index"
    with engine_at(SERVER_LIKE, path):
        page = client.post(reverse("editorial:rebuild-index"), follow=True).content.decode()
        assert "leeggemaakt en opnieuw gevuld" in page
        assert "blijft de huidige in gebruik" not in page
        for thread in threading.enumerate():
            if thread.name == "rebuild-index":
                thread.join(timeout=120)
        assert index_health(deep=True).in_step


def test_a_server_engine_is_rebuilt_in_place_and_checked_without_a_folder(tmp_path):
    path = tmp_path / "index"
    with engine_at(SERVER_LIKE, path):
        assert not engine_is_embedded()
        call_command("rebuild_index", interactive=False, verbosity=0)
        assert not path.is_symlink() and not builds_dir(path).exists()
        health = index_health(deep=True)
        assert health.in_step, health.problems()
        assert search(SearchRequest(q="grote gezinnen")).total > 0
