"""The editorial corpus.

One `Item` model for all kinds: every kind shares title, summary, body, themes, provinces, sources
and dates, and search, lists and the API treat them alike. What only one kind has (a regeling's
structured facts, an aanbeveling's actiehouders) lives in a one-to-one table beside it.
"""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from kenniscentrum.report.models import ReportSection

from .vocabulary import AANBEVELING_CLUSTERS, APPLICANTS, Kind, RegelingStatus, Status


class Theme(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField("naam", max_length=100)
    description = models.TextField("omschrijving", blank=True)
    order = models.PositiveIntegerField("volgorde", default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "thema"
        verbose_name_plural = "thema's"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("knowledge:theme", kwargs={"slug": self.slug})


class Province(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField("naam", max_length=50)

    class Meta:
        ordering = ["name"]
        verbose_name = "provincie"
        verbose_name_plural = "provincies"

    def __str__(self) -> str:
        return self.name


class ItemQuerySet(models.QuerySet):
    def published(self, now=None):
        """Items a visitor may see: published, past their publish date and not expired.

        Checked on every query instead of by a scheduled job, so scheduled publishing and expiry
        need no cron (the djangoproject.com blog does the same).
        """
        now = now or timezone.now()
        return self.filter(
            Q(status=Status.GEPUBLICEERD),
            Q(publish_at__isnull=True) | Q(publish_at__lte=now),
            Q(expire_at__isnull=True) | Q(expire_at__gt=now),
        )


class Item(models.Model):
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField("soort", max_length=30, choices=Kind.choices)
    title = models.CharField("titel", max_length=200)
    summary = models.TextField("samenvatting", max_length=500)
    body = models.TextField("tekst (Markdown)")
    body_html = models.TextField("tekst (HTML, opgeschoond)", editable=False)
    themes = models.ManyToManyField(Theme, related_name="items", verbose_name="thema's")
    provinces = models.ManyToManyField(
        Province, blank=True, related_name="items", verbose_name="provincies"
    )
    related = models.ManyToManyField(
        "self", blank=True, symmetrical=False, verbose_name="gerelateerd"
    )
    published = models.DateField("gepubliceerd op")
    # Editorial bookkeeping: the day an editor last went through the text. Not shown to
    # visitors: shown as "laatst gecontroleerd" beside 2021 facts it read as a fact check that
    # never happened (issue 11). A real check against a newer source is checked_on.
    last_reviewed = models.DateField("laatst redactioneel nagelopen op")
    # The day an editor verified the item against a source newer than the report, and that
    # source (both or neither; schema._checked). Without them the item is as of the report.
    checked_on = models.DateField("gecontroleerd aan een nieuwere bron op", null=True, blank=True)
    checked_source = models.CharField("bron van die controle", max_length=300, blank=True)
    # Outward links shown as "Officiële bronnen": [{title, url, kind, checked_on?}], validated
    # by schema._links (https only, no URL twice).
    links = models.JSONField("officiële bronnen", default=list, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.GEPUBLICEERD)
    publish_at = models.DateTimeField("publiceren vanaf", null=True, blank=True)
    expire_at = models.DateTimeField("verloopt op", null=True, blank=True)
    source_path = models.CharField("bronbestand", max_length=300, blank=True)
    source_hash = models.CharField("inhoudshash van het bronbestand", max_length=64, blank=True)
    edited_since_load = models.BooleanField(
        "in de browser bewerkt sinds het laden",
        default=False,
        help_text="load_content overschrijft zo'n item niet zonder --force.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = "kennisitem"
        verbose_name_plural = "kennisitems"
        permissions = [("publish_item", "Kan items publiceren, depubliceren en archiveren")]
        indexes = [
            # Lists and the check ask for one kind's published items: without this index every
            # such query read the whole table, body columns included (the check: 15 of its
            # 18 ms at 10,000 items).
            models.Index(fields=["kind", "status"], name="knowledge_item_kind_status"),
            # Search's "Beste treffer" looks an item up by its exact title on every query; with
            # `title__iexact` that read the whole table (17 ms a search at 10,000 items).
            models.Index(Lower("title"), name="knowledge_item_title_lower"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:item", kwargs={"slug": self.slug})

    @property
    def on_site_since(self):
        """The day the item could first be seen here: `published`, or a later `publish_at`.

        `published` is typed by the editor when writing; an item scheduled for later was not
        on the site on that day, and a page must not say it was.
        """
        if self.publish_at is None:
            return self.published
        return max(self.published, timezone.localtime(self.publish_at).date())


class SourceRef(models.Model):
    """A citation of a report section by an item, in the order the item lists them."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="sources")
    section = models.ForeignKey(ReportSection, on_delete=models.PROTECT, related_name="citations")
    note = models.CharField("toelichting", max_length=300, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        verbose_name = "bronvermelding"
        verbose_name_plural = "bronvermeldingen"

    def __str__(self) -> str:
        return self.section.citation


class RegelingFacts(models.Model):
    """Structured facts of a regeling, as of the report (1 November 2021)."""

    item = models.OneToOneField(Item, on_delete=models.CASCADE, related_name="regeling")
    provider = models.CharField("aanbieder", max_length=100)
    applicants = models.JSONField("aanvragers", default=list)
    amounts = models.JSONField("bedragen", default=list)
    key_dates = models.JSONField("data", default=list)
    window_opens = models.DateField("aanvraagperiode van", null=True, blank=True)
    window_closes = models.DateField("aanvraagperiode tot en met", null=True, blank=True)
    status = models.CharField("status volgens het rapport", max_length=20, choices=RegelingStatus)
    status_note = models.TextField("toelichting op de status", blank=True)
    criteria = models.JSONField("criteria voor de check", null=True, blank=True)
    # After the report: the day from which the regeling no longer exists, why, and where that
    # is published (all three or none; schema._ended).
    ended_on = models.DateField("beëindigd per", null=True, blank=True)
    ended_reason = models.TextField("reden van beëindiging", blank=True)
    ended_source = models.CharField("bron van de beëindiging", max_length=300, blank=True)

    class Meta:
        verbose_name = "feiten van een regeling"
        verbose_name_plural = "feiten van regelingen"

    def __str__(self) -> str:
        return f"Feiten: {self.item.title}"

    @property
    def window(self) -> dict | None:
        """The application window as ISO dates, as the API, the check and exports show it."""
        if not self.window_opens:
            return None
        return {"opens": self.window_opens.isoformat(), "closes": self.window_closes.isoformat()}

    def has_ended(self, on) -> bool:
        """Ended on or before `on` (the day of ended_on itself counts as ended)."""
        return self.ended_on is not None and on >= self.ended_on

    @property
    def applicant_labels(self) -> list[str]:
        return [APPLICANTS.get(a, a) for a in self.applicants]


class AanbevelingFacts(models.Model):
    item = models.OneToOneField(Item, on_delete=models.CASCADE, related_name="aanbeveling")
    number = models.PositiveSmallIntegerField("nummer", unique=True)
    cluster = models.CharField("cluster", max_length=20, choices=list(AANBEVELING_CLUSTERS.items()))
    actiehouders = models.JSONField("actiehouders", default=list)
    actiehouders_note = models.TextField("actiehouders volgens het rapport", blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = "feiten van een aanbeveling"
        verbose_name_plural = "feiten van aanbevelingen"

    def __str__(self) -> str:
        return f"Aanbeveling {self.number}"
