"""Dutch analysis and query parsing: plain functions, no index needed."""

import pytest

from kenniscentrum.knowledge.frontmatter import ContentError
from kenniscentrum.search.analysis import analyse, corpus_vocabulary, dutch_stem, split_compound
from kenniscentrum.search.query import MAX_QUERY_CHARS, engine_clauses, parse
from kenniscentrum.search.synonyms import SynonymGroup, read_synonyms, synonym_groups


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("gezin", "gezinnen"),
        ("corporatie", "corporaties"),
        ("regeling", "regelingen"),
        ("gemeente", "gemeenten"),
        ("woning", "woningen"),
        ("financiële", "financiele"),
        ("statushouder", "statushouders"),
    ],
)
def test_forms_of_a_word_meet(a, b):
    assert analyse(a) == analyse(b)


def test_stop_words_are_dropped():
    assert analyse("wat kost het voor de gemeente") == ["kost", "gemeent"]


def test_numbers_with_thousands_dots_match_without():
    assert analyse("2.500") == analyse("2500") == ["2500"]


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("woningcorporaties", ["woning", "corporaties"]),
        ("tussenvoorzieningen", ["tussen", "voorzieningen"]),
        ("opvanglocaties", ["opvang", "locaties"]),
    ],
)
def test_compounds_split_against_the_corpus_vocabulary(word, parts):
    words, stems = corpus_vocabulary()
    assert split_compound(word, words, stems) == parts


def test_non_compounds_are_left_alone():
    words, stems = corpus_vocabulary()
    for word in ("gemeenten", "regelingen", "realisatie", "voorwaarden"):
        assert split_compound(word, words, stems) == [], word


def test_compound_parts_are_indexed_but_not_queried():
    assert set(analyse("woningcorporaties", mode="index")) >= {"woning", "corporatie"}
    assert analyse("woningcorporaties", mode="query") == ["woningcorporatie"]
    assert dutch_stem("corporaties") == "corporatie"


def test_query_syntax_is_reduced_to_words():
    parsed = parse('title:x AND (grote OR gezinnen) NOT "open * ?')
    labels = [c.label for c in parsed.clauses]
    assert labels == ["title", "grote", "gezinnen", "open"]  # "x" is too short to search


def test_balanced_quotes_make_a_phrase():
    parsed = parse('"tijdelijke woningen" corporatie')
    assert parsed.clauses[0].alternatives[0] == "tijdelijke woningen"


def test_control_characters_and_length():
    parsed = parse("grote\x00\x07 gezinnen\u200b" + " woord" * 5000)
    assert parsed.truncated and len(parsed.text) <= MAX_QUERY_CHARS
    assert "\x00" not in parsed.text
    assert len(parsed.clauses) <= 10


def test_stop_word_only_query_asks_for_nothing():
    assert parse("de het een").clauses == []
    assert engine_clauses(parse("de het een")) == ()


def test_synonyms_expand_and_preferred_spelling_is_suggested():
    groups = (SynonymGroup(("verhuurderheffing", "verhuurdersheffing"), "verhuurderheffing"),
              SynonymGroup(("flexwoning", "tijdelijke woning")))  # fmt: skip
    parsed = parse("verhuurdersheffing tijdelijke woning", groups)
    assert parsed.clauses[0].alternatives == ["verhuurdersheffing", "verhuurderheffing"]
    assert parsed.clauses[1].alternatives == ["tijdelijke woning", "flexwoning"]
    assert parsed.variants == {"verhuurdersheffing": "verhuurderheffing"}


def test_synonym_file_of_the_corpus_is_valid():
    groups = synonym_groups()
    terms = {t for g in groups for t in g.terms}
    assert {"statushouder", "vergunninghouder", "verhuurdersheffing", "COA"} <= terms


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("- terms: [alleen]\n", "[0].terms"),
        ("- terms: [a, b]\n  preferred: c\n", "[0].preferred"),
        ("- terms: [a, b]\n  extra: 1\n", "[0]"),
        ("geen lijst\n", ""),
        ("- terms: [a, b\n", ""),
    ],
)
def test_invalid_synonym_file_names_file_and_entry(tmp_path, text, field):
    path = tmp_path / "synoniemen.yaml"
    path.write_text(text)
    with pytest.raises(ContentError) as info:
        read_synonyms(path)
    assert info.value.field == field and "synoniemen.yaml" in info.value.path


def test_compound_parts_share_the_position_of_the_whole_word():
    """So a phrase with the compound ("woningcorporaties bouwen") still matches."""
    from kenniscentrum.search.analysis import dutch_analyzer

    tokens = dutch_analyzer()("De woningcorporaties bouwen", mode="index", positions=True)
    positions = {t.text: t.pos for t in tokens}
    assert positions["woningcorporatie"] == positions["woning"] == positions["corporatie"]
    assert positions["bouw"] == positions["woningcorporatie"] + 1


def test_highlighting_finds_a_match_deep_in_a_long_text_and_reads_only_a_window():
    from kenniscentrum.search.highlight import WINDOW, highlight_text, window

    text = "Inleiding over wonen. " * 600 + "Hier staan de woningcorporaties centraal. " * 2
    terms = analyse("corporatie")
    assert len(window(text, terms)) <= WINDOW
    snippet = highlight_text(text, terms)
    assert '<mark class="match term0">woningcorporaties</mark>' in snippet


def test_vocabulary_is_kept_between_processes_and_follows_changed_files(
    settings, tmp_path, content_copy
):
    from kenniscentrum.search import analysis

    settings.CONTENT_DIR, settings.VAR_DIR = content_copy, tmp_path / "var"
    settings.VAR_DIR.mkdir()
    analysis.corpus_vocabulary.cache_clear()
    try:
        words, _ = analysis.corpus_vocabulary()
        assert len(list(settings.VAR_DIR.glob("search-vocabulary-*.pickle"))) == 1
        analysis.corpus_vocabulary.cache_clear()  # as in a new worker: read from the pickle
        assert analysis.corpus_vocabulary()[0] == words
        (content_copy / "handreiking" / "extra.md").write_text("Zwaluwnestkastjes", "utf-8")
        analysis.corpus_vocabulary.cache_clear()
        assert "zwaluwnestkastjes" in analysis.corpus_vocabulary()[0]
        assert len(list(settings.VAR_DIR.glob("search-vocabulary-*.pickle"))) == 1
    finally:
        analysis.corpus_vocabulary.cache_clear()
