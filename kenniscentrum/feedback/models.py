"""Page feedback as counts per page and day, plus a capped number of short comments.

Nothing here identifies a reader: no IP address (not even hashed), no account, no cookie, no
time of day. A row is (page path, day), counted; a comment is (page path, day, answer, text).
"""

from django.db import models


class PageFeedbackDay(models.Model):
    """How often readers answered Ja or Nee on one page on one day.

    `comments` counts the comments stored for this page and day: the cap on them is enforced by
    a conditional update of this row (feedback/rules.py), which the database serialises.
    """

    path = models.CharField("pagina", max_length=200)
    day = models.DateField("dag", db_index=True)
    useful = models.PositiveIntegerField("ja, nuttig", default=0)
    not_useful = models.PositiveIntegerField("nee, niet nuttig", default=0)
    comments = models.PositiveIntegerField("opgeslagen toelichtingen", default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["path", "day"], name="feedback_one_row_per_page_day")
        ]
        verbose_name = "paginafeedback per dag"
        verbose_name_plural = "paginafeedback per dag"

    def __str__(self) -> str:
        return f"{self.day} {self.path} (ja {self.useful}, nee {self.not_useful})"


class PageComment(models.Model):
    """A reader's optional short explanation. Only the day: a time of day could be matched
    against a web server's access log, and so against an IP address."""

    path = models.CharField("pagina", max_length=200, db_index=True)
    day = models.DateField("dag", db_index=True)
    useful = models.BooleanField("nuttig")
    text = models.TextField("toelichting", max_length=500)

    class Meta:
        ordering = ["-day", "-id"]
        verbose_name = "toelichting bij paginafeedback"
        verbose_name_plural = "toelichtingen bij paginafeedback"

    def __str__(self) -> str:
        return f"{self.day} {self.path}: {self.text[:40]}"
