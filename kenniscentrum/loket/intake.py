"""A new question: its reference, its promised date, stored in one transaction.

Why the number is "highest this year plus one" with a retry: references are read aloud on the
phone and written in letters, so they are short and sequential (VB-2026-00042), not random. On
SQLite transactions begin IMMEDIATE (settings.py), so two submissions take turns; on PostgreSQL
two may read the same highest number, and the unique (year, number) constraint makes the loser
retry inside a savepoint. Either way a failure leaves nothing behind: the question, its log line
and the retention pruning commit together or not at all.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from kenniscentrum.core.dates import AMSTERDAM

from . import config, retention
from .models import Question, QuestionEvent
from .vocabulary import Action
from .working_days import add_working_days

ATTEMPTS = 5


@dataclass(frozen=True)
class NewQuestion:
    text: str
    organisation_type: str
    gemeente: str = ""
    province: str = ""
    email: str = ""


def reference_for(year: int, number: int) -> str:
    return f"VB-{year}-{number:05d}"


def submit(new: NewQuestion, now: datetime | None = None) -> Question:
    """Store a validated question; returns it with its reference and promised date."""
    now = now or timezone.now()
    day = timezone.localtime(now, AMSTERDAM).date()
    promised = add_working_days(day, config.answer_days())
    with transaction.atomic():
        retention.prune(now)
        for attempt in range(ATTEMPTS):
            highest = Question.objects.filter(year=day.year).aggregate(n=Max("number"))["n"]
            number = (highest or 0) + 1
            try:
                with transaction.atomic():
                    question = Question.objects.create(
                        reference=reference_for(day.year, number), year=day.year, number=number,
                        submitted_at=now, promised_on=promised,
                        organisation_type=new.organisation_type, province=new.province,
                        gemeente=new.gemeente, email=new.email, text=new.text,
                    )  # fmt: skip
                break
            except IntegrityError:
                if attempt == ATTEMPTS - 1:
                    raise
        QuestionEvent.objects.create(question=question, at=now, action=Action.SUBMITTED)
    return question
