"""The register of gemeenten, loaded from content/gemeenten.csv (geography/loading.py).

Why a register with validity and not a list of names: gemeenten merge every year. Figures are
published per gemeente as it existed in their period, so a code stays valid for its history
(valid_from/valid_until) and a merged gemeente points at its successor. Provinces are the
fixed vocabulary of kenniscentrum.knowledge.vocabulary.PROVINCES (the same slugs as the check,
the figures and the flexpool).
"""

from datetime import date

from django.db import models
from django.db.models import Q

from kenniscentrum.knowledge.vocabulary import PROVINCES

CODE_PATTERN = r"^GM\d{4}$"


class GemeenteQuerySet(models.QuerySet):
    def valid_on(self, day: date):
        """The gemeenten that existed on `day` (open ends count as always)."""
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        )


class Gemeente(models.Model):
    code = models.CharField("CBS-code", max_length=6, unique=True)  # GM0363
    name = models.CharField("naam", max_length=100)
    province = models.CharField("provincie", max_length=30, choices=list(PROVINCES.items()))
    valid_from = models.DateField("bestaat vanaf", null=True, blank=True)
    valid_until = models.DateField("bestaat tot en met", null=True, blank=True)
    successor = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT,
        related_name="predecessors", verbose_name="opgegaan in",
    )  # fmt: skip
    source = models.CharField("bron", max_length=300, blank=True)

    objects = GemeenteQuerySet.as_manager()

    class Meta:
        ordering = ["name", "code"]
        verbose_name = "gemeente"
        verbose_name_plural = "gemeenten"

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def exists_on(self, day: date) -> bool:
        """As GemeenteQuerySet.valid_on, for one gemeente already read."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )

    def current(self) -> "Gemeente":
        """The gemeente this one is part of now: itself, or the last of its successors.

        Why: figures of a merged gemeente (Weesp, 2021) belong today to the one it went into
        (Amsterdam). The register refuses loops (geography/rules.py), the guard is for a
        database edited by hand.
        """
        gemeente, seen = self, {self.pk}
        while gemeente.successor_id and gemeente.successor_id not in seen:
            seen.add(gemeente.successor_id)
            gemeente = gemeente.successor
        return gemeente
