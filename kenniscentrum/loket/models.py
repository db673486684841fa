"""A question to the vraagbaak, and the log of what happened to it.

What is personal data here, and so blanked by retention.py once the question has been closed
for KC_LOKET_RETENTION_DAYS: the e-mail address, the gemeente and the free text of question and
reply. What stays for the figures (stats.py): reference, dates, organisation type, province,
status and which editor handled it. No IP address, name or cookie is ever stored.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .vocabulary import ORGANISATION_TYPES, PROVINCES, Action, State

MAX_QUESTION_CHARS = 4000
MAX_REPLY_CHARS = 20000
MAX_GEMEENTE_CHARS = 80


class Question(models.Model):
    reference = models.CharField("referentie", max_length=20, unique=True, editable=False)
    # The reference is VB-<year>-<number>: numbered per year of submission (Amsterdam time).
    year = models.PositiveSmallIntegerField("jaar", editable=False)
    number = models.PositiveIntegerField("volgnummer", editable=False)
    submitted_at = models.DateTimeField("gesteld op", db_index=True)
    promised_on = models.DateField("antwoord beloofd op", db_index=True)
    organisation_type = models.CharField(
        "soort organisatie", max_length=30, choices=list(ORGANISATION_TYPES.items())
    )
    province = models.CharField(
        "provincie", max_length=30, blank=True, choices=list(PROVINCES.items())
    )
    gemeente = models.CharField("gemeente", max_length=MAX_GEMEENTE_CHARS, blank=True)
    email = models.EmailField("e-mailadres", blank=True)
    text = models.TextField("vraag", max_length=MAX_QUESTION_CHARS, blank=True)
    status = models.CharField(
        "status", max_length=20, choices=State.choices, default=State.OPEN, db_index=True
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="toegewezen aan", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="loket_assigned",
    )  # fmt: skip
    reply = models.TextField("verstuurd antwoord", max_length=MAX_REPLY_CHARS, blank=True)
    closed_at = models.DateTimeField("afgehandeld op", null=True, blank=True, db_index=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="afgehandeld door", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="loket_closed",
    )  # fmt: skip
    duplicate_of = models.ForeignKey(
        "self", verbose_name="dubbel van vraag", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="duplicates",
    )  # fmt: skip
    duplicate_item_slug = models.CharField("dubbel van item (slug)", max_length=100, blank=True)
    published_item = models.ForeignKey(
        "knowledge.Item", verbose_name="vraag en antwoord op de website", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    personal_data_removed_at = models.DateTimeField(
        "persoonsgegevens verwijderd op", null=True, blank=True
    )

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="loket_one_number_per_year")
        ]
        verbose_name = "vraag aan de vraagbaak"
        verbose_name_plural = "vragen aan de vraagbaak"

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status == State.OPEN

    @property
    def personal_data_removed(self) -> bool:
        return self.personal_data_removed_at is not None


class QuestionEvent(models.Model):
    """Who did what to a question, and when. `detail` never holds the asker's data: it names an
    editor, a reference or an item slug, so the log outlives the retention period as it is."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField("tijdstip", default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="door", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    action = models.CharField("wat", max_length=30, choices=Action.choices)
    detail = models.CharField("toelichting", max_length=200, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "logregel van de vraagbaak"
        verbose_name_plural = "log van de vraagbaak"

    def __str__(self) -> str:
        return f"{self.question.reference}: {self.get_action_display()}"
