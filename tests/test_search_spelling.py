"""Spelling (issue 12): typos are searched corrected, known words are never rewritten, and no
suggestion is shown rather than a wrong one. Runs on whichever engine is configured (`make test`
runs it on Whoosh and on Xapian).
"""

import re
from urllib.parse import urlencode

import pytest
from django.test.utils import override_settings
from haystack import connections

from kenniscentrum.search import engine, hooks, spelling
from kenniscentrum.search import query as q
from kenniscentrum.search.service import SearchRequest, search
from kenniscentrum.search.synonyms import synonym_groups

pytestmark = pytest.mark.django_db

# typed -> the corpus word it should have been (each checked below to be a real typo of it)
TYPOS = {
    "statushouers": "statushouders",  # a letter left out
    "taakstleling": "taakstelling",  # two letters swapped: one edit
    "verhuurderheffnig": "verhuurderheffing",
    "tusenvoorziening": "tussenvoorziening",
    "woningcorportaies": "woningcorporaties",
    "huisvestnig": "huisvesting",
    "rijksvastgoedbedrjif": "rijksvastgoedbedrijf",
    "gemeentn": "gemeente",
}
# Questions with real words that no document contains. Before issue 12 the first two were
# "corrected" word by word into nonsense ("waarom buurt ...", "betaald"); the third is the
# suggestion the issue quotes, typed as a query.
NO_SUGGESTION = [
    "waarom duurt gezinshereniging zo lang bij de ind",
    "wie betaalt de inrichting van een woning voor een gezin",
    "gezin lang we personen zie helft bzk?",
    "regionale tafel oprichten",  # not "richten" or "inrichten": a real word, not a typo
]


def backend():
    return connections["default"].get_backend()


def unknown(text: str) -> list[str]:
    return spelling.unknown_words(backend(), q.parse(text, synonym_groups()))


def html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def result_count(page: str) -> int:
    found = re.search(r'<p role="status" id="aantal">(\d+) resulta', page)
    return int(found.group(1)) if found else 0


# -- the rules ---------------------------------------------------------------------------------


def test_distance_is_damerau_with_a_limit():
    assert spelling.distance("taakstleling", "taakstelling", 2) == 1  # a swap is one edit
    assert spelling.distance("statushouers", "statushouders", 2) == 1
    assert spelling.distance("flexwonig", "flexwonen", 2) == 2
    assert spelling.distance("gemeente", "statushouder", 2) == 3  # over the limit: limit + 1
    assert spelling.max_distance("magix") == 1 and spelling.max_distance("huisvestnig") == 2


@pytest.mark.parametrize(("typed", "meant"), TYPOS.items())
def test_the_typos_are_real_typos_of_corpus_words(typed, meant):
    assert meant in backend().spelling_vocabulary()
    assert spelling.distance(typed, meant, 2) <= spelling.max_distance(typed)
    assert unknown(typed) == [typed]


def test_only_unknown_words_count():
    assert unknown("statushouders gemeenten 2500 de") == []  # known, inflected, number, stop
    assert unknown("flexwoning") == []  # a synonym term
    assert unknown("flexwonig") == []  # its stem is indexed (flexwonen): it finds documents
    assert unknown('"statushouers" gemeente') == []  # a quoted phrase: precisely that
    assert unknown("duurt weigeren") == []  # general Dutch (wordfreq), not typos


def test_corrections_are_content_words_that_win_clearly():
    synonyms = spelling.synonym_words(synonym_groups())
    assert spelling.best_correction(backend(), "statushouers", synonyms) == "statushouders"
    # a spelling variant is corrected to its preferred form
    assert spelling.best_correction(backend(), "verhuurdersheffnig", synonyms) == (
        "verhuurderheffing"
    )
    assert spelling.best_correction(backend(), "kwartelkonin", synonyms) == ""  # nothing near
    assert spelling.best_correction(backend(), "oprichten", synonyms) == ""  # a real word
    for word in spelling.near_words("duurt", backend().spelling_vocabulary()):
        assert spelling.content_word(word[1])  # never a stop word or a 1-2 letter word


# -- the search --------------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "meant"), TYPOS.items())
def test_a_typo_is_searched_corrected(typed, meant):
    outcome = search(SearchRequest(q=typed))
    assert outcome.corrected_query == meant and outcome.original_query == typed
    assert outcome.total > 0 and outcome.hits and not outcome.suggestion
    assert outcome.parsed.text == meant


def test_known_words_are_kept_exactly_as_typed():
    outcome = search(SearchRequest(q="Tijdelijke woningen voor statushouers"))
    assert outcome.corrected_query == "Tijdelijke woningen voor statushouders"
    assert outcome.total > 0
    for text in ["statushouders", "grote gezinnen", *NO_SUGGESTION]:
        outcome = search(SearchRequest(q=text))
        assert outcome.corrected_query == "" and outcome.suggestion == ""


@pytest.mark.parametrize("text", NO_SUGGESTION)
def test_no_suggestion_rather_than_a_wrong_one(client, text):
    for autocorrect in (True, False):
        with override_settings(SEARCH_AUTOCORRECT=autocorrect):
            page = html(client, "/zoeken/?" + urlencode({"q": text}))
            assert "Bedoelde u" not in page and "Resultaten voor" not in page
            data = client.get("/api/search", {"q": text}).json()
            assert data["suggestion"] is None and data["corrected_query"] is None


def test_an_unknown_word_without_a_sure_correction_leaves_the_query_alone():
    outcome = search(SearchRequest(q="statushouers kwartelkonin"))
    assert outcome.corrected_query == "" and outcome.suggestion == ""


def test_autocorrect_off_only_offers_the_correction(client, settings):
    settings.SEARCH_AUTOCORRECT = False
    outcome = search(SearchRequest(q="statushouers"))
    assert outcome.total == 0 and outcome.corrected_query == ""
    assert outcome.suggestion == "statushouders"
    page = html(client, "/zoeken/?q=statushouers")
    assert 'Bedoelde u: <a href="?q=statushouders">statushouders</a>?' in page


# -- engine passes -----------------------------------------------------------------------------


@pytest.mark.parametrize("autocorrect", [True, False])
def test_a_corrected_query_costs_at_most_one_more_pass(client, settings, autocorrect):
    settings.SEARCH_AUTOCORRECT = autocorrect
    html(client, "/zoeken/?q=statushouder")  # a worker that has served before
    for url in [
        "/zoeken/?q=statushouers",
        "/zoeken/?q=Tijdelijke+woningen+voor+statushouers",
        "/zoeken/?q=pilot+grote+gezinnen+jenv+subisdie",  # the correction needs its any-word pass
        "/zoeken/?q=statushouers&precies=1",
        "/api/search?q=taakstleling",
    ]:
        engine.work.reset()
        html(client, url)
        assert engine.work.searches <= 2, url
    engine.work.reset()
    html(client, "/zoeken/?q=taakstelling")
    assert engine.work.searches == 1  # a query without typos: one pass, as before
    engine.work.reset()
    html(client, "/zoeken/?q=taakstleling")
    # The typed query has a word no document contains: its all-words search is not run.
    assert engine.work.searches == 1


# -- page and API ------------------------------------------------------------------------------


def test_the_page_says_what_it_searched_with_the_typed_query_one_click_away(client):
    page = html(client, "/zoeken/?q=statushouers&soort=regeling")
    notice = re.search(r'<p class="kc-suggestion">(.*?)</p>', page).group(1)
    # Plain text and an ordinary link: read in order by a screen reader, works without script.
    assert notice == (
        "Resultaten voor <strong>statushouders</strong>. Zoek in plaats daarvan naar "
        '<a href="?q=statushouers&amp;soort=regeling&amp;precies=1">statushouers</a>.'
    )
    assert "voor <strong>statushouders</strong>" in page and result_count(page) > 0
    assert 'value="statushouders"' in page  # the search box holds what was searched

    original = html(client, "/zoeken/?q=statushouers&soort=regeling&precies=1")
    assert "Resultaten voor" not in original and "Bedoelde u" not in original
    assert "Niets gevonden" in original and 'value="statushouers"' in original


def test_links_on_a_corrected_page_go_on_with_the_correction(client):
    page = html(client, "/zoeken/?q=statushouers")
    assert result_count(page) > 10  # more than one page
    assert 'href="?q=statushouders&amp;pagina=2"' in page
    assert "?q=statushouders&amp;soort=" in page  # the filters


def test_a_bad_exact_parameter_is_named_and_the_search_goes_on_without_it(client):
    page = html(client, "/zoeken/?q=statushouers&precies=ja")
    assert "Gebruik 1 om precies te zoeken" in page
    assert "Resultaten voor <strong>statushouders</strong>" in page


def test_the_api_reports_the_corrected_query(client):
    data = client.get("/api/search", {"q": "taakstleling"}).json()
    assert data["query"] == "taakstleling" and data["corrected_query"] == "taakstelling"
    assert data["total"] > 0 and data["suggestion"] is None
    data = client.get("/api/search", {"q": "taakstleling", "exact": "1"}).json()
    assert data["corrected_query"] is None and data["total"] == 0
    data = client.get("/api/search", {"q": "taakstelling"}).json()
    assert data["corrected_query"] is None and data["suggestion"] is None
    response = client.get("/api/search", {"q": "taakstleling", "exact": "ja"})
    assert response.status_code == 400 and list(response.json()["errors"]) == ["exact"]


def test_the_search_log_keeps_what_was_typed(client):
    logged = []

    def receiver(sender, query, total, **kwargs):
        logged.append((query, total))

    hooks.search_performed.connect(receiver)
    try:
        html(client, "/zoeken/?q=statushouers")
    finally:
        hooks.search_performed.disconnect(receiver)
    assert logged and logged[0][0] == "statushouers" and logged[0][1] > 0
