"""Dates as a Dutch civil servant means them: today is today in Europe/Amsterdam."""

from datetime import date
from zoneinfo import ZoneInfo

from django.utils import timezone

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def today() -> date:
    return timezone.now().astimezone(AMSTERDAM).date()
