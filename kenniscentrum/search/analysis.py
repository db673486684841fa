"""Dutch text analysis for Whoosh: the same chain at index time, query time and highlighting.

    words -> lower case -> accents folded -> stop words -> compounds split (index only) -> stem

Why each step:
- Accent folding: "financiële" and "financiele" must meet.
- Decompounding: Dutch writes "woningcorporaties" as one word; a civil servant types "corporatie".
  Compounds are split against the corpus's own vocabulary (the report plus content/), so only
  splits into words this kenniscentrum actually uses are made ("woning|corporaties",
  "tussen|voorzieningen", "aandacht|s|groepen"). The parts are added at the same position beside
  the whole word, so phrases and exact matches still work and a document with the whole compound
  still outranks one with only a part. Parts have at least 4 letters, and "wet" (SHORT_TAILS:
  "Huisvestingswet"). The analyzer splits only when indexing: a query for a compound the index
  knows stays precise (for one it does not know, see below). Chosen over n-grams, which match
  arbitrary fragments ("cor") and blur ranking; measured with `python manage.py search_eval`.
- Stemming: Whoosh's Dutch Snowball (Porter-style) stemmer, plus two corrections it lacks for
  our vocabulary: final double consonants are undoubled ("gezinnen" -> "gezinn" -> "gezin") and
  "-ies" plurals lose their "s" ("corporaties" -> "corporatie"); and a short list of exceptions
  where Snowball merges unrelated words (STEM_EXCEPTIONS: "weten" and "weet" became "wet", the
  law; "overheid" became "over", as "overige" does). Switched by settings.SEARCH_STEM_EXCEPTIONS,
  read when the analyzer is built (it changes the index: a different setting needs a rebuild).

Query compounds (`query_compound_parts`): a word typed in a query that the index does not know
(or knows from one or two documents) is split by the same splitter, against the corpus's
vocabulary plus a general Dutch word list (wordfreq's, words with a Zipf frequency of at least
3), so "flexwoningproject" searches "flexwoning" and "project" and "containerwoningen" searches
"woningen". query.py decides when; index-time splitting stays against the corpus alone.
"""

import hashlib
import logging
import math
import os
import pickle
import re
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from django.conf import settings
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StopFilter
from whoosh.analysis.filters import Filter
from whoosh.analysis.morph import StemFilter
from whoosh.lang import stopwords_for_language
from whoosh.lang.snowball.dutch import DutchStemmer
from whoosh.support.charset import accent_map

log = logging.getLogger(__name__)
DUTCH_STOPWORDS = frozenset(stopwords_for_language("nl"))
# Dutch thousands ("2.500") are one number, also when typed as "2500".
WORD_PATTERN = r"\d{1,3}(?:\.\d{3})+|\w+"
MIN_PART = 4
MIN_COMPOUND = 8
# Shorter words that end compounds in this domain: "Huisvestingswet", "Inburgeringswet". Other
# three-letter tails split mostly verb endings ("benut|ten", "speel|den"), so only these count.
SHORT_TAILS = frozenset({"wet"})
_LINKS = ("s", "e", "en")
_DOUBLE_END = re.compile(r"([bdfgklmnprst])\1$")
_snowball = DutchStemmer()
# Words the Snowball stemmer merges with an unrelated word, and the stem they get instead. Each was
# found in this corpus (words grouped by stem) and is checked by tests/test_search_query_analysis.
STEM_EXCEPTIONS = {
    # "weten" and "weet" (to know) stemmed to "wet", the law ("welke wet regelt de taakstelling").
    "weet": "weten",
    "weten": "weten",
    # "overheid" stemmed to "over", as "overige" (the rest) and "overig" do.
    "overheid": "overheid",
    "overheden": "overheid",
    # "regeling" (a scheme, a main kind of this site) stemmed to "regel", as "regels" (rules) does.
    "regeling": "regeling",
    "regelingen": "regeling",
    # "leeg" (empty) stemmed to "leg", as "leggen" (to lay) does after undoubling.
    "leeg": "leeg",
    "lege": "leeg",
}
# General Dutch words (wordfreq) used to split query compounds: Zipf frequency of at least this.
GENERAL_MIN_ZIPF = 3.0


@lru_cache(maxsize=100_000)
def dutch_stem(word: str) -> str:
    """Snowball's Dutch stem with the two corrections described in the module docstring."""
    if word.endswith("ies"):
        word = word[:-1]
    stem = _snowball.stem(word)
    return _DOUBLE_END.sub(r"\1", stem)


def stem_with_exceptions(word: str) -> str:
    """dutch_stem, except for the words of STEM_EXCEPTIONS."""
    return STEM_EXCEPTIONS.get(word) or dutch_stem(word)


def fold(text: str) -> str:
    return text.lower().translate(accent_map)


@lru_cache(maxsize=1)
def corpus_vocabulary() -> tuple[frozenset, frozenset]:
    """(words, stems) used anywhere in the report or content/, once per process.

    Reading every file took about 3 s at 10,000 items, paid by the first search (highlighting
    analyses in index mode) or save of every new worker. The result is kept in VAR_DIR, keyed
    by the files' names, sizes and modification times, so a worker reads one pickle instead.
    """
    content, seeds = Path(settings.CONTENT_DIR).resolve(), Path(settings.SEEDS_DIR).resolve()
    paths = sorted(content.rglob("*.md")) + sorted(seeds.glob("*.txt"))
    key = hashlib.sha256()
    for path in paths:
        stat = path.stat()
        key.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return _kept("search-vocabulary", key.hexdigest()[:16], lambda: _read_vocabulary(paths))


def _kept(name: str, key: str, compute):
    """compute(), kept in VAR_DIR as `name-key.pickle` for the next process (older keys go)."""
    cache = Path(settings.VAR_DIR) / f"{name}-{key}.pickle"
    try:
        return pickle.loads(cache.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError):
        pass
    value = compute()
    try:
        for old in cache.parent.glob(f"{name}-*.pickle"):
            old.unlink(missing_ok=True)
        temporary = cache.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(pickle.dumps(value))
        temporary.replace(cache)  # atomic: another worker never reads half a file
    except OSError:
        pass  # a read-only VAR_DIR only costs the next worker the same reading
    return value


def _read_vocabulary(paths: list[Path]) -> tuple[frozenset, frozenset]:
    words = set()
    for path in paths:
        text = re.sub(r"-\n", "", path.read_text("utf-8"))
        words.update(w for w in re.findall(r"[^\W\d_]+", fold(text)) if len(w) >= MIN_PART)
    words -= DUTCH_STOPWORDS
    return frozenset(words), frozenset(dutch_stem(w) for w in words)


def split_compound(
    word: str, words: frozenset, stems: frozenset, depth: int = 0, max_depth: int = 2
) -> list[str]:
    """Parts of a compound known to the vocabulary, or [] when it is not one.

    Tries the longest head first, so "tussenvoorzieningen" splits at "tussen", not earlier.
    """
    if len(word) < MIN_COMPOUND or depth > max_depth:
        return []
    for cut in range(len(word) - min(map(len, SHORT_TAILS)), MIN_PART - 1, -1):
        head, tail = word[:cut], word[cut:]
        if len(tail) < MIN_PART and tail not in SHORT_TAILS:
            continue
        if not _known_head(head, words, stems):
            continue
        if tail in words or tail in SHORT_TAILS or dutch_stem(tail) in stems:
            return [_strip_link(head, words, stems), tail]
        rest = split_compound(tail, words, stems, depth + 1, max_depth)
        if rest:
            return [_strip_link(head, words, stems), *rest]
    return []


def _known_head(head: str, words: frozenset, stems: frozenset) -> bool:
    if head in DUTCH_STOPWORDS:
        return False
    if head in words or dutch_stem(head) in stems:
        return True
    return any(
        head.endswith(link) and len(head) - len(link) >= MIN_PART and head[: -len(link)] in words
        for link in _LINKS
    )


def _strip_link(head: str, words: frozenset, stems: frozenset) -> str:
    if head in words or dutch_stem(head) in stems:
        return head
    for link in _LINKS:
        if head.endswith(link) and head[: -len(link)] in words:
            return head[: -len(link)]
    return head


@lru_cache(maxsize=100_000)
def _split_cached(word: str) -> tuple[str, ...]:
    words, stems = corpus_vocabulary()
    return tuple(split_compound(word, words, stems))


@lru_cache(maxsize=1)
def general_frequencies() -> dict[str, float]:
    """General Dutch words (folded) with their Zipf frequency: wordfreq's Dutch list, words of
    at least MIN_PART letters with Zipf >= GENERAL_MIN_ZIPF (about 27,000).

    Reading wordfreq's list costs 0.3 s and, for a moment, 45 MB (all 311,000 words); the
    selection is kept in VAR_DIR, so only the first process after an upgrade pays that.
    """
    try:
        key = f"{metadata.version('wordfreq')}-{GENERAL_MIN_ZIPF}"
    except metadata.PackageNotFoundError:  # an environment installed before issue 12
        log.warning("wordfreq is not installed: query compounds split on the corpus alone")
        return {}
    return _kept("search-general-nl", key, _read_general_frequencies)


def _read_general_frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict  # only when the kept selection is missing

    threshold = 10 ** (GENERAL_MIN_ZIPF - 9)  # Zipf z is a frequency of 10 ** (z - 9)
    found = {}
    for word, frequency in get_frequency_dict("nl", wordlist="large").items():
        if frequency >= threshold and len(word) >= MIN_PART and word.isalpha():
            folded = fold(word)
            if folded not in DUTCH_STOPWORDS and folded not in found:
                found[folded] = round(math.log10(frequency) + 9, 2)
    return found


def general_zipf(word: str) -> float:
    """How common a (folded) word is in general Dutch: Zipf 7 for "de", 3 for rare words, and 0
    for words below GENERAL_MIN_ZIPF or not Dutch at all (most of this corpus's jargon)."""
    return general_frequencies().get(word, 0.0)


@lru_cache(maxsize=1)
def query_vocabulary() -> frozenset:
    """Words as written in the corpus and in general Dutch, plus the singulars of their plurals
    ("flexwoningen" gives "flexwoning", "gezinnen" gives "gezin"): a compound's first parts are
    usually singular ("flexwoningproject")."""
    corpus_words, _ = corpus_vocabulary()
    general_words = frozenset(general_frequencies())
    words = set(corpus_words | general_words)
    for word in list(words):
        words.update(_singulars(word))
    return frozenset(w for w in words if len(w) >= MIN_PART)


def _singulars(word: str) -> list[str]:
    if word.endswith("en"):
        stem = word[:-2]
        return [stem, stem[:-1]] if _DOUBLE_END.search(stem) else [stem]
    if word.endswith(("s", "n")) and len(word) > MIN_PART:
        return [word[:-1]]  # "projects", "gemeenten" -> "gemeente"
    return []


@lru_cache(maxsize=10_000)
def query_compound_parts(word: str) -> tuple[str, ...]:
    """The parts of a typed (folded) word split as a compound, against the corpus's vocabulary
    plus general Dutch; () when it is not one. The same splitter as at index time, but parts
    must be words as written (or the singular of one), not merely share a stem with one, and a
    query word splits in two at most: a typo such as "tusenvoorziening" ("tusen" has the stem
    of "tussen") or "huisvestigsopgave" must stay a typo for the spelling correction."""
    return tuple(split_compound(word, query_vocabulary(), frozenset(), max_depth=0))


class DecompoundFilter(Filter):
    """Adds the parts of a compound beside it, at the same position (index time only)."""

    def __call__(self, tokens):
        if not settings.SEARCH_DECOMPOUND:  # switched off only to measure its effect
            yield from tokens
            return
        for token in tokens:
            # The word as written is split before it is yielded: the filters after this one
            # (the stemmer) change the same token object in place. Until issue 13 only the
            # stem was split, by accident, so "huurwoning" ("huurwon") never was. A word that
            # does not split as written is still tried as its stem, which the stemmer has made
            # of token.text after `yield`: an inflected tail ("taakstelling" -> "taakstel")
            # then splits ("taak" + "stel"). Measured (search_eval, top 3 of the realistic
            # suite, Whoosh / Xapian): only as written 85 / 84 of 94, only the stem (before)
            # 86 / 85, both 86 / 85 with the splits of words like "huurwoning" added.
            split = token.mode == "index" and not token.stopped
            parts = _split_cached(token.text) if split else ()
            yield token
            if split and not parts:
                parts = _split_cached(token.text)  # the stem, now
            for part in parts:
                token.text = part
                yield token

    def __eq__(self, other):
        return isinstance(other, DecompoundFilter)


class NumberFilter(Filter):
    """'2.500' and '2500' become the same term."""

    def __call__(self, tokens):
        for token in tokens:
            if "." in token.text:
                token.text = token.text.replace(".", "")
            yield token

    def __eq__(self, other):
        return isinstance(other, NumberFilter)


class DutchStemFilter(StemFilter):
    """Whoosh's StemFilter with our corrected Dutch stemmer (module-level, so it pickles), with
    or without the stem exceptions."""

    def __init__(self, exceptions: bool = True):
        stemfn = stem_with_exceptions if exceptions else dutch_stem
        super().__init__(stemfn=stemfn, cachesize=50000)


def dutch_analyzer():
    """The analyzer for every full-text field; one shared instance per setting keeps its stem
    cache warm. settings.SEARCH_STEM_EXCEPTIONS is read here, where the chain is built."""
    return _dutch_analyzer(bool(settings.SEARCH_STEM_EXCEPTIONS))


@lru_cache(maxsize=2)
def _dutch_analyzer(exceptions: bool):
    return (
        RegexTokenizer(WORD_PATTERN)
        | NumberFilter()
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StopFilter(stoplist=DUTCH_STOPWORDS, minsize=2)
        | DecompoundFilter()
        | DutchStemFilter(exceptions)
    )


def analyse(text: str, mode: str = "query") -> list[str]:
    """The terms a text becomes; used to drop stop-word-only clauses before querying."""
    return [t.text for t in dutch_analyzer()(text, mode=mode)]
