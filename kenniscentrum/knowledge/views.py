"""Reading pages of the corpus. Thin: reads come from selectors, rules from plain functions."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from kenniscentrum.check import answers as check_answers
from kenniscentrum.check import forms as check_forms
from kenniscentrum.check.service import run_check
from kenniscentrum.check.verdicts import LABELS as VERDICT_LABELS
from kenniscentrum.check.verdicts import ORDER as VERDICT_ORDER
from kenniscentrum.core.dates import today

from . import comparison, selectors
from .forms import FilterForm
from .models import Theme
from .vocabulary import KIND_INTROS, KIND_PAGES

KIND_BY_SEGMENT = {segment: kind for kind, (_, segment) in KIND_PAGES.items()}


def kind_list(request, segment: str):
    kind = KIND_BY_SEGMENT.get(segment)
    if kind is None:
        raise Http404
    form = FilterForm(request.GET or None)
    filters = form.filters()
    listing = selectors.list_items(kind, filters.get("thema"), filters.get("provincie"))
    show_provinces = any(f.count for f in listing.provinces)
    context = {
        "kind": kind,
        "kind_label": KIND_PAGES[kind][0],
        "intro": KIND_INTROS[kind],
        "form": form,
        "listing": listing,
        "filtered": any(filters.values()),
        "show_provinces": show_provinces,
        # "0 resultaten" for /regelingen/?provincie=utrecht looked like a fault: none of these
        # items belongs to a province (regelingen are national), so the page says that instead.
        "province_not_applicable": bool(filters.get("provincie")) and not show_provinces,
    }
    return render(request, "knowledge/list.html", context)


def item_detail(request, slug: str):
    """A regeling's facts box and its ended notice come from the item itself, on the day shown
    (templatetags/regelingen.py), so the editors' visitor preview shows them too."""
    item = selectors.item_detail(slug)
    if item is None:
        raise Http404
    context = {
        "item": item,
        "kind_label": KIND_PAGES[item.kind][0],
        "kind_segment": KIND_PAGES[item.kind][1],
        "related": selectors.related_items(item),
    }
    return render(request, "knowledge/detail.html", context)


def regelingen_comparison(request):
    """All regelingen in one table; with a check's answers in the query string (the link from a
    check result), also the check's verdict per regeling on the check's peildatum."""
    on = today()
    check = _check_from_query(request.GET)
    verdicts = check["verdicts"] if check and not check["invalid"] else None
    context = {
        "rows": comparison.rows(on, verdicts, VERDICT_ORDER),
        "on": on,
        "check": check,
        "verdict_labels": VERDICT_LABELS,
    }
    return render(request, "knowledge/comparison.html", context)


def _check_from_query(query) -> dict | None:
    """The check's answers read and judged by the check's own code, or None without answers.

    Answers that do not validate (an edited or truncated link) give no verdicts and a notice,
    never a guess; the table itself is shown either way.
    """
    if not check_forms.is_submitted(query):
        return None
    try:
        answers = check_answers.validate(check_forms.from_query(query))
    except check_answers.AnswerErrors:
        return {"invalid": True}
    outcome = run_check(answers)
    return {
        "invalid": False,
        "answers": answers,
        "query": check_forms.to_query(answers),
        "verdicts": {result.item.slug: result.verdict for result in outcome.results},
    }


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
