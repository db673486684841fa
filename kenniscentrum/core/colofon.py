"""Who runs this kenniscentrum and how to reach them: the colofon's facts, from settings.

The software cannot know which organisation hosts an installation, so the owner, the e-mail
address and the issue register come from the environment (KC_BEHEERDER, KC_CONTACT_EMAIL,
KC_MELDINGEN_URL). A value that is not a usable address (a typo, a `javascript:` URL) is left
out rather than shown as a link; the page then says what is not set instead of inventing it.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email


@dataclass(frozen=True)
class Contact:
    owner: str
    email: str
    issues_url: str

    @property
    def complete(self) -> bool:
        return bool(self.owner and (self.email or self.issues_url))


def contact() -> Contact:
    email = settings.CONTACT_EMAIL
    try:
        validate_email(email)
    except ValidationError:
        email = ""
    issues_url = settings.ISSUES_URL
    try:
        URLValidator(schemes=["https"])(issues_url)
    except ValidationError:
        issues_url = ""
    return Contact(owner=settings.SITE_OWNER[:200], email=email, issues_url=issues_url)
