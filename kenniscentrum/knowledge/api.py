"""Read-only JSON API of the published corpus (`/api/content/`)."""

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.http import require_safe

from kenniscentrum.core.dates import today

from . import selectors
from .models import Item
from .windows import state_of


def _summary(request, item: Item) -> dict:
    return {
        "slug": item.slug,
        "kind": item.kind,
        "title": item.title,
        "url": request.build_absolute_uri(item.get_absolute_url()),
        "summary": item.summary,
        "themes": [t.slug for t in item.themes.all()],
        "provinces": [p.slug for p in item.provinces.all()],
        "sources": [
            {
                "section": ref.section.key,
                "citation": ref.section.citation,
                "url": request.build_absolute_uri(ref.section.get_absolute_url()),
                "note": ref.note,
            }
            for ref in item.sources.all()
        ],
    }


def _detail(request, item: Item) -> dict:
    """One item. Dates say what they are: `facts_as_of` is the report's date, `checked_on` an
    editor's later check against `checked_source` (or null). `last_reviewed` is left out: it is
    editorial bookkeeping, and beside 2021 facts it read as a fact check (issue 11)."""
    data = _summary(request, item)
    data.update(
        body=item.body,
        body_html=item.body_html,
        published=item.published.isoformat(),
        facts_as_of=settings.REPORT_DATE,
        checked_on=item.checked_on.isoformat() if item.checked_on else None,
        checked_source=item.checked_source or None,
        links=item.links,
        related=[i.slug for i in selectors.related_items(item)],
    )
    if hasattr(item, "regeling"):
        facts = item.regeling
        on = today()
        data["regeling"] = {
            "provider": facts.provider,
            "applicants": facts.applicants,
            "amounts": facts.amounts,
            "dates": facts.key_dates,
            "window": facts.window,
            "status": facts.status,
            "status_note": facts.status_note,
            "status_as_of": settings.REPORT_DATE,
            # Today (Europe/Amsterdam), as the regeling page says it: windows.py.
            "window_status": state_of(facts, on),
            "window_status_on": on.isoformat(),
            # After the report, from the source named here (null when no end is known).
            "ended": facts.has_ended(on),
            "ended_on": facts.ended_on.isoformat() if facts.ended_on else None,
            "ended_reason": facts.ended_reason or None,
            "ended_source": facts.ended_source or None,
        }
    if hasattr(item, "aanbeveling"):
        facts = item.aanbeveling
        data["aanbeveling"] = {
            "number": facts.number,
            "cluster": facts.cluster,
            "actiehouders": facts.actiehouders,
            "actiehouders_note": facts.actiehouders_note,
        }
    return data


@require_safe
def content_list(request):
    items = (
        selectors.public_items()
        .prefetch_related("themes", "provinces", "sources__section")
        .order_by("kind", "title")
    )
    results = [_summary(request, item) for item in items]
    return JsonResponse({"count": len(results), "results": results})


@require_safe
def content_detail(request, slug: str):
    item = selectors.item_detail(slug)
    if item is None:
        return JsonResponse(
            {"error": "not_found", "detail": f"Geen gepubliceerd item met slug '{slug}'."},
            status=404,
        )
    return JsonResponse(_detail(request, item))
