"""The reply to an asker who gave an e-mail address, sent after the state change commits.

Why after commit (as editorial/notifications.py): a reply for a change that was rolled back
would tell the asker something the vraagbaak does not record, and a slow or broken mail server
must never hold the question's row lock or undo the answer. So the mail is sent in a
`transaction.on_commit` callback; a failure is logged and written to the question's log (the
editor sees "Mailen mislukt" and can contact the asker another way), never raised.

Why at most one mail per question: the callback is registered only by the transaction that
moved the question out of OPEN under its row lock (handling.py); a second editor's attempt
finds it closed and registers nothing.

The message is plain text: the reference, the date of the question, the question itself and
the reply as the editor wrote it (Markdown reads fine as text). From DEFAULT_FROM_EMAIL, to the
asker only.
"""

import logging
from dataclasses import dataclass
from datetime import date
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils.formats import date_format

from . import config
from .models import QuestionEvent
from .vocabulary import Action

logger = logging.getLogger(__name__)

SUBJECT = "Antwoord op uw vraag aan de vraagbaak ({reference})"


@dataclass(frozen=True)
class Reply:
    question_pk: int
    reference: str
    asked_on: date
    question: str
    reply: str
    to: str


def build_message(reply: Reply) -> EmailMessage:
    asked = date_format(reply.asked_on, "j F Y")
    days = config.retention_days()
    body = "\n".join(
        [
            "Geachte vraagsteller,",
            "",
            f"Op {asked} stelde u een vraag aan de vraagbaak van het kenniscentrum huisvesting "
            f"statushouders. Uw referentienummer is {reply.reference}.",
            "",
            "Uw vraag:",
            "",
            reply.question,
            "",
            "Ons antwoord:",
            "",
            reply.reply,
            "",
            "Met vriendelijke groet,",
            "De redactie van het kenniscentrum huisvesting statushouders",
            "",
            "-- ",
            "Dit bericht is verstuurd door de vraagbaak van het kenniscentrum huisvesting "
            "statushouders. U krijgt het omdat u bij uw vraag dit e-mailadres gaf.",
            f"Wij verwijderen uw e-mailadres, uw gemeente en de tekst van vraag en antwoord "
            f"{days} dagen na dit antwoord. Noem uw referentienummer als u hierover contact "
            "opneemt.",
        ]
    )
    subject = SUBJECT.format(reference=reply.reference)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [reply.to])


def send_after_commit(reply: Reply) -> None:
    """Mail `reply` once the surrounding transaction commits; nothing if it rolls back."""
    transaction.on_commit(partial(_send_safely, reply), robust=True)


def _send_safely(reply: Reply) -> None:
    try:
        build_message(reply).send(fail_silently=False)
    except Exception:
        logger.exception("Vraagbaakmail voor %s is niet verstuurd", reply.reference)
        _log(reply, Action.MAIL_FAILED)
        return
    _log(reply, Action.MAILED)


def _log(reply: Reply, action: str) -> None:
    try:
        QuestionEvent.objects.create(question_id=reply.question_pk, action=action)
    except Exception:  # the log is for editors; losing one line must not raise here either
        logger.exception("Logregel %s voor %s niet opgeslagen", action, reply.reference)
