"""`python manage.py bench_scale`: load, index and serve corpora of growing size per engine.

A benchmark, not a test: it prints progress, one Markdown table of everything measured in this
run, and writes that table and the raw numbers to var/bench/scale-<timestamp>.md|json. See
kenniscentrum/search/bench/ for what is measured and why.
"""

import os
import signal
import sys
import time
from pathlib import Path

import yaml
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kenniscentrum.search.bench.report import markdown_table, write_report
from kenniscentrum.search.bench.runner import SHIPPED, Options, run

QUERIES = Path(settings.BASE_DIR) / "tests" / "bench_queries.yaml"


def _csv(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


class Command(BaseCommand):
    help = "Schaalbenchmark: laden, indexeren en zoeken via gunicorn, per corpusgrootte en engine."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default=f"{SHIPPED},1000", help="bv. shipped,1000,10000")
        parser.add_argument("--engines", default="whoosh,xapian")
        parser.add_argument("--clients", default="1,4", help="gelijktijdige clients, bv. 1,4")
        parser.add_argument("--passes", type=int, default=3, help="rondes over de zoekvragen")
        parser.add_argument(
            "--budget", type=float, default=60, help="max. seconden per meting (soort × clients)"
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--queries", type=Path, default=QUERIES)
        parser.add_argument("--out", type=Path, default=Path(settings.BASE_DIR) / "var" / "bench")

    def handle(self, *args, **opts):
        options = self._options(opts)
        cells: list[dict] = []
        stamp = time.strftime("%Y%m%d-%H%M%S")
        header = {
            "datum": time.strftime("%Y-%m-%d %H:%M"),
            "sizes": ",".join(options.sizes),
            "engines": ",".join(options.engines),
            "clients": ",".join(map(str, options.clients)),
            "zoekvragen": len(options.queries),
            "rondes": options.passes,
            "budget_s": options.budget,
            "seed": options.seed,
            "cpu's": os.cpu_count(),
        }
        # A TERM (a CI timeout, `kill`) must still stop gunicorn: make it unwind like Ctrl+C.
        previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
        try:
            run(options, cells, self._log)
        finally:
            signal.signal(signal.SIGTERM, previous)
            if cells:
                md_path, json_path = write_report(options.out_dir, stamp, header, cells)
                self.stdout.write("\n" + markdown_table(cells) + "\n")
                self._log(f"geschreven: {md_path} en {json_path}")

    def _options(self, opts) -> Options:
        sizes = _csv(opts["sizes"])
        for size in sizes:
            if size != SHIPPED and not (size.isdigit() and int(size) > 0):
                raise CommandError(f"onbekende grootte '{size}': gebruik '{SHIPPED}' of een getal.")
        try:
            clients = [int(n) for n in _csv(opts["clients"])]
        except ValueError as exc:
            raise CommandError("--clients is een lijst van getallen, bv. 1,4.") from exc
        queries = [str(q) for q in yaml.safe_load(opts["queries"].read_text("utf-8"))]
        if not queries or not clients or min(clients) < 1 or opts["passes"] < 1:
            raise CommandError("nodig: minstens één zoekvraag, één client en één ronde.")
        return Options(
            sizes=sizes,
            engines=_csv(opts["engines"]),
            clients=clients,
            queries=queries,
            passes=opts["passes"],
            budget=opts["budget"],
            seed=opts["seed"],
            out_dir=opts["out"].resolve(),
        )

    def _log(self, message: str) -> None:
        self.stdout.write(message)
        self.stdout.flush()
