"""From what a person typed to a backend-neutral haystack query.

Nothing the user types is passed on as query syntax: the text is reduced to words and quoted
phrases, so quotes left open, AND/OR/NOT, field:value, * and ? and brackets are simply words or
nothing. The words are then analysed into engine-neutral clauses (engine.py), which each of our
engines turns into its own query objects, never into a query string.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from .analysis import analyse, fold
from .engine import Alternative, EngineClause
from .synonyms import SynonymGroup

MAX_QUERY_CHARS = 200
MAX_CLAUSES = 10
OPERATOR_WORDS = {"and", "or", "not", "to", "en", "of", "niet"}
_WORD = re.compile(r"\d{1,3}(?:\.\d{3})+|[^\W_]+")
_PHRASE = re.compile(r'"([^"]+)"')


@dataclass
class Clause:
    """One thing the user asked for: a word or phrase, plus its synonyms."""

    alternatives: list[str]

    @property
    def label(self) -> str:
        return self.alternatives[0]


@dataclass
class ParsedQuery:
    text: str
    clauses: list[Clause] = field(default_factory=list)
    truncated: bool = False
    variants: dict[str, str] = field(default_factory=dict)  # typed variant -> preferred term


def normalise(raw: str) -> tuple[str, bool]:
    """Remove control characters and collapse white space; cut very long input."""
    text = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in raw or "")
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) > MAX_QUERY_CHARS:
        return text[:MAX_QUERY_CHARS].rsplit(" ", 1)[0], True
    return text, False


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def parse(raw: str, groups: tuple[SynonymGroup, ...] = ()) -> ParsedQuery:
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
        if analyse(word):  # stop words alone ask for nothing
            parsed.clauses.append(Clause([word]))
    return parsed


def _match_group(words, start, groups):
    """The longest synonym term that starts at words[start], as (group, word count)."""
    best = (None, 0)
    for group in groups:
        for term in group.terms:
            term_words = [fold(w) for w in _WORD.findall(term)]
            n = len(term_words)
            if n > best[1] and [fold(w) for w in words[start : start + n]] == term_words:
                best = (group, n)
    return best


def _alternatives(typed: str, group: SynonymGroup, parsed: ParsedQuery) -> list[str]:
    if group.preferred and fold(typed) != fold(group.preferred):
        parsed.variants[typed] = group.preferred
    others = [t for t in group.terms if fold(t) != fold(typed)]
    return [typed, *others]


def _expand(terms, groups, parsed):
    for group in groups:
        if any(fold(t) == fold(terms[0]) for t in group.terms):
            return _alternatives(terms[0], group, parsed)
    return terms


def engine_clauses(parsed: ParsedQuery) -> tuple[EngineClause, ...]:
    """The parsed query as analysed terms: AND over clauses, OR over each clause's alternatives.

    Analysed here, once per request, with the same Dutch chain as the index (query mode: no
    decompounding, so a query for a whole compound stays precise). An alternative of several
    words becomes a phrase; alternatives (and clauses) that are only stop words ask for nothing.
    """
    clauses = []
    for clause in parsed.clauses:
        alternatives = []
        for alternative in clause.alternatives:
            terms = tuple(analyse(alternative))
            if terms and Alternative(terms) not in alternatives:
                alternatives.append(Alternative(terms))
        if alternatives:
            clauses.append(EngineClause(tuple(alternatives)))
    return tuple(clauses)
