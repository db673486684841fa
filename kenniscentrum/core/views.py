"""Site-wide pages: home, about, accessibility statement, error pages."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from kenniscentrum.knowledge import selectors
from kenniscentrum.knowledge.vocabulary import KIND_INTROS, KIND_PAGES
from kenniscentrum.report.models import ReportSection

from . import colofon


def home(request):
    counts = selectors.kind_counts()
    kinds = [
        {"kind": kind, "label": label, "segment": segment, "intro": KIND_INTROS[kind],
         "count": counts.get(kind, 0)}
        for kind, (label, segment) in KIND_PAGES.items()
    ]  # fmt: skip
    context = {
        "kinds": kinds,
        "themes": selectors.themes_with_counts(),
        "regelingen": selectors.list_items("regeling").items,
        "report_sections": ReportSection.objects.filter(parent__isnull=True),
    }
    return render(request, "core/home.html", context)


def about(request):
    return render(request, "core/about.html")


def accessibility(request):
    return render(request, "core/accessibility.html", {"contact": colofon.contact()})


def colofon_page(request):
    return render(request, "core/colofon.html", {"contact": colofon.contact()})


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without context processors: the database may be why we are here.
    return HttpResponseServerError(loader.get_template("500.html").render())


def forbidden(request, exception=None):
    return render(request, "403.html", status=403)
