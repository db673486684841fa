"""`python manage.py export_content [--to DIR]`: write published items back as Markdown files."""

import shutil
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from kenniscentrum.knowledge.exporting import export_items


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
            for name in ("themes.yaml", "synoniemen.yaml", "README.md"):
                source = Path(settings.CONTENT_DIR) / name
                if source.exists():
                    shutil.copy(source, target / name)
        written = export_items(target, mark_loaded=in_place)
        self.stdout.write(self.style.SUCCESS(f"{len(written)} items geschreven naar {target}."))
