"""Where the report's figures disagree with themselves. Shown beside the published values;
nothing is ever corrected.

Four checks, each a plain function over the published rows:
- a row's end backlog against start + taakstelling - realisatie;
- a row's percentage still to realise against end backlog / taakstelling;
- Tabel 1 against the Totaal row of Tabel 2 for the same period;
- the sum of the twelve provinces against the Totaal row;
and, in Tabel 1, a period's start against the previous period's end.

Every difference becomes a Flag, however small. Whether a flag is worth a reader's attention is
a separate question, answered by `within_tolerance` alone.
"""

from dataclasses import dataclass

from kenniscentrum.knowledge.vocabulary import PROVINCES

FIELDS = ("start_backlog", "target", "realised", "end_backlog")
FIELD_LABELS = {
    "start_backlog": "achterstand bij aanvang",
    "target": "taakstelling",
    "realised": "realisatie",
    "end_backlog": "achterstand bij einde",
    "pct_remaining": "percentage nog te realiseren",
}


# Differences up to these are treated as rounding (see `within_tolerance`).
PERSON_TOLERANCE = 2
PERCENTAGE_POINT_TOLERANCE = 1


def dutch_number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def within_tolerance(field: str, published: int, computed: int) -> bool:
    """Whether a difference between two of the report's figures is small enough to call rounding.

    Why these limits: a percentage is published as a whole number, so a recomputed one can be a
    point off through rounding alone (1 percentage point). The counts are whole persons, but
    the report's tables were compiled at different moments and summed from rounded or later
    corrected registrations; differences of 1 or 2 persons on totals in the hundreds or
    thousands (national rows of 2.000 to 16.000) change no conclusion a reader could draw, while
    the real discrepancies in the report are 4 persons and more (up to 191). A difference within
    tolerance is still listed, as "afronding": the source differs, and we say so; it is only
    not marked as "niet consistent".
    """
    limit = PERCENTAGE_POINT_TOLERANCE if field == "pct_remaining" else PERSON_TOLERANCE
    return abs(published - computed) <= limit


def tolerance_text() -> str:
    """The tolerance in words, for the summary line on the pages."""
    return (
        f"verschillen tot en met {PERSON_TOLERANCE} personen of "
        f"{PERCENTAGE_POINT_TOLERANCE} procentpunt gelden als afronding"
    )


@dataclass(frozen=True)
class Flag:
    table: str  # "tabel-1" | "tabel-2"
    area: str  # "nederland", a province slug or "totaal"
    period: str
    field: str
    published: int
    computed: int
    reason: str

    @property
    def difference(self) -> int:
        return self.published - self.computed

    @property
    def rounding(self) -> bool:
        return within_tolerance(self.field, self.published, self.computed)

    @property
    def text(self) -> str:
        return (
            f"{FIELD_LABELS[self.field].capitalize()} {self.period}: gepubliceerd "
            f"{dutch_number(self.published)}, berekend {dutch_number(self.computed)} "
            f"({self.reason})."
        )


def row_flags(table: str, area: str, row) -> list[Flag]:
    flags = []
    computed_end = row.start_backlog + row.target - row.realised
    if computed_end != row.end_backlog:
        flags.append(Flag(table, area, row.period, "end_backlog", row.end_backlog, computed_end,
                          "aanvang + taakstelling - realisatie"))  # fmt: skip
    pct = getattr(row, "pct_remaining", None)
    if pct is not None and row.target:
        computed_pct = round(100 * row.end_backlog / row.target)
        if computed_pct != pct:  # within 1 point is rounding: see within_tolerance
            flags.append(Flag(table, area, row.period, "pct_remaining", pct, computed_pct,
                              "stand bij einde / taakstelling"))  # fmt: skip
    return flags


def national_flags(national, totals_by_period) -> list[Flag]:
    flags = []
    previous = None
    for row in national:
        flags.extend(row_flags("tabel-1", "nederland", row))
        if previous is not None and previous.end_backlog != row.start_backlog:
            flags.append(Flag("tabel-1", "nederland", row.period, "start_backlog",
                              row.start_backlog, previous.end_backlog,
                              f"einde van {previous.period} in tabel 1"))  # fmt: skip
        total = totals_by_period.get(row.period)
        if total is not None:
            for field in FIELDS:
                if getattr(row, field) != getattr(total, field):
                    flags.append(Flag("tabel-1", "nederland", row.period, field,
                                      getattr(row, field), getattr(total, field),
                                      "Totaal-rij van tabel 2"))  # fmt: skip
        previous = row
    return flags


def province_flags(rows) -> list[Flag]:
    """Row checks for every province and the Totaal row, and provinces summed against Totaal."""
    flags = []
    by_period: dict[str, list] = {}
    for row in rows:
        flags.extend(row_flags("tabel-2", row.area, row))
        by_period.setdefault(row.period, []).append(row)
    for period, period_rows in sorted(by_period.items()):
        total = next((r for r in period_rows if r.area == "totaal"), None)
        provinces = [r for r in period_rows if r.area in PROVINCES]
        if total is None or len(provinces) != len(PROVINCES):
            continue
        for field in FIELDS:
            summed = sum(getattr(r, field) for r in provinces)
            if summed != getattr(total, field):
                flags.append(Flag("tabel-2", "totaal", period, field, getattr(total, field),
                                  summed, "som van de twaalf provincies"))  # fmt: skip
    return flags
