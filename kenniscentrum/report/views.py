"""Reading pages for the report: a table of contents and one page per section."""

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from kenniscentrum.knowledge.loading import REPORT_FILE
from kenniscentrum.knowledge.selectors import items_citing

from .models import ReportSection


def _report_text() -> Path:
    """The report as we hold it: the text of the published PDF, the source of every page."""
    return Path(settings.SEEDS_DIR) / REPORT_FILE


def index(request):
    sections = ReportSection.objects.all()
    path = _report_text()
    size = path.stat().st_size if path.is_file() else None
    return render(request, "report/index.html", {"sections": sections, "download_size": size})


def download(request):
    """The whole report as the text file the site was built from, so a reader can check any
    page against it; served as UTF-8 plain text with a file name for saving."""
    path = _report_text()
    if not path.is_file():
        raise Http404("Het rapport is op deze installatie niet beschikbaar.")
    response = FileResponse(
        path.open("rb"), as_attachment=True, filename=REPORT_FILE, content_type="text/plain"
    )
    response["Content-Type"] = "text/plain; charset=utf-8"
    return response


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
