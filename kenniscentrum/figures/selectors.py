"""Reads of the figures, with their inconsistency flags attached."""

from dataclasses import dataclass, field

from kenniscentrum.knowledge.vocabulary import PROVINCES

from .checks import Flag, national_flags, province_flags
from .models import NationalFigure, ProvinceFigure

PEILDATUM_NOTE = (
    "De laatste periode (2021-2) loopt tot de peildatum 1 oktober 2021, niet tot het einde van "
    "het halfjaar."
)
SOURCE_NATIONAL = "Eindrapportage §2.1, Tabel 1 (bron: COA)"
SOURCE_PROVINCES = "Eindrapportage §2.1, Tabel 2 (bron: COA)"


@dataclass
class Row:
    figure: object
    flags: list[Flag] = field(default_factory=list)

    @property
    def consistent(self) -> bool:
        """Strict: the report agrees with itself here, to the person (CSV and API say this)."""
        return not self.flags

    @property
    def differences(self) -> list[Flag]:
        """Flags beyond rounding: these mark the row as not consistent on the pages."""
        return [f for f in self.flags if not f.rounding]

    @property
    def rounding(self) -> list[Flag]:
        return [f for f in self.flags if f.rounding]


def summary(rows: list[Row]) -> dict:
    """Counts for the one summary line above a table: differences and rounding differences."""
    flags = [f for r in rows for f in r.flags]
    rounding = sum(1 for f in flags if f.rounding)
    return {"total": len(flags), "rounding": rounding, "differences": len(flags) - rounding,
            "rows": sum(1 for r in rows if r.differences)}  # fmt: skip


def national() -> list[Row]:
    rows = list(NationalFigure.objects.all())
    totals = {r.period: r for r in ProvinceFigure.objects.filter(area="totaal")}
    flags = national_flags(rows, totals)
    return [Row(r, [f for f in flags if f.period == r.period]) for r in rows]


def by_area() -> dict[str, list[Row]]:
    rows = list(ProvinceFigure.objects.all())
    flags = province_flags(rows)
    result: dict[str, list[Row]] = {}
    for r in rows:
        mine = [f for f in flags if f.area == r.area and f.period == r.period]
        result.setdefault(r.area, []).append(Row(r, mine))
    return result


def area(slug: str) -> list[Row]:
    return by_area().get(slug, [])


def periods() -> list[str]:
    return list(NationalFigure.objects.values_list("period", flat=True))


def comparison(period: str, measure: str) -> list[tuple[str, str, int, list[Flag]]]:
    """(slug, name, value, flags) for every province in one period."""
    result = []
    for slug, rows in by_area().items():
        if slug not in PROVINCES:
            continue
        row = next((r for r in rows if r.figure.period == period), None)
        if row is not None:
            flags = [f for f in row.flags if f.field == measure]
            result.append((slug, PROVINCES[slug], getattr(row.figure, measure), flags))
    return sorted(result, key=lambda item: item[1])
