"""Values every page needs: navigation, the report's date, and which optional features exist."""

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from kenniscentrum.knowledge.vocabulary import KIND_PAGES


def _url_or_none(name: str) -> str | None:
    """A slot for a later feature (search, the check) shows only once its page exists."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def site(request):
    return {
        "site_name": "Kenniscentrum huisvesting statushouders",
        "nav_kinds": [(label, segment) for label, segment in KIND_PAGES.values()],
        "report_date": settings.REPORT_DATE,
        "search_url": _url_or_none("search:results"),
        "check_url": _url_or_none("check:form"),
    }
