"""From what a person typed to a backend-neutral haystack query.

Nothing the user types is passed on as query syntax: the text is reduced to words and quoted
phrases, so quotes left open, AND/OR/NOT, field:value, * and ? and brackets are simply words or
nothing. The words are then analysed into engine-neutral clauses (engine.py), which each of our
engines turns into its own query objects, never into a query string.

Query analysis, as careful as the index's:
- Synonyms (content/synoniemen.yaml) are matched by stem, so a plural typed for a term listed
  only in the singular ("opgaven" for "opgave") expands like the singular.
- Question words and filler (content/vraagwoorden.yaml, questions.py) are marked, and left out
  when the query has other words (settings.SEARCH_QUESTIONS).
- A compound the index does not know, or knows from fewer than SPLIT_BELOW documents, is split
  (analysis.query_compound_parts) into parts that are searched as words of their own, each with
  its synonyms; the whole compound stays an alternative of every part, so documents with the
  exact compound rank above those with only the parts (settings.SEARCH_QUERY_DECOMPOUND).
- Words typed next to each other get an optional proximity clause: documents where they stand
  within PROXIMITY_WINDOW positions, in that order, score higher (settings.SEARCH_QUESTIONS).
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from django.conf import settings

from .analysis import analyse, corpus_vocabulary, fold, general_zipf, query_compound_parts
from .engine import Alternative, EngineClause
from .synonyms import SynonymGroup

MAX_QUERY_CHARS = 200
MAX_CLAUSES = 10
OPERATOR_WORDS = {"and", "or", "not", "to", "en", "of", "niet"}
SPLIT_BELOW = 3  # a compound in fewer documents than this is also searched as its parts
# A part at least this common in general Dutch ("beleid", "probleem", "project", "woningen": Zipf
# 4.5 is about once in 30,000 words) only adds to the score when another part is less common:
# "nareizigersbeleid" asks about nareizigers, not about any policy.
GENERIC_ZIPF = 4.5
# What the compound itself adds to a document that has it, beyond matching every part.
EXACT_WEIGHT = 2.0
# A word the index has, common in general Dutch as a whole, is not split even when rare here:
# "bovendien" is no "boven" + "dien", "huishouden" no "huis" + "houden".
LEXICAL_ZIPF = 4.0
PROXIMITY_WINDOW = 3  # positions (after stop words) within which adjacent query words count
PROXIMITY_WEIGHT = 0.5
_WORD = re.compile(r"\d{1,3}(?:\.\d{3})+|[^\W_]+")
_PHRASE = re.compile(r'"([^"]+)"')


@dataclass
class Clause:
    """One thing the user asked for: a word or phrase, plus its synonyms."""

    alternatives: list[str]
    filler: bool = False  # a question word or filler word (content/vraagwoorden.yaml)
    # A typed word's parts when it splits as a compound (each a clause with its synonyms);
    # engine_clauses() decides whether they are used.
    parts: list["Clause"] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.alternatives[0]


@dataclass
class ParsedQuery:
    text: str
    clauses: list[Clause] = field(default_factory=list)
    truncated: bool = False
    variants: dict[str, str] = field(default_factory=dict)  # typed variant -> preferred term

    @property
    def content_clauses(self) -> list[Clause]:
        """The clauses that decide what is found: without question words and filler, unless
        the query has nothing else."""
        content = [c for c in self.clauses if not c.filler]
        return content or list(self.clauses)


def normalise(raw: str) -> tuple[str, bool]:
    """Remove control characters and collapse white space; cut very long input."""
    text = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in raw or "")
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) > MAX_QUERY_CHARS:
        return text[:MAX_QUERY_CHARS].rsplit(" ", 1)[0], True
    return text, False


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def parse(
    raw: str, groups: tuple[SynonymGroup, ...] = (), filler: frozenset[str] = frozenset()
) -> ParsedQuery:
    """Words and phrases with their synonyms; `filler` are the folded question and filler
    words (questions.py) to mark."""
    text, truncated = normalise(raw)
    parsed = ParsedQuery(text=text, truncated=truncated)
    # Balanced quotes are phrases; an unbalanced quote is ignored.
    phrases = [p.strip() for p in _PHRASE.findall(text) if _WORD.search(p)]
    rest = _PHRASE.sub(" ", text) if phrases else text
    words = [w for w in _WORD.findall(rest.replace('"', " "))]
    words = [w for w in words if fold(w) not in OPERATOR_WORDS or w.islower()]
    for phrase in phrases:
        phrase = " ".join(_WORD.findall(phrase))
        parsed.clauses.append(Clause(_expand([phrase], groups, parsed)))
    index = 0
    while index < len(words) and len(parsed.clauses) < MAX_CLAUSES:
        match, length = _match_group(words, index, groups)
        if match is not None:
            typed = " ".join(words[index : index + length])
            parsed.clauses.append(Clause(_alternatives(typed, match, parsed)))
            index += length
            continue
        word = words[index]
        index += 1
        if not analyse(word):  # stop words alone ask for nothing
            continue
        if fold(word) in filler:
            parsed.clauses.append(Clause([word], filler=True))
            continue
        parts = query_compound_parts(fold(word)) if settings.SEARCH_QUERY_DECOMPOUND else ()
        parsed.clauses.append(
            Clause([word], parts=[Clause(_expand([part], groups, parsed)) for part in parts])
        )
    return parsed


@lru_cache(maxsize=10_000)
def _key(word: str) -> str:
    """What a word is compared by when matching synonyms: its stem (a stop word: itself)."""
    terms = analyse(word)
    return terms[0] if len(terms) == 1 else fold(word)


def _keys(text: str) -> tuple[str, ...]:
    return tuple(_key(w) for w in _WORD.findall(text))


def _match_group(words, start, groups):
    """The longest synonym term that starts at words[start], as (group, word count).

    Compared by stem, so "opgaven" matches the term "opgave" and "tijdelijke woning" the term
    "tijdelijke woningen".
    """
    best = (None, 0)
    for group in groups:
        for term in group.terms:
            term_keys = _keys(term)
            n = len(term_keys)
            if n > best[1] and _keys(" ".join(words[start : start + n])) == term_keys:
                best = (group, n)
    return best


def _alternatives(typed: str, group: SynonymGroup, parsed: ParsedQuery) -> list[str]:
    typed_keys = _keys(typed)
    if group.preferred and typed_keys != _keys(group.preferred):
        parsed.variants[typed] = group.preferred
    others = [t for t in group.terms if _keys(t) != typed_keys]
    return [typed, *others]


def _expand(terms, groups, parsed):
    for group in groups:
        if any(_keys(t) == _keys(terms[0]) for t in group.terms):
            return _alternatives(terms[0], group, parsed)
    return terms


def engine_clauses(
    parsed: ParsedQuery, frequency: Callable[[tuple[str, ...]], int] | None = None
) -> tuple[EngineClause, ...]:
    """The parsed query as analysed terms: AND over clauses, OR over each clause's alternatives.

    Analysed here, once per request, with the same Dutch chain as the index (query mode: the
    index's compound splitting is not applied; see the module docstring for query compounds).
    An alternative of several words becomes a phrase; alternatives (and clauses) that are only
    stop words ask for nothing. `frequency(terms)` tells in how many documents analysed terms
    occur (the index's statistics); without it, a compound is split when the corpus's
    vocabulary does not have it.
    """
    questions = settings.SEARCH_QUESTIONS
    clauses = []
    for clause in parsed.content_clauses if questions else parsed.clauses:
        exact = _engine_alternatives(clause.alternatives)
        if not exact:
            continue
        parts = _split(clause, exact, frequency) if clause.parts else None
        clauses.extend(parts or [EngineClause(tuple(exact))])
    if questions:
        clauses.extend(_proximity(clauses))
    return tuple(clauses)


def _engine_alternatives(alternatives: list[str]) -> list[Alternative]:
    found = []
    for alternative in alternatives:
        terms = tuple(analyse(alternative))
        if terms and Alternative(terms) not in found:
            found.append(Alternative(terms, text=alternative))
    return found


def _split(clause: Clause, exact: list[Alternative], frequency) -> list[EngineClause] | None:
    """The clauses for a compound's parts, or None to search the word as typed.

    Split when the index has the word in fewer than SPLIT_BELOW documents (and, if it has it
    at all, the word is not a common Dutch word as a whole: LEXICAL_ZIPF). Parts the index does
    not know are left out ("containerwoningen": "woningen"); the word itself stays an
    alternative of each part, so its own documents match every part and rank first. A part
    that is common in general Dutch (GENERIC_ZIPF) only adds to the score when another is not.
    """
    terms = exact[0].terms
    if frequency is None:
        words, stems = corpus_vocabulary()
        seen = SPLIT_BELOW if fold(clause.label) in words or terms[0] in stems else 0
    else:
        seen = frequency(terms)
    if seen >= SPLIT_BELOW or (seen and general_zipf(fold(clause.label)) >= LEXICAL_ZIPF):
        return None
    found = []
    for part in clause.parts:
        alternatives = _engine_alternatives(part.alternatives)
        if not alternatives or (frequency is not None and not frequency(alternatives[0].terms)):
            continue
        if seen:
            alternatives += [a for a in exact if a not in alternatives]
        found.append((general_zipf(fold(part.label)) >= GENERIC_ZIPF, alternatives))
    specific = any(not generic for generic, _ in found)
    clauses = [
        EngineClause(tuple(alternatives), required=not (generic and specific))
        for generic, alternatives in found
    ]
    if clauses and seen:  # the documents with the compound itself first
        clauses.append(EngineClause(tuple(exact), required=False, weight=EXACT_WEIGHT))
    return clauses or None


def _proximity(clauses: list[EngineClause]) -> list[EngineClause]:
    """Optional clauses for each two neighbouring one-word clauses: the words close together."""
    boosts = []
    for left, right in pairwise(clauses):
        a, b = left.alternatives[0].terms, right.alternatives[0].terms
        if len(a) == 1 and len(b) == 1 and a != b:
            alternative = Alternative((a[0], b[0]), window=PROXIMITY_WINDOW)
            boosts.append(EngineClause((alternative,), required=False, weight=PROXIMITY_WEIGHT))
    return boosts
