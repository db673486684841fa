"""Spelling: which typed words are typos, and which corpus word each one should have been.

Plain rules over the engine's term statistics (engine.PageSearchBackend: `spelling_vocabulary()`
and `document_frequency()`); no engine search is run here. The service (service.py) searches
the corrected query when the typed one can find nothing, or only offers it ("Bedoelde u …?").

A typed word is *unknown* (a typo to correct) when no document can match it: not a stop word,
number, question or filler word, synonym term or word of a quoted phrase; not in any text, title
or summary, as written or analysed (nor as the parts of a compound); and not a word of general
Dutch (analysis.general_zipf: "duurt", "oprichten" are words, not typos). Only unknown words are
corrected; every other word is kept exactly as typed.

A correction of an unknown word of at least MIN_TYPED letters is an indexed word (or a one-word
synonym term; a spelling variant becomes its preferred form) that
- lies within 1 edit, or 2 for words of LONG_WORD letters or more (Damerau: swapping two
  neighbouring letters is one edit); a second edit only with the same first letter, and never
  the typed word with two letters more or less at one end (a derivation: "op|richten");
- is a content word: at least MIN_WORD letters, no stop word, no number;
- occurs in at least MIN_FREQUENCY documents (a word of one document may itself be a typo);
- wins clearly: of the candidates at the smallest distance (those searching the same terms
  count as one) it has DOMINANCE times the documents of the next. A tie is a guess, and no
  suggestion is better than a wrong one.
A query is corrected only when every unknown word has a correction.

Measured (README, "Search") on 1,687 typos generated from the index's words (one or two edits:
a letter left out, added, doubled, replaced by a neighbouring key, or two letters swapped), and
on Dutch words the corpus does not have: 2,000 from Debian's word list (mostly rare) and 2,000
from wordfreq's with Zipf >= 3. Each rule's effect, from the variants tried:
- distance 2 for 6- and 7-letter words too: two-edit typos right 68% instead of 52% (weighted
  by the documents with the word), but 4.9% instead of 3.1% of rare real words "corrected";
- the first-letter and derivation rules for 2 edits: 52% instead of 59% of two-edit typos,
  3.1% instead of 4.0% of rare real words;
- MIN_FREQUENCY 2 instead of 1: one-edit typos 90.5% instead of 94.5% right (weighted), rare
  real words 3.1% instead of 4.0%;
- DOMINANCE 3 instead of 1 (the most frequent wins): one-edit typos wrong 0.5% instead of
  1.3%, right 90.5% instead of 93.1%;
- general Dutch words are not typos: 0 instead of 201 of 2,000 common Dutch words "corrected"
  ("controle" -> "centrale", "honger" -> "hoger"); typos right 89.5% instead of 90.4%.
With all rules: one-edit typos 89.5% right, 0.5% wrong (weighted); two-edit 51% right, 1.5%
wrong; 2.3% of the rare real words get a correction (Whoosh's corrector, used before: 11%).
(The variants were measured before the general-Dutch rule, which changes none of them.)
APPLY_AT: the 58 relevance-suite queries with a typo in their longest word put 54 in the top 3
when a correction is searched that finds at least 1 document with every word, 53 with 2 or 3,
50 without correction (56 without the typo); with two typos, 52, 51 and 49 of 57. With a rare
real word added to each query, 1 of 116 was corrected ("bestormd" -> "bestemd").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache

from django.conf import settings

from . import query as q
from .analysis import DUTCH_STOPWORDS, analyse, fold, general_zipf
from .synonyms import SynonymGroup

LONG_WORD = 8  # typed words of this length or longer may have two edits, shorter ones one
MIN_TYPED = 4
MIN_WORD = 3
MIN_FREQUENCY = 2
DOMINANCE = 3.0
# The service searches the correction instead of the typed query when the corrected query finds
# at least this many documents with every word (the typed one finds none: it has an unknown word).
APPLY_AT = 1

_TOKEN = re.compile(r"[^\W_]+")
_PHRASE = re.compile(r'"[^"]*"')


@dataclass(frozen=True)
class Correction:
    """A typed query with its unknown words replaced by their corrections."""

    text: str
    words: Mapping[str, str] = field(default_factory=dict)  # typed (folded) -> correction


def max_distance(word: str) -> int:
    return 2 if len(word) >= LONG_WORD else 1


def distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (optimal string alignment), or limit + 1 when larger."""
    la, lb = len(a), len(b)
    if abs(la - lb) > limit:
        return limit + 1
    before = None
    previous = list(range(lb + 1))
    for i in range(1, la + 1):
        ca = a[i - 1]
        current = [i] + [0] * lb
        smallest = i
        for j in range(1, lb + 1):
            cb = b[j - 1]
            value = previous[j - 1] + (ca != cb)
            if previous[j] + 1 < value:
                value = previous[j] + 1
            if current[j - 1] + 1 < value:
                value = current[j - 1] + 1
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, before[j - 2] + 1)
            current[j] = value
            smallest = min(smallest, value)
        if smallest > limit:
            return limit + 1
        before, previous = previous, current
    return min(previous[lb], limit + 1)


def _affixed(a: str, b: str) -> bool:
    """One word is the other with two letters more at its start or end: a derivation or a
    compound ("op|richten", "tekst|je"), not a typo of it."""
    short, long = sorted((a, b), key=len)
    return len(long) - len(short) == 2 and (long.startswith(short) or long.endswith(short))


def content_word(word: str) -> bool:
    """A word a correction may be: letters only, long enough, not a stop word."""
    return word.isalpha() and len(word) >= MIN_WORD and word not in DUTCH_STOPWORDS


@lru_cache(maxsize=8)
def _by_length(
    words: frozenset[str], extra: frozenset[str] = frozenset()
) -> dict[int, tuple[tuple[str, frozenset], ...]]:
    """The vocabulary by word length, each word with its set of letters (a cheap pre-filter).

    Cached per vocabulary object: a backend returns the same frozenset until its index changes.
    """
    grouped = defaultdict(list)
    for word in words | extra:
        if content_word(word):
            grouped[len(word)].append((word, frozenset(word)))
    return {length: tuple(entries) for length, entries in grouped.items()}


def near_words(
    word: str, vocabulary: frozenset[str], extra: frozenset[str] = frozenset()
) -> list[tuple[int, str]]:
    """(distance, word) for every word of both vocabularies within max_distance(word) edits."""
    limit = max_distance(word)
    letters = frozenset(word)
    found = []
    indexed = _by_length(vocabulary, extra)
    for length in range(len(word) - limit, len(word) + limit + 1):
        for other, other_letters in indexed.get(length, ()):
            # One edit changes at most two letters of the sets' symmetric difference.
            if len(letters ^ other_letters) > 2 * limit or other == word:
                continue
            edits = distance(word, other, limit)
            if edits == 2 and (other[0] != word[0] or _affixed(word, other)):
                continue
            if edits <= limit:
                found.append((edits, other))
    return found


def synonym_words(groups: Iterable[SynonymGroup]) -> dict[str, SynonymGroup]:
    """One-word synonym terms (folded) -> their group: typed, they find the whole group."""
    return {
        fold(term): group for group in groups for term in group.terms if q.words(term) == [term]
    }


def frequency(backend, word: str, synonyms: Mapping[str, SynonymGroup]) -> int:
    """How many documents a search for `word` can find (a synonym: its best group term)."""
    group = synonyms.get(word)
    terms = group.terms if group else (word,)
    counts = [backend.document_frequency(analyse(term)) for term in terms]
    return max(counts, default=0)


def best_correction(backend, word: str, synonyms: Mapping[str, SynonymGroup]) -> str:
    """The corpus word an unknown typed word should have been, or "" (the rules above)."""
    if len(word) < MIN_TYPED or not word.isalpha():
        return ""
    near = near_words(word, backend.spelling_vocabulary(), frozenset(synonyms))
    if not near:
        return ""
    closest = min(edits for edits, _ in near)
    searches: dict[tuple, tuple[int, str]] = {}  # analysed terms -> (documents, best word)
    for edits, other in near:
        if edits != closest:
            continue
        count = frequency(backend, other, synonyms)
        key = tuple(analyse(other))
        if count > searches.get(key, (-1, ""))[0]:
            searches[key] = (count, other)
    ranked = sorted(searches.values(), key=lambda pair: (-pair[0], pair[1]))
    count, chosen = ranked[0]
    if count < MIN_FREQUENCY:
        return ""
    if len(ranked) > 1 and count < DOMINANCE * ranked[1][0]:
        return ""
    group = synonyms.get(chosen)
    if group and group.preferred and q.words(group.preferred) == [group.preferred]:
        return fold(group.preferred)  # a spelling variant: its preferred form
    return chosen


def unknown_words(backend, parsed: q.ParsedQuery) -> list[str]:
    """The typed words (folded, in order, once each) that no document can match."""
    vocabulary = None
    found = []
    quoted = {fold(word) for phrase in _PHRASE.findall(parsed.text) for word in q.words(phrase)}
    clauses = parsed.content_clauses if settings.SEARCH_QUESTIONS else parsed.clauses
    for clause in clauses:
        if len(clause.alternatives) != 1:
            continue  # a synonym group: it finds its other terms
        typed = clause.alternatives[0]
        word = fold(typed)
        if word in found or not word.isalpha() or word in DUTCH_STOPWORDS:
            continue
        if q.words(typed) != [typed] or word in quoted:
            continue  # a quoted phrase: precisely these words
        if general_zipf(word) > 0:
            continue  # a word of general Dutch ("duurt", "oprichten"), not a typo
        terms = analyse(typed)
        if not terms or backend.document_frequency(terms) > 0:
            continue
        if vocabulary is None:
            vocabulary = backend.spelling_vocabulary()
        if word in vocabulary:
            continue
        required = [c for c in q.engine_clauses(replace(parsed, clauses=[clause])) if c.required]
        if required and all(_findable(backend, c) for c in required):
            continue  # the query analysis found another way to match it (its parts)
        found.append(word)
    return found


def _findable(backend, clause) -> bool:
    return any(backend.document_frequency(a.terms) > 0 for a in clause.alternatives)


def correct(backend, parsed: q.ParsedQuery, groups: Iterable[SynonymGroup]) -> Correction | None:
    """The query with every unknown word corrected, or None (nothing to correct, or a word
    without a sure correction)."""
    unknown = unknown_words(backend, parsed)
    if not unknown:
        return None
    synonyms = synonym_words(groups)
    words = {}
    for word in unknown:
        chosen = best_correction(backend, word, synonyms)
        if not chosen:
            return None
        words[word] = chosen
    return Correction(text=rewrite(parsed.text, words), words=words)


def rewrite(text: str, words: Mapping[str, str]) -> str:
    """`text` with the typed words replaced (outside quoted phrases), keeping everything else."""
    quoted = [match.span() for match in _PHRASE.finditer(text)]

    def replaced(match: re.Match) -> str:
        typed = match.group(0)
        correction = words.get(fold(typed))
        if not correction or any(start <= match.start() < end for start, end in quoted):
            return typed
        if typed.isupper() and len(typed) > 1:
            return correction.upper()
        if typed[0].isupper():
            return correction[0].upper() + correction[1:]
        return correction

    return _TOKEN.sub(replaced, text)
