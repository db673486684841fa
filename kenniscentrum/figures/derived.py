"""Province and national totals derived from the gemeente figures of a period (issue 17).

Why derive rather than upload totals: aanbeveling 8 asks for one data point where taakstelling,
realisatie and backlog are current per gemeente; totals typed in separately could disagree with
the gemeenten they claim to sum. Each gemeente counts in its province of the register.

Where the report published a row for the same period (Tabel 2 per province and its Totaal row,
Tabel 1 nationally: 2019-1 to 2021-2), the derived row is compared with it, field by field, in
the manner of checks.py: every difference is a Flag (published = the report's value, computed =
the sum of the gemeenten), and whether it is rounding is `within_tolerance`'s call alone.
Nothing is corrected: the published rows stay as they are on the pages.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from kenniscentrum.knowledge.vocabulary import PROVINCES

from . import gemeente_selectors
from .checks import FIELDS, Flag
from .models import FigurePublication, NationalFigure, ProvinceFigure
from .selectors import Row

NATIONAL = "nederland"
COMPARED = (*FIELDS, "pct_remaining")


@dataclass
class Totals:
    """A derived row: the sum of the gemeenten of one area (a province or the Netherlands)."""

    area: str
    period: str
    municipalities: int = 0
    start_backlog: int = 0
    target: int = 0
    realised: int = 0
    end_backlog: int = 0

    @property
    def name(self) -> str:
        return PROVINCES.get(self.area, "Nederland")

    @property
    def pct_remaining(self) -> int | None:
        """As Tabel 2 has it: end backlog as a whole percentage of the taakstelling."""
        return round(100 * self.end_backlog / self.target) if self.target else None

    def add(self, row) -> None:
        self.municipalities += 1
        for name in FIELDS:
            setattr(self, name, getattr(self, name) + getattr(row, name))


@dataclass
class DerivedRow(Row):
    """A derived row (`figure`, the sums), its differences (`flags`; consistent, differences
    and rounding as on the report's rows, selectors.Row), the published row it is compared with
    (if any) and the publication it was summed from."""

    published: object | None = None  # ProvinceFigure or NationalFigure
    publication: FigurePublication | None = None


@dataclass
class DerivedPeriod:
    period: str
    provinces: list[DerivedRow]  # the provinces with at least one gemeente, by name
    national: DerivedRow
    publication: FigurePublication | None = None
    compared_with_report: bool = False  # whether the report published this period

    @property
    def rows(self) -> list[DerivedRow]:
        return [*self.provinces, self.national]

    @property
    def flags(self) -> list[Flag]:
        return [f for row in self.rows for f in row.flags]

    @property
    def differences(self) -> list[Flag]:
        return [f for f in self.flags if not f.rounding]

    @property
    def missing_provinces(self) -> list[str]:
        present = {row.figure.area for row in self.provinces}
        return [name for slug, name in PROVINCES.items() if slug not in present]


def totals(period: str, rows: Iterable) -> tuple[dict[str, Totals], Totals]:
    """Per province and national sums of gemeente rows (anything with .gemeente.province and the
    four numbers: a GemeenteFigure or an upload's ParsedRow)."""
    provinces: dict[str, Totals] = {}
    national = Totals(NATIONAL, period)
    for row in rows:
        slug = row.gemeente.province
        provinces.setdefault(slug, Totals(slug, period)).add(row)
        national.add(row)
    return provinces, national


def compare(derived: Totals, published, table: str, area: str, reason: str) -> list[Flag]:
    """One Flag per field where the published row differs from the derived one."""
    if published is None:
        return []
    flags = []
    for name in COMPARED:
        published_value = getattr(published, name, None)
        computed = getattr(derived, name)
        if published_value is None or computed is None or published_value == computed:
            continue
        flags.append(Flag(table, area, derived.period, name, published_value, computed, reason))
    return flags


def _reason(municipalities: int, source: str) -> str:
    word = "gemeente" if municipalities == 1 else "gemeenten"
    return f"som van {municipalities} {word} tegen {source}"


def derive(period: str, rows: Iterable, publication=None) -> DerivedPeriod:
    """The derived rows of one period, each compared with the report's row for that period."""
    provinces, national = totals(period, rows)
    published = {f.area: f for f in ProvinceFigure.objects.filter(period=period)}
    national_published = NationalFigure.objects.filter(period=period).first()
    province_rows = []
    for slug, sums in sorted(provinces.items(), key=lambda item: item[1].name):
        row = published.get(slug)
        flags = compare(sums, row, "tabel-2", slug, _reason(sums.municipalities, "Tabel 2"))
        province_rows.append(
            DerivedRow(figure=sums, flags=flags, published=row, publication=publication)
        )
    national_flags = compare(
        national, national_published, "tabel-1", NATIONAL,
        _reason(national.municipalities, "Tabel 1"),
    ) + compare(
        national, published.get("totaal"), "tabel-2", "totaal",
        _reason(national.municipalities, "de Totaal-rij van Tabel 2"),
    )  # fmt: skip
    return DerivedPeriod(
        period,
        province_rows,
        DerivedRow(
            figure=national, flags=national_flags, publication=publication,
            published=national_published or published.get("totaal"),
        ),
        publication,
        compared_with_report=bool(published) or national_published is not None,
    )  # fmt: skip


def for_publication(publication: FigurePublication) -> DerivedPeriod:
    rows = publication.rows.select_related("gemeente")
    return derive(publication.period, rows, publication)


def current(period: str) -> DerivedPeriod | None:
    """The derived rows of the publication that counts for `period` (None if there is none)."""
    publication = next(
        (p for p in gemeente_selectors.current_publications() if p.period == period), None
    )
    return for_publication(publication) if publication is not None else None


def for_province(slug: str) -> list[DerivedRow]:
    """The province's derived row for every period with published gemeente figures, oldest
    first; each compared with Tabel 2 where the report has that period."""
    rows = gemeente_selectors.current_rows().filter(gemeente__province=slug)
    by_publication: dict[int, list] = {}
    publications = {}
    for row in rows:
        by_publication.setdefault(row.publication_id, []).append(row)
        publications[row.publication_id] = row.publication
    published = {
        f.period: f for f in ProvinceFigure.objects.filter(area=slug, period__in=[
            p.period for p in publications.values()])
    }  # fmt: skip
    result = []
    for pk, gemeente_rows in by_publication.items():
        publication = publications[pk]
        provinces, _ = totals(publication.period, gemeente_rows)
        sums = provinces[slug]
        report_row = published.get(publication.period)
        flags = compare(sums, report_row, "tabel-2", slug, _reason(sums.municipalities, "Tabel 2"))
        result.append(
            DerivedRow(figure=sums, flags=flags, published=report_row, publication=publication)
        )
    return sorted(result, key=lambda r: r.figure.period)


@dataclass(frozen=True)
class Change:
    area: str
    field: str
    before: int
    after: int


def changes(before: DerivedPeriod, after: DerivedPeriod) -> list[Change]:
    """What a new version changes in the derived totals against the version that counts now."""
    old = {row.figure.area: row.figure for row in before.rows}
    result = []
    for row in after.rows:
        previous = old.pop(row.figure.area, None)
        for name in ("municipalities", *FIELDS):
            was = getattr(previous, name) if previous else 0
            now = getattr(row.figure, name)
            if was != now:
                result.append(Change(row.figure.name, name, was, now))
    for gone in old.values():
        result.append(Change(gone.name, "municipalities", gone.municipalities, 0))
    return result
