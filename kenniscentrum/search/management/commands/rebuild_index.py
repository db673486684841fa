"""`python manage.py rebuild_index`: build the whole index anew, without a moment of emptiness.

Replaces haystack's command of the same name (this app comes before haystack in INSTALLED_APPS),
which empties the live index first: killed halfway, it left the site serving partial results.
This one builds into a new folder and switches to it when complete (search/index_builds.py);
a server engine (Solr, Elasticsearch) has no folder and is rebuilt in place, not atomically.
"""

from django.core.management.base import BaseCommand, CommandError
from haystack import connections

from kenniscentrum.search.index_builds import build_full


class Command(BaseCommand):
    help = (
        "Bouwt de zoekindex opnieuw op in een nieuwe map en schakelt daarna in één keer over; "
        "tot dan blijft de huidige index in gebruik."
    )

    def add_arguments(self, parser):
        # Accepted for haystack's callers (call_command("rebuild_index", interactive=False)):
        # nothing is emptied, so there is nothing to confirm.
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")
        parser.add_argument("--using", action="append", default=[])

    def handle(self, *args, using: list, verbosity: int = 1, **options):
        for alias in using or list(connections.connections_info):
            if alias not in connections.connections_info:
                raise CommandError(f"Onbekende zoekverbinding: {alias}")
            result = build_full(alias)
            if verbosity:
                where = result.folder or "the search server, in place (niet atomair)"
                self.stdout.write(
                    f"Indexing {result.documents} documents into {where} "
                    f"({result.seconds:.1f} s; {result.replayed} wijzigingen van tijdens het "
                    f"bouwen opnieuw geschreven)"
                )
