"""The rules of the register of gemeenten, as plain functions on plain values.

Why one module for them: the file (geography/loading.py) and the admin form (geography/admin.py)
must refuse the same things. An admin edit that the loader would refuse makes an export that
no longer loads, so both ask these functions. Each returns a Dutch message, or None when the
value is fine; the caller says where (file, line and column, or the form field).
"""

import re
from datetime import date, timedelta

from kenniscentrum.knowledge.vocabulary import PROVINCES

from .models import CODE_PATTERN

CODE_RE = re.compile(CODE_PATTERN)
NAME_MAX = 100  # Gemeente.name
SOURCE_MAX = 300  # Gemeente.source


def code_problem(code: str) -> str | None:
    """CBS writes a gemeente as GM and four digits (GM0363); 0363 alone or gm0363 is a typo
    in the register, where the code is the key figures are uploaded by."""
    if not code:
        return "de code ontbreekt."
    if not CODE_RE.match(code):
        return f"'{code}' is geen CBS-gemeentecode; schrijf GM en vier cijfers, zoals GM0363."
    return None


def name_problem(name: str) -> str | None:
    if not name:
        return "de naam ontbreekt."
    if len(name) > NAME_MAX:
        return f"de naam is langer dan {NAME_MAX} tekens."
    return None


def province_problem(province: str) -> str | None:
    if province not in PROVINCES:
        allowed = ", ".join(PROVINCES)
        return f"onbekende provincie '{province}'. Toegestaan: {allowed}."
    return None


def source_problem(source: str) -> str | None:
    if len(source) > SOURCE_MAX:
        return f"de bron is langer dan {SOURCE_MAX} tekens."
    return None


def dates_problem(valid_from: date | None, valid_until: date | None) -> str | None:
    """Both days are inclusive, so a gemeente may exist for a single day, never for less."""
    if valid_from and valid_until and valid_until < valid_from:
        return (
            f"{valid_until.isoformat()} ligt vóór geldig_van ({valid_from.isoformat()}); "
            "de laatste dag kan niet vóór de eerste liggen."
        )
    return None


def successor_problem(code: str, valid_until: date | None, successor: str) -> str | None:
    """A merged gemeente names the one it went into, and its last day (geldig_tot): without
    that day the register cannot say until when figures belong to the old gemeente."""
    if not successor:
        return None
    if successor == code:
        return "een gemeente kan niet in zichzelf opgaan."
    if valid_until is None:
        return (
            "vul de laatste dag in: een gemeente die opging in een andere, bestond tot en met "
            "die dag."
        )
    return None


def takes_over_problem(
    valid_until: date, successor: str, successor_from: date | None, successor_until: date | None
) -> str | None:
    """The successor must exist on the day after the merged gemeente's last day: otherwise its
    inhabitants belong to no gemeente on that day (a wrong date or a wrong code)."""
    day = valid_until + timedelta(days=1)
    if (successor_from and successor_from > day) or (successor_until and successor_until < day):
        return (
            f"{successor} bestond niet op {day.isoformat()}, de dag na de laatste dag van deze "
            "gemeente."
        )
    return None


def cycle_from(code: str, successors: dict[str, str | None]) -> list[str] | None:
    """The codes of a loop of successors that `code` runs into (GM0001 -> GM0002 -> GM0001),
    or None. A loop has no gemeente that exists today, so no place for the figures of any of
    its members."""
    path: list[str] = []
    current: str | None = code
    while current is not None:
        if current in path:
            return path[path.index(current) :] + [current]
        path.append(current)
        current = successors.get(current)
    return None
