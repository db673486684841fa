"""What an editor does with a question: assign it, answer it, or close it as a duplicate or as
outside the vraagbaak, each with a reply to the asker.

Why every change locks the question row first (`select_for_update` in a transaction) and then
checks the state again: two editors can open the same question and both press "Versturen".
The first moves it out of OPEN and registers the mail (mail.py, after commit); the second waits
for the lock, finds it closed and gets NotOpen, with nothing written and nothing mailed. On
SQLite, where select_for_update does nothing, transactions begin IMMEDIATE (settings.py), so the
second cannot even start reading before the first commits. Every change writes a log line
(who, when, what) in the same transaction.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from kenniscentrum.core.context_processors import report_date_nl
from kenniscentrum.core.text_input import clean_text
from kenniscentrum.editorial.queue import display_name
from kenniscentrum.knowledge.models import Item
from kenniscentrum.knowledge.selectors import public_items

from . import mail
from .models import MAX_REPLY_CHARS, Question, QuestionEvent
from .vocabulary import Action, State

REFERENCE_RE = re.compile(r"^VB-\d{4}-\d{5,}$", re.IGNORECASE)
ITEM_PATH_RE = re.compile(r"/kennis/([-a-z0-9]+)/?$")

OUT_OF_SCOPE_REPLY = (
    "Dank voor uw vraag. Wij kunnen deze vraag helaas niet beantwoorden. De vraagbaak van het "
    "kenniscentrum beantwoordt vragen over het huisvesten van statushouders, met de kennis die "
    "op deze website staat: regelingen, handreikingen, voorbeelden uit de praktijk en de "
    "eindrapportage van de aanjager huisvesting statushouders ({report_date}).\n\n"
    "Heeft u een vraag over dat onderwerp, dan kunt u die altijd opnieuw stellen."
)
DUPLICATE_ITEM_REPLY = (
    "Dank voor uw vraag. Het antwoord staat al op de website van het kenniscentrum:\n\n"
    "{title}\n{url}\n\n"
    "Staat daar niet wat u zocht? Stel uw vraag dan gerust opnieuw en schrijf erbij wat u mist."
)
DUPLICATE_ANSWERED_REPLY = (
    "Dank voor uw vraag. Dezelfde vraag is eerder bij de vraagbaak gesteld en beantwoord. Het "
    "antwoord daarop:\n\n{reply}"
)
DUPLICATE_OPEN_REPLY = (
    "Dank voor uw vraag. U stelde deze vraag al eerder; wij beantwoorden hem onder "
    "referentienummer {reference}."
)
DUPLICATE_PLAIN_REPLY = (
    "Dank voor uw vraag. Dezelfde vraag is eerder bij de vraagbaak gesteld en afgehandeld "
    "(referentienummer {reference})."
)


class NotOpen(Exception):
    """The question was closed by someone else (or earlier); nothing was changed."""

    def __init__(self, question: Question):
        self.question = question
        when = (
            date_format(timezone.localtime(question.closed_at), "j F Y, H:i")
            if question.closed_at
            else "een onbekend moment"
        )
        super().__init__(
            f"Vraag {question.reference} is al afgehandeld ({question.get_status_display()}) "
            f"door {display_name(question.closed_by)} op {when}. Er is niets gewijzigd of "
            "verstuurd."
        )


class TargetError(ValueError):
    """A duplicate's target that does not exist or cannot be used; the message is Dutch."""


@dataclass(frozen=True)
class Target:
    """What a duplicate points at: another question, or a published item."""

    question: Question | None = None
    item: Item | None = None

    @property
    def label(self) -> str:
        if self.question is not None:
            return self.question.reference
        return f"/kennis/{self.item.slug}/"


def find_target(value: str, question: Question) -> Target:
    """Read what an editor typed: a reference (VB-2026-00012), an item slug or its address."""
    value = " ".join(str(value).split())
    if not value:
        raise TargetError("Geef het referentienummer van de eerdere vraag of de slug van een item.")
    if REFERENCE_RE.match(value):
        other = Question.objects.filter(reference=value.upper()).first()
        if other is None:
            raise TargetError(f"Er is geen vraag met referentienummer {value.upper()}.")
        if other.pk == question.pk:
            raise TargetError("Een vraag kan geen dubbel van zichzelf zijn.")
        return Target(question=other)
    match = ITEM_PATH_RE.search(value)
    slug = match.group(1) if match else value.strip("/").lower()
    item = public_items().filter(slug=slug).first() if len(slug) <= 100 else None
    if item is None:
        raise TargetError(
            f"'{value[:100]}' is geen referentienummer (zoals VB-2026-00012) en geen "
            "gepubliceerd item (zoals vraag-pilot-grote-gezinnen-aanmelden)."
        )
    return Target(item=item)


def out_of_scope_reply() -> str:
    """The standard reply for a question outside the vraagbaak (the report's date from
    settings.REPORT_DATE, as every page writes it)."""
    return OUT_OF_SCOPE_REPLY.format(report_date=report_date_nl())


def duplicate_reply(target: Target, base_url: str = "") -> str:
    """The standard reply for a duplicate of `target`, for the editor to check and change."""
    if target.item is not None:
        url = f"{base_url.rstrip('/')}{target.item.get_absolute_url()}"
        return DUPLICATE_ITEM_REPLY.format(title=target.item.title, url=url)
    other = target.question
    if other.is_open:
        return DUPLICATE_OPEN_REPLY.format(reference=other.reference)
    if other.status == State.ANSWERED and other.reply:
        return DUPLICATE_ANSWERED_REPLY.format(reply=other.reply)
    return DUPLICATE_PLAIN_REPLY.format(reference=other.reference)


def _locked_open(question: Question) -> Question:
    # No select_related: PostgreSQL refuses FOR UPDATE on the nullable side of an outer join.
    locked = Question.objects.select_for_update().get(pk=question.pk)
    if not locked.is_open:
        raise NotOpen(locked)
    return locked


def assign(question: Question, assignee, actor, now: datetime | None = None) -> Question:
    """Give an open question to `assignee` (None: to nobody)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked_open(question)
        locked.assigned_to = assignee
        locked.save(update_fields=["assigned_to"])
        detail = f"aan {display_name(assignee)}" if assignee is not None else "aan niemand"
        QuestionEvent.objects.create(
            question=locked, at=now, actor=actor, action=Action.ASSIGNED, detail=detail
        )
    return locked


CLOSING_ACTIONS = {
    State.ANSWERED: Action.ANSWERED,
    State.DUPLICATE: Action.DUPLICATE,
    State.OUT_OF_SCOPE: Action.OUT_OF_SCOPE,
}


def close(
    question: Question,
    state: str,
    reply: str,
    actor,
    target: Target | None = None,
    now: datetime | None = None,
) -> Question:
    """Answer or close an open question with `reply`, mailed after commit when the asker gave
    an address. Raises NotOpen (nothing changed) when it was no longer open."""
    now = now or timezone.now()
    reply = clean_text(reply)
    if state not in CLOSING_ACTIONS:
        raise ValueError(f"not a closing state: {state}")
    if not reply or len(reply) > MAX_REPLY_CHARS:
        raise ValueError("reply must be 1 to MAX_REPLY_CHARS characters")
    if (state == State.DUPLICATE) != (target is not None):
        raise ValueError("a duplicate, and only a duplicate, has a target")
    with transaction.atomic():
        locked = _locked_open(question)
        locked.status = state
        locked.reply = reply
        locked.closed_at = now
        locked.closed_by = actor
        if locked.assigned_to_id is None:
            locked.assigned_to = actor
        detail = ""
        if target is not None:
            locked.duplicate_of = target.question
            locked.duplicate_item_slug = target.item.slug if target.item else ""
            detail = f"dubbel van {target.label}"
        locked.save()
        QuestionEvent.objects.create(
            question=locked, at=now, actor=actor, action=CLOSING_ACTIONS[state], detail=detail
        )
        if locked.email:
            mail.send_after_commit(
                mail.Reply(
                    question_pk=locked.pk,
                    reference=locked.reference,
                    asked_on=timezone.localtime(locked.submitted_at).date(),
                    question=locked.text,
                    reply=reply,
                    to=locked.email,
                )
            )
    return locked
