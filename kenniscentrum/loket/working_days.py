"""Working days as the Algemene termijnenwet counts them, for the promised answer date.

Why this law: it is how Dutch government counts a term in days ("binnen vijf werkdagen"), so a
civil servant reads our promise the way they read any other. Not working days (art. 3):
Saturdays, Sundays, Nieuwjaarsdag, Goede Vrijdag, Tweede Paasdag, Koningsdag, 5 mei (every year,
not only once a lustrum), Hemelvaartsdag, Tweede Pinksterdag and both Christmas days. The
library `holidays` (pinned) knows the moving feasts; Goede Vrijdag and Bevrijdingsdag are in its
"optional" category for the Netherlands, so both categories are asked for. Pure: no database,
no clock; callers pass the day.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _holidays(year: int) -> dict[date, str]:
    """The year's holidays (date -> Dutch name), read once per process and year."""
    found = holidays.NL(years=year, categories=("public", "optional"), language="nl")
    return dict(found)


def holiday_name(day: date) -> str | None:
    """The Dutch name of the public holiday on `day`, or None."""
    return _holidays(day.year).get(day)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The `days`-th working day after `start` (start itself never counts, whatever it is).

    A question on Thursday 2 April 2026 with 5 days: Goede Vrijdag (3 April), the weekend and
    Tweede Paasdag (6 April) are skipped, so the answer is due on Monday 13 April 2026.
    """
    if days < 0:
        raise ValueError("days must be 0 or more")
    day = start
    while days:
        day += timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """How many working days after `start` the day `end` is: the working days in (start, end].

    An answer on the day of the question takes 0 working days; on the next working day, 1. A
    reply on a Saturday counts as the Friday before it (no working day was added).
    """
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
