"""Which pages take feedback: the content pages, and only those that exist and are published.

The form sends the page's path. It is resolved with the site's own URL configuration and then
checked against the database, so the counters only ever hold paths of real, public pages: an
invented path, an editor page, search or a check result is refused (HTTP 400) before anything is
written.
"""

from django.urls import Resolver404, resolve

from kenniscentrum.knowledge.models import Theme
from kenniscentrum.knowledge.selectors import public_items
from kenniscentrum.knowledge.vocabulary import PROVINCES
from kenniscentrum.report.models import ReportSection

MAX_PATH_LENGTH = 200


def _always(**kwargs) -> bool:
    return True


# view name -> does the page with these URL arguments exist for readers?
CONTENT_PAGES = {
    "knowledge:item": lambda slug: public_items().filter(slug=slug).exists(),
    "knowledge:theme": lambda slug: Theme.objects.filter(slug=slug).exists(),
    "knowledge:comparison": _always,
    "report:section": lambda slug: ReportSection.objects.filter(slug=slug).exists(),
    "figures:overview": _always,
    "figures:comparison": _always,
    "figures:province": lambda slug: slug in PROVINCES,
}


def is_feedback_page(path: str) -> bool:
    """Whether `path` (a path only: no scheme, host, query or fragment) is a content page."""
    if not isinstance(path, str) or not path or len(path) > MAX_PATH_LENGTH:
        return False
    if not path.startswith("/") or path.startswith("//"):
        return False
    if any(char in path for char in "?#\\") or not path.isprintable() or " " in path:
        return False
    try:
        match = resolve(path)
    except Resolver404:
        return False
    exists = CONTENT_PAGES.get(match.view_name)
    return exists is not None and not match.args and exists(**match.kwargs)
