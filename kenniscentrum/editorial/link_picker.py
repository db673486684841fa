"""Find a page to link to and give its exact Markdown link, so editors never type a slug.

Two doors to one search: an HTML page that works without JavaScript (a GET form, results with
the link in a read-only field to copy) and a JSON answer for link-picker.js, which searches as
the editor types and inserts the link at the cursor. Only what a visitor can open is offered
(published items, report sections): a link to a draft would be a dead link once saved.
"""

from dataclasses import asdict, dataclass

from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import render

from kenniscentrum.knowledge import selectors
from kenniscentrum.report.models import ReportSection

from .editor_views import editor_required

MAX_QUERY = 100
MAX_RESULTS = 20


@dataclass(frozen=True)
class Target:
    title: str
    kind: str  # what the result is, in Dutch ("Regeling", "Eindrapportage")
    url: str
    markdown: str


def _markdown(text: str, url: str) -> str:
    """`[text](url)`, with the brackets that would end the link text early escaped."""
    for char in "\\[]":
        text = text.replace(char, "\\" + char)
    return f"[{text}]({url})"


def search(query: str) -> list[Target]:
    """Items first (what editors link to most), then report sections; at most MAX_RESULTS."""
    words = query.split()
    if not words:
        return []
    item_filter, section_filter = Q(), Q()
    for word in words:  # every word somewhere in the title, in any order
        item_filter &= Q(title__icontains=word)
        section_filter &= Q(title__icontains=word) | Q(key__istartswith=word.lstrip("§"))
    items = selectors.public_items().filter(item_filter).order_by("title")[:MAX_RESULTS]
    targets = [
        Target(
            item.title,
            item.get_kind_display(),
            item.get_absolute_url(),
            _markdown(item.title, item.get_absolute_url()),
        )  # fmt: skip
        for item in items
    ]
    room = MAX_RESULTS - len(targets)
    if room > 0:
        sections = ReportSection.objects.filter(section_filter).order_by("order", "pk")[:room]
        for section in sections:
            numbered = section.key[0].isdigit()
            text = f"§{section.key} {section.title}" if numbered else section.title
            url = section.get_absolute_url()
            targets.append(Target(text, "Eindrapportage", url, _markdown(text, url)))
    return targets


def _query(request) -> tuple[str, str]:
    """The query, and a message when it was too long (cut, not refused: the editor sees why)."""
    query = " ".join(request.GET.get("q", "").split())
    if len(query) > MAX_QUERY:
        return query[:MAX_QUERY], f"De zoekvraag is ingekort tot {MAX_QUERY} tekens."
    return query, ""


@editor_required
def page(request):
    query, notice = _query(request)
    context = {"query": query, "notice": notice, "results": search(query), "max": MAX_RESULTS}
    return render(request, "editorial/link_picker.html", context)


@editor_required
def as_json(request):
    query, notice = _query(request)
    results = [asdict(target) for target in search(query)]
    return JsonResponse({"query": query, "notice": notice, "results": results})
