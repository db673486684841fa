"""Editors' pages for writing: item list, edit with preview, visitor preview, history, workflow.

Views only translate requests; permissions and rules are checked in workflow.py and
revisions.py, so a crafted POST gets no further than the form does.
"""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from kenniscentrum.core.dates import today
from kenniscentrum.knowledge import selectors
from kenniscentrum.knowledge.frontmatter import ContentError
from kenniscentrum.knowledge.models import Item
from kenniscentrum.knowledge.rendering import render_markdown
from kenniscentrum.knowledge.vocabulary import KIND_PAGES

from . import revisions
from .revisions import apply_document, validate_document
from .workflow import InvalidTransition, allowed_actions, transition

EDITOR = ("knowledge.change_item",)


class _Rollback(Exception):
    pass


def editor_required(view):
    return login_required(permission_required(EDITOR, raise_exception=True)(view),
                          login_url="admin:login")  # fmt: skip


@editor_required
def item_list(request):
    items = Item.objects.order_by("kind", "title").prefetch_related("revisions")
    rows = [
        {"item": item, "pending": any(r.pending for r in item.revisions.all())} for item in items
    ]
    from .index_status import index_notice  # imports this module for editor_required

    context = {"rows": rows, **index_notice(request.user)}
    return render(request, "editorial/item_list.html", context)


@editor_required
def edit(request, slug):
    state = revisions.editing_state(get_object_or_404(Item, slug=slug))
    item = state.item
    context = {
        "item": item,
        "document": state.document,
        "base": state.base,
        "actions": allowed_actions(item, request.user),
        "pending": state.pending,
        "can_publish": request.user.has_perm("knowledge.publish_item"),
    }
    if request.method == "POST":
        document = request.POST.get("document", "")
        context["document"] = document
        context["base"] = _int(request.POST.get("base"))
        try:
            data = validate_document(document, item.kind, item.slug, revisions.document_label(item))
            if request.POST.get("action") == "preview":
                context["preview_html"] = render_markdown(data.body)
                context["preview_title"] = data.title
            else:
                result = revisions.save(
                    item, document, request.user, context["base"], request.POST.get("note", "")
                )
                if result.applied:
                    messages.success(request, f"Opgeslagen als versie {result.revision.number}.")
                else:
                    messages.success(
                        request,
                        f"Opgeslagen als versie {result.revision.number}: een concept van de "
                        "wijziging. De gepubliceerde pagina blijft zoals hij is tot een "
                        "eindredacteur de wijziging publiceert.",
                    )
                return redirect("editorial:edit", slug=item.slug)
        except ContentError as exc:
            context["error"] = exc
        except revisions.EditConflict as exc:
            context["conflict"] = exc.latest
            context["conflict_diff"] = revisions.diff(
                exc.latest.document, document, f"versie {exc.latest.number}", "uw tekst"
            )
    return render(request, "editorial/edit.html", context)


@editor_required
def create(request):
    kinds = {kind.value: label for kind, (label, _) in KIND_PAGES.items()}
    kind = request.POST.get("kind") or request.GET.get("soort") or "praktijkvoorbeeld"
    if kind not in kinds:
        raise Http404
    context = {"kinds": kinds, "kind": kind, "document": revisions.starter_document(kind, today())}
    if request.method == "POST":
        context["document"] = request.POST.get("document", "")
        try:
            if request.POST.get("action") == "preview":
                source_slug = _slug_of(context["document"])
                data = validate_document(
                    context["document"], kind, source_slug, f"{kind}/{source_slug}.md"
                )
                context["preview_html"] = render_markdown(data.body)
                context["preview_title"] = data.title
            else:
                item = revisions.create(kind, context["document"], request.user)
                messages.success(request, "Het item is aangemaakt als concept.")
                return redirect("editorial:edit", slug=item.slug)
        except ContentError as exc:
            context["error"] = exc
    return render(request, "editorial/create.html", context)


@editor_required
@require_POST
def live_preview(request):
    """The preview fragment for the editor's script (the page itself works without it)."""
    kind = request.POST.get("kind", "")
    if kind not in {k.value for k in KIND_PAGES}:
        raise Http404
    document = request.POST.get("document", "")
    slug = request.POST.get("slug") or _slug_of(document)
    context = {}
    try:
        data = validate_document(document, kind, slug, f"{kind}/{slug}.md")
        context.update(preview_html=render_markdown(data.body), preview_title=data.title)
    except ContentError as exc:
        context["error"] = exc
    return render(request, "editorial/_live_preview.html", context)


def _slug_of(document: str) -> str:
    match = re.search(r"(?m)^slug:\s*([-a-z0-9]+)\s*$", document)
    return match.group(1) if match else ""


@editor_required
def visitor_preview(request, slug):
    """The public page as it would look with a version applied; nothing is saved."""
    item = get_object_or_404(Item, slug=slug)
    number = _int(request.GET.get("versie"))
    revision = item.revisions.filter(number=number).first() if number else None
    try:
        with transaction.atomic():
            if revision is not None:
                data = validate_document(
                    revision.document, item.kind, item.slug, revisions.document_label(item)
                )
                apply_document(item, data)
            shown = Item.objects.select_related("regeling", "aanbeveling").get(pk=item.pk)
            response = render(
                request,
                "knowledge/detail.html",
                {
                    "item": shown,
                    "kind_label": KIND_PAGES[shown.kind][0],
                    "kind_segment": KIND_PAGES[shown.kind][1],
                    "related": selectors.related_items(shown),
                    "editor_preview": revision.number if revision else "huidig",
                },
            )
            raise _Rollback
    except _Rollback:
        pass
    response["X-Robots-Tag"] = "noindex"
    return response


@editor_required
def history(request, slug):
    item = get_object_or_404(Item, slug=slug)
    versions = list(item.revisions.select_related("author"))
    numbers = [v.number for v in versions]
    a, b = _int(request.GET.get("van")), _int(request.GET.get("naar"))
    changes = None
    if a in numbers and b in numbers:
        old, new = (item.revisions.get(number=n) for n in (a, b))
        changes = revisions.diff(old.document, new.document, f"versie {a}", f"versie {b}")
    context = {"item": item, "versions": versions, "changes": changes, "a": a, "b": b}
    return render(request, "editorial/history.html", context)


@editor_required
@require_POST
def restore(request, slug):
    item = get_object_or_404(Item, slug=slug)
    number = _int(request.POST.get("versie"))
    if not item.revisions.filter(number=number).exists():
        raise Http404
    try:
        result = revisions.restore(item, number, request.user)
    except (ContentError, revisions.EditConflict) as exc:
        messages.error(request, f"Herstellen lukte niet: {exc}")
        return redirect("editorial:history", slug=slug)
    messages.success(request, f"Versie {number} is hersteld als versie {result.revision.number}.")
    return redirect("editorial:edit", slug=slug)


@editor_required
@require_POST
def workflow(request, slug):
    item = get_object_or_404(Item, slug=slug)
    action = request.POST.get("action", "")
    try:
        if action == "publish-change":
            revisions.publish_draft(item, request.user)
            messages.success(request, "De wijziging is gepubliceerd.")
        else:
            transition(item, action, request.user)
            messages.success(request, f"Status: {item.get_status_display()}.")
    except PermissionDenied as exc:
        return _forbidden(request, exc)
    except (InvalidTransition, ValueError, ContentError) as exc:
        messages.error(request, str(exc))
    return redirect("editorial:edit", slug=slug)


def _forbidden(request, exc):
    return render(request, "403.html", {"message": str(exc)}, status=403)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
