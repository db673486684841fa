"""`python manage.py soak [--clients 8] [--seconds 60] [--engine whoosh|xapian] [--keep]`.

The fault and load suite (`make soak`; kenniscentrum/core/soak/ says what it does and checks).
Exit code 0 only when every assertion holds; the figures are printed as Markdown and written to
var/soak/soak-<timestamp>.md. Runs in a temporary folder: the developer's var/ and content/ are
never touched.
"""

import signal
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kenniscentrum.search.bench.steps import StepFailed


class Command(BaseCommand):
    help = (
        "Fout- en belastingstest: echte server op 127.0.0.1, lezers, redacteuren en fouten "
        "(load_content, rebuild_index, SIGKILL); eindigt met code 1 als een controle faalt."
    )

    def add_arguments(self, parser):
        parser.add_argument("--clients", type=int, default=8, help="gelijktijdige lezers")
        parser.add_argument("--seconds", type=float, default=60, help="duur van de belasting")
        parser.add_argument(
            "--engine", choices=sorted(settings.SEARCH_ENGINES), default=settings.SEARCH_ENGINE
        )
        parser.add_argument("--keep", action="store_true", help="bewaar de tijdelijke map")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--out", type=Path, default=Path(settings.BASE_DIR) / "var" / "soak")

    def handle(self, *args, clients, seconds, engine, keep, seed, out, **options):
        from kenniscentrum.core.soak.runner import Options, run

        if clients < 1 or seconds < 2:
            raise CommandError("nodig: minstens 1 client en 2 seconden.")
        from kenniscentrum.search.embedded import engine_class_is_embedded

        if not engine_class_is_embedded(settings.SEARCH_ENGINES.get(engine, engine)):
            # Its faults (a rebuild killed before the folder switch) need an index folder.
            raise CommandError(f"de soak-test vraagt een ingebedde engine, niet {engine}.")
        options = Options(clients, seconds, engine, keep, out.resolve(), seed)
        # A TERM (a CI timeout, `kill`) must still stop gunicorn: make it unwind like Ctrl+C.
        previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
        try:
            result = run(options, self._log)
        except StepFailed as exc:
            raise CommandError(str(exc)) from exc
        finally:
            signal.signal(signal.SIGTERM, previous)
        self.stdout.write("\n" + result.text)
        self._log(f"geschreven (written): {result.report_path}")
        if result.failures:
            raise CommandError(f"{len(result.failures)} controles mislukt (assertions failed).")

    def _log(self, message: str) -> None:
        self.stdout.write(f"[soak] {message}")
        self.stdout.flush()
