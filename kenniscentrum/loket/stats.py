"""Figures for editors: how many questions come in, how fast they are answered, and how often
the promised date is kept. Pure functions over plain dates (queue.stat_records reads them),
so they are tested with constructed data.

Definitions, written down because each could be chosen otherwise:
- A question counts as handled when it got any reply: an answer, "dubbel" or "buiten de
  vraagbaak"; each of those is what the asker waits for.
- Time to answer is in working days (working_days.py): the working days after the day of the
  question up to and including the day of the reply; the same day is 0.
- Percentiles are nearest-rank: the 90th percentile is a time that 90% of the handled questions
  did not exceed, and it is always a time that really occurred.
- On time: handled on or before the promised date. Late: handled after it, or still open after
  it. Open questions whose promised date has not passed are not counted yet (they can still be
  either).
- Weeks are ISO weeks (Monday to Sunday) in Dutch time; the current week is the last one.
"""

import math
import statistics
from dataclasses import dataclass
from datetime import date, timedelta

from .working_days import working_days_between

WEEKS = 12


@dataclass(frozen=True)
class Record:
    submitted_on: date
    promised_on: date
    closed_on: date | None = None


@dataclass(frozen=True)
class WeekCount:
    monday: date
    count: int

    @property
    def label(self) -> str:
        year, week, _ = self.monday.isocalendar()
        return f"week {week} ({year})"

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)


@dataclass(frozen=True)
class Figures:
    weeks: list[WeekCount]
    handled: int
    median_days: float | None
    p90_days: int | None
    on_time: int
    judged: int  # handled, or open past the promised date

    @property
    def on_time_percentage(self) -> int | None:
        return round(100 * self.on_time / self.judged) if self.judged else None


def per_week(records: list[Record], on: date, weeks: int = WEEKS) -> list[WeekCount]:
    """Questions per ISO week for the last `weeks` weeks, the current week last; empty weeks 0."""
    this_monday = on - timedelta(days=on.weekday())
    mondays = [this_monday - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    counts = dict.fromkeys(mondays, 0)
    for record in records:
        monday = record.submitted_on - timedelta(days=record.submitted_on.weekday())
        if monday in counts:
            counts[monday] += 1
    return [WeekCount(monday, counts[monday]) for monday in mondays]


def answer_times(records: list[Record]) -> list[int]:
    """Working days to the reply for every handled question."""
    return [
        working_days_between(r.submitted_on, r.closed_on)
        for r in records
        if r.closed_on is not None
    ]


def percentile(values: list[int], share: float) -> int | None:
    """Nearest-rank percentile (share 0.9 for the 90th); None without values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def on_time(records: list[Record], on: date) -> tuple[int, int]:
    """(kept, judged): promises kept among the questions whose outcome is known on `on`."""
    kept = judged = 0
    for r in records:
        if r.closed_on is not None:
            judged += 1
            kept += r.closed_on <= r.promised_on
        elif r.promised_on < on:
            judged += 1
    return kept, judged


def figures(records: list[Record], on: date, weeks: int = WEEKS) -> Figures:
    times = answer_times(records)
    kept, judged = on_time(records, on)
    return Figures(
        weeks=per_week(records, on, weeks),
        handled=len(times),
        median_days=statistics.median(times) if times else None,
        p90_days=percentile(times, 0.9),
        on_time=kept,
        judged=judged,
    )
