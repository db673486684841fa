"""`python manage.py load_content`: (re)load content/ and seeds/ into the database."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kenniscentrum.knowledge.frontmatter import ContentError
from kenniscentrum.knowledge.loading import load_corpus


class Command(BaseCommand):
    help = (
        "Laadt content/ en seeds/ in de database (idempotent; bij één fout wordt niets gewijzigd)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--content", default=settings.CONTENT_DIR, type=Path)
        parser.add_argument("--seeds", default=settings.SEEDS_DIR, type=Path)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Overschrijf ook items die in de browser zijn bewerkt.",
        )

    def handle(self, *args, content: Path, seeds: Path, force: bool = False, **options):
        try:
            result = load_corpus(content, seeds, force=force)
        except ContentError as exc:
            raise CommandError(f"Niets geladen. {exc}") from exc
        self.stdout.write(self.style.SUCCESS(f"Geladen: {result.summary()}"))
