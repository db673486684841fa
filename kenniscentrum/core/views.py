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


CSRF_MESSAGE = (
    "Het formulier is verlopen of kwam niet van deze website, en is niet verwerkt. Ga terug, "
    "ververs de pagina en verstuur het opnieuw. Werkt dat niet, sta dan cookies toe voor deze "
    "website: formulieren gebruiken er één tegen misbruik."
)


def csrf_failure(request, reason=""):
    """A refused CSRF check in Dutch and in the site's look (settings.CSRF_FAILURE_VIEW): the
    public forms of the vraagbaak and the flexpool showed Django's English page."""
    return render(request, "403.html", {"message": CSRF_MESSAGE}, status=403)
