"""Reading pages of the corpus. Thin: reads come from selectors, rules from plain functions."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from . import selectors
from .forms import FilterForm
from .models import Theme
from .vocabulary import KIND_INTROS, KIND_PAGES, Kind
from .windows import WINDOW_LABELS, window_status

KIND_BY_SEGMENT = {segment: kind for kind, (_, segment) in KIND_PAGES.items()}


def kind_list(request, segment: str):
    kind = KIND_BY_SEGMENT.get(segment)
    if kind is None:
        raise Http404
    form = FilterForm(request.GET or None)
    filters = form.filters()
    listing = selectors.list_items(kind, filters.get("thema"), filters.get("provincie"))
    context = {
        "kind": kind,
        "kind_label": KIND_PAGES[kind][0],
        "intro": KIND_INTROS[kind],
        "form": form,
        "listing": listing,
        "filtered": any(filters.values()),
        "show_provinces": any(f.count for f in listing.provinces),
    }
    return render(request, "knowledge/list.html", context)


def item_detail(request, slug: str):
    item = selectors.item_detail(slug)
    if item is None:
        raise Http404
    context = {
        "item": item,
        "kind_label": KIND_PAGES[item.kind][0],
        "kind_segment": KIND_PAGES[item.kind][1],
        "related": selectors.related_items(item),
    }
    if item.kind == Kind.REGELING and hasattr(item, "regeling"):
        facts = item.regeling
        today = timezone.localdate()
        state = window_status(
            facts.status, facts.window_opens, facts.window_closes, today, facts.ended_on
        )
        context.update(facts=facts, window_state=state, window_label=WINDOW_LABELS[state])
    return render(request, "knowledge/detail.html", context)


def theme_index(request):
    return render(request, "knowledge/themes.html", {"themes": selectors.themes_with_counts()})


def theme_detail(request, slug: str):
    theme = get_object_or_404(Theme, slug=slug)
    groups = []
    for kind, (label, segment) in KIND_PAGES.items():
        items = selectors.list_items(kind, theme.slug).items
        if items:
            groups.append({"label": label, "segment": segment, "items": items})
    return render(request, "knowledge/theme.html", {"theme": theme, "groups": groups})
