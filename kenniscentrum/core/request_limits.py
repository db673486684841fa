"""Refuse oversized requests before any view runs.

Why a middleware and not checks in the views: a view that reads `request.body` or builds a form
has already paid for the input. Here the refusal is decided from the request line and headers
only (Content-Length, the raw query string), so a 2 MB body or a 50,000-character URL costs
nothing, and every view, including ones written later, is covered.

The limits live in settings: DATA_UPLOAD_MAX_MEMORY_SIZE (body), REQUEST_MAX_QUERY_STRING and
REQUEST_MAX_QUERY_PARAMS. Refusals carry a short Dutch message: as JSON `{"errors": {"__all__":
[...]}}` under /api/ (the shape the API's own field errors have) and as a page elsewhere.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import JsonResponse
from django.shortcuts import render

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _dutch_int(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _too_big_message() -> str:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return (
        f"De verzonden gegevens zijn te groot (meer dan {_dutch_int(limit)} bytes). "
        "Maak de tekst korter of splits hem op."
    )


def _too_many_fields_message() -> str:
    return (
        f"Het verzoek bevat te veel velden (meer dan "
        f"{_dutch_int(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS)})."
    )


def refuse(request, message: str, status: int):
    """The refusal in the form the caller reads: JSON for the API, a page for people."""
    if request.path.startswith("/api/"):
        return JsonResponse({"errors": {"__all__": [message]}}, status=status)
    return render(request, "400.html", {"message": message}, status=status)


def _content_length(request) -> int:
    # As Django reads it (WSGIRequest): a missing or unreadable header means no body at all.
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


class RequestLimitsMiddleware:
    """413 for a body over the limit, 414 for a long URL, 400 for too many parameters or fields.

    Placed before sessions, CSRF and authentication: none of them needs to see such a request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refusal = self._refusal(request)
        if refusal is not None:
            return refusal
        return self.get_response(request)

    def _refusal(self, request):
        if _content_length(request) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            return refuse(request, _too_big_message(), 413)
        query = request.META.get("QUERY_STRING", "")
        if len(query) > settings.REQUEST_MAX_QUERY_STRING:
            limit = _dutch_int(settings.REQUEST_MAX_QUERY_STRING)
            message = (
                f"Het webadres is te lang (meer dan {limit} tekens). Maak de zoekvraag korter."
            )
            return refuse(request, message, 414)
        # Counted as Django's QueryDict counts: every "&" starts a parameter, empty ones too.
        if query and query.count("&") + 1 > settings.REQUEST_MAX_QUERY_PARAMS:
            limit = settings.REQUEST_MAX_QUERY_PARAMS
            return refuse(
                request, f"Het webadres bevat te veel parameters (meer dan {limit}).", 400
            )
        if request.content_type in FORM_TYPES and request.method == "POST":
            # Parse the form here, where a refusal can still be clear: the CSRF check parses it
            # anyway, and an exception it raised would only reach the generic 400 page.
            try:
                request.POST  # noqa: B018 (parsing is the point)
            except RequestDataTooBig:
                return refuse(request, _too_big_message(), 413)
            except TooManyFieldsSent:
                return refuse(request, _too_many_fields_message(), 400)
        return None

    def process_exception(self, request, exception):
        """Django's own size guards, raised while a view reads the input: the same clear answer."""
        if isinstance(exception, RequestDataTooBig):
            return refuse(request, _too_big_message(), 413)
        if isinstance(exception, TooManyFieldsSent):
            return refuse(request, _too_many_fields_message(), 400)
        return None
