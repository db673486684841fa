"""`python manage.py search_engine_config --engine solr|elasticsearch --output DIR`.

Writes the configuration a shared Solr 8 or Elasticsearch 7 needs to analyse Dutch as our own
chain does (search/engine_config/ says how and why). Generated, never edited: run it again after
changing analysis.py, content/synoniemen.yaml or the corpus (whose vocabulary feeds the compound
and stem lists), then reload the engine and rebuild its index.

Nothing is half-written: every file is first written in full beside its destination, and only
when all of them are written are they renamed into place (a rename within one directory is
atomic), so a full disk or an unwritable folder leaves the previous files as they were. Other
files in DIR (Solr's solrconfig.xml, say) are left alone. The output is sorted and carries no
date, so the same inputs give byte-identical files.
"""

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from haystack import constants

from kenniscentrum.search.engine_config import elasticsearch, solr
from kenniscentrum.search.engine_config.common import build_export

ENGINES = {"solr": solr, "elasticsearch": elasticsearch}


class Command(BaseCommand):
    help = (
        "Schrijft de configuratie voor Solr 8 (schema.xml en woordenlijsten) of Elasticsearch 7 "
        "(de JSON voor PUT /<index>), afgeleid van onze Nederlandse analyse, synoniemen en "
        "zoekindexvelden."
    )

    def add_arguments(self, parser):
        parser.add_argument("--engine", required=True, choices=sorted(ENGINES))
        parser.add_argument("--output", required=True, help="Map voor de bestanden.")

    def handle(self, *args, engine: str, output: str, **options):
        if engine not in ENGINES:  # argparse checks this on the command line already
            raise CommandError(f"Onbekende zoekmachine '{engine}': kies uit {sorted(ENGINES)}.")
        export = build_export()
        contents = ENGINES[engine].files(
            export, constants.ID, constants.DJANGO_CT, constants.DJANGO_ID
        )
        target = Path(output)
        write_all(target, contents)
        for name in sorted(contents):
            self.stdout.write(f"{target / name}")
        if engine == "solr" and (target / "managed-schema").exists():
            self.stderr.write(
                f"Let op: {target / 'managed-schema'} bestaat en gaat in Solr voor schema.xml; "
                "verwijder het (Solr maakt het opnieuw uit schema.xml) of gebruik "
                "ClassicIndexSchemaFactory."
            )


def write_all(target: Path, contents: dict[str, str]) -> None:
    """Write every file, or none: temporary files first, renamed into place when all exist."""
    if target.exists() and not target.is_dir():
        raise CommandError(f"{target} is geen map.")
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CommandError(f"Kan de map {target} niet maken: {exc.strerror or exc}.") from exc
    for name in contents:
        if (target / name).is_dir():
            raise CommandError(f"{target / name} is een map; verwijder of hernoem die eerst.")
    written: list[tuple[str, Path]] = []
    try:
        for name, text in sorted(contents.items()):
            handle, temporary = tempfile.mkstemp(dir=target, prefix=f".{name}.", suffix=".tmp")
            written.append((name, Path(temporary)))
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
                file.write(text)
                file.flush()
                os.fsync(file.fileno())
            os.chmod(temporary, 0o644)  # mkstemp makes it private; the engine must read it
        for name, temporary in written:
            os.replace(temporary, target / name)
    except OSError as exc:
        for _, temporary in written:
            temporary.unlink(missing_ok=True)
        raise CommandError(f"Kan niet schrijven in {target}: {exc.strerror or exc}.") from exc
