"""Reading pages for the report: a table of contents and one page per section."""

from django.shortcuts import get_object_or_404, render

from kenniscentrum.knowledge.selectors import items_citing

from .models import ReportSection


def index(request):
    sections = ReportSection.objects.all()
    return render(request, "report/index.html", {"sections": sections})


def section(request, slug):
    current = get_object_or_404(ReportSection.objects.select_related("parent"), slug=slug)
    ordered = list(ReportSection.objects.only("key", "slug", "title", "order", "number"))
    position = next(i for i, s in enumerate(ordered) if s.pk == current.pk)
    context = {
        "section": current,
        "children": current.children.all(),
        "previous": ordered[position - 1] if position > 0 else None,
        "next": ordered[position + 1] if position + 1 < len(ordered) else None,
        "citing_items": items_citing(current),
    }
    return render(request, "report/section.html", context)
