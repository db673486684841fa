"""The flexpool's one setting: how long a closed request keeps the requester's personal data.

KC_FLEXPOOL_RETENTION_DAYS (default 365): the number of days after a request was closed
(bevestigd or afgewezen) after which its contact name, e-mail address and the text of the need
are blanked (flexpool/retention.py). Read from settings first, so settings.py can set it, else
from the environment, so a server can set it without a code change.

Why validated here and not trusted: a typo ("365d", "-1") must not silently keep personal data
for ever or delete it at once. An invalid value raises ImproperlyConfigured with a Dutch and
English sentence; `manage.py check` reports it at start-up (apps.py registers the check).
"""

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

NAME = "KC_FLEXPOOL_RETENTION_DAYS"
DEFAULT_RETENTION_DAYS = 365
MAX_RETENTION_DAYS = 10 * 366  # ten years: anything longer is a typo, not a policy


def retention_days() -> int:
    """The configured number of days (0 means: blank at the first prune after closing)."""
    value = getattr(settings, NAME, None)
    if value is None:
        value = os.environ.get(NAME)
    if value is None or (isinstance(value, str) and not value.strip()):
        return DEFAULT_RETENTION_DAYS
    if isinstance(value, bool):  # True is an int in Python, and no number of days
        raise _invalid(value)
    if isinstance(value, int):
        days = value
    else:
        text = str(value).strip()
        if not text.isascii() or not text.isdigit():
            raise _invalid(value)
        days = int(text)
    if not 0 <= days <= MAX_RETENTION_DAYS:
        raise _invalid(value)
    return days


def _invalid(value) -> ImproperlyConfigured:
    return ImproperlyConfigured(
        f"{NAME}={value!r} is geen geldig aantal dagen (een geheel getal van 0 tot en met "
        f"{MAX_RETENTION_DAYS}) / {NAME}={value!r} is not a valid number of days "
        f"(a whole number from 0 to {MAX_RETENTION_DAYS})."
    )
