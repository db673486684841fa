"""`python manage.py search_eval`: relevance and speed of search on the current index.

Relevance: the realistic queries of tests/search_relevance_cases.yaml, reported as the share
with an expected item first and in the top 3, and the mean reciprocal rank. Speed: time per
search (median and 95th percentile) and the cost of indexing. Used by `make bench`, which runs it
with and without decompounding to show what decompounding does to ranking.
"""

import statistics
import time
from pathlib import Path

import yaml
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from haystack import connections

from kenniscentrum.knowledge.models import Item
from kenniscentrum.search.service import SearchRequest, search

CASES = Path(settings.BASE_DIR) / "tests" / "search_relevance_cases.yaml"


class Command(BaseCommand):
    help = "Meet relevantie en snelheid van het zoeken op de huidige index."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=3)

    def handle(self, *args, repeat: int, **options):
        started = time.perf_counter()
        call_command("rebuild_index", interactive=False, verbosity=0)
        build = time.perf_counter() - started
        documents = connections["default"].get_backend().index.doc_count()
        cases = yaml.safe_load(CASES.read_text("utf-8"))
        first = top3 = 0
        reciprocal = []
        timings = []
        misses = []
        for case in cases:
            for _ in range(repeat):
                t0 = time.perf_counter()
                outcome = search(SearchRequest(q=case["query"]))
                timings.append(time.perf_counter() - t0)
            ranked = [hit.slug for hit in outcome.hits]
            ranks = [ranked.index(slug) + 1 for slug in case["expect"] if slug in ranked]
            best = min(ranks) if ranks else None
            first += best == 1
            top3 += bool(best and best <= 3)
            reciprocal.append(1 / best if best else 0.0)
            if not best or best > 3:
                misses.append(f"  {case['query']!r}: {ranked[:3]}")
        item = Item.objects.published().first()
        t0 = time.perf_counter()
        backend = connections["default"].get_backend()
        unified = connections["default"].get_unified_index()
        backend.update(unified.get_index(Item), [item])
        update = time.perf_counter() - t0
        n = len(cases)
        timings.sort()
        self.stdout.write(
            f"decompounding: {'aan' if settings.SEARCH_DECOMPOUND else 'uit'}\n"
            f"index: {documents} documenten in {build:.2f} s ({documents / build:.0f} doc/s); "
            f"één document bijwerken: {update * 1000:.0f} ms\n"
            f"relevantie over {n} zoekvragen: eerste {first}/{n} ({first / n:.0%}), "
            f"top 3 {top3}/{n} ({top3 / n:.0%}), MRR {statistics.mean(reciprocal):.3f}\n"
            f"tijd per zoekopdracht: mediaan {statistics.median(timings) * 1000:.0f} ms, "
            f"p95 {timings[int(len(timings) * 0.95) - 1] * 1000:.0f} ms\n"
            "niet in de top 3:\n" + "\n".join(misses)
        )
