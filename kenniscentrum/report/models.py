"""The source report as citable sections.

The report is the ground truth of the kenniscentrum: every item cites sections of it. Sections are
stored once, rendered at load time (the text never changes between loads), and keyed by a stable
`key` ("3.2") so citations survive a reload.
"""

from django.db import models
from django.urls import reverse

REPORT_SHORT = "Eindrapportage"


class ReportSection(models.Model):
    key = models.CharField("sleutel", max_length=30, unique=True)
    slug = models.SlugField("slug", max_length=40, unique=True)
    number = models.CharField("nummer zoals afgedrukt", max_length=10, blank=True)
    title = models.CharField("titel", max_length=200)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    order = models.PositiveIntegerField("volgorde")
    html = models.TextField("inhoud (HTML)", blank=True)
    text = models.TextField("inhoud (platte tekst)", blank=True)

    class Meta:
        ordering = ["order"]
        verbose_name = "paragraaf van het rapport"
        verbose_name_plural = "paragrafen van het rapport"

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("report:section", kwargs={"slug": self.slug})

    @property
    def citation(self) -> str:
        """How items cite this section: 'Eindrapportage §3.2' or 'Eindrapportage, Voorwoord'."""
        if self.key[0].isdigit():
            return f"{REPORT_SHORT} §{self.key}"
        return f"{REPORT_SHORT}, {self.title.split(':')[0]}"

    @property
    def full_citation(self) -> str:
        """'Eindrapportage §3.1 Financiële regelingen', without repeating an unnumbered title."""
        if self.key[0].isdigit():
            return f"{self.citation} {self.title}"
        return f"{REPORT_SHORT}, {self.title}"

    @property
    def label(self) -> str:
        """Number and title as a reader sees them in a table of contents."""
        if self.key[0].isdigit():
            return f"{self.key} {self.title}"
        return self.title

    @property
    def numbered_differently(self) -> bool:
        """True where the report prints another number than the one its own text uses."""
        return bool(self.number) and self.number != self.key
