"""`python manage.py generate_corpus --items N --to DIR [--seed S]`: a synthetic corpus.

For scale benchmarks only (`make bench-scale`): copies content/ to DIR and adds N generated items
recombined from the report and the real items; the same seed gives byte-identical files.
"""

from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kenniscentrum.knowledge.synthetic import generate_corpus


class Command(BaseCommand):
    help = "Maakt een synthetisch corpus (content/ plus N gegenereerde items) voor benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--items", type=int, required=True, help="Aantal extra items.")
        parser.add_argument("--to", type=Path, required=True, help="Doelmap (wordt vervangen).")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--content", type=Path, default=settings.CONTENT_DIR)
        parser.add_argument("--seeds", type=Path, default=settings.SEEDS_DIR)

    def handle(self, *args, items: int, to: Path, seed: int, content: Path, seeds: Path, **opts):
        if items < 0:
            raise CommandError("--items moet 0 of meer zijn.")
        try:
            generated = generate_corpus(content, seeds, to, items, seed)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        kinds = Counter(item.kind for item in generated)
        spread = ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items()))
        self.stdout.write(
            self.style.SUCCESS(f"{len(generated)} items gegenereerd in {to} ({spread or 'geen'}).")
        )
