"""HTTP caching for readers: Cache-Control on anonymous pages; ETags and 304s from Django.

Which response gets what (only 200 answers to GET/HEAD whose view set no Cache-Control itself,
and only HTML, JSON or the findability files in CACHEABLE_TYPES; everything else is
left as it is):

- Editors and anyone else with a session (the request carries the session cookie), /redactie/
  and /beheer/, and any response that sets a cookie (a CSRF token, a message):
  `Cache-Control: private, no-store`. No shared cache keeps them and the browser shows an
  editor the current state, not a copy.
- Search (/zoeken/, /api/search): `public, no-cache`. Every search reaches the server, so the
  search log editors read stays complete (and a visitor's repeat search after a publication
  is current); an unchanged answer still comes back as an empty 304.
- Every other anonymous page and JSON answer: `public, max-age=<HTTP_CACHE_MAX_AGE>` (setting
  KC_HTTP_MAX_AGE, 300 s by default). That is the promise: a published change is visible to
  everyone within that many seconds, in browsers and in a proxy/CDN in front. Pages that depend
  on today's date (the check's default peildatum, a regeling ending "vandaag") are at most that
  much late around midnight.

Public answers also carry `Vary: Cookie`: anonymous visitors send no cookies (the public site
sets none), so they all share one cached copy, while a request with an editor's cookies never
gets that copy.

ETag and 304: django.middleware.http.ConditionalGetMiddleware computes a strong ETag from the
body of every GET answer that is not `no-store` and answers If-None-Match / If-Modified-Since
with 304 and an empty body. The body changes when the content does, so a publication changes
the ETag. No Last-Modified is sent: one date per page would have to include every related item,
the navigation and the date-dependent parts; the ETag covers all of that.

Order in MIDDLEWARE: ConditionalGetMiddleware, then this one, both after WhiteNoise (which
answers static files with its own long-lived headers) and before SessionMiddleware. On the way
out this one then runs after the session, CSRF and messages middleware, so it sees every cookie
they set; ConditionalGetMiddleware runs after it and so sees the final Cache-Control.
"""

from django.conf import settings
from django.utils.cache import patch_vary_headers

CACHEABLE_TYPES = (
    "text/html",
    "application/json",
    # sitemap.xml, the Atom feed, robots.txt, the web manifest (core/findable.py): public, the
    # same for every reader, and asked for often by crawlers and feed readers.
    "application/xml",
    "application/atom+xml",
    "text/plain",
    "application/manifest+json",
)
PRIVATE_PREFIXES = ("/redactie/", "/beheer/")
REVALIDATE_PREFIXES = ("/zoeken/", "/api/search")
PRIVATE = "private, no-store"


def cache_control(request, response) -> str | None:
    """The Cache-Control this response should get, or None to leave it alone."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return None
    if response.has_header("Cache-Control"):  # the view decided (admin, health, ...)
        return None
    if not response.get("Content-Type", "").startswith(CACHEABLE_TYPES):
        return None
    path = request.path_info
    if (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        or path.startswith(PRIVATE_PREFIXES)
        or response.cookies
    ):
        return PRIVATE
    if path.startswith(REVALIDATE_PREFIXES):
        return "public, no-cache"
    return f"public, max-age={settings.HTTP_CACHE_MAX_AGE}"


class HttpCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        value = cache_control(request, response)
        if value is not None:
            response["Cache-Control"] = value
            if value.startswith("public"):
                patch_vary_headers(response, ("Cookie",))
        return response
