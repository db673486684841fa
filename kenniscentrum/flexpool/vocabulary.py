"""The flexpool's fixed lists: what a projectleider can be deskundig in, and request states.

Why one module: the public filter, the request form, the editors' profile form, the matching
reasons and the check's link (`/flexpool/aanvragen/?expertise=flexwonen`) must all use the same
values. The values are URL slugs and never change; the Dutch labels may.

The provinces are the knowledge app's (kenniscentrum.knowledge.vocabulary.PROVINCES), so a
province means the same here as in the check and the figures.
"""

from django.db import models

from kenniscentrum.knowledge.vocabulary import PROVINCES

# value → Dutch label, in the order forms and pages show them.
EXPERTISE = {
    "tussenvoorziening": "Tussenvoorzieningen",
    "flexwonen": "Flexwonen",
    "transformatie": "Transformatie van leegstaande gebouwen",
    "regionale-samenwerking": "Regionale samenwerking",
    "grote-gezinnen": "Huisvesting van grote gezinnen",
}

ALL_PROVINCES_LABEL = "Heel Nederland"


class RequestStatus(models.TextChoices):
    """nieuw → gematcht → bevestigd; nieuw/gematcht → afgewezen (flexpool/workflow.py)."""

    NIEUW = "nieuw", "Nieuw"
    GEMATCHT = "gematcht", "Gematcht"
    BEVESTIGD = "bevestigd", "Bevestigd"
    AFGEWEZEN = "afgewezen", "Afgewezen"


# The steps in a request's log (workflow.py), as the editors' pages name them.
LOG_ACTIONS = {
    "submit": "Aangevraagd",
    "match": "Gekoppeld",
    "confirm": "Bevestigd",
    "decline": "Afgewezen",
}

OPEN_STATUSES = (RequestStatus.NIEUW, RequestStatus.GEMATCHT)
CLOSED_STATUSES = (RequestStatus.BEVESTIGD, RequestStatus.AFGEWEZEN)


def expertise_choices() -> list[tuple[str, str]]:
    return list(EXPERTISE.items())


def province_choices() -> list[tuple[str, str]]:
    return list(PROVINCES.items())


def in_vocabulary_order(values, vocabulary: dict) -> list[str]:
    """Known values only, without duplicates, in the vocabulary's order (stable on pages)."""
    chosen = set(values or ())
    return [value for value in vocabulary if value in chosen]


def expertise_label(value: str) -> str:
    return EXPERTISE.get(value, value)


def province_label(value: str) -> str:
    return PROVINCES.get(value, value)


def lower_first(label: str) -> str:
    """'Flexwonen' → 'flexwonen' for use inside a sentence; leaves 'Noord-Brabant' alone."""
    return label[:1].lower() + label[1:] if label else label


def dutch_list(words) -> str:
    """'a', 'a en b', 'a, b en c': how a Dutch sentence lists things."""
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " en " + words[-1]
