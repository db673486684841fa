"""Being found from outside: sitemap, robots.txt, the changes feed, favicon and web manifest.

Mounted at the site root from kenniscentrum/urls.py. Pages that must not be indexed are named
once here (NOT_INDEXED): robots.txt disallows them and templatetags/findable.py gives them no
canonical URL.
"""

from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import path, reverse

from .feeds import SITE_NAME, ChangesFeed
from .sitemaps import SITEMAPS

# Personal or endless answers: check results (a municipality's plans) and search results (every
# query a new page; a crawler's searches would also fill the search log editors read). Both
# pages also say noindex themselves, for links a crawler reaches in spite of robots.txt.
NOT_INDEXED = ("/check/uitslag/", "/zoeken/", "/vraag-stellen/ontvangen/", "/flexpool/aanvragen/")
# Not for visitors, or not pages: editors, admin, JSON APIs, the health check.
NOT_CRAWLED = (*NOT_INDEXED, "/redactie/", "/beheer/", "/api/", "/gezondheid/", "/healthz")

THEME_COLOUR = "#1f4e79"  # --kc-color-primary in kenniscentrum.css
FAVICON = "favicon.svg"


def robots_txt(request):
    context = {
        "disallowed": NOT_CRAWLED,
        "sitemap_url": request.build_absolute_uri(reverse("sitemap")),
    }
    return render(request, "core/robots.txt", context, content_type="text/plain; charset=utf-8")


def favicon_ico(request):
    """Browsers and bots that ask /favicon.ico without reading the page's icon link.

    A temporary redirect: the static name carries a content hash after collectstatic, so a
    permanent one would outlive the next deploy in browsers' caches.
    """
    response = HttpResponseRedirect(static(FAVICON))
    response["Cache-Control"] = f"public, max-age={settings.HTTP_CACHE_MAX_AGE}"
    return response


def web_manifest(request):
    manifest = {
        "name": SITE_NAME,
        "short_name": "Kenniscentrum",
        "description": "Kennis, regelingen en praktijkvoorbeelden over het huisvesten van "
        "statushouders.",
        "lang": "nl",
        "start_url": reverse("home"),
        "scope": reverse("home"),
        "display": "browser",
        "theme_color": THEME_COLOUR,
        "background_color": "#ffffff",
        "icons": [{"src": static(FAVICON), "sizes": "any", "type": "image/svg+xml"}],
    }
    return JsonResponse(
        manifest,
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )


urlpatterns = [
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("feeds/wijzigingen/", ChangesFeed(), name="feed-changes"),
    path("favicon.ico", favicon_ico, name="favicon"),
    path("manifest.webmanifest", web_manifest, name="manifest"),
]
