"""GET /api/search: the search as JSON, with the same rules as the page."""

from django.conf import settings
from django.http import JsonResponse
from django.utils.html import escape
from django.views.decorators.http import require_safe

from .forms import SearchForm
from .service import search


@require_safe
def search_api(request):
    form = SearchForm(request.GET)
    if not form.is_valid():
        errors = {
            name: [error["message"] for error in field_errors]
            for name, field_errors in form.errors.get_json_data().items()
        }
        return JsonResponse({"errors": errors}, status=400)
    outcome = search(form.to_request(), page_size=settings.SEARCH_PAGE_SIZE)
    if outcome.unavailable:
        detail = "Zoeken is tijdelijk niet beschikbaar."
        return JsonResponse({"error": "unavailable", "detail": detail}, status=503)
    return JsonResponse(
        {
            # As typed (normalised); the results are for `corrected_query` when it is set.
            "query": outcome.original_query or outcome.parsed.text,
            "total": outcome.total,
            "page": outcome.page,
            "num_pages": outcome.num_pages,
            "results": [
                {
                    "slug": hit.slug,
                    "kind": hit.kind,
                    "title": hit.title,
                    "url": request.build_absolute_uri(hit.url),
                    "snippet": hit.snippet or escape(hit.summary),
                    "pinned": hit.pinned,
                    "recommended": hit.recommended,
                }
                for hit in outcome.hits
            ],
            "suggestion": outcome.suggestion or None,
            "corrected_query": outcome.corrected_query or None,
            "relaxed": outcome.relaxed,
            "facets": outcome.facets,
        }
    )
