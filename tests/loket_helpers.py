"""Helpers shared by the vraagbaak's tests (tests/test_loket_*.py); no tests of its own."""

from datetime import datetime, timedelta

from django.contrib.auth.models import Group, User
from django.utils import timezone

from kenniscentrum.core.dates import AMSTERDAM
from kenniscentrum.loket import intake


def editor(role: str, name: str, **fields) -> User:
    user = User.objects.create_user(name, password="x", **fields)
    user.groups.add(Group.objects.get(name=role))
    return User.objects.get(pk=user.pk)


def question(
    text: str = "Hoe werkt de taakstelling voor statushouders?",
    *,
    at: datetime | None = None,
    days_ago: int = 0,
    email: str = "vrager@example.nl",
    gemeente: str = "Voorbeeldstad",
    **fields,
):
    """A question as the form stores it (intake.submit), `days_ago` days back; then `fields`."""
    at = at or timezone.now() - timedelta(days=days_ago)
    new = intake.NewQuestion(
        text=text, organisation_type="gemeente", gemeente=gemeente, province="utrecht",
        email=email,
    )  # fmt: skip
    stored = intake.submit(new, now=at)
    if fields:
        type(stored).objects.filter(pk=stored.pk).update(**fields)
        stored.refresh_from_db()
    return stored


def amsterdam(*parts) -> datetime:
    return datetime(*parts, tzinfo=AMSTERDAM)
