"""Dates as people type them (core/dates.parse_date): one function for the form, the result URL
and the API, day first as in the Netherlands, and a Dutch message for anything else."""

from datetime import date

import pytest

from kenniscentrum.core.dates import DateError, parse_date, report_date


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-11-30", date(2026, 11, 30)),
        ("30-11-2026", date(2026, 11, 30)),
        ("30/11/2026", date(2026, 11, 30)),
        ("30.11.2026", date(2026, 11, 30)),
        ("30 november 2026", date(2026, 11, 30)),
        ("30 November 2026", date(2026, 11, 30)),
        ("30 nov 2026", date(2026, 11, 30)),
        ("30 nov. 2026", date(2026, 11, 30)),
        ("  30   nov  2026 ", date(2026, 11, 30)),
        ("1-11-2021", date(2021, 11, 1)),  # day first: 1 November, never 11 January
        ("1 mrt 2022", date(2022, 3, 1)),
        ("1 maart 2022", date(2022, 3, 1)),
        ("1 mei 2022", date(2022, 5, 1)),
        ("2 sept 2022", date(2022, 9, 2)),
        ("29-2-2024", date(2024, 2, 29)),
    ],
)
def test_dates_people_type(typed, expected):
    assert parse_date(typed) == expected


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("31-11-2026", "bestaat niet"),
        ("29-2-2023", "bestaat niet"),
        ("30-11-26", "Geef een datum zoals"),  # a two-digit year is not guessed
        ("30 novembre 2026", "'novembre' is geen maand"),
        ("30-11/2026", "Geef een datum zoals"),  # mixed separators
        ("11/30/2026", "bestaat niet"),  # American order: month 30
        ("30-11-1999", "tussen 2000 en 2100"),
        ("٣٠-١١-٢٠٢٦", "Geef een datum zoals"),  # only ASCII digits
        ("", "Geef een datum zoals"),
        ("morgen", "Geef een datum zoals"),
    ],
)
def test_what_cannot_be_read_gets_a_dutch_message(typed, says):
    with pytest.raises(DateError) as caught:
        parse_date(typed)
    assert says in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_report_date_comes_from_settings(settings):
    assert report_date() == date(2021, 11, 1)
    settings.REPORT_DATE = "2021-10-01"
    assert report_date() == date(2021, 10, 1)
