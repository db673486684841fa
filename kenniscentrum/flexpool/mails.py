"""The mail to the requester when the editors confirm or decline a request.

Why after commit: a mail about a step that was rolled back would tell a gemeente something
that is not true, and a slow or broken mail server must never hold the request's row lock or
undo the step. So the mail is built and sent in a `transaction.on_commit` callback
(robust: an exception there is not raised into the request), and any failure is logged.
Same pattern as kenniscentrum/editorial/notifications.py.

What a mail holds: the kenmerk, gemeente, period, the new status, for a confirmation the
matched projectleider's *public* fields only (a name the profile keeps private stays private
here too) and the editors' note, for a decline the reason. Plain text, one recipient, from
settings.DEFAULT_FROM_EMAIL. No mail is sent on submission: anyone can type any address into
a public form, and the site must not be usable to send mail to strangers.
"""

import logging
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse

from . import retention
from .matching import nl_date
from .models import FlexRequest

logger = logging.getLogger(__name__)

SUBJECTS = {
    "confirm": "Uw flexpoolaanvraag {reference} is bevestigd",
    "decline": "Uw flexpoolaanvraag {reference} is afgewezen",
}
SIGNATURE = (
    "\n-- \nDit bericht is verstuurd door de redactie van het kenniscentrum huisvesting "
    "statushouders, omdat u via de website een projectleider uit de flexpool heeft "
    "aangevraagd.\n"
)


def after_close(request_pk: int, action: str, text: str = "", base_url: str = "") -> None:
    """Send the requester's mail for `action` once the surrounding transaction commits."""
    if action not in SUBJECTS:
        return
    transaction.on_commit(partial(_send_safely, request_pk, action, text, base_url), robust=True)


def _send_safely(request_pk: int, action: str, text: str, base_url: str) -> None:
    try:
        message = build_message(FlexRequest.objects.get(pk=request_pk), action, text, base_url)
        if message is not None:
            get_connection(fail_silently=False).send_messages([message])
    except Exception:  # never fails the step; the log says what happened
        logger.exception("Flexpoolmail (%s, aanvraag %s) is niet verstuurd", action, request_pk)


def build_message(
    flex_request: FlexRequest, action: str, text: str = "", base_url: str = ""
) -> EmailMessage | None:
    """The plain-text Dutch mail, or None when there is no address (already removed)."""
    if not flex_request.contact_email:
        return None
    greeting = f"Beste {flex_request.contact_name}," if flex_request.contact_name else "Beste,"
    facts = [
        f"Kenmerk: {flex_request.reference}",
        f"Gemeente: {flex_request.gemeente}",
        f"Gevraagde periode: {nl_date(flex_request.period_from)} tot en met "
        f"{nl_date(flex_request.period_until)}",
    ]
    if action == "confirm":
        lines = [
            greeting,
            "",
            "De redactie van het kenniscentrum heeft uw aanvraag voor een projectleider uit de "
            "flexpool bevestigd.",
            "",
            *facts,
            *_profile_lines(flex_request.matched_profile),
        ]
        if text:
            lines += ["", "Toelichting van de redactie:", text]
        lines += [
            "",
            "Wat nu: de redactie neemt contact met u op om de inzet van de projectleider af "
            "te spreken. Heeft u vragen, beantwoord dan dit bericht of noem het kenmerk.",
        ]
    else:
        lines = [
            greeting,
            "",
            "De redactie van het kenniscentrum kan uw aanvraag voor een projectleider uit de "
            "flexpool helaas niet honoreren.",
            "",
            *facts,
            "",
            "Reden:",
            text,
            "",
            "U kunt altijd een nieuwe aanvraag doen: "
            + absolute(reverse("flexpool:request"), base_url),
        ]
    lines += [*_retention_lines(flex_request), SIGNATURE]
    subject = SUBJECTS[action].format(reference=flex_request.reference)
    return EmailMessage(
        subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, [flex_request.contact_email]
    )


def _retention_lines(flex_request: FlexRequest) -> list[str]:
    removal = retention.removal_date(flex_request)
    if removal is None:  # misconfigured: said nowhere rather than wrongly (config.py)
        return []
    return [
        "",
        "Uw naam, e-mailadres en de beschrijving van uw vraag verwijderen we vanaf "
        f"{nl_date(removal)}.",
    ]


def _profile_lines(profile) -> list[str]:
    if profile is None:
        return []
    lines = [f"Projectleider: {profile.public_name}"]
    if profile.public_organisation:
        lines.append(f"Organisatie: {profile.public_organisation}")
    if profile.public_contact_route:
        lines.append(f"Contact: {profile.public_contact_route}")
    return lines


def absolute(path: str, base_url: str = "") -> str:
    """KC_SITE_URL when set (a request's Host can be anything a proxy passes on), else the
    address of the request that took the step."""
    base = (getattr(settings, "SITE_URL", "") or base_url or "").rstrip("/")
    return f"{base}{path}"
