"""Storing, publishing, discarding and withdrawing uploads of gemeente figures (issue 17).

The states: an upload without errors is stored as a *concept* (never read by the public pages:
gemeente_selectors only reads published versions); an eindredacteur *publishes* or *discards*
it; a published version can be *withdrawn* with a reason. Nothing is deleted: the file stays as
uploaded, with its rows and its audit lines.

Why the rules live here and not in the views: every change takes the publication's row lock
(`select_for_update`) and re-checks its state under it, in one transaction with its audit line,
so a double click, two editors at once or a crafted POST can do no more than the buttons. The
role is checked here too, not only by the view's decorator.

Versions are numbered per period, 1, 2, 3, ..., over every upload (a discarded number is never
reused, so "versie 3" always means one file). Publishing a version supersedes the older
published versions of its period without changing them: the newest published one counts, and
if it is withdrawn the one before counts again (gemeente_selectors).
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from kenniscentrum.core.dates import today
from kenniscentrum.geography.models import Gemeente

from .models import FigureAuditEntry, FigurePublication, GemeenteFigure, PublicationStatus
from .upload import UploadResult, period_bounds, validate

ADD = "figures.add_figurepublication"
PUBLISH = "figures.publish_figurepublication"
MAX_REASON = 500  # FigurePublication.note, FigureAuditEntry.note
MAX_SOURCE = 300
MAX_FILENAME = 200
VERSION_ATTEMPTS = 3

UPLOAD, PUBLISHED, DISCARDED, WITHDRAWN = "uploaden", "publiceren", "verwerpen", "intrekken"


class PublishingError(Exception):
    """A change that is not possible now; the message is Dutch and can be shown as it is."""


def known_gemeenten() -> dict[str, Gemeente]:
    """Every gemeente of the register by code, whatever its validity (upload.validate decides
    per period)."""
    return {g.code: g for g in Gemeente.objects.select_related("successor")}


def check_upload(data: bytes) -> UploadResult:
    return validate(data, known_gemeenten(), today())


@dataclass(frozen=True)
class Source:
    text: str
    published_on: date


def source_problems(source: Source, period: str) -> list[str]:
    """The source's date against the period: figures of a half-year cannot be published
    before it began."""
    start = period_bounds(period)[0]
    if source.published_on < start:
        return [
            f"De publicatiedatum van de bron ({source.published_on:%d-%m-%Y}) ligt voor het begin "
            f"van periode {period} ({start:%d-%m-%Y}). Klopt de datum, en klopt de periode in "
            "het bestand?"
        ]
    return []


def _audit(publication, user, action, from_status, note=""):
    FigureAuditEntry.objects.create(
        publication=publication, user=user, action=action, from_status=from_status,
        to_status=publication.status, note=note,
    )  # fmt: skip


def store_concept(
    result: UploadResult, text: str, filename: str, source: Source, user
) -> FigurePublication:
    """A checked upload as a concept with its rows, in one transaction, with the next version
    number of its period. `result` must come from validating `text` (check_upload)."""
    if not user.has_perm(ADD):
        raise PermissionDenied
    if not result.ok or result.period is None or not result.rows:
        raise PublishingError("Een bestand met fouten kan niet worden opgeslagen.")
    for attempt in range(VERSION_ATTEMPTS):
        try:
            with transaction.atomic():
                return _create(result, text, filename, source, user)
        except IntegrityError:  # another upload of this period took the number: take the next
            if attempt == VERSION_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _create(result, text, filename, source, user) -> FigurePublication:
    newest = FigurePublication.objects.filter(period=result.period).aggregate(v=Max("version"))
    publication = FigurePublication.objects.create(
        period=result.period,
        version=(newest["v"] or 0) + 1,
        source=source.text[:MAX_SOURCE],
        source_published_on=source.published_on,
        filename=filename[:MAX_FILENAME],
        csv_text=text,
        uploaded_by=user,
    )
    GemeenteFigure.objects.bulk_create(
        GemeenteFigure(
            publication=publication, gemeente=row.gemeente, line=row.line,
            start_backlog=row.start_backlog, target=row.target, realised=row.realised,
            end_backlog=row.end_backlog, coupled_not_housed=row.coupled_not_housed,
        )
        for row in result.rows
    )  # fmt: skip
    _audit(publication, user, UPLOAD, "", f"{len(result.rows)} gemeenten")
    return publication


def _locked(pk: int) -> FigurePublication:
    try:
        return FigurePublication.objects.select_for_update().get(pk=pk)
    except FigurePublication.DoesNotExist:
        raise PublishingError("Deze publicatie bestaat niet (meer).") from None


def _decide(publication, user, status, action, note=""):
    before = publication.status
    publication.status = status
    publication.decided_by = user
    publication.decided_at = timezone.now()
    if note:
        publication.note = note
    publication.save(update_fields=["status", "decided_by", "decided_at", "note"])
    _audit(publication, user, action, before, note)


def _require_publisher(user):
    if not user.has_perm(PUBLISH):
        raise PermissionDenied


def _status_text(publication) -> str:
    return publication.get_status_display().lower()


def newer_published(publication: FigurePublication) -> FigurePublication | None:
    """A published version of the same period with a higher number, if any."""
    return (
        FigurePublication.objects.filter(
            period=publication.period,
            status=PublicationStatus.GEPUBLICEERD,
            version__gt=publication.version,
        )
        .order_by("-version")
        .first()
    )


def publish(pk: int, user) -> FigurePublication:
    """Concept -> gepubliceerd, after checking the stored file again against today's register
    (a gemeente may have been ended or corrected since the upload)."""
    _require_publisher(user)
    with transaction.atomic():
        publication = _locked(pk)
        if publication.status != PublicationStatus.CONCEPT:
            raise PublishingError(
                f"Versie {publication.version} van {publication.period} is al "
                f"{_status_text(publication)}; alleen een concept kan worden gepubliceerd."
            )
        newer = newer_published(publication)
        if newer is not None:
            raise PublishingError(
                f"Versie {newer.version} van {publication.period} is al gepubliceerd en is "
                f"nieuwer; deze versie {publication.version} zou niet gelden. Upload het bestand "
                "opnieuw als u deze cijfers wilt publiceren."
            )
        result = check_upload(publication.csv_text.encode("utf-8"))
        if not result.ok or result.period != publication.period:
            first = result.errors[0].text if result.errors else "de periode is anders."
            raise PublishingError(
                "Het opgeslagen bestand geeft nu fouten (is het register van gemeenten "
                f"gewijzigd?): {first} Upload een verbeterd bestand."
            )
        _decide(publication, user, PublicationStatus.GEPUBLICEERD, PUBLISHED)
    return publication


def discard(pk: int, user) -> FigurePublication:
    """Concept -> verworpen: the file and rows stay for the record, no page reads them."""
    _require_publisher(user)
    with transaction.atomic():
        publication = _locked(pk)
        if publication.status != PublicationStatus.CONCEPT:
            raise PublishingError(
                f"Versie {publication.version} van {publication.period} is "
                f"{_status_text(publication)}; alleen een concept kan worden verworpen."
            )
        _decide(publication, user, PublicationStatus.VERWORPEN, DISCARDED)
    return publication


def withdraw(pk: int, user, reason: str) -> FigurePublication:
    """Gepubliceerd -> ingetrokken, with the reason (required: readers of the audit log, and
    later of the pages, must know why figures disappeared)."""
    _require_publisher(user)
    reason = " ".join("".join(c for c in str(reason) if c.isprintable() or c.isspace()).split())
    if not reason:
        raise PublishingError("Geef een reden waarom deze cijfers worden ingetrokken.")
    if len(reason) > MAX_REASON:
        raise PublishingError(f"De reden is te lang (hoogstens {MAX_REASON} tekens).")
    with transaction.atomic():
        publication = _locked(pk)
        if publication.status != PublicationStatus.GEPUBLICEERD:
            raise PublishingError(
                f"Versie {publication.version} van {publication.period} is "
                f"{_status_text(publication)}; alleen gepubliceerde cijfers kunnen worden "
                "ingetrokken."
            )
        _decide(publication, user, PublicationStatus.INGETROKKEN, WITHDRAWN, reason)
    return publication


def counting_version(period: str) -> FigurePublication | None:
    """The published version that counts for `period` now (gemeente_selectors decides)."""
    from . import gemeente_selectors

    return next((p for p in gemeente_selectors.current_publications() if p.period == period), None)
