"""The feedback form's endpoint and the editors' overview. Thin: rules live in rules.py.

Why the endpoint is csrf_exempt: content pages are cached publicly (core/http_cache.py) and a
response that sets a cookie becomes `private, no-store`. A CSRF token in the form would either
be another visitor's in a cached copy, or force a cookie (and so no caching) onto every content
page. The endpoint is anonymous, changes no account and only increments counters, so what a
forged request could do is what any visitor can do. It is defended otherwise: POST only, a small
body, an Origin/Referer same-site check when the browser sends one, the page path validated
against real published pages, the text limited, and a per-client rate limit (rate_limit.py).

Without JavaScript: a valid submission redirects (303) back to the page with
`?feedback=bedankt#feedback`, where a thank-you line replaces the form (no messages framework:
it would need a session cookie). An invalid one gets a small page of its own with an error
summary and the form again.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.db import DatabaseError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

from . import rate_limit, rules
from .pages import is_feedback_page

# Largest honest body: MAX_TEXT_CHARS of 4-byte characters, percent-encoded (12 bytes each),
# plus the answer and the page path.
MAX_BODY_BYTES = 8 * 1024
THANKS_QUERY = "?feedback=bedankt#feedback"

POST_ONLY = "Dit adres ontvangt alleen het formulier 'Was deze pagina nuttig?'."
TOO_BIG = "Uw reactie is te groot. Maak de toelichting korter (maximaal 500 tekens)."
OTHER_SITE = "Deze reactie kwam niet van deze website en is niet verwerkt."
UNKNOWN_PAGE = "Deze reactie hoort niet bij een pagina van deze website en is niet verwerkt."
TOO_MANY = (
    "U heeft in korte tijd veel reacties gestuurd. Deze reactie is niet verwerkt; "
    "probeer het over een uur opnieuw."
)
BUSY = "Uw reactie kon nu niet worden opgeslagen. Probeer het over een paar minuten opnieuw."


def _refuse(request, message: str, status: int, path: str = ""):
    context = {"message": message, "back": path}
    return render(request, "feedback/refused.html", context, status=status)


def _same_site(request) -> bool:
    """Origin (or else Referer), when the browser sends one, must be this site.

    Browsers send Origin with every cross-site POST; absent both headers (a privacy extension,
    a script) the other defences still hold.
    """
    source = request.META.get("HTTP_ORIGIN") or request.META.get("HTTP_REFERER")
    if not source:
        return True
    try:
        parts = urlsplit(source)
        host = request.get_host()
    except Exception:  # a malformed header, or a host that is not allowed
        return False
    if not parts.scheme or not parts.netloc:
        return False  # also Origin: null (a sandboxed or file:// page)
    return parts.netloc == host or f"{parts.scheme}://{parts.netloc}" in set(
        settings.CSRF_TRUSTED_ORIGINS
    )


def _content_length(request) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


@csrf_exempt  # see the module docstring: a token would break public caching of content pages
def submit(request):
    if request.method != "POST":
        response = _refuse(request, POST_ONLY, 405)
        response["Allow"] = "POST"
        return response
    if _content_length(request) > MAX_BODY_BYTES:
        return _refuse(request, TOO_BIG, 413)
    if not _same_site(request):
        return _refuse(request, OTHER_SITE, 403)
    try:
        data = request.POST
        path = data.get("pagina", "")
    except (RequestDataTooBig, TooManyFieldsSent):
        return _refuse(request, TOO_BIG, 413)
    if not is_feedback_page(path):
        return _refuse(request, UNKNOWN_PAGE, 400)
    submission = rules.validate(data)
    if submission.errors:
        context = {
            "feedback_path": path,
            "feedback_errors": submission.errors,
            "feedback_data": {"nuttig": data.get("nuttig", ""), "toelichting": submission.text},
        }
        return render(request, "feedback/invalid.html", context, status=400)
    if not rate_limit.allow(request):
        return _refuse(request, TOO_MANY, 429, path)
    try:
        rules.record(path, submission.useful, submission.text)
    except DatabaseError:
        return _refuse(request, BUSY, 503, path)
    return HttpResponseRedirect(path + THANKS_QUERY, status=303)


@login_required
@permission_required("editorial.view_searchlog", raise_exception=True)
def insights(request):
    """Editors: which pages readers found not useful, and what they wrote. Same permission as
    the search insights: both are what readers tell the editors, without personal data."""
    periods = [
        {"days": days, "pages": rules.pages_by_no(days), "totals": rules.totals(days)}
        for days in (7, 30, 90)
    ]
    context = {
        "periods": periods,
        "comments": rules.latest_comments(),
        "max_comments": rules.MAX_COMMENTS_PER_PAGE_PER_DAY,
        "count_retention": rules.COUNT_RETENTION_DAYS,
        "comment_retention": rules.COMMENT_RETENTION_DAYS,
    }
    return render(request, "feedback/insights.html", context)
