"""The editors' side: the queue, one question, the figures and "maak er een vraag en antwoord
van". Views only translate requests; the rules are in handling.py, queue.py, stats.py and
publishing.py, and every change re-checks the question under its row lock there, so a crafted
POST gets no further than the form does.

Permissions: every page needs an editor (editorial's `editor_required`: anonymous -> login,
others -> 403) with `loket.view_question`; changing a question needs `loket.change_question`;
making an item also `knowledge.add_item`. The roles get them in migrations/0002_roles.py.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from kenniscentrum.core.dates import today
from kenniscentrum.editorial.editor_views import editor_required
from kenniscentrum.knowledge.frontmatter import ContentError
from kenniscentrum.knowledge.models import Item
from kenniscentrum.knowledge.rendering import render_markdown

from . import config, handling, publishing, queue, stats
from .forms import AssignForm, DuplicateForm, PublishForm, ReplyForm, summary
from .models import Question
from .vocabulary import ORGANISATION_TYPES, PROVINCES, State

VIEW = "loket.view_question"
HANDLE = "loket.change_question"
PAGE_SIZE = 50
# action on the detail page -> the state its reply closes the question in
REPLY_ACTIONS = {"beantwoorden": State.ANSWERED, "buiten-bereik": State.OUT_OF_SCOPE}
SENT = {
    State.ANSWERED: "beantwoord",
    State.DUPLICATE: "als dubbel afgehandeld",
    State.OUT_OF_SCOPE: "afgehandeld als buiten de vraagbaak",
}
# ContentError field (from the item's validation) -> the publish form's field
CONTENT_FIELDS = {
    "title": "titel",
    "summary": "samenvatting",
    "body": "tekst",
    "themes": "themas",
    "sources": "bronnen",
}


def _needs(*permissions):
    def decorate(view):
        return editor_required(permission_required(permissions, raise_exception=True)(view))

    return decorate


def _site_url(request) -> str:
    return settings.SITE_URL or request.build_absolute_uri("/").rstrip("/")


@_needs(VIEW)
def queue_page(request):
    """/redactie/vraagbaak/: overdue first, then open by promised date, then closed."""
    on = today()
    filters, notes = queue.parse_filters(request.GET)
    questions = queue.apply_filters(queue.ordered(on), filters, request.user, on)
    page = Paginator(questions, PAGE_SIZE).get_page(request.GET.get("pagina"))
    context = {
        "page": page,
        "filters": filters,
        "filter_notes": notes,
        "statuses": queue.STATUS_FILTERS,
        "counts": queue.counts(on),
        "organisations": ORGANISATION_TYPES,
        "today": on,
    }
    return render(request, "loket/queue.html", context)


@_needs(VIEW)
def figures_page(request):
    on = today()
    context = {
        "figures": stats.figures(queue.stat_records(), on),
        "answer_days": config.answer_days(),
        "today": on,
    }
    return render(request, "loket/figures.html", context)


def _detail_context(request, question: Question, editors: list) -> dict:
    duplicate_item = None
    if question.duplicate_item_slug:
        duplicate_item = Item.objects.filter(slug=question.duplicate_item_slug).first()
    return {
        "question": question,
        "events": question.events.select_related("actor"),
        "overdue": queue.is_overdue(question, today()),
        "can_handle": request.user.has_perm(HANDLE),
        "can_publish": request.user.has_perm("knowledge.add_item"),
        "organisation": ORGANISATION_TYPES.get(question.organisation_type, ""),
        "province": PROVINCES.get(question.province, ""),
        "duplicate_item": duplicate_item,
        "publish_refusal": publishing.refusal(question),
        "assign_form": AssignForm(initial={"aan": question.assigned_to_id}, editors=editors),
        "answer_form": ReplyForm(prefix="beantwoorden"),
        "scope_form": ReplyForm(
            prefix="buiten-bereik", initial={"tekst": handling.out_of_scope_reply()}
        ),
        "duplicate_form": DuplicateForm(question=question),
        "duplicate_reply_form": None,
        "errors": [],
        "retention_days": config.retention_days(),
    }


@_needs(VIEW)
def detail(request, reference: str):
    """One question: its text and log, and the forms to assign, answer or close it.

    Each reply has two steps on the same page, without JavaScript: "Voorbeeld" shows the
    (sanitised) rendering, "Versturen" changes the state and mails after commit. A duplicate
    first asks what it duplicates, then offers the standard reply for that target to edit.
    """
    question = get_object_or_404(
        Question.objects.select_related("assigned_to", "closed_by", "duplicate_of"),
        reference=reference,
    )
    editors = list(queue.editors())
    context = _detail_context(request, question, editors)
    if request.method != "POST":
        return render(request, "loket/detail.html", context)
    if not context["can_handle"]:
        raise PermissionDenied
    action = request.POST.get("actie", "")
    sending = request.POST.get("stap") == "versturen"
    form = None
    try:
        if action == "toewijzen":
            form = context["assign_form"] = AssignForm(request.POST, editors=editors)
            if form.is_valid():
                handling.assign(question, form.assignee(), request.user)
                messages.success(request, "De toewijzing is opgeslagen.")
                return redirect("loket:detail", reference=question.reference)
        elif action in REPLY_ACTIONS:
            form = ReplyForm(request.POST, prefix=action)
            context["answer_form" if action == "beantwoorden" else "scope_form"] = form
            if form.is_valid():
                text = form.cleaned_data["tekst"]
                if sending:
                    return _closed(request, question, REPLY_ACTIONS[action], text)
                context.update(preview_html=render_markdown(text), preview_of=action)
        elif action == "dubbel":
            form = context["duplicate_form"] = DuplicateForm(request.POST, question=question)
            if form.is_valid():
                target = form.target
                context["duplicate_target"] = target
                if "dubbel-tekst" in request.POST:
                    form = ReplyForm(request.POST, prefix="dubbel")
                    if form.is_valid():
                        text = form.cleaned_data["tekst"]
                        if sending:
                            return _closed(request, question, State.DUPLICATE, text, target)
                        context.update(preview_html=render_markdown(text), preview_of=action)
                else:
                    standard = handling.duplicate_reply(target, _site_url(request))
                    form = ReplyForm(prefix="dubbel", initial={"tekst": standard})
                context["duplicate_reply_form"] = form
        else:
            context["errors"] = [("", "", "Onbekende actie; er is niets gewijzigd.")]
            return render(request, "loket/detail.html", context, status=400)
    except handling.NotOpen as exc:
        messages.error(request, str(exc))
        return redirect("loket:detail", reference=question.reference)
    if form is not None and form.is_bound and form.errors:
        context["errors"] = summary(form)
        return render(request, "loket/detail.html", context, status=400)
    return render(request, "loket/detail.html", context)


def _closed(request, question, state, text, target=None):
    handling.close(question, state, text, request.user, target=target)
    sent = " en per e-mail verstuurd" if question.email else " (geen e-mailadres: niet gemaild)"
    messages.success(request, f"Vraag {question.reference} is {SENT[state]}{sent}.")
    return redirect("loket:detail", reference=question.reference)


@_needs(VIEW, HANDLE, "knowledge.add_item")
def publish(request, reference: str):
    """ "Maak er een vraag en antwoord van": a concept item, then the editorial workflow."""
    question = get_object_or_404(Question, reference=reference)
    if refusal := publishing.refusal(question):
        messages.error(request, refusal)
        return redirect("loket:detail", reference=question.reference)
    context = {"question": question, "preview_html": None}
    if request.method == "POST":
        form = PublishForm(request.POST, gemeente=question.gemeente)
        if form.is_valid():
            draft = form.draft()
            if request.POST.get("stap") == "voorbeeld":
                context.update(preview_html=render_markdown(draft.body), preview_title=draft.title)
            else:
                try:
                    item = publishing.publish(question, draft, request.user)
                except publishing.CannotPublish as exc:
                    messages.error(request, str(exc))
                    return redirect("loket:detail", reference=question.reference)
                except ValueError as exc:
                    form.add_error(None, str(exc))
                except ContentError as exc:
                    name = CONTENT_FIELDS.get(exc.field.split("[")[0].split(".")[0])
                    form.add_error(name, exc.message if name else str(exc))
                else:
                    messages.success(
                        request,
                        f"Het concept '{item.title}' is gemaakt uit vraag {question.reference}. "
                        "Controleer het en bied het ter beoordeling aan.",
                    )
                    return redirect("editorial:edit", slug=item.slug)
    else:
        form = PublishForm(
            gemeente=question.gemeente,
            initial={
                "titel": publishing.suggested_title(question.text),
                "samenvatting": publishing.suggested_summary(question.reply),
                "tekst": question.reply,
            },
        )
    context.update(form=form, errors=summary(form) if form.is_bound else [])
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "loket/publish.html", context, status=status)
