"""Query analysis as careful as index analysis (issue 12): query compounds, synonym plurals,
questions and filler, stem exceptions, and the one-pass fallback. Runs on both engines."""

import pytest
from django.core.management import call_command
from haystack import connections

from kenniscentrum.knowledge.frontmatter import ContentError
from kenniscentrum.knowledge.loading import read_corpus
from kenniscentrum.search import engine
from kenniscentrum.search.analysis import (
    _dutch_analyzer,
    analyse,
    corpus_vocabulary,
    query_compound_parts,
    split_compound,
)
from kenniscentrum.search.engine import Alternative, EngineClause
from kenniscentrum.search.index_format import INDEX_FORMAT, current_format
from kenniscentrum.search.query import parse
from kenniscentrum.search.questions import FILE_NAME, question_words, read_question_words
from kenniscentrum.search.service import SearchRequest, search
from kenniscentrum.search.synonyms import SynonymGroup
from tests.conftest import index_at


@pytest.fixture(scope="module", autouse=True)
def clean_index(django_db_setup, django_db_blocker, tmp_path_factory):
    """An index of the corpus alone (other tests' index writes are not rolled back)."""
    with index_at(tmp_path_factory.mktemp("query-analysis") / "index"):
        with django_db_blocker.unblock():
            call_command("rebuild_index", interactive=False, verbosity=0)
        yield


def _slugs(text: str, **request) -> list[str]:
    return [hit.slug for hit in search(SearchRequest(q=text, **request)).hits]


def _frequency(terms: tuple[str, ...]) -> int:
    backend = connections["default"].get_backend()
    return backend.clause_frequency(EngineClause((Alternative(terms),)))


# -- compounds typed in a query ------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("word", "parts", "about"),
    [
        (
            "flexwoningproject",
            ("flexwoning", "project"),
            {
                "rvb-flexwoningen",
                "rvo-ondersteuning-flexwonen",
                "bzk-huisvesting-aandachtsgroepen",
                "leegstaande-panden-transformeren",
            },
        ),  # noqa: E501
        (
            "taakstellingsachterstand",
            ("taakstellings", "achterstand"),
            {
                "provincies-stand-1-oktober-2021",
                "handreiking-taakstelling",
                "focus-noord-holland-zuid-holland-gelderland",
                "rapport-2-1",
            },
        ),  # noqa: E501
        ("huismeesterfunctie", ("huismeester", "functie"), {"sociale-ondersteuning-huismeester"}),  # noqa: E501
    ],
)
def test_an_unseen_compound_finds_the_documents_about_its_parts(settings, word, parts, about):
    words, stems = corpus_vocabulary()
    assert word not in words and not _frequency(tuple(analyse(word))), "the corpus has it"
    assert query_compound_parts(word) == parts
    assert set(_slugs(word)[:3]) & about
    settings.SEARCH_QUERY_DECOMPOUND = False
    assert _slugs(word) == []  # what it was: nothing found


@pytest.mark.django_db
def test_an_exact_compound_ranks_its_documents_above_those_with_only_its_parts(settings):
    """ "opvangopgave" is in one document: it comes first, then documents that have "opvang"
    and "opgave" (or its synonym "taakstelling") apart."""
    ranked = _slugs("opvangopgave")
    settings.SEARCH_QUERY_DECOMPOUND = False
    exact = set(_slugs("opvangopgave"))  # as before: only the exact compound
    assert 0 < len(exact) < 3
    assert set(ranked[: len(exact)]) == exact
    assert len(ranked) > len(exact)


def test_a_generic_part_only_adds_to_the_score():
    """ "nareizigersbeleid" asks about nareizigers: documents about nareizigers without the word
    "beleid" are found too (beleid is a common Dutch word: it only counts when present)."""
    parsed = parse("nareizigersbeleid")
    assert [part.label for part in parsed.clauses[0].parts] == ["nareizigers", "beleid"]


@pytest.mark.django_db
def test_a_generic_part_is_not_required():
    ranked = _slugs("nareizigersbeleid")
    assert "handreiking-passend-toewijzen-nareizigers" in ranked[:3]


@pytest.mark.django_db
def test_a_rare_common_dutch_word_is_not_split():
    parsed = parse("bovendien")
    assert parsed.clauses[0].parts  # it splits ("boven" + "dien") ...
    assert len(_slugs("bovendien")) <= 2  # ... but is searched as the word it is


def test_typos_are_not_split_into_parts():
    """A misspelt word stays one unknown word, for the spelling correction."""
    for typo in ("tusenvoorziening", "huisvestigsopgave", "statushouers", "flexwonigen"):
        assert query_compound_parts(typo) == (), typo


def test_law_compounds_split_at_wet_when_indexing():
    words, stems = corpus_vocabulary()
    assert split_compound("huisvestingswet", words, stems)[1:] == ["wet"]
    assert set(analyse("Huisvestingswet", mode="index")) >= {"huisvest", "wet"}


# -- synonyms in the plural ----------------------------------------------------------------------


def test_a_plural_of_a_synonym_listed_in_the_singular_expands_like_the_singular():
    groups = (SynonymGroup(("taakstelling", "opgave")),)
    assert parse("opgaven", groups).clauses[0].alternatives == ["opgaven", "taakstelling"]
    assert parse("taakstellingen", groups).clauses[0].alternatives == ["taakstellingen", "opgave"]
    phrase = (SynonymGroup(("flexwoning", "tijdelijke woning")),)
    assert parse("tijdelijke woningen", phrase).clauses[0].alternatives == [
        "tijdelijke woningen",
        "flexwoning",
    ]


def test_a_plural_of_the_preferred_spelling_is_no_variant():
    groups = (SynonymGroup(("verhuurderheffing", "verhuurdersheffing"), "verhuurderheffing"),)
    assert parse("verhuurderheffingen", groups).variants == {}
    assert parse("verhuurdersheffingen", groups).variants == {
        "verhuurdersheffingen": "verhuurderheffing"
    }


@pytest.mark.django_db
def test_the_shipped_synonyms_expand_a_plural():
    """content/synoniemen.yaml lists "opgave" with "taakstelling", not "opgaven"."""
    assert _slugs("opgaven") == _slugs("opgave")
    taakstelling = search(SearchRequest(q="taakstelling")).total
    assert search(SearchRequest(q="opgaven")).total >= taakstelling


# -- questions ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("question", "content"),
    [
        ("hoeveel statushouders zitten er nog in het azc?", "statushouders azc"),
        ("mag een corporatie zelf flexwoningen aanvragen?", "corporatie flexwoningen aanvragen"),
    ],
)
def test_a_question_ranks_on_its_content_words(settings, question, content):
    """The question words and filler of content/vraagwoorden.yaml do not decide."""
    assert _slugs(question) == _slugs(content)
    settings.SEARCH_QUESTIONS = False
    assert _slugs(question) != _slugs(content)  # what it was: "zitten", "mag" decided


@pytest.mark.django_db
def test_a_query_of_only_filler_is_searched_as_typed():
    assert search(SearchRequest(q="hoeveel zitten")).total > 0


@pytest.mark.django_db
def test_words_typed_together_rank_documents_where_they_stand_together(settings):
    """Proximity: "statushouders opvang" puts the page titled "… statushouders in de opvang …"
    higher than without the boost."""
    with_boost = _slugs("statushouders opvang")
    settings.SEARCH_QUESTIONS = False
    without = _slugs("statushouders opvang")
    page = "statushouders-in-de-opvang-2021"
    assert with_boost.index(page) < without.index(page)


def test_the_question_words_file_of_the_corpus_is_used():
    words = question_words()
    assert {"hoeveel", "waarom", "welke"} <= words.questions
    assert {"zitten", "zoveel", "mag"} <= words.filler


@pytest.mark.django_db
def test_the_filler_list_is_read_from_content(settings, content_copy):
    """An editor's word in content/vraagwoorden.yaml takes effect without a rebuild."""
    before = _slugs("flexwoningen aanvragen")
    (content_copy / FILE_NAME).write_text("vulwoorden: [aanvragen]\n", "utf-8")
    settings.CONTENT_DIR = content_copy
    assert _slugs("flexwoningen aanvragen") == _slugs("flexwoningen") != before


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("- hoe\n", ""),
        ("vulwoorden: [a, b\n", ""),
        ("vragen: [hoe]\n", "vragen"),
        ("vulwoorden: zitten\n", "vulwoorden"),
        ("vulwoorden: [zitten, 12]\n", "vulwoorden[1]"),
        ("vulwoorden: [zit ten]\n", "vulwoorden[0]"),
        ("vraagwoorden: [waarom, welke, waarom]\n", "vraagwoorden[2]"),
    ],
)
def test_an_invalid_question_words_file_names_file_and_field(tmp_path, text, field):
    path = tmp_path / FILE_NAME
    path.write_text(text, "utf-8")
    with pytest.raises(ContentError) as info:
        read_question_words(path)
    assert info.value.field == field and FILE_NAME in info.value.path


def test_load_content_refuses_an_invalid_question_words_file(content_copy, seeds_dir):
    (content_copy / FILE_NAME).write_text("vulwoorden: [zitten, 12]\n", "utf-8")
    with pytest.raises(ContentError) as info:
        read_corpus(content_copy, seeds_dir)
    assert FILE_NAME in info.value.path and info.value.field == "vulwoorden[1]"


def test_without_the_file_nothing_is_filler(tmp_path):
    assert read_question_words(tmp_path / FILE_NAME).words == frozenset()


# -- stem exceptions -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "unrelated"),
    [("weten", "wet"), ("weet", "wet"), ("overheid", "overige"), ("regeling", "regels")],
)
def test_the_stemmer_no_longer_merges_unrelated_words(word, unrelated):
    def stems(text, exceptions):
        return [t.text for t in _dutch_analyzer(exceptions)(text, mode="query")]

    assert stems(word, False) == stems(unrelated, False)  # Snowball's over-merge
    assert stems(word, True) != stems(unrelated, True)


def test_forms_of_an_exception_still_meet():
    assert analyse("overheid") == analyse("overheden")
    assert analyse("regeling") == analyse("regelingen")
    assert analyse("weet") == analyse("weten")


@pytest.mark.django_db
def test_the_law_is_no_longer_found_in_documents_that_only_say_weten(settings, tmp_path):
    """ "wet" found 17 documents, 7 of them only for "weten" or "weet"; now only the 10 that
    mention a law (wet, Huisvestingswet, Inburgeringswet)."""
    fixed = search(SearchRequest(q="wet")).total
    settings.SEARCH_STEM_EXCEPTIONS = False
    with index_at(tmp_path / "index"):
        call_command("rebuild_index", interactive=False, verbosity=0)
        merged = search(SearchRequest(q="wet")).total
    assert fixed < merged


def test_the_index_format_says_whether_the_exceptions_are_in_it(settings):
    assert current_format() == INDEX_FORMAT
    settings.SEARCH_STEM_EXCEPTIONS = False
    assert current_format() != INDEX_FORMAT


# -- one engine pass -----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    ["waarom voelden gemeenten geen urgentie", "hoeveel statushouders zitten er nog in het azc?"],
)
def test_a_question_that_falls_back_is_one_engine_pass(text):
    engine.work.reset()
    outcome = search(SearchRequest(q=text))
    assert outcome.total >= 3
    assert engine.work.searches == 1


@pytest.mark.django_db
def test_the_fallback_keeps_the_documents_with_every_word_and_adds_partial_ones():
    """ "lijst gesprekspartners aanjager": one document has all three words; the page also has
    the documents with the distinctive words ("lijst", "gesprekspartners"), bijlage 1 too."""
    outcome = search(SearchRequest(q="lijst gesprekspartners aanjager"))
    slugs = [hit.slug for hit in outcome.hits]
    assert outcome.total > 3 and not outcome.relaxed
    assert {"politieke-gevoeligheid-en-draagvlak", "rapport-bijlage-1"} <= set(slugs)


@pytest.mark.django_db
def test_a_fallback_without_a_document_with_every_word_says_so():
    outcome = search(SearchRequest(q="grote gezinnen xyzzyplugh"))
    assert outcome.relaxed and outcome.total > 0
