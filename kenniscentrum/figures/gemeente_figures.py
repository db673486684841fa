"""What the gemeente page, its CSV, the API and the check say about a gemeente's figures.

Plain functions over rows already read (gemeente_selectors decides which publication counts):
no database, no clock. Why one module: the page, the CSV, the API and the check must compute
"% nog te realiseren" and the words for a figure's date the same way. A province's total is
derived.totals, the sum the province page shows.

Honest dates: a gemeente figure is always named by its period and source ("stand einde
2022-1 volgens COA, gepubliceerd 15 juli 2022"), never as "nu" or "actueel". The uploader
accepts a period that has started (as the report published 2021-2 with peildatum 1 October),
so "einde 2022-2" is the end of what was counted, not necessarily 31 December.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format

from .derived import Totals, totals

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # OWASP: tab and CR too
SOURCE_NOTE = (
    "Cijfers per gemeente staan hier alleen voor de perioden waarvoor de redactie ze heeft "
    "gepubliceerd. De eindrapportage zelf geeft de cijfers per provincie, tot en met 2021-2 "
    "(Tabel 2)."
)


def pct_remaining(end_backlog: int, target: int) -> int | None:
    """Percentage of the taakstelling still to realise, whole, as Tabel 2 prints it; None
    without a taakstelling. Negative for a voorsprong (a negative stand)."""
    if not target:
        return None
    return round(100 * end_backlog / target)


def share(part: int, whole: int) -> float | None:
    """part as a percentage of whole, one decimal; None when whole is not positive."""
    if whole <= 0:
        return None
    return round(100 * part / whole, 1)


def dutch_decimal(value: float | None) -> str:
    """12.3 -> '12,3' (Dutch decimal comma); '' for None."""
    if value is None:
        return ""
    return f"{value:.1f}".replace(".", ",")


def day(value: date) -> str:
    return date_format(value, "j F Y")


def source_text(row) -> str:
    """'stand einde 2022-1 volgens COA, gepubliceerd 15 juli 2022': the words beside every
    gemeente figure that stands on its own (the check's backlog, the page's summary)."""
    publication = row.publication
    return (
        f"stand einde {publication.period} volgens {publication.source}, "
        f"gepubliceerd {day(publication.source_published_on)}"
    )


def still_to_house(end_backlog: int) -> int:
    """The backlog as the check asks it ("hoeveel statushouders moet u nog huisvesten?"): a
    voorsprong (negative stand) means nobody is still to be housed."""
    return max(0, end_backlog)


@dataclass(frozen=True)
class HistoryRow:
    """One period of a gemeente: its published row and its place in its province."""

    row: object  # GemeenteFigure
    province: Totals  # the province's derived total in the same publication (figures.derived)

    @property
    def period(self) -> str:
        return self.row.publication.period

    @property
    def pct_remaining(self) -> int | None:
        return pct_remaining(self.row.end_backlog, self.row.target)

    @property
    def share_of_target(self) -> float | None:
        """The gemeente's taakstelling as a percentage of the province's derived total."""
        return share(self.row.target, self.province.target)

    @property
    def share_text(self) -> str:
        return dutch_decimal(self.share_of_target)

    @property
    def pct_difference(self) -> int | None:
        """Percentage points above (+) or below (-) the province's percentage still to realise."""
        own, theirs = self.pct_remaining, self.province.pct_remaining
        if own is None or theirs is None:
            return None
        return own - theirs


def history(rows: list, comparison_rows: Iterable) -> list[HistoryRow]:
    """The gemeente's rows (oldest first), each with its province's derived total in the same
    period and publication: derived.totals, the sums the province page shows too. The
    province is the register's (a gemeente does not move)."""
    by_period: dict[str, list] = {}
    for r in comparison_rows:
        by_period.setdefault(r.publication.period, []).append(r)
    result = []
    for r in rows:
        period = r.publication.period
        provinces, _ = totals(period, by_period.get(period, [r]))
        result.append(HistoryRow(r, provinces[r.gemeente.province]))
    return result


def csv_cell(value):
    """A cell for a CSV download: text that a spreadsheet would read as a formula (starting with
    =, +, - or @, or a tab or carriage return before one) gets a leading apostrophe, so it
    opens as text; numbers, dates and None stay as they are (a negative stand is a number)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
