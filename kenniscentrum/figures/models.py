"""The report's figures, stored exactly as published (Tabel 1 national, Tabel 2 per province)."""

from django.db import models


class NationalFigure(models.Model):
    """A row of Tabel 1."""

    period = models.CharField("periode", max_length=6, unique=True)
    start_backlog = models.IntegerField("achterstand bij aanvang")
    target = models.IntegerField("taakstelling")
    total_task = models.IntegerField("totale opgave")
    realised = models.IntegerField("realisatie")
    end_backlog = models.IntegerField("achterstand bij einde")
    note = models.CharField("opmerking", max_length=200, blank=True)

    class Meta:
        ordering = ["period"]
        verbose_name = "landelijk cijfer (tabel 1)"
        verbose_name_plural = "landelijke cijfers (tabel 1)"

    def __str__(self) -> str:
        return self.period


class ProvinceFigure(models.Model):
    """A province (or the Totaal row) in one period of Tabel 2."""

    area = models.CharField("provincie of totaal", max_length=20)
    municipalities = models.PositiveIntegerField("aantal gemeenten", null=True, blank=True)
    period = models.CharField("periode", max_length=6)
    start_backlog = models.IntegerField("stand bij aanvang")
    target = models.IntegerField("taakstelling")
    realised = models.IntegerField("realisatie")
    end_backlog = models.IntegerField("stand bij einde")
    pct_remaining = models.IntegerField("percentage nog te realiseren")

    class Meta:
        ordering = ["area", "period"]
        constraints = [models.UniqueConstraint(fields=["area", "period"], name="one_row_per_area")]
        verbose_name = "provinciaal cijfer (tabel 2)"
        verbose_name_plural = "provinciale cijfers (tabel 2)"

    def __str__(self) -> str:
        return f"{self.area} {self.period}"


class PublicationStatus(models.TextChoices):
    """An uploaded period: previewed as concept, then published or discarded; a publication can
    be withdrawn later (it stays, for the record, but no page uses it)."""

    CONCEPT = "concept", "Concept (voorbeeld)"
    GEPUBLICEERD = "gepubliceerd", "Gepubliceerd"
    VERWORPEN = "verworpen", "Verworpen"
    INGETROKKEN = "ingetrokken", "Ingetrokken"


class FigurePublication(models.Model):
    """One upload of gemeente figures for one period (issue 17), versioned per period.

    The uploaded file is kept as uploaded (`csv_text`), so what was published can always be
    shown and downloaded again; the rows are GemeenteFigure. For a period, the newest published
    version is the one pages use; publishing a new version supersedes the old one, which stays.
    """

    period = models.CharField("periode", max_length=6)  # "2022-1", as in content/cijfers/
    version = models.PositiveIntegerField("versie")
    source = models.CharField("bron", max_length=300)
    source_published_on = models.DateField("publicatiedatum van de bron")
    status = models.CharField(
        "status", max_length=20, choices=PublicationStatus.choices,
        default=PublicationStatus.CONCEPT,
    )  # fmt: skip
    filename = models.CharField("bestandsnaam", max_length=200, blank=True)
    csv_text = models.TextField("geüpload bestand")
    uploaded_by = models.ForeignKey(
        "auth.User", null=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="geüpload door",
    )  # fmt: skip
    uploaded_at = models.DateTimeField("geüpload op", auto_now_add=True)
    decided_by = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="gepubliceerd, verworpen of ingetrokken door",
    )  # fmt: skip
    decided_at = models.DateTimeField("besloten op", null=True, blank=True)
    note = models.CharField("toelichting", max_length=500, blank=True)

    class Meta:
        ordering = ["-period", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["period", "version"], name="one_version_number"),
        ]
        permissions = [("publish_figurepublication", "Mag cijfers publiceren en intrekken")]
        verbose_name = "publicatie van gemeentecijfers"
        verbose_name_plural = "publicaties van gemeentecijfers"

    def __str__(self) -> str:
        return f"{self.period} v{self.version} ({self.get_status_display()})"


class GemeenteFigure(models.Model):
    """One gemeente in one publication: taakstelling, realisatie and backlog, as uploaded."""

    publication = models.ForeignKey(
        FigurePublication, on_delete=models.CASCADE, related_name="rows"
    )
    gemeente = models.ForeignKey("geography.Gemeente", on_delete=models.PROTECT, related_name="+")
    line = models.PositiveIntegerField("regel in het bestand")
    start_backlog = models.IntegerField("stand bij aanvang")
    target = models.IntegerField("taakstelling")
    realised = models.IntegerField("realisatie")
    end_backlog = models.IntegerField("stand bij einde")
    coupled_not_housed = models.IntegerField(
        "gekoppeld, nog niet gehuisvest", null=True, blank=True
    )

    class Meta:
        ordering = ["publication", "gemeente__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "gemeente"], name="one_row_per_gemeente"
            ),
        ]
        verbose_name = "gemeentecijfer"
        verbose_name_plural = "gemeentecijfers"

    def __str__(self) -> str:
        return f"{self.gemeente_id} {self.publication}"


class FigureAuditEntry(models.Model):
    """Who uploaded, published, discarded or withdrew which publication, when, and why.

    Why not editorial's AuditEntry: that log is keyed by item slug and read whole by the
    editors' queue ("Mijn werk"), so figure events would show up there as items. Entries are
    written in the same transaction as the change they record and are never edited.
    """

    publication = models.ForeignKey(
        FigurePublication, on_delete=models.CASCADE, related_name="audit",
        verbose_name="publicatie",
    )  # fmt: skip
    at = models.DateTimeField("tijdstip", auto_now_add=True)
    user = models.ForeignKey(
        "auth.User", null=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="gebruiker",
    )  # fmt: skip
    action = models.CharField("actie", max_length=20)  # uploaden | publiceren | verwerpen | ...
    from_status = models.CharField("van", max_length=20, blank=True)
    to_status = models.CharField("naar", max_length=20)
    note = models.CharField("toelichting", max_length=500, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "auditregel van cijfers"
        verbose_name_plural = "auditlog van cijfers"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action} {self.publication}"
