"""Personal data of the vraagbaak is blanked KC_LOKET_RETENTION_DAYS after a question closed.

Blanked: the e-mail address, the gemeente, the question and the reply text. Kept: reference,
dates, organisation type, province, status, who handled it and the log, so the figures
(stats.py) still count every question. Why from closing and not from submission: until the
reply is sent the editor needs the question and the address. An open question keeps its data
until it is closed.

Runs on every new question (intake.py, in its transaction, like feedback/rules.prune) and as
`manage.py prune_loket` for a cron job; both are idempotent: a question is blanked once.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from . import config
from .models import Question

BLANK = {"email": "", "gemeente": "", "text": "", "reply": ""}


def due(now: datetime | None = None):
    """Questions closed longer ago than the retention period whose data is still there."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=config.retention_days())
    return Question.objects.filter(closed_at__lt=cutoff, personal_data_removed_at__isnull=True)


def prune(now: datetime | None = None) -> int:
    """Blank the personal data of every question that is due; returns how many."""
    now = now or timezone.now()
    with transaction.atomic():
        return due(now).update(**BLANK, personal_data_removed_at=now)
