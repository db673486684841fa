"""Page feedback rules in plain functions: validate a submission, record it, read it back.

Writes happen in one short transaction: the day's counter row for the page is incremented with
F() (created when missing), and a comment is stored only while the page has fewer than
MAX_COMMENTS_PER_PAGE_PER_DAY for that day. Correct with concurrent posts:
- SQLite: transactions begin IMMEDIATE (settings.py), so writers take turns.
- PostgreSQL: two first posts of a day race on the unique (path, day) constraint; the loser's
  insert fails inside a savepoint and it increments the winner's row instead. The comment cap is
  a conditional UPDATE of that same row, which holds the row lock until commit, so the cap is
  exact.

Retention: counters are deleted after COUNT_RETENTION_DAYS and comments (free text that might,
despite the hint, contain personal data) after COMMENT_RETENTION_DAYS, pruned when a new day's
first feedback is written; no cron job.
"""

import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Sum

from kenniscentrum.core.dates import today

from .models import PageComment, PageFeedbackDay

MAX_TEXT_CHARS = 500
MAX_COMMENTS_PER_PAGE_PER_DAY = 20
COUNT_RETENTION_DAYS = 365
COMMENT_RETENTION_DAYS = 90
ANSWERS = {"ja": True, "nee": False}

CHOICE_MISSING = "Kies Ja of Nee."
TEXT_TOO_LONG = "Uw toelichting is {length} tekens lang. Maak hem korter: maximaal {limit} tekens."


@dataclass
class Submission:
    useful: bool | None = None
    text: str = ""
    errors: dict[str, str] = field(default_factory=dict)


def clean_text(raw: str) -> str:
    """One line ending, no control characters (a NUL would fail on PostgreSQL), stripped."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(char for char in text if char in "\n\t" or unicodedata.category(char)[0] != "C")
    return text.strip()


def validate(data) -> Submission:
    """Read the answer and optional text from the posted form. Errors are in Dutch, per field."""
    submission = Submission()
    answer = data.get("nuttig", "")
    if answer in ANSWERS:
        submission.useful = ANSWERS[answer]
    else:
        submission.errors["nuttig"] = CHOICE_MISSING
    submission.text = clean_text(data.get("toelichting", ""))
    if len(submission.text) > MAX_TEXT_CHARS:
        submission.errors["toelichting"] = TEXT_TOO_LONG.format(
            length=len(submission.text), limit=MAX_TEXT_CHARS
        )
    return submission


def record(path: str, useful: bool, text: str = "", day: date | None = None) -> bool:
    """Count one answer for `path` today; store `text` if the page's daily cap allows.

    Returns whether the text was stored. Raises DatabaseError when the database refused; then
    nothing at all was written (one transaction).
    """
    day = day or today()
    counter = "useful" if useful else "not_useful"
    text = clean_text(text)[:MAX_TEXT_CHARS]
    with transaction.atomic():
        if not PageFeedbackDay.objects.filter(day=day).exists():
            prune(day)
        row = PageFeedbackDay.objects.filter(path=path, day=day)
        if not row.update(**{counter: F(counter) + 1}):
            try:
                with transaction.atomic():  # a savepoint: the race's loser continues below
                    PageFeedbackDay.objects.create(path=path, day=day, **{counter: 1})
            except IntegrityError:
                row.update(**{counter: F(counter) + 1})
        if not text:
            return False
        room = row.filter(comments__lt=MAX_COMMENTS_PER_PAGE_PER_DAY).update(
            comments=F("comments") + 1
        )
        if room:
            PageComment.objects.create(path=path, day=day, useful=useful, text=text)
        return bool(room)


def prune(day: date | None = None) -> None:
    day = day or today()
    PageFeedbackDay.objects.filter(day__lt=day - timedelta(days=COUNT_RETENTION_DAYS)).delete()
    PageComment.objects.filter(day__lt=day - timedelta(days=COMMENT_RETENTION_DAYS)).delete()


@dataclass
class PageCount:
    path: str
    useful: int
    not_useful: int

    @property
    def total(self) -> int:
        return self.useful + self.not_useful


def pages_by_no(days: int, limit: int = 25) -> list[PageCount]:
    """Pages with the most "Nee" over the last `days` days (then most answers, then path)."""
    since = today() - timedelta(days=days - 1)
    rows = (
        PageFeedbackDay.objects.filter(day__gte=since)
        .values("path")
        .annotate(yes=Sum("useful"), no=Sum("not_useful"))
        .order_by("-no", "-yes", "path")[:limit]
    )
    return [PageCount(row["path"], row["yes"], row["no"]) for row in rows]


def totals(days: int) -> PageCount:
    since = today() - timedelta(days=days - 1)
    sums = PageFeedbackDay.objects.filter(day__gte=since).aggregate(
        yes=Sum("useful"), no=Sum("not_useful")
    )
    return PageCount("", sums["yes"] or 0, sums["no"] or 0)


def latest_comments(limit: int = 50) -> list[PageComment]:
    return list(PageComment.objects.order_by("-day", "-id")[:limit])
