"""How long a request keeps the requester's personal data, and the pruning that ends it.

A request is kept (for the editors' overview and the kenniscentrum's own accounting: which
gemeenten asked for what, and what came of it), but the requester's personal data is not:
`retention_days()` days after the request was closed (bevestigd or afgewezen) its contact
name, e-mail address and the text of the need are blanked, and so are the editors' reasons
and notes in its log (they were written to that requester, about that need, and went out in
the mail). What remains: kenmerk, gemeente, province, expertise, period, status, the matched
profile and who took which step when.

Requests that are still open are not pruned: they are the editors' work and need a contact.

When: at every new request (views.request_form, before it is stored) and with
`manage.py prune_flexpool` (for a cron job on a quiet site). No background thread.
"""

import logging
from datetime import date, timedelta

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from kenniscentrum.core import dates

from .config import retention_days
from .models import FlexRequest, RequestLogEntry
from .vocabulary import CLOSED_STATUSES

logger = logging.getLogger(__name__)

REMOVED = "[verwijderd na de bewaartermijn]"


def removal_date(flex_request: FlexRequest) -> date | None:
    """The first day on which prune() blanks this request; None while it is open, or when the
    setting is invalid (config.py says why)."""
    if flex_request.closed_on is None:
        return None
    try:
        return flex_request.closed_on + timedelta(days=retention_days())
    except ImproperlyConfigured:
        return None


def prune(on: date | None = None) -> int:
    """Blank the personal data of every closed request whose retention has passed.

    Returns the number of requests blanked. Raises ImproperlyConfigured for an invalid setting
    (nothing is blanked then) and DatabaseError if the database refuses (nothing then either:
    one transaction).
    """
    day = on or dates.today()
    cutoff = day - timedelta(days=retention_days())
    with transaction.atomic():
        due = FlexRequest.objects.filter(
            status__in=CLOSED_STATUSES,
            closed_on__lte=cutoff,
            personal_data_removed_on__isnull=True,
        )
        ids = list(due.values_list("pk", flat=True))
        if not ids:
            return 0
        RequestLogEntry.objects.filter(request_id__in=ids).exclude(reason="").update(reason=REMOVED)
        FlexRequest.objects.filter(pk__in=ids).update(
            contact_name="", contact_email="", need="", personal_data_removed_on=day
        )
    return len(ids)


def prune_quietly() -> None:
    """prune() for the public form: a failure is logged, never shown to the visitor, and never
    stops their request from being stored."""
    try:
        prune()
    except Exception:
        logger.exception("Flexpool: persoonsgegevens van afgeronde aanvragen niet opgeschoond")
