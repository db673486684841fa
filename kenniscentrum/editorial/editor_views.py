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

from . import queue, revisions, structured_form
from .revisions import apply_document, validate_document
from .workflow import InvalidTransition, allowed_actions, transition

EDITOR = ("knowledge.change_item",)


class _Rollback(Exception):
    pass


def editor_required(view):
    """Anonymous visitors go to the back office's own login (settings.LOGIN_URL, in Dutch and
    in the site's look); a logged-in user without the editor's permission gets a 403, not a
    login loop."""
    return login_required(permission_required(EDITOR, raise_exception=True)(view))


@editor_required
def item_list(request):
    """/redactie/: "Mijn werk", "Te beoordelen" (who may publish), then every item, filtered.

    What belongs where is decided in queue.py; a filter value that is not a choice is ignored
    with a note on the page (an old bookmark is no error).
    """
    from .index_status import index_notice  # imports this module for editor_required

    all_rows = queue.rows()
    authors = queue.author_choices(all_rows)
    chosen, filter_notes = queue.parse_filters(request.GET, authors)
    context = {
        "work": queue.my_work(all_rows, request.user),
        "to_review": queue.to_review(all_rows, request.user),
        "can_publish": request.user.has_perm("knowledge.publish_item"),
        "rows": queue.apply_filters(all_rows, chosen),
        "filters": chosen,
        "filter_notes": filter_notes,
        "statuses": queue.STATUS_CHOICES,
        "kinds": queue.KIND_CHOICES,
        "authors": authors,
        **index_notice(request.user),
    }
    return render(request, "editorial/item_list.html", context)


@editor_required
def edit(request, slug):
    """Edit as a form (default) or as the raw document (`?weergave=bron`); one save path."""
    state = revisions.editing_state(get_object_or_404(Item, slug=slug))
    item = state.item
    context = {
        "item": item,
        "document": state.document,
        "base": state.base,
        "actions": allowed_actions(item, request.user),
        "pending": state.pending,
        "can_publish": request.user.has_perm("knowledge.publish_item"),
        "view": _view(request),
        "similar": queue.similar_items(item.title, item.slug, exclude=item),
    }
    form_state = None
    if request.method == "POST":
        context["base"] = _int(request.POST.get("base"))
        action = request.POST.get("action")
        try:
            document, form_state = _submitted(request, context, item.kind)
            if document is not None:
                data = validate_document(
                    document, item.kind, item.slug, revisions.document_label(item)
                )
                if action == FORM_VIEW:  # from the raw view, once the document is valid
                    context["view"] = FORM_VIEW
                elif action == "preview":
                    context["preview_html"] = render_markdown(data.body)
                    context["preview_title"] = data.title
                else:
                    result = revisions.save(
                        item, document, request.user, context["base"], request.POST.get("note", "")
                    )
                    if result.applied:
                        messages.success(
                            request, f"Opgeslagen als versie {result.revision.number}."
                        )
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
                exc.latest.document, context["document"], f"versie {exc.latest.number}", "uw tekst"
            )
    _add_form(context, form_state, item.kind, new=False)
    return render(request, "editorial/edit.html", context)


FORM_VIEW, RAW_VIEW = "formulier", "bron"


def _view(request) -> str:
    """The form, unless `weergave=bron`; a POST of a bare `document` is the raw editor's."""
    view = request.POST.get("weergave") or request.GET.get("weergave")
    if request.method == "POST" and not request.POST.get("weergave") and "document" in request.POST:
        view = RAW_VIEW
    return RAW_VIEW if view == RAW_VIEW else FORM_VIEW


def _submitted(request, context, kind):
    """(document to validate, or None when only the form is re-shown; the form's values).

    A form submit becomes the document structured_form builds; "toevoegen" only re-renders
    with one more row, and "Naar de brontekst" shows that document in the raw view unsaved.
    """
    if context["view"] == RAW_VIEW:
        context["document"] = request.POST.get("document", "")
        return context["document"], None
    form_state = structured_form.state_from_post(request.POST, kind)
    document = structured_form.build_document(form_state)
    context["document"] = document
    if request.POST.get("add"):
        return None, form_state
    if request.POST.get("action") == RAW_VIEW:
        context["view"] = RAW_VIEW
        return None, form_state
    return document, form_state


def _add_form(context, form_state, kind, new: bool) -> None:
    """The form for the form view, from the submit or else from the document shown."""
    if context["view"] != FORM_VIEW:
        return
    if form_state is None:
        try:
            form_state = structured_form.state_from_document(context["document"], kind)
        except ContentError as exc:  # not front matter at all: only the raw view can show it
            context.update(view=RAW_VIEW, error=exc)
            return
    themes, sections = structured_form.vocabularies()
    context["form"] = structured_form.build_form(
        form_state, themes, sections, new=new, error=context.get("error")
    )


@editor_required
def create(request):
    """A new item: the kind first, then its form (or the raw document, `?weergave=bron`)."""
    kinds = {kind.value: label for kind, (label, _) in KIND_PAGES.items()}
    kind = request.POST.get("kind") or request.GET.get("soort") or "praktijkvoorbeeld"
    if kind not in kinds:
        raise Http404
    context = {
        "kinds": kinds,
        "kind": kind,
        "document": revisions.starter_document(kind, today()),
        "view": _view(request),
    }
    form_state = None
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            document, form_state = _submitted(request, context, kind)
            if document is None:
                pass
            elif action in ("preview", FORM_VIEW):
                source_slug = _slug_of(document)
                data = validate_document(document, kind, source_slug, f"{kind}/{source_slug}.md")
                if action == FORM_VIEW:
                    context["view"] = FORM_VIEW
                else:
                    context["preview_html"] = render_markdown(data.body)
                    context["preview_title"] = data.title
                    context["similar"] = queue.similar_items(data.title, source_slug)
            else:
                item = revisions.create(kind, document, request.user)
                messages.success(request, "Het item is aangemaakt als concept.")
                return redirect("editorial:edit", slug=item.slug)
        except ContentError as exc:
            context["error"] = exc
    _add_form(context, form_state, kind, new=True)
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
    """A workflow step from the edit page (templates/editorial/_workflow_form.html); the rules,
    the reason a reject needs and the e-mails are workflow.py's and notifications.py's."""
    from . import notifications

    item = get_object_or_404(Item, slug=slug)
    action = request.POST.get("action", "")
    base_url = request.build_absolute_uri("/")  # for the link in the e-mail without KC_SITE_URL
    try:
        if action == "publish-change":
            revisions.publish_draft(item, request.user)
            notifications.after_transition(item, action, request.user, base_url=base_url)
            messages.success(request, "De wijziging is gepubliceerd.")
        else:
            reason = request.POST.get("reason", "")
            transition(item, action, request.user, reason=reason, base_url=base_url)
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
