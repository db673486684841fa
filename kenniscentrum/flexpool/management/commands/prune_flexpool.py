"""manage.py prune_flexpool: blank the personal data of closed requests past their retention.

The public form prunes too, on every new request; this command is for a site that gets few
requests (run it daily from cron). Safe to run at any time and as often as wanted.
"""

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from kenniscentrum.flexpool import retention
from kenniscentrum.flexpool.config import retention_days


class Command(BaseCommand):
    help = (
        "Verwijdert naam, e-mailadres en vraag uit afgeronde flexpoolaanvragen na de "
        "bewaartermijn (KC_FLEXPOOL_RETENTION_DAYS)."
    )

    def handle(self, *args, **options):
        try:
            days = retention_days()
            count = retention.prune()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Flexpool: persoonsgegevens verwijderd uit {count} aanvra"
            f"{'ag' if count == 1 else 'gen'} (bewaartermijn {days} dagen na afronden)."
        )
