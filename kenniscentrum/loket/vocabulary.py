"""The vraagbaak's fixed lists: who asks, and the states a question goes through."""

from django.db import models

from kenniscentrum.knowledge.vocabulary import APPLICANTS, PROVINCES

# The check's organisations (the ones that apply for a regeling), plus the two that ask but do
# not apply: the Rijk's own services, and anyone else.
ORGANISATION_TYPES = {
    **APPLICANTS,
    "rijksoverheid": "Rijksoverheid of uitvoeringsorganisatie",
    "anders": "Anders",
}

__all__ = ["ORGANISATION_TYPES", "PROVINCES", "State", "Action"]


class State(models.TextChoices):
    """Where a question is. Every state but OPEN is final: the asker got a reply."""

    OPEN = "open", "Open"
    ANSWERED = "beantwoord", "Beantwoord"
    DUPLICATE = "dubbel", "Dubbele vraag"
    OUT_OF_SCOPE = "buiten-bereik", "Buiten de vraagbaak"


CLOSED_STATES = (State.ANSWERED, State.DUPLICATE, State.OUT_OF_SCOPE)


class Action(models.TextChoices):
    """What the log of a question records."""

    SUBMITTED = "ingediend", "Vraag ontvangen"
    ASSIGNED = "toegewezen", "Toegewezen"
    ANSWERED = "beantwoord", "Beantwoord"
    DUPLICATE = "dubbel", "Gemarkeerd als dubbel"
    OUT_OF_SCOPE = "buiten-bereik", "Gemarkeerd als buiten de vraagbaak"
    MAILED = "gemaild", "Antwoord gemaild"
    MAIL_FAILED = "mail-mislukt", "Mailen mislukt"
    PUBLISHED = "vraag-en-antwoord", "Vraag en antwoord gemaakt"
