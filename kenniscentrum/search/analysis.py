"""Dutch text analysis for Whoosh: the same chain at index time, query time and highlighting.

    words -> lower case -> accents folded -> stop words -> compounds split (index only) -> stem

Why each step:
- Accent folding: "financiële" and "financiele" must meet.
- Decompounding: Dutch writes "woningcorporaties" as one word; a civil servant types "corporatie".
  Compounds are split against the corpus's own vocabulary (the report plus content/), so only
  splits into words this kenniscentrum actually uses are made ("woning|corporaties",
  "tussen|voorzieningen", "aandacht|s|groepen"). The parts are added at the same position beside
  the whole word, so phrases and exact matches still work and a document with the whole compound
  still outranks one with only a part. Splitting happens only when indexing: a query for the whole
  compound stays precise. Chosen over n-grams, which match arbitrary fragments ("cor") and blur
  ranking; measured with `python manage.py search_eval` (README).
- Stemming: Whoosh's Dutch Snowball (Porter-style) stemmer, plus two corrections it lacks for
  our vocabulary: final double consonants are undoubled ("gezinnen" -> "gezinn" -> "gezin") and
  "-ies" plurals lose their "s" ("corporaties" -> "corporatie").
"""

import hashlib
import os
import pickle
import re
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StopFilter
from whoosh.analysis.filters import Filter
from whoosh.analysis.morph import StemFilter
from whoosh.lang import stopwords_for_language
from whoosh.lang.snowball.dutch import DutchStemmer
from whoosh.support.charset import accent_map

DUTCH_STOPWORDS = frozenset(stopwords_for_language("nl"))
# Dutch thousands ("2.500") are one number, also when typed as "2500".
WORD_PATTERN = r"\d{1,3}(?:\.\d{3})+|\w+"
MIN_PART = 4
MIN_COMPOUND = 8
_LINKS = ("s", "e", "en")
_DOUBLE_END = re.compile(r"([bdfgklmnprst])\1$")
_snowball = DutchStemmer()


@lru_cache(maxsize=100_000)
def dutch_stem(word: str) -> str:
    """Snowball's Dutch stem with the two corrections described in the module docstring."""
    if word.endswith("ies"):
        word = word[:-1]
    stem = _snowball.stem(word)
    return _DOUBLE_END.sub(r"\1", stem)


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
    cache = Path(settings.VAR_DIR) / f"search-vocabulary-{key.hexdigest()[:16]}.pickle"
    try:
        return pickle.loads(cache.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError):
        pass
    vocabulary = _read_vocabulary(paths)
    try:
        for old in cache.parent.glob("search-vocabulary-*.pickle"):
            old.unlink(missing_ok=True)
        temporary = cache.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(pickle.dumps(vocabulary))
        temporary.replace(cache)  # atomic: another worker never reads half a file
    except OSError:
        pass  # a read-only VAR_DIR only costs the next worker the same reading
    return vocabulary


def _read_vocabulary(paths: list[Path]) -> tuple[frozenset, frozenset]:
    words = set()
    for path in paths:
        text = re.sub(r"-\n", "", path.read_text("utf-8"))
        words.update(w for w in re.findall(r"[^\W\d_]+", fold(text)) if len(w) >= MIN_PART)
    words -= DUTCH_STOPWORDS
    return frozenset(words), frozenset(dutch_stem(w) for w in words)


def split_compound(word: str, words: frozenset, stems: frozenset, depth: int = 0) -> list[str]:
    """Parts of a compound known to the vocabulary, or [] when it is not one.

    Tries the longest head first, so "tussenvoorzieningen" splits at "tussen", not earlier.
    """
    if len(word) < MIN_COMPOUND or depth > 2:
        return []
    for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        head, tail = word[:cut], word[cut:]
        if not _known_head(head, words, stems):
            continue
        if tail in words or dutch_stem(tail) in stems:
            return [_strip_link(head, words, stems), tail]
        rest = split_compound(tail, words, stems, depth + 1)
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


class DecompoundFilter(Filter):
    """Adds the parts of a compound beside it, at the same position (index time only)."""

    def __call__(self, tokens):
        if not settings.SEARCH_DECOMPOUND:  # switched off only to measure its effect
            yield from tokens
            return
        for token in tokens:
            yield token
            if token.mode != "index" or token.stopped:
                continue
            parts = _split_cached(token.text)
            if not parts:
                continue
            whole = token.text
            for part in parts:
                token.text = part
                yield token
            token.text = whole

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
    """Whoosh's StemFilter with our corrected Dutch stemmer (module-level, so it pickles)."""

    def __init__(self):
        super().__init__(stemfn=dutch_stem, cachesize=50000)


@lru_cache(maxsize=1)
def dutch_analyzer():
    """The analyzer for every full-text field; one shared instance keeps its stem cache warm."""
    return (
        RegexTokenizer(WORD_PATTERN)
        | NumberFilter()
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StopFilter(stoplist=DUTCH_STOPWORDS, minsize=2)
        | DecompoundFilter()
        | DutchStemFilter()
    )


def analyse(text: str, mode: str = "query") -> list[str]:
    """The terms a text becomes; used to drop stop-word-only clauses before querying."""
    return [t.text for t in dutch_analyzer()(text, mode=mode)]
