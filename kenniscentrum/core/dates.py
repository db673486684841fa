"""Dates as a Dutch civil servant means them: today is today in Europe/Amsterdam, and a date is
whatever they type ("30-11-2026", "30 november 2026"), not only JJJJ-MM-DD.
"""

import re
from datetime import date
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MIN_YEAR, MAX_YEAR = 2000, 2100

MONTHS = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}  # fmt: skip
# The abbreviations people write (with or without a full stop): "mrt" and "mar", "sep" and "sept".
MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mrt": 3, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "okt": 10, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
EXAMPLES = "30-11-2026, 30/11/2026, 30 november 2026, 30 nov 2026 of 2026-11-30"
FORMAT_ERROR = f"Geef een datum zoals {EXAMPLES}."

ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
DAY_FIRST = re.compile(r"([0-9]{1,2})([-/.])([0-9]{1,2})\2([0-9]{4})")
WRITTEN = re.compile(r"([0-9]{1,2})\s+([a-z]+)\.?\s+([0-9]{4})")


def today() -> date:
    return timezone.now().astimezone(AMSTERDAM).date()


def report_date() -> date:
    """The date of the facts in this kenniscentrum: the report's (settings.REPORT_DATE)."""
    return date.fromisoformat(settings.REPORT_DATE)


class DateError(ValueError):
    """A date that cannot be read; the message is Dutch and can be shown as it is."""


def parse_date(text: str) -> date:
    """A date from what a person types, or DateError with a Dutch message.

    Why one function: the form, the permanent result URL and the API must accept exactly the same
    dates. Day first, as in the Netherlands: "1-11-2021" is 1 November, never 11 January. A
    two-digit year is refused rather than guessed.
    """
    value = " ".join(str(text).split()).lower()
    if match := ISO.fullmatch(value):
        year, month, day = (int(g) for g in match.groups())
    elif match := DAY_FIRST.fullmatch(value):
        day, month, year = int(match[1]), int(match[3]), int(match[4])
    elif match := WRITTEN.fullmatch(value):
        name = match[2]
        month = MONTHS.get(name) or MONTH_ABBREVIATIONS.get(name)
        if month is None:
            raise DateError(f"'{match[2]}' is geen maand. {FORMAT_ERROR}")
        day, year = int(match[1]), int(match[3])
    else:
        raise DateError(FORMAT_ERROR)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateError(f"Geef een datum tussen {MIN_YEAR} en {MAX_YEAR}.")
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError(
            f"Die datum bestaat niet (dag {day}, maand {month}). {FORMAT_ERROR}"
        ) from None
