"""The flexpool's data: projectleider profiles (kept by editors), requests from gemeenten, and
the log of what editors did with each request.

Privacy by default: a profile shows nothing optional to the public until an editor ticks the
field's "openbaar" box (name, organisation, description, contact route). Expertise, provinces
and availability are always public: without them a gemeente cannot judge the pool.

A request holds the requester's personal data (contact name, e-mail address, the text of the
need) only until KC_FLEXPOOL_RETENTION_DAYS after it was closed (retention.py).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from kenniscentrum.knowledge.vocabulary import PROVINCES

from .vocabulary import EXPERTISE, LOG_ACTIONS, RequestStatus, in_vocabulary_order

HIDDEN_NAME = "Projectleider (naam niet openbaar)"


def _validate_list(values, vocabulary: dict, what: str) -> list[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValidationError(f"Geef een lijst van {what}.")
    unknown = [v for v in values if v not in vocabulary]
    if unknown:
        raise ValidationError(f"Onbekende {what}: {', '.join(unknown)}.")
    return in_vocabulary_order(values, vocabulary)


class Profile(models.Model):
    """A projectleider in the pool. Only editors create one; no profile comes with the code."""

    name = models.CharField("naam", max_length=200)
    name_public = models.BooleanField("naam openbaar", default=False)
    organisation = models.CharField("organisatie", max_length=200, blank=True)
    organisation_public = models.BooleanField("organisatie openbaar", default=False)
    expertise = models.JSONField("expertise", default=list)
    provinces = models.JSONField("provincies", default=list, blank=True)
    all_provinces = models.BooleanField("werkt in heel Nederland", default=False)
    available_from = models.DateField("beschikbaar vanaf")
    available_until = models.DateField("beschikbaar tot en met")
    description = models.TextField("korte beschrijving", max_length=2000, blank=True)
    description_public = models.BooleanField("beschrijving openbaar", default=False)
    contact_route = models.TextField(
        "contactroute",
        max_length=1000,
        blank=True,
        help_text="Hoe een gemeente deze projectleider via het kenniscentrum bereikt.",
    )
    contact_route_public = models.BooleanField("contactroute openbaar", default=False)
    active = models.BooleanField("actief", default=True)
    created_at = models.DateTimeField("aangemaakt", auto_now_add=True)
    updated_at = models.DateTimeField("gewijzigd", auto_now=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = "flexpoolprofiel"
        verbose_name_plural = "flexpoolprofielen"

    def __str__(self) -> str:
        return self.name

    def clean(self):
        errors = {}
        try:
            self.expertise = _validate_list(self.expertise, EXPERTISE, "expertise")
            if not self.expertise:
                errors["expertise"] = "Kies ten minste één expertise."
        except ValidationError as exc:
            errors["expertise"] = exc.messages
        try:
            self.provinces = _validate_list(self.provinces, PROVINCES, "provincies")
            if not self.provinces and not self.all_provinces:
                errors["provinces"] = "Kies ten minste één provincie, of 'heel Nederland'."
        except ValidationError as exc:
            errors["provinces"] = exc.messages
        if (
            self.available_from
            and self.available_until
            and self.available_from > self.available_until
        ):
            errors["available_until"] = "Deze datum ligt vóór 'beschikbaar vanaf'."
        if errors:
            raise ValidationError(errors)

    # What the public may see: only through these, never the raw fields.
    @property
    def public_name(self) -> str:
        return self.name if self.name_public else HIDDEN_NAME

    @property
    def public_organisation(self) -> str:
        return self.organisation if self.organisation_public else ""

    @property
    def public_description(self) -> str:
        return self.description if self.description_public else ""

    @property
    def public_contact_route(self) -> str:
        return self.contact_route if self.contact_route_public else ""

    @property
    def expertise_labels(self) -> list[str]:
        return [EXPERTISE[v] for v in in_vocabulary_order(self.expertise, EXPERTISE)]

    @property
    def province_labels(self) -> list[str]:
        return [PROVINCES[v] for v in in_vocabulary_order(self.provinces, PROVINCES)]


class FlexRequest(models.Model):
    """A gemeente's request for a projectleider ("aanvraag")."""

    reference = models.CharField("kenmerk", max_length=20, unique=True, null=True, blank=True)
    gemeente = models.CharField("gemeente", max_length=100)
    province = models.CharField("provincie", max_length=20, choices=list(PROVINCES.items()))
    need = models.TextField("vraag", max_length=4000, blank=True)
    expertise = models.JSONField("gevraagde expertise", default=list)
    period_from = models.DateField("periode vanaf")
    period_until = models.DateField("periode tot en met")
    contact_name = models.CharField("naam contactpersoon", max_length=200, blank=True)
    contact_email = models.EmailField("e-mailadres contactpersoon", max_length=254, blank=True)
    status = models.CharField(
        "status", max_length=20, choices=RequestStatus.choices, default=RequestStatus.NIEUW
    )
    matched_profile = models.ForeignKey(
        Profile,
        verbose_name="gematcht met",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
    )
    created_at = models.DateTimeField("ontvangen", auto_now_add=True, db_index=True)
    closed_on = models.DateField("afgerond op", null=True, blank=True, db_index=True)
    personal_data_removed_on = models.DateField(
        "persoonsgegevens verwijderd op", null=True, blank=True
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "flexpoolaanvraag"
        verbose_name_plural = "flexpoolaanvragen"

    def __str__(self) -> str:
        return f"{self.reference or 'aanvraag'} ({self.gemeente})"

    @property
    def expertise_labels(self) -> list[str]:
        return [EXPERTISE[v] for v in in_vocabulary_order(self.expertise, EXPERTISE)]

    @property
    def province_label(self) -> str:
        return PROVINCES.get(self.province, self.province)

    @property
    def is_open(self) -> bool:
        return self.status in (RequestStatus.NIEUW, RequestStatus.GEMATCHT)


class RequestLogEntry(models.Model):
    """Who did what with a request, when, and why (the reason of a decline, a confirm's note)."""

    request = models.ForeignKey(
        FlexRequest, on_delete=models.CASCADE, related_name="log", verbose_name="aanvraag"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="redacteur",
    )
    at = models.DateTimeField("tijdstip", auto_now_add=True)
    action = models.CharField("handeling", max_length=20)
    from_status = models.CharField("van status", max_length=20, blank=True)
    to_status = models.CharField("naar status", max_length=20)
    profile = models.ForeignKey(
        Profile,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="profiel",
    )
    reason = models.TextField("reden of toelichting", max_length=1000, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "logregel flexpoolaanvraag"
        verbose_name_plural = "logregels flexpoolaanvragen"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} ({self.from_status} → {self.to_status})"

    @property
    def action_label(self) -> str:
        return LOG_ACTIONS.get(self.action, self.action)

    @property
    def status_change(self) -> str:
        """'Nieuw → Gematcht', in the statuses' Dutch labels."""
        labels = dict(RequestStatus.choices)
        to = labels.get(self.to_status, self.to_status)
        if not self.from_status:
            return to
        return f"{labels.get(self.from_status, self.from_status)} → {to}"
