"""What may happen to a request, in which state, by whom; every step logged.

    nieuw --match--> gematcht --confirm--> bevestigd
      |                 |  ^
      |                 +--+ match (another profile)
      +------ decline --+----------------> afgewezen

- match: an editor picks a profile (any active one; the queue suggests matches first). Allowed
  again from gematcht, to pick another.
- confirm: the match is agreed with the projectleider; the requester gets a mail. An optional
  note (what happens next) goes into that mail.
- decline: needs a reason, because the requester reads it in the mail.

bevestigd and afgewezen are final: the request is closed (`closed_on`), and from then on the
retention period runs (retention.py). Every step takes the request's row lock
(select_for_update) in a transaction, so two editors acting at once cannot both move it from
the same state; the loser gets InvalidTransition. Mails go out after commit (mails.py).

Who: the model permission flexpool.change_flexrequest (both editorial roles, see
migrations/0002_roles.py), checked here whatever view or script asks.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction

from kenniscentrum.core import dates
from kenniscentrum.core.text_input import clean_text

from . import mails
from .models import FlexRequest, Profile, RequestLogEntry
from .vocabulary import RequestStatus

HANDLE = "flexpool.change_flexrequest"
MAX_REASON = 1000  # RequestLogEntry.reason


@dataclass(frozen=True)
class Step:
    action: str
    label: str
    sources: frozenset
    target: str
    needs_reason: bool = False
    needs_profile: bool = False
    mails_requester: bool = False


STEPS = {
    step.action: step
    for step in (
        Step("match", "Koppelen aan projectleider",
             frozenset({RequestStatus.NIEUW, RequestStatus.GEMATCHT}), RequestStatus.GEMATCHT,
             needs_profile=True),
        Step("confirm", "Bevestigen",
             frozenset({RequestStatus.GEMATCHT}), RequestStatus.BEVESTIGD,
             mails_requester=True),
        Step("decline", "Afwijzen",
             frozenset({RequestStatus.NIEUW, RequestStatus.GEMATCHT}), RequestStatus.AFGEWEZEN,
             needs_reason=True, mails_requester=True),
    )
}  # fmt: skip


class InvalidTransition(ValueError):
    """A step that cannot be taken; the message is Dutch and can be shown as it is."""


def allowed_steps(flex_request: FlexRequest, user) -> list[Step]:
    if not user.has_perm(HANDLE):
        return []
    return [step for step in STEPS.values() if flex_request.status in step.sources]


def create_request(data: dict) -> FlexRequest:
    """Store a validated request (forms.RequestForm.cleaned_data) with its kenmerk, in one
    transaction: either the request with its reference and first log line, or nothing."""
    with transaction.atomic():
        flex_request = FlexRequest.objects.create(
            gemeente=data["gemeente"],
            province=data["province"],
            need=data["need"],
            expertise=list(data["expertise"]),
            period_from=data["period_from"],
            period_until=data["period_until"],
            contact_name=data["contact_name"],
            contact_email=data["contact_email"],
        )
        flex_request.reference = reference_for(flex_request.pk, dates.today().year)
        flex_request.save(update_fields=["reference"])
        RequestLogEntry.objects.create(
            request=flex_request, action="submit", to_status=RequestStatus.NIEUW
        )
    return flex_request


def reference_for(pk: int, year: int) -> str:
    """'FP-2026-00007': what the requester and the editors quote. Not a key to any page."""
    return f"FP-{year}-{pk:05d}"


def transition(
    flex_request: FlexRequest,
    action: str,
    user,
    *,
    profile: Profile | None = None,
    reason: str = "",
    base_url: str = "",
) -> FlexRequest:
    """Take one step, or raise PermissionDenied / InvalidTransition (nothing changed then).

    `base_url` is the site's address for links in the mail when KC_SITE_URL is not set.
    """
    step = STEPS.get(action)
    if step is None:
        raise InvalidTransition(f"Onbekende handeling '{str(action)[:40]}'.")
    if not user.has_perm(HANDLE):
        raise PermissionDenied("U mag flexpoolaanvragen niet behandelen.")
    reason = clean_text(reason)
    if step.needs_reason and not reason:
        raise InvalidTransition(
            f"Geef een reden op bij '{step.label}': de aanvrager leest die in een e-mail."
        )
    if len(reason) > MAX_REASON:
        raise InvalidTransition(f"De tekst is te lang: ten hoogste {MAX_REASON} tekens.")
    with transaction.atomic():
        locked = FlexRequest.objects.select_for_update().get(pk=flex_request.pk)
        if locked.status not in step.sources:
            raise InvalidTransition(
                f"'{step.label}' kan niet vanuit de status '{locked.get_status_display()}'."
            )
        if step.needs_profile:
            profile = _active_profile(profile)
            locked.matched_profile = profile
        previous = locked.status
        locked.status = step.target
        if step.target not in (RequestStatus.NIEUW, RequestStatus.GEMATCHT):
            locked.closed_on = dates.today()
        locked.save(update_fields=["status", "matched_profile", "closed_on"])
        RequestLogEntry.objects.create(
            request=locked,
            user=user if user.is_authenticated else None,
            action=action,
            from_status=previous,
            to_status=step.target,
            profile=locked.matched_profile,
            reason=reason,
        )
        if step.mails_requester:
            mails.after_close(locked.pk, action, reason, base_url)
    flex_request.refresh_from_db()
    return flex_request


def _active_profile(profile) -> Profile:
    """The profile to match, locked and re-read: it may have been deactivated meanwhile."""
    if profile is None:
        raise InvalidTransition("Kies een projectleider om de aanvraag aan te koppelen.")
    current = Profile.objects.select_for_update().filter(pk=profile.pk, active=True).first()
    if current is None:
        raise InvalidTransition("Dit profiel is niet (meer) actief; kies een ander profiel.")
    return current
