"""From an answered question to a "vraag en antwoord" item for everyone, without the asker.

The item goes through the editorial app's own path: a front-matter document, validated with
the loader's rules and created as a concept by `revisions.create`, after which the normal
workflow (ter beoordeling, publiceren by an eindredacteur) applies. Nothing is published here.

Personal details: the editor is asked to remove every one; as a safety net the text is refused
while it still contains an e-mail address, a Dutch phone number or the asker's gemeente (as a
whole word). The rule is deliberately simple and errs on the side of refusing: a gemeente that
is also a province ("Utrecht", "Groningen") must be rephrased too. It catches slips, not names.
"""

import re
from dataclasses import dataclass, field
from datetime import date

import yaml
from django.db import transaction
from django.utils.text import slugify

from kenniscentrum.core.dates import today
from kenniscentrum.editorial import revisions
from kenniscentrum.knowledge.models import Item
from kenniscentrum.knowledge.vocabulary import Kind

from .models import Question, QuestionEvent
from .vocabulary import Action, State

MAX_TITLE_CHARS = 200
MAX_SUMMARY_CHARS = 500
SUGGESTED_SUMMARY_CHARS = 300
MAX_SLUG_BASE = 80

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# 06-12345678, 020 123 45 67, +31 6 12345678, 0031 (0)20 1234567: a 0 or +31/0031, then nine
# digits with at most one space or hyphen between them.
PHONE_RE = re.compile(r"(?<![\d+])(?:(?:\+|00)\s?31[\s-]?(?:\(0\)\s?)?|0)(?:\d[\s-]?){8}\d(?!\d)")


def personal_details(text: str, gemeente: str = "") -> list[str]:
    """What in `text` still looks like the asker's details, as Dutch sentences; [] when clean."""
    found = []
    if match := EMAIL_RE.search(text):
        found.append(f"Er staat nog een e-mailadres in ({match.group(0)}). Haal het weg.")
    if match := PHONE_RE.search(text):
        number = match.group(0).strip()
        found.append(f"Er staat nog een telefoonnummer in ({number}). Haal het weg.")
    name = re.sub(r"^gemeente\s+", "", " ".join(gemeente.split()), flags=re.IGNORECASE)
    if name and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE):
        found.append(
            f"De gemeente van de vraagsteller ({name}) staat er nog in. Maak de tekst algemeen."
        )
    return found


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def suggested_title(question: str) -> str:
    """The question as a title: one line, at most 200 characters, cut at a word."""
    return _shorten(question, MAX_TITLE_CHARS)


_MARKDOWN_NOISE = re.compile(r"^[#>*+\-\s]+|[*_`]+")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def suggested_summary(answer: str) -> str:
    """The answer's first paragraph as plain text, at most 300 characters."""
    first = next((p for p in re.split(r"\n\s*\n", answer) if p.strip()), "")
    plain = _LINK.sub(r"\1", first)
    plain = " ".join(_MARKDOWN_NOISE.sub("", line) for line in plain.splitlines())
    return _shorten(plain, SUGGESTED_SUMMARY_CHARS)


def slug_base(title: str) -> str:
    """'vraag-' and the title in slug form, at most 80 characters, cut at a hyphen."""
    words = re.sub(r"[-_]+", "-", slugify(title)).strip("-")
    base = f"vraag-{words}".strip("-") if words else "vraag"
    if len(base) > MAX_SLUG_BASE:
        base = base[:MAX_SLUG_BASE].rsplit("-", 1)[0]
    return base


def unique_slug(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


@dataclass
class Draft:
    """What the editor filled in on the form."""

    title: str
    summary: str
    body: str
    themes: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)


def build_document(slug: str, draft: Draft, day: date) -> str:
    """The item's content file: front matter as the loader reads it, then the Markdown body."""
    front = {
        "slug": slug,
        "kind": Kind.VRAAG.value,
        "title": draft.title,
        "summary": draft.summary,
        "themes": list(draft.themes),
        "sources": [{"section": section} for section in draft.sections],
        "published": day.isoformat(),
        "last_reviewed": day.isoformat(),
    }
    header = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{header}---\n\n{draft.body.strip()}\n"


class CannotPublish(Exception):
    """The question cannot (or can no longer) become an item; the message is Dutch."""


def refusal(question: Question) -> str | None:
    """Why this question cannot become a vraag en antwoord now, or None when it can."""
    if question.status != State.ANSWERED:
        return "Alleen van een beantwoorde vraag kunt u een vraag en antwoord maken."
    if question.personal_data_removed:
        return "De tekst van deze vraag is al verwijderd (bewaartermijn verstreken)."
    if question.published_item_id is not None:
        return "Van deze vraag is al een vraag en antwoord gemaakt."
    return None


def publish(question: Question, draft: Draft, user, day: date | None = None) -> Item:
    """Create the concept item and link it from the question, in one transaction.

    Raises CannotPublish, ValueError (personal details left), PermissionDenied or ContentError
    (from revisions.create); then nothing was written.
    """
    day = day or today()
    with transaction.atomic():
        locked = Question.objects.select_for_update().get(pk=question.pk)
        if reason := refusal(locked):
            raise CannotPublish(reason)
        for text in (draft.title, draft.summary, draft.body):
            if problems := personal_details(text, locked.gemeente):
                raise ValueError(problems[0])
        base = slug_base(draft.title)
        taken = set(Item.objects.filter(slug__startswith=base).values_list("slug", flat=True))
        slug = unique_slug(base, taken)
        item = revisions.create(Kind.VRAAG.value, build_document(slug, draft, day), user)
        locked.published_item = item
        locked.save(update_fields=["published_item"])
        QuestionEvent.objects.create(
            question=locked, actor=user, action=Action.PUBLISHED, detail=f"concept {slug}"
        )
    return item
