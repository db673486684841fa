"""The editors' pages for gemeente figures, at /redactie/cijfers/ (issue 17).

Views only translate requests: the file is read by upload.validate, totals come from derived,
and every change of state is publishing's (under the row lock, with an audit line).

Permissions: every page needs an editor (editorial's `editor_required`: anonymous -> login,
others -> 403) with `figures.view_figurepublication`; uploading needs
`figures.add_figurepublication`; publishing, discarding and withdrawing need
`figures.publish_figurepublication` (migrations/0004_roles.py: redacteur add+view,
eindredacteur also publish).
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from kenniscentrum.editorial.editor_views import editor_required
from kenniscentrum.knowledge.vocabulary import PROVINCES

from . import derived, gemeente_selectors, publishing
from .checks import FIELD_LABELS, tolerance_text
from .editor_forms import UploadForm, WithdrawForm, summary
from .models import FigureAuditEntry, FigurePublication, PublicationStatus
from .upload import COLUMNS, MAX_BYTES, MAX_ROWS

VIEW = "figures.view_figurepublication"
SUMMARY_LISTED = 20  # file problems listed in the error summary; all are in the table below
CHANGE_LABELS = {**FIELD_LABELS, "municipalities": "aantal gemeenten"}


def _needs(*permissions):
    def decorate(view):
        return editor_required(permission_required(permissions, raise_exception=True)(view))

    return decorate


def _counting() -> dict[str, int]:
    """Period -> the version that counts now."""
    return {p.period: p.version for p in gemeente_selectors.current_publications()}


@_needs(VIEW)
def publication_list(request):
    """Every upload, newest period first, with its state and who did what."""
    counting = _counting()
    rows = []
    for publication in FigurePublication.objects.select_related("uploaded_by", "decided_by"):
        superseded_by = None
        if publication.status == PublicationStatus.GEPUBLICEERD:
            current = counting.get(publication.period)
            if current is not None and current != publication.version:
                superseded_by = current
        rows.append((publication, superseded_by))
    context = {
        "rows": rows,
        "can_upload": request.user.has_perm(publishing.ADD),
        "can_publish": request.user.has_perm(publishing.PUBLISH),
    }
    return render(request, "figures/editor/list.html", context)


def _error_count(form, result) -> int:
    count = sum(len(errors) for errors in form.errors.values())
    if result is not None:
        count += len(result.errors) + result.more_errors
    return count


def _file_summary(result) -> list[tuple[str, str, str]]:
    entries = [
        (f"#probleem-{index}", problem.where, problem.message)
        for index, problem in enumerate(result.problems, 1)
        if problem.is_error
    ]
    return entries[:SUMMARY_LISTED]


@_needs(VIEW, publishing.ADD)
def upload(request):
    """The form; on POST the file is checked. With errors: the same page, with every problem
    and the rows that could be read (nothing is stored). Without: a concept, and its page."""
    result = None
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            uploaded = form.cleaned_data["bestand"]
            data = uploaded.read(MAX_BYTES + 1)
            result = publishing.check_upload(data)
            source = publishing.Source(form.cleaned_data["bron"], form.cleaned_data["bron_datum"])
            if result.period is not None:
                for problem in publishing.source_problems(source, result.period):
                    form.add_error("bron_datum", problem)
            if result.ok and not form.errors:
                publication = publishing.store_concept(
                    result, data.decode("utf-8-sig"), uploaded.name or "", source, request.user
                )
                messages.success(
                    request,
                    f"Opgeslagen als concept: {publication.period}, versie "
                    f"{publication.version}. Controleer het voorbeeld hieronder.",
                )
                return redirect("figures-editor:detail", publication.pk)
    else:
        form = UploadForm()
    errors = summary(form)
    file_errors = _file_summary(result) if result is not None else []
    context = {
        "form": form,
        "result": result,
        "errors": errors + file_errors,
        "error_count": _error_count(form, result),
        "columns": COLUMNS,
        "max_bytes": MAX_BYTES,
        "max_rows": MAX_ROWS,
        "provinces": PROVINCES,
    }
    return render(request, "figures/editor/upload.html", context)


def _detail_context(request, publication, withdraw_form=None) -> dict:
    result = publishing.check_upload(publication.csv_text.encode("utf-8"))
    current = publishing.counting_version(publication.period)
    totals = derived.for_publication(publication)
    changes = None
    if current is not None and current.pk != publication.pk:
        changes = derived.changes(derived.for_publication(current), totals)
    can_publish = request.user.has_perm(publishing.PUBLISH)
    status = publication.status
    return {
        "publication": publication,
        "label": f"{publication.period}, versie {publication.version}",
        "rows": publication.rows.select_related("gemeente"),
        "warnings": result.warnings,
        "errors_now": result.errors,
        "derived": totals,
        "current": current,
        "changes": changes,
        "change_labels": CHANGE_LABELS,
        "audit": FigureAuditEntry.objects.filter(publication=publication).select_related("user"),
        "can_decide": can_publish and status == PublicationStatus.CONCEPT,
        "can_withdraw": can_publish and status == PublicationStatus.GEPUBLICEERD,
        "withdraw_form": withdraw_form or WithdrawForm(),
        "errors": summary(withdraw_form) if withdraw_form is not None else [],
        "tolerance": tolerance_text(),
        "provinces": PROVINCES,
    }


@_needs(VIEW)
def detail(request, pk: int):
    publication = get_object_or_404(
        FigurePublication.objects.select_related("uploaded_by", "decided_by"), pk=pk
    )
    return render(request, "figures/editor/detail.html", _detail_context(request, publication))


def _act(request, pk, action, done):
    try:
        publication = action()
    except publishing.PublishingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done(publication))
    return redirect("figures-editor:detail", pk)


@require_POST
@_needs(VIEW, publishing.PUBLISH)
def publish(request, pk: int):
    return _act(
        request, pk, lambda: publishing.publish(pk, request.user),
        lambda p: f"Gepubliceerd: {p.period}, versie {p.version}. De pagina's gebruiken deze "
        "cijfers nu.",
    )  # fmt: skip


@require_POST
@_needs(VIEW, publishing.PUBLISH)
def discard(request, pk: int):
    return _act(
        request, pk, lambda: publishing.discard(pk, request.user),
        lambda p: f"Verworpen: {p.period}, versie {p.version}. Er is niets gepubliceerd.",
    )  # fmt: skip


@require_POST
@_needs(VIEW, publishing.PUBLISH)
def withdraw(request, pk: int):
    publication = get_object_or_404(FigurePublication, pk=pk)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        context = _detail_context(request, publication, form)
        return render(request, "figures/editor/detail.html", context, status=200)
    reason = form.cleaned_data["reden"]
    return _act(
        request, pk, lambda: publishing.withdraw(pk, request.user, reason),
        lambda p: f"Ingetrokken: {p.period}, versie {p.version}.",
    )  # fmt: skip
