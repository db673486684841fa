"""The editors' queue: what needs an answer first, and the filters on it.

Order, and why: a question past its promised date is a broken promise, so those come first
(the longest overdue on top); then the other open questions by promised date (the next promise
to keep on top); then the closed ones, the most recently closed first. Overdue means open on a
day after the promised date: on the promised date itself the answer is still on time.
"""

from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import BooleanField, Case, F, IntegerField, Q, Value, When

from kenniscentrum.core.dates import AMSTERDAM, today

from .models import Question
from .vocabulary import CLOSED_STATES, State

PERMISSIONS_BACKEND = "django.contrib.auth.backends.ModelBackend"
HANDLE = "loket.change_question"
OVERDUE, OPEN, CLOSED = 0, 1, 2

# ?status= values: the states, plus "te-laat" (open and overdue) and "afgehandeld" (closed).
STATUS_FILTERS = {
    "te-laat": "Te laat",
    State.OPEN.value: "Open",
    "afgehandeld": "Afgehandeld (alle)",
    State.ANSWERED.value: State.ANSWERED.label,
    State.DUPLICATE.value: State.DUPLICATE.label,
    State.OUT_OF_SCOPE.value: State.OUT_OF_SCOPE.label,
}


def is_overdue(question: Question, on: date) -> bool:
    return question.status == State.OPEN and question.promised_on < on


def ordered(on: date | None = None):
    """Every question, annotated with `group` (OVERDUE, OPEN, CLOSED) and `overdue`, in queue
    order."""
    on = on or today()
    overdue = Q(status=State.OPEN, promised_on__lt=on)
    return (
        Question.objects.select_related("assigned_to", "closed_by")
        .annotate(
            group=Case(
                When(overdue, then=Value(OVERDUE)),
                When(status=State.OPEN, then=Value(OPEN)),
                default=Value(CLOSED),
                output_field=IntegerField(),
            ),
            overdue=Case(
                When(overdue, then=Value(True)), default=Value(False), output_field=BooleanField()
            ),
            open_due=Case(When(status=State.OPEN, then=F("promised_on"))),
        )
        .order_by(
            "group",
            F("open_due").asc(nulls_last=True),
            F("closed_at").desc(nulls_last=True),
            "submitted_at",
            "pk",
        )
    )


def parse_filters(query) -> tuple[dict, list[str]]:
    """The chosen filters from the query string; unknown values are ignored with a note."""
    notes = []
    status = query.get("status", "")
    if status and status not in STATUS_FILTERS:
        notes.append("Dat statusfilter bestaat niet; u ziet alle vragen.")
        status = ""
    mine = query.get("mijn", "") == "1"
    return {"status": status, "mijn": mine}, notes


def apply_filters(questions, filters: dict, user, on: date | None = None):
    on = on or today()
    status = filters.get("status")
    if status == "te-laat":
        questions = questions.filter(status=State.OPEN, promised_on__lt=on)
    elif status == "afgehandeld":
        questions = questions.filter(status__in=CLOSED_STATES)
    elif status:
        questions = questions.filter(status=status)
    if filters.get("mijn"):
        questions = questions.filter(assigned_to=user)
    return questions


def counts(on: date | None = None) -> dict[str, int]:
    on = on or today()
    open_questions = Question.objects.filter(status=State.OPEN)
    return {
        "open": open_questions.count(),
        "overdue": open_questions.filter(promised_on__lt=on).count(),
    }


def editors():
    """Who a question can be assigned to: active users who may handle questions."""
    return (
        get_user_model()
        .objects.with_perm(HANDLE, is_active=True, backend=PERMISSIONS_BACKEND)
        .order_by("first_name", "last_name", "username")
    )


def stat_records():
    """Every question as the plain dates stats.py works with (Amsterdam days)."""
    from .stats import Record

    rows = Question.objects.values_list("submitted_at", "promised_on", "closed_at")
    return [
        Record(
            submitted_on=submitted.astimezone(AMSTERDAM).date(),
            promised_on=promised,
            closed_on=closed.astimezone(AMSTERDAM).date() if closed else None,
        )
        for submitted, promised, closed in rows
    ]
