"""`manage.py prune_loket`: blank the vraagbaak's personal data that is past its retention.

New questions already prune on submission; this is for a daily cron job, so data is removed on
time also when no new question arrives. Safe to run again: blanked questions are skipped.
"""

from django.core.management.base import BaseCommand

from kenniscentrum.loket import config, retention


class Command(BaseCommand):
    help = "Verwijdert persoonsgegevens uit vragen aan de vraagbaak na de bewaartermijn."

    def handle(self, *args, **options):
        count = retention.prune()
        days = config.retention_days()
        self.stdout.write(
            f"{count} vraag/vragen opgeschoond: e-mailadres, gemeente en tekst verwijderd "
            f"(bewaartermijn {days} dagen na afhandeling)."
        )
