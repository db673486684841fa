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
