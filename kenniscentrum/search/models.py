"""Index updates owed for committed changes (the outbox of search/signals.py)."""

from django.db import models


class OwedIndexUpdate(models.Model):
    """One object whose index document must be written again, recorded in the same transaction
    as the change itself and deleted once the index has it.

    Why: the index is written after the commit. A worker killed between the two (the soak
    suite SIGKILLs one mid-save), or an index write that failed (a lock held past its timeout),
    left the index behind with nothing to say so. With this row committed together with the
    change, such an update is written by the next worker that starts, or within a minute by a
    running one (owed_updates.py).
    """

    model = models.CharField(max_length=100)  # "app_label.ModelName"
    object_pk = models.CharField(max_length=64)
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "openstaande indexwijziging"
        verbose_name_plural = "openstaande indexwijzigingen"

    def __str__(self) -> str:
        return f"{self.model} {self.object_pk}"
