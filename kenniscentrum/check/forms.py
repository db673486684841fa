"""The check's answers from a query string (the form and the permanent result URL) and back."""

import re
from urllib.parse import urlencode

from .answers import FIELDS, UNKNOWN, Answers

YES, NO = "ja", "nee"
# ASCII digits only: str.isdigit() accepts "²" and "①", and "--5".lstrip("-") passed it too;
# int() then raised and the page gave a 500. Anything else stays text for answers.validate.
WHOLE_NUMBER = re.compile(r"-?[0-9]{1,11}")


def from_query(query) -> dict:
    """JSON-like answers from a QueryDict; validation is answers.validate's job."""
    data: dict = {}
    for name in ("organisation", "province", "reference_date", "gemeente"):
        value = query.get(name, "").strip()
        if value:
            data[name] = value
    for name in ("backlog", "large_families"):
        if query.get(f"{name}_unknown") or query.get(name, "").strip().lower() == UNKNOWN:
            data[name] = UNKNOWN
            continue
        value = query.get(name, "").strip().replace(".", "")
        if value:
            data[name] = int(value) if WHOLE_NUMBER.fullmatch(value) else value
    for name in ("plans", "target_groups"):
        data[name] = [v for v in query.getlist(name) if v]
    for name in ("needs_expertise", "regional_cooperation"):
        value = query.get(name, "")
        if value in (YES, NO):
            data[name] = value == YES
        elif value:
            data[name] = value
    return data


def to_query(answers: Answers) -> str:
    """The permanent URL's query string for a set of answers.

    The gemeente is written as its CBS code. A backlog taken from the gemeente's published
    figures is left out, as the visitor left it out: the URL then keeps asking for the newest
    published figure, and the page says which period that is (a typed backlog stays as typed).
    """
    pairs = []
    for name in FIELDS:
        value = getattr(answers, name)
        if name == "gemeente":
            if value is not None:
                pairs.append((name, value.code))
            continue
        if name == "backlog" and answers.backlog_from_figures:
            continue
        if isinstance(value, bool):
            pairs.append((name, YES if value else NO))
        elif isinstance(value, tuple):
            pairs.extend((name, v) for v in value)
        else:
            pairs.append((name, str(value)))
    return urlencode(pairs)


def is_submitted(query) -> bool:
    return any(name in query for name in FIELDS)
