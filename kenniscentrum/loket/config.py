"""The vraagbaak's two numbers a deployment may change, read and checked in one place.

Why not straight from settings: settings.py stays one module for the whole site, and a typo in
an environment variable ("vijf", "-3") must stop the site with a message that says which
variable and what is allowed, not give every asker a wrong promised date. Each value comes from
`settings.KC_LOKET_…` when settings defines it, else from the environment variable of the same
name, else the default. apps.py runs these as a system check, so `manage.py migrate` (which
`make run` does first) refuses a bad value before the site serves.
"""

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# name -> (default, lowest, highest)
LIMITS = {
    # Working days between a question and the promised answer date.
    "KC_LOKET_ANSWER_DAYS": (5, 1, 60),
    # Days after answering or closing before the asker's personal data is blanked.
    "KC_LOKET_RETENTION_DAYS": (90, 1, 3650),
}


def _read(name: str) -> int:
    default, low, high = LIMITS[name]
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name, str(default))
    text = str(value).strip()
    if isinstance(value, bool) or not text.isdigit() or not low <= int(text) <= high:
        raise ImproperlyConfigured(
            f"{name}={value!r} is ongeldig: geef een heel getal van {low} tot en met {high} "
            f"(standaard {default}) / {name}={value!r} is invalid: use a whole number from {low} "
            f"to {high} (default {default})."
        )
    return int(text)


def answer_days() -> int:
    """Working days from a question to its promised answer date (KC_LOKET_ANSWER_DAYS, 5)."""
    return _read("KC_LOKET_ANSWER_DAYS")


def retention_days() -> int:
    """Days after answering/closing that personal data is kept (KC_LOKET_RETENTION_DAYS, 90)."""
    return _read("KC_LOKET_RETENTION_DAYS")
