"""Question words and filler (content/vraagwoorden.yaml), left out of a query that has other words.

"hoeveel statushouders zitten er nog in het azc?" asks about statushouders in the azc; "hoeveel"
and "zitten" only say how. Required as words, such words decided which documents were found
(only those that happen to say "zitten"), and in the any-word fallback they ranked documents
because they are rare in this corpus. Kept as data so editors can add a word without a
developer; compared as typed (folded), not by stem, so a listed "zit" never removes "zitting".
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from kenniscentrum.knowledge.frontmatter import ContentError, load_yaml

from .analysis import fold

FILE_NAME = "vraagwoorden.yaml"
FIELDS = ("vraagwoorden", "vulwoorden")
MAX_WORDS = 1000
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class QuestionWords:
    questions: frozenset[str] = frozenset()
    filler: frozenset[str] = frozenset()

    @property
    def words(self) -> frozenset[str]:
        return self.questions | self.filler


def read_question_words(path: Path) -> QuestionWords:
    """Parse and validate the file; errors name the file and the field ("vulwoorden[3]")."""
    shown = _display(path)
    if not path.is_file():
        return QuestionWords()
    try:
        data = load_yaml(path.read_text("utf-8"))
    except Exception as exc:  # yaml.YAMLError or a decoding error
        raise ContentError(shown, "", f"ongeldige YAML: {exc}") from exc
    if data is None:
        return QuestionWords()
    if not isinstance(data, dict):
        raise ContentError(shown, "", f"moet de velden {' en '.join(FIELDS)} hebben.")
    for key in data:
        if key not in FIELDS:
            raise ContentError(
                shown, str(key), f"onbekend veld (tikfout?). Toegestaan: {', '.join(FIELDS)}."
            )
    found = {}
    for name in FIELDS:
        value = data.get(name) or []
        if not isinstance(value, list):
            raise ContentError(shown, name, "moet een lijst van woorden zijn.")
        if len(value) > MAX_WORDS:
            raise ContentError(shown, name, f"heeft meer dan {MAX_WORDS} woorden.")
        words = []
        for index, word in enumerate(value):
            where = f"{name}[{index}]"
            if not isinstance(word, str) or not _WORD.fullmatch(word.strip()):
                raise ContentError(shown, where, f"{word!r} is geen los woord (alleen letters).")
            folded = fold(word.strip())
            if folded in words:
                raise ContentError(shown, where, f"'{word.strip()}' staat er al.")
            words.append(folded)
        found[name] = frozenset(words)
    return QuestionWords(found["vraagwoorden"], found["vulwoorden"])


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@lru_cache(maxsize=4)
def _cached(path: str, mtime: float) -> QuestionWords:
    return read_question_words(Path(path))


def question_words() -> QuestionWords:
    """The current words; re-read when the file changes. An invalid file is refused by
    load_content; if one is saved anyway, searching goes on without the list."""
    path = Path(settings.CONTENT_DIR) / FILE_NAME
    try:
        mtime = path.stat().st_mtime
    except FileNotFoundError:
        return QuestionWords()
    try:
        return _cached(str(path), mtime)
    except ContentError:
        return QuestionWords()
