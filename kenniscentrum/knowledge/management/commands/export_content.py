"""`python manage.py export_content [--to DIR]`: write published items back as Markdown files,
synonym groups made in the browser into synoniemen.yaml, and the register of gemeenten into
gemeenten.csv."""

import shutil
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kenniscentrum.knowledge.exporting import export_gemeenten, export_items, export_synonyms
from kenniscentrum.knowledge.frontmatter import ContentError


class Command(BaseCommand):
    help = "Schrijft de gepubliceerde items terug naar content/ (of --to MAP)."

    def add_arguments(self, parser):
        parser.add_argument("--to", type=Path, default=settings.CONTENT_DIR)

    def handle(self, *args, to: Path, **options):
        target = Path(to)
        in_place = target.resolve() == Path(settings.CONTENT_DIR).resolve()
        if not in_place:
            target.mkdir(parents=True, exist_ok=True)
            # Everything load_content needs besides the items, so the folder loads on its own.
            for name in ("themes.yaml", "README.md"):
                source = Path(settings.CONTENT_DIR) / name
                if source.exists():
                    shutil.copy(source, target / name)
        try:  # first: a browser group that no longer fits the file stops the export
            groups = export_synonyms(target, in_place=in_place)
            gemeenten = export_gemeenten(target)
        except ContentError as exc:
            raise CommandError(str(exc)) from exc
        written = export_items(target, mark_loaded=in_place)
        if groups:
            self.stdout.write(f"{groups} synoniemgroep(en) uit de browser naar synoniemen.yaml.")
        if gemeenten:
            self.stdout.write(f"{gemeenten} gemeenten naar gemeenten.csv.")
        self.stdout.write(self.style.SUCCESS(f"{len(written)} items geschreven naar {target}."))
