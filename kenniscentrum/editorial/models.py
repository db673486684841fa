"""Editorial records: what was searched (without personal data), pins, and the audit log."""

from django.conf import settings
from django.db import models

from kenniscentrum.knowledge.models import Item

from .queries import normalise_query


class SearchLog(models.Model):
    """How often a normalised query was searched on a day, and how many results it had.

    No IP address, no account, no time of day: a row is (day, query), counted.
    """

    day = models.DateField("dag", db_index=True)
    query = models.CharField("zoekvraag", max_length=200)
    searches = models.PositiveIntegerField("aantal keer gezocht", default=0)
    results = models.PositiveIntegerField("aantal resultaten (laatste keer)", default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "query"], name="one_row_per_day")]
        verbose_name = "zoekvraag per dag"
        verbose_name_plural = "zoekvragen per dag"

    def __str__(self) -> str:
        return f"{self.day} {self.query} ({self.searches}×)"


class Pin(models.Model):
    """An item an eindredacteur recommends for a query ("aanbevolen")."""

    query = models.CharField(
        "zoekvraag",
        max_length=200,
        help_text="De zoekvraag zoals bezoekers die typen; hoofdletters en spaties tellen niet.",
    )
    item = models.ForeignKey(Item, on_delete=models.CASCADE, verbose_name="item")
    order = models.PositiveSmallIntegerField("volgorde", default=0)

    class Meta:
        ordering = ["query", "order"]
        constraints = [models.UniqueConstraint(fields=["query", "item"], name="one_pin_per_item")]
        verbose_name = "aanbevolen resultaat"
        verbose_name_plural = "aanbevolen resultaten"

    def __str__(self) -> str:
        return f"{self.query} → {self.item}"

    def save(self, *args, **kwargs):
        self.query = normalise_query(self.query)
        super().save(*args, **kwargs)


class BrowserSynonymGroup(models.Model):
    """A synonym group an eindredacteur made in the browser (from /redactie/zoekvragen/).

    Search reads these beside content/synoniemen.yaml (editorial/synonym_store.py), validated by
    the file's own rules; `export_content` writes them into the file and removes them here.
    Rows are added and deleted, never changed (the store's version stamp relies on it).
    """

    terms = models.JSONField("termen")
    preferred = models.CharField("voorkeursspelling", max_length=200, blank=True)
    query = models.CharField("gemaakt voor zoekvraag", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, verbose_name="gemaakt door"
    )
    created_at = models.DateTimeField("gemaakt op", auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = "synoniemgroep uit de browser"
        verbose_name_plural = "synoniemgroepen uit de browser"

    def __str__(self) -> str:
        return ", ".join(self.terms)


class AuditEntry(models.Model):
    """Who changed the publication state of which item, when, and from what to what."""

    at = models.DateTimeField("tijdstip", auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, verbose_name="gebruiker"
    )
    item_slug = models.CharField("item", max_length=100)
    action = models.CharField("actie", max_length=30)
    from_status = models.CharField("van", max_length=20)
    to_status = models.CharField("naar", max_length=20)
    # Why, in the editor's words: required when an eindredacteur sends an item back (the
    # author reads it in "Mijn werk", the history and the e-mail), empty otherwise.
    note = models.CharField("toelichting", max_length=500, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = "auditregel"
        verbose_name_plural = "auditlog"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action} {self.item_slug}"


class Revision(models.Model):
    """One saved version of an item, as the document the editor typed (front matter + body).

    A revision of a published item is `pending` until an eindredacteur publishes it: the live
    version stays as it is. Revisions are never changed; restoring makes a new one.
    """

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField("versie")
    document = models.TextField("document")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, verbose_name="auteur"
    )
    created_at = models.DateTimeField("opgeslagen op", auto_now_add=True)
    pending = models.BooleanField("wacht op publicatie", default=False)
    note = models.CharField("toelichting", max_length=200, blank=True)

    class Meta:
        ordering = ["item", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="one_number_per_item")
        ]
        verbose_name = "versie"
        verbose_name_plural = "versies"

    def __str__(self) -> str:
        return f"{self.item.slug} v{self.number}"
