"""Values every page needs: navigation, the report's date, and which optional features exist."""

from datetime import date

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.formats import date_format

from kenniscentrum.knowledge.vocabulary import KIND_PAGES


def _url_or_none(name: str) -> str | None:
    """A slot for a later feature (search, the check) shows only once its page exists."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def report_date_nl() -> str:
    """settings.REPORT_DATE as pages write it: '1 november 2021'.

    The date of the facts appears on nearly every page; written out in each template it was 16
    copies in 9 templates that a newer report would have to find and change one by one.
    """
    return date_format(date.fromisoformat(settings.REPORT_DATE), "j F Y")


def site(request):
    return {
        "site_name": "Kenniscentrum huisvesting statushouders",
        "nav_kinds": [(label, segment) for label, segment in KIND_PAGES.values()],
        "report_date": settings.REPORT_DATE,  # ISO, as the APIs give it
        "report_date_nl": report_date_nl(),
        "search_url": _url_or_none("search:results"),
        "check_url": _url_or_none("check:form"),
    }
