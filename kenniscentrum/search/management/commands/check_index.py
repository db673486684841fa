"""`python manage.py check_index`: does the search index agree with the database?

Exit code 1 when it does not, so a cron job or a deploy script can act on it (rebuild_index).
"""

import sys

from django.core.management.base import BaseCommand

from kenniscentrum.search.index_health import index_health


class Command(BaseCommand):
    help = (
        "Vergelijkt de zoekindex met de database: aantallen per soort, en met --deep ook de "
        "inhoud van elk document. Eindigt met code 1 als ze verschillen."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--deep", action="store_true", help="Vergelijk ook de inhoud, document voor document."
        )

    def handle(self, *args, deep: bool = False, **options):
        health = index_health(deep=deep)
        for kind in health.kinds:
            mark = "  " if kind.agrees else "!!"
            self.stdout.write(
                f"{mark} {kind.label:<32} database {kind.in_database:>6}  index {kind.in_index:>6}"
            )
        if health.in_step:
            self.stdout.write(self.style.SUCCESS("De zoekindex is in orde."))
            return
        for problem in health.problems():
            self.stderr.write(problem)
        self.stderr.write("Herstel met: python manage.py rebuild_index")
        sys.exit(1)
