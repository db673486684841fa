"""All regelingen side by side (/regelingen/vergelijken/): one row each, with today's state.

Why: collecting provider, applicant, amount and window of every regeling took about 11 clicks
(issue 11, part 4). A visitor who comes from a check result also sees the check's verdict per
regeling, so the table answers "what could we request, and what can we still request".
The verdicts are computed by the check itself and handed in: this module only arranges rows.
"""

from dataclasses import dataclass
from datetime import date

from . import selectors
from .models import Item
from .windows import ENDED, state_of


@dataclass
class Row:
    item: Item
    state: str  # windows.py, on the day of the table
    verdict: str = ""  # a check verdict (check/verdicts.py); "" when there is none

    @property
    def facts(self):
        return self.item.regeling

    @property
    def ended(self) -> bool:
        return self.state == ENDED


def rows(on: date, verdicts: dict[str, str] | None = None, order=()) -> list[Row]:
    """Every published regeling with its state on `on`, by title.

    With `verdicts` (slug -> verdict, from the check's result) the rows follow the check's own
    order (`order`, most useful first) and a regeling the check does not judge comes last, so
    the table and the result page list the regelingen alike.
    """
    result = [
        Row(item, state_of(item.regeling, on), (verdicts or {}).get(item.slug, ""))
        for item in selectors.regelingen()
    ]
    if verdicts is not None:
        rank = {verdict: index for index, verdict in enumerate(order)}
        result.sort(key=lambda row: (rank.get(row.verdict, len(rank)), row.item.title))
    return result
