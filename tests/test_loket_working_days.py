"""The vraagbaak's promised date: working days of the Algemene termijnenwet, on real dates, and
the two settings read and checked in loket/config.py."""

from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured

from kenniscentrum.loket import config
from kenniscentrum.loket.working_days import (
    add_working_days,
    holiday_name,
    is_working_day,
    working_days_between,
)


def test_easter_2026_goede_vrijdag_and_tweede_paasdag_are_skipped():
    # Thursday 2 April 2026: Fri 3 (Goede Vrijdag), the weekend, Mon 6 (Tweede Paasdag) skipped.
    assert add_working_days(date(2026, 4, 2), 5) == date(2026, 4, 13)
    assert add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)


def test_christmas_and_new_year_2026():
    # Thursday 24 December 2026: 25 Dec, the weekend and 1 January 2027 are no working days.
    assert add_working_days(date(2026, 12, 24), 5) == date(2027, 1, 4)
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 28)


def test_koningsdag_2026_is_a_monday():
    assert holiday_name(date(2026, 4, 27)) == "Koningsdag"
    assert add_working_days(date(2026, 4, 24), 1) == date(2026, 4, 28)


def test_bevrijdingsdag_counts_every_year_not_only_every_fifth():
    assert not is_working_day(date(2026, 5, 5))  # a Tuesday, and 2026 is no lustrum year
    assert not is_working_day(date(2027, 5, 5))
    assert add_working_days(date(2026, 5, 4), 1) == date(2026, 5, 6)


def test_hemelvaart_and_pinksteren_2026():
    assert not is_working_day(date(2026, 5, 14))  # Hemelvaartsdag
    assert not is_working_day(date(2026, 5, 25))  # Tweede Pinksterdag
    assert add_working_days(date(2026, 5, 13), 1) == date(2026, 5, 15)
    assert add_working_days(date(2026, 5, 22), 1) == date(2026, 5, 26)


def test_ordinary_days_and_weekends():
    assert is_working_day(date(2026, 12, 8))  # a Tuesday
    assert not is_working_day(date(2026, 12, 5)) and not is_working_day(date(2026, 12, 6))
    assert add_working_days(date(2026, 12, 1), 5) == date(2026, 12, 8)
    # A question on a Saturday: the first working day after it is Monday.
    assert add_working_days(date(2026, 12, 5), 1) == date(2026, 12, 7)
    assert add_working_days(date(2026, 12, 1), 0) == date(2026, 12, 1)
    with pytest.raises(ValueError):
        add_working_days(date(2026, 12, 1), -1)


def test_working_days_between_counts_the_days_after_the_start():
    assert working_days_between(date(2026, 4, 2), date(2026, 4, 2)) == 0
    assert working_days_between(date(2026, 4, 2), date(2026, 4, 13)) == 5
    assert working_days_between(date(2026, 4, 2), date(2026, 4, 6)) == 0  # only holidays between
    assert working_days_between(date(2026, 4, 13), date(2026, 4, 2)) == 0
    for days in range(0, 12):
        start = date(2026, 12, 21)
        assert working_days_between(start, add_working_days(start, days)) == days


def test_settings_defaults_environment_and_refusals(settings, monkeypatch):
    for name in ("KC_LOKET_ANSWER_DAYS", "KC_LOKET_RETENTION_DAYS"):
        monkeypatch.delenv(name, raising=False)
        if hasattr(settings, name):
            delattr(settings, name)
    assert (config.answer_days(), config.retention_days()) == (5, 90)
    monkeypatch.setenv("KC_LOKET_ANSWER_DAYS", " 10 ")
    monkeypatch.setenv("KC_LOKET_RETENTION_DAYS", "30")
    assert (config.answer_days(), config.retention_days()) == (10, 30)
    settings.KC_LOKET_ANSWER_DAYS = "3"  # settings win over the environment
    settings.KC_LOKET_RETENTION_DAYS = 365
    assert (config.answer_days(), config.retention_days()) == (3, 365)
    for bad in ("vijf", "0", "-3", "61", "", "2.5", True):
        settings.KC_LOKET_ANSWER_DAYS = bad
        with pytest.raises(ImproperlyConfigured, match="KC_LOKET_ANSWER_DAYS"):
            config.answer_days()


def test_a_bad_setting_stops_manage_py_check(settings):
    from kenniscentrum.loket.checks import loket_settings

    settings.KC_LOKET_RETENTION_DAYS = "negentig"
    [error] = loket_settings(None)
    assert error.id == "loket.E001" and "KC_LOKET_RETENTION_DAYS" in error.msg
    settings.KC_LOKET_RETENTION_DAYS = "90"
    assert loket_settings(None) == []
