"""analysis.py as data: what a Lucene engine (Solr 8, Elasticsearch 7) needs to analyse like us.

Our chain, step by step, and its Lucene counterpart (the same in both engines; each engine
module only spells it differently):

    words (WORD_PATTERN)        pattern tokenizer, `(?U)` so that \\w is Unicode as in Python
    "2.500" -> "2500"           pattern replace of "."
    lower case, accents folded  lowercase, ASCII folding
    stop words, 1-letter words  stop filter with whoosh's Dutch list, length filter (min 2)
    compounds (index only)      explicit rules "word => word, part, part" (see below)
    synonyms (query only)       synonym graph with our groups (see below)
    stem                        "-ies" -> "-ie", stem exceptions (stemmer override), Snowball
                                Dutch, final double consonant undoubled

Why explicit compound rules and not the engines' dictionary decompounder: Lucene's
DictionaryCompoundWordTokenFilter emits every dictionary word it finds inside a word
("statushouders" also gives "houders"; a word that is itself in the dictionary is emitted a
second time, doubling its term frequency), where our splitter (analysis.split_compound) cuts a
word into a sequence of parts, strips linking "s"/"e"/"en" and accepts a head by its stem.
Measured in Lucene 8.8 over the shipped corpus (tests/test_engine_config.py, 17,871 positions):
the decompounder fed with our vocabulary agrees with our index chain at 53% of the positions, the
rules at 99.97%, because they ARE our splitter's decisions, taken here for every word of the
corpus's vocabulary. The cost: a compound first written after the configuration was generated
is not split until it is generated again (and the index rebuilt), where Whoosh splits it at once
if its parts are known words.

The rules copy what our chain indexes, read off the chain itself (`index_parts`):
analysis.DecompoundFilter splits the word as written and, when that finds no parts, its stem
(an inflected tail: "taakstelling" -> "taakstel" -> "taak" + "stel"), and the engine must index
the same. Stop-word parts are left out of the rules ("waarvoor" -> "waar" + "voor"): a query
never asks for a stop word, and Elasticsearch refuses a rule whose term its chain removes. That
is the one difference measured (6 positions of 17,871: 99.97%).

Stemming: Lucene's Snowball Dutch (Solr's SnowballPorterFilter, Elasticsearch's `dutch`
stemmer) with our two corrections as pattern filters around it gives our stem for every word of
the corpus and for all 27,045 words of wordfreq's general Dutch list used by analysis.py (100%,
measured in Lucene 8.8). So the stemmer override dictionary holds STEM_EXCEPTIONS only; a
dictionary with our stem for every vocabulary word was tried and changed nothing.

Synonyms: query.py matches a typed word to a group by its stem ("opgaven" expands like
"opgave"). An engine's synonym filter matches words, not stems (Elasticsearch even parses its
rules with the chain before the filter, so rules written as stems would be stemmed twice). So the
filter runs on folded words, before the stop filter (terms such as "Rijksdienst voor Ondernemend
Nederland" keep their "voor"), and each group lists every vocabulary word that shares a term's
stem ("opgave, opgaven, taakstelling, taakstellingen"). A word form the corpus never uses is not
expanded there; in Whoosh it is.
"""

import hashlib
import itertools
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from kenniscentrum.search import analysis, synonyms

# Tokens as analysis.WORD_PATTERN makes them; Java's \w and \d are ASCII unless told otherwise.
TOKEN_PATTERN = "(?U)" + analysis.WORD_PATTERN
# NumberFilter: "2.500" and "2500" are one term.
NUMBER_DOT = r"\."
# analysis.dutch_stem's corrections, as Java regular expressions and replacements.
IES_PATTERN, IES_REPLACEMENT = "ies$", "ie"
UNDOUBLE_PATTERN, UNDOUBLE_REPLACEMENT = analysis._DOUBLE_END.pattern, "$1"
# The stop filter's minsize: shorter tokens are dropped with the stop words.
MIN_TOKEN = 2
# A multi-word synonym term expands to every combination of its words' forms; more is noise.
MAX_TERM_FORMS = 32
GENERATOR = "python manage.py search_engine_config"


@dataclass(frozen=True)
class FieldSpec:
    """One haystack field, with what both engines' haystack backends decide a type by."""

    name: str
    field_type: str  # haystack's: "string", "date", "datetime", "integer", ...
    indexed: bool
    stored: bool
    multi_valued: bool
    boost: float
    facet: bool  # a `*_exact` copy made for faceting, never analysed
    document: bool  # the content field (haystack's `document=True`)


@dataclass(frozen=True)
class Export:
    """Everything generated files are made of, sorted so that output is deterministic."""

    stopwords: tuple[str, ...]
    # (word, outputs): the word is indexed as itself plus its parts, at its position.
    compounds: tuple[tuple[str, tuple[str, ...]], ...]
    # (word as it reaches the override filter, our stem)
    stem_overrides: tuple[tuple[str, str], ...]
    # Each group: equivalent folded terms (a term may be several words).
    synonym_groups: tuple[tuple[str, ...], ...]
    fields: tuple[FieldSpec, ...]
    content_field: str
    sources: tuple[str, ...]  # what it was generated from, for the files' headers


def build_export() -> Export:
    words, _ = analysis.corpus_vocabulary()
    compounds = compound_rules(words) if settings.SEARCH_DECOMPOUND else ()
    groups = synonym_rules(synonyms.file_groups(), words)
    fields = search_fields()
    content_field = next(f.name for f in fields if f.document)
    export = Export(
        stopwords=tuple(sorted(analysis.DUTCH_STOPWORDS)),
        compounds=compounds,
        stem_overrides=stem_overrides(),
        synonym_groups=groups,
        fields=fields,
        content_field=content_field,
        sources=(),
    )
    return Export(**{**export.__dict__, "sources": _sources(export, words)})


def compound_rules(words: frozenset) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """What our index chain adds beside every vocabulary word it splits, stop-word parts left
    out, as words (the engine stems them, as Whoosh does)."""
    rules = []
    for word in sorted(words):
        outputs = [word]
        for part in index_parts(word):
            stopped = part in analysis.DUTCH_STOPWORDS or len(part) < MIN_TOKEN
            if not stopped and part not in outputs:
                outputs.append(part)
        if len(outputs) > 1:
            rules.append((word, tuple(outputs)))
    return tuple(rules)


def index_parts(word: str) -> tuple[str, ...]:
    """The parts analysis.DecompoundFilter adds beside `word`, read off our own chain.

    The filter is meant to split the word, but Whoosh passes one token object down the whole
    pipeline and the stem filter after it changes that object in place before the filter looks
    at it again: what it splits is the word's stem ("taakstelling" -> "taakstel" -> "taak" +
    "stel"; "huurwoning" -> "huurwon", too short to split). The rules must index what our index
    has, so the parts are taken from whichever split (of the word, or of its stem) yields the
    terms our chain gives; if analysis.py changes, the rules follow.
    """
    produced = analysis.analyse(word, mode="index")[1:]  # the word's stem, then its parts'
    for candidate in (word, our_stem(word)):
        parts = analysis._split_cached(candidate)
        if [our_stem(part) for part in parts] == produced:
            return parts
    raise ValueError(f"cannot tell which parts our chain indexes beside '{word}': {produced}")


def _before_override(word: str) -> str:
    """The word as the stemmer override sees it: after the "-ies" pattern filter."""
    return re.sub(IES_PATTERN, IES_REPLACEMENT, word)


def our_stem(word: str) -> str:
    if settings.SEARCH_STEM_EXCEPTIONS:
        return analysis.stem_with_exceptions(word)
    return analysis.dutch_stem(word)


def stem_overrides() -> tuple[tuple[str, str], ...]:
    """STEM_EXCEPTIONS, keyed as the words reach the override filter (after the "-ies" filter)."""
    if not settings.SEARCH_STEM_EXCEPTIONS:
        return ()
    return tuple(sorted((_before_override(w), s) for w, s in analysis.STEM_EXCEPTIONS.items()))


def _forms(word: str, by_stem: dict[str, set[str]]) -> set[str]:
    """A (folded) term word and the vocabulary words that share its key as query.py matches."""
    folded = analysis.fold(word)
    if folded in analysis.DUTCH_STOPWORDS:
        return {folded}
    terms = analysis.analyse(word)
    key = terms[0] if len(terms) == 1 else folded
    return {folded, *by_stem.get(key, ())}


def synonym_rules(groups, words: frozenset) -> tuple[tuple[str, ...], ...]:
    """Each group as equivalent folded terms, with the corpus's other forms of each term."""
    by_stem: dict[str, set[str]] = {}
    for word in words:
        by_stem.setdefault(our_stem(word), set()).add(word)
    rules = []
    for group in groups:
        terms: set[str] = set()
        for term in group.terms:
            word_forms = [sorted(_forms(w, by_stem)) for w in synonyms.term_key(term).split()]
            combinations = itertools.islice(itertools.product(*word_forms), MAX_TERM_FORMS)
            terms.update(" ".join(c) for c in combinations)
        rules.append(tuple(sorted(terms)))
    return tuple(sorted(rules))


def search_fields() -> tuple[FieldSpec, ...]:
    """The fields of our haystack indexes (search_indexes.py), facet copies included."""
    from haystack import connections

    fields = connections["default"].get_unified_index().all_searchfields()
    specs = []
    for field in fields.values():
        specs.append(
            FieldSpec(
                name=field.index_fieldname,
                field_type=field.field_type,
                indexed=bool(field.indexed),
                stored=bool(field.stored),
                multi_valued=bool(field.is_multivalued),
                boost=float(field.boost),
                facet=hasattr(field, "facet_for"),
                document=field.document is True,
            )
        )
    return tuple(sorted(specs, key=lambda f: f.name))


def _digest(lines) -> str:
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]


def _sources(export: Export, words: frozenset) -> tuple[str, ...]:
    synonyms_file = Path(settings.CONTENT_DIR) / synonyms.FILE_NAME
    try:
        synonyms_digest = hashlib.sha256(synonyms_file.read_bytes()).hexdigest()[:16]
    except OSError:
        synonyms_digest = "missing"
    return (
        f"Generated by `{GENERATOR}`; do not edit, generate again.",
        "Analysis: kenniscentrum/search/analysis.py (decompounding "
        f"{'on' if settings.SEARCH_DECOMPOUND else 'off'}, stem exceptions "
        f"{'on' if settings.SEARCH_STEM_EXCEPTIONS else 'off'}).",
        f"Stop words: whoosh stopwords_for_language('nl'), {len(export.stopwords)} words.",
        f"Vocabulary: {len(words)} words of content/**/*.md and seeds/*.txt "
        f"(sha256 {_digest(sorted(words))}), {len(export.compounds)} compounds, "
        f"{len(export.stem_overrides)} stem overrides.",
        f"Synonyms: content/{synonyms.FILE_NAME} (sha256 {synonyms_digest}), "
        f"{len(export.synonym_groups)} groups.",
        "Fields: kenniscentrum/search/search_indexes.py, named as haystack's backends name them.",
    )
