"""Figures for editors, from constructed data: questions per week, time to answer in working
days (median, 90th percentile), and how often the promised date was kept."""

from datetime import date, timedelta

import pytest

from kenniscentrum.loket import handling
from kenniscentrum.loket.stats import Record, figures, on_time, per_week, percentile
from kenniscentrum.loket.vocabulary import State
from tests.loket_helpers import amsterdam, editor, question

TODAY = date(2026, 12, 9)  # a Wednesday


def test_questions_per_week_for_the_last_twelve_iso_weeks():
    records = [
        Record(date(2026, 12, 7), date(2026, 12, 14)),  # this week (Monday)
        Record(date(2026, 12, 9), date(2026, 12, 16)),
        Record(date(2026, 12, 6), date(2026, 12, 11)),  # last week's Sunday
        Record(date(2026, 9, 21), date(2026, 9, 28)),  # week 39: the first of the twelve
        Record(date(2026, 9, 20), date(2026, 9, 25)),  # week 38: too old
    ]
    weeks = per_week(records, TODAY)
    assert len(weeks) == 12
    assert weeks[-1].monday == date(2026, 12, 7) and weeks[-1].count == 2
    assert weeks[-2].count == 1 and weeks[-2].sunday == date(2026, 12, 6)
    assert weeks[0].monday == date(2026, 9, 21) and weeks[0].count == 1
    assert weeks[0].label == "week 39 (2026)"
    assert sum(week.count for week in weeks) == 4


def test_weeks_across_new_year_are_iso_weeks():
    weeks = per_week([Record(date(2027, 1, 1), date(2027, 1, 8))], date(2027, 1, 6), weeks=2)
    assert [week.label for week in weeks] == ["week 53 (2026)", "week 1 (2027)"]
    assert [week.count for week in weeks] == [1, 0]


def test_nearest_rank_percentiles():
    assert percentile([], 0.9) is None
    assert percentile([4], 0.9) == 4
    assert percentile(list(range(1, 11)), 0.9) == 9
    assert percentile(list(range(1, 12)), 0.9) == 10
    assert percentile([5, 1, 3], 0.5) == 3


def test_time_to_answer_counts_working_days_and_skips_easter():
    records = [
        # Thursday 2 April 2026, answered Tuesday 7 April: Easter in between, 1 working day.
        Record(date(2026, 4, 2), date(2026, 4, 13), date(2026, 4, 7)),
        Record(date(2026, 4, 2), date(2026, 4, 13), date(2026, 4, 2)),  # same day: 0
        Record(date(2026, 4, 2), date(2026, 4, 13), date(2026, 4, 14)),  # 6, one day late
        Record(date(2026, 4, 8), date(2026, 4, 15), None),  # open, past its date: late
        Record(date(2026, 4, 20), date(2026, 4, 28), None),  # open, not yet due: not judged
    ]
    result = figures(records, date(2026, 4, 20))
    assert result.handled == 3
    assert result.median_days == 1
    assert result.p90_days == 6
    assert (result.on_time, result.judged, result.on_time_percentage) == (2, 4, 50)


def test_no_data_gives_no_figures():
    result = figures([], TODAY)
    assert (result.handled, result.median_days, result.p90_days) == (0, None, None)
    assert result.on_time_percentage is None
    assert on_time([Record(TODAY, TODAY + timedelta(days=7))], TODAY) == (0, 0)


def test_even_counts_have_a_median_between_two_values():
    records = [
        Record(date(2026, 12, 1), date(2026, 12, 8), date(2026, 12, 2)),
        Record(date(2026, 12, 1), date(2026, 12, 8), date(2026, 12, 3)),
    ]
    assert figures(records, TODAY).median_days == 1.5


@pytest.mark.django_db
def test_the_figures_page_counts_the_questions_in_the_database(client):
    anna = editor("redacteur", "anna")
    first = question(at=amsterdam(2026, 4, 2, 23, 30))  # late evening is still Thursday
    handling.close(first, State.ANSWERED, "Ja.", anna, now=amsterdam(2026, 4, 7, 0, 30))
    question(at=amsterdam(2026, 4, 3, 9, 0))
    client.force_login(anna)
    html = client.get("/redactie/vraagbaak/cijfers/").content.decode()
    assert "<dt>Afgehandeld</dt><dd>1 vraag</dd>" in html
    assert "<dt>Mediaan tot antwoord</dt><dd>1 werkdagen</dd>" in html
    assert "100% (1 van 2)" not in html and "50% (1 van 2)" in html  # the other is overdue
