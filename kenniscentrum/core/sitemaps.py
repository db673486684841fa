"""What /sitemap.xml lists: every public, indexable page, with a `lastmod` only from data.

Left out on purpose: drafts and items outside their publish window (everything starts from
`public_items()`), check results and search results (personal or endless, and noindex), the
editors' and admin pages, the JSON APIs and CSV downloads (data, not pages), and filtered list
views (the same items as the unfiltered list, which carries the canonical URL). Pages without
a date of their own in the data (figures, about, the check form) get no `lastmod` rather than
a guessed one. Host and scheme come from the request (Django's sitemap view uses the request's
site when django.contrib.sites is not installed), so behind a proxy they are the configured
host.
"""

from datetime import date

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import NoReverseMatch, reverse

from kenniscentrum.knowledge.models import Theme
from kenniscentrum.knowledge.selectors import public_items
from kenniscentrum.knowledge.vocabulary import KIND_PAGES, PROVINCES
from kenniscentrum.report.models import ReportSection

from .changes import changed_items, last_change


def report_date() -> date:
    return date.fromisoformat(settings.REPORT_DATE)


class ItemSitemap(Sitemap):
    def items(self):
        return changed_items().only("slug", "updated_at", "publish_at")

    def lastmod(self, item):
        return item.changed_at


class ReportSitemap(Sitemap):
    """The report's table of contents and its sections: their text is the report's, of its date."""

    def items(self):
        return [None, *ReportSection.objects.only("slug").order_by("order")]

    def location(self, section):
        return reverse("report:index") if section is None else section.get_absolute_url()

    def lastmod(self, section):
        return report_date()


class KindListSitemap(Sitemap):
    """One list per kind; it changes when one of its items does."""

    def items(self):
        return list(KIND_PAGES)

    def location(self, kind):
        return reverse("knowledge:list", args=[KIND_PAGES[kind][1]])

    def lastmod(self, kind):
        return last_change(public_items().filter(kind=kind))


class ThemeSitemap(Sitemap):
    def items(self):
        return Theme.objects.only("slug")

    def lastmod(self, theme):
        return last_change(public_items().filter(themes=theme))


class PageSitemap(Sitemap):
    """Pages without a date of their own: no lastmod."""

    def items(self):
        figures = [("figures:province", slug) for slug in PROVINCES]
        pages = [
            ("home", None),
            ("about", None),
            ("accessibility", None),
            ("colofon", None),
            ("knowledge:themes", None),
            ("knowledge:comparison", None),
            ("check:form", None),
            ("loket:ask", None),
            ("flexpool:index", None),
            ("figures:overview", None),
            ("figures:comparison", None),
            ("figures:gemeenten", None),
            *figures,
        ]
        return [page for page in pages if _exists(page)]

    def location(self, page):
        name, slug = page
        return reverse(name, kwargs={"slug": slug} if slug else None)


def _exists(page) -> bool:
    """A page another part of the site may not have (yet) is left out instead of failing."""
    try:
        PageSitemap().location(page)
    except NoReverseMatch:
        return False
    return True


class GemeenteSitemap(Sitemap):
    """The gemeente pages that have published figures (issue 17); lastmod is the publication
    date of their newest source."""

    def items(self):
        from kenniscentrum.figures.gemeente_selectors import gemeenten_with_figures

        return gemeenten_with_figures()

    def location(self, gemeente):
        return reverse("figures:gemeente", kwargs={"code": gemeente.code})

    def lastmod(self, gemeente):
        from kenniscentrum.figures.gemeente_selectors import latest_for

        latest = latest_for(gemeente)
        return latest.publication.source_published_on if latest else None


SITEMAPS = {
    "paginas": PageSitemap,
    "gemeenten": GemeenteSitemap,
    "kennis": ItemSitemap,
    "lijsten": KindListSitemap,
    "themas": ThemeSitemap,
    "rapport": ReportSitemap,
}
