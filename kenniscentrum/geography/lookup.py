"""Find a gemeente by what people type: a name, part of it, or its CBS code.

For the gemeente search box. People type "den haag", "sudwest", "Gravenhage" or "gm0363", not
"'s-Gravenhage" or "GM0363": names are compared with case, accents and punctuation folded
("'s-Gravenhage" is "s gravenhage"), and the two official names nobody uses in speech also
answer to their everyday name. The register is a few hundred rows, so matching runs in Python
(`match`, pure) on the rows one query reads (`find`); the database's LIKE folds no accents.
"""

import re
import unicodedata
from collections.abc import Iterable
from datetime import date

from .models import Gemeente

LIMIT = 20
CODE_QUERY_RE = re.compile(r"^(?:gm)?(\d{4})$")
# Everyday names of gemeenten whose official (CBS) name differs: everyday name -> CBS name.
EVERYDAY_NAMES = {
    "den haag": "'s-Gravenhage",
    "den bosch": "'s-Hertogenbosch",
}


def fold(text: str) -> str:
    """Lower case, accents removed, every run of other characters than letters and digits one
    space: "'s-Gravenhage" -> "s gravenhage", "Súdwest-Fryslân" -> "sudwest fryslan"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.split(r"[^a-z0-9]+", plain)).strip()


def code_in(query: str) -> str | None:
    """The CBS code a query is, if it is one: "gm0363", "GM0363" and "0363" -> "GM0363"."""
    found = CODE_QUERY_RE.match(fold(query).replace(" ", ""))
    return f"GM{found.group(1)}" if found else None


def match(gemeenten: Iterable[Gemeente], query: str, limit: int = LIMIT) -> list[Gemeente]:
    """The gemeenten `query` finds: an exact code, else names starting with it, then names
    containing it, each group by name; at most `limit`. Pure: no database, no clock."""
    gemeenten = list(gemeenten)
    code = code_in(query)
    if code:
        return [g for g in gemeenten if g.code == code][:limit]
    wanted = fold(query)
    if not wanted:
        return []
    starts, contains = [], []
    for gemeente in sorted(gemeenten, key=lambda g: (fold(g.name), g.code)):
        names = _names(gemeente)
        if any(name.startswith(wanted) for name in names):
            starts.append(gemeente)
        elif any(wanted in name for name in names):
            contains.append(gemeente)
    return (starts + contains)[:limit]


def find(query: str, on: date | None = None) -> list[Gemeente]:
    """`match` over the register; with `on`, only gemeenten that existed that day (the figures'
    peildatum), without it also merged ones (a figure of 2021 may name Weesp)."""
    gemeenten = Gemeente.objects.all() if on is None else Gemeente.objects.valid_on(on)
    return match(gemeenten, query)


def by_code(code: str) -> Gemeente | None:
    """The gemeente with this CBS code (any spelling code_in accepts), or None."""
    found = code_in(code or "")
    return Gemeente.objects.filter(code=found).first() if found else None


def _names(gemeente: Gemeente) -> list[str]:
    everyday = [
        fold(name) for name, official in EVERYDAY_NAMES.items() if official == gemeente.name
    ]
    return [fold(gemeente.name), *everyday]
