"""`python manage.py search_eval`: relevance and speed of search, per suite and per category.

Two suites of realistic queries, each case with the items that truly answer it:

- `relevance`: tests/search_relevance_cases.yaml, the developers' own suite;
- `realistic`: tests/search_realistic_cases.yaml, a second set written from the content before
  the ranking changes of issue 12 and kept apart so that nobody tunes to it; every case has a
  category (question, compound, typo, variant, keyword, report).

Per suite and category it prints n, first place, top 3, the mean reciprocal rank (within the
first results page) and the zero-result rate, then every query whose expected answer is not in
the top 3 (with what came first). Speed: time per search (median and 95th percentile, after one
warm-up search) and the engine passes per search (`engine.work.searches`); plus the time to build
the index and to update one document.

`--without MECHANISM` (repeatable) switches a search mechanism off for the run by setting its
Django setting to False (override_settings, also when the setting does not exist yet: a
mechanism that is not built shows no difference). The index is rebuilt under those settings, so
index-time mechanisms (stemmer exceptions, decompounding) count too. Run each variant in its own
process and index folder (`make bench` does): several parts of the search chain cache analysed
words per process.

`--save FILE` writes the run as JSON; `--table FILE...` prints the compact comparison of saved
runs (and, per mechanism, the queries that switching it off wins or loses) without searching.
"""

import json
import statistics
import time
from pathlib import Path

import yaml
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings
from haystack import connections

from kenniscentrum.knowledge.models import Item
from kenniscentrum.search import engine
from kenniscentrum.search.service import SearchRequest, search

TESTS = Path(settings.BASE_DIR) / "tests"
SUITES = {
    "relevance": TESTS / "search_relevance_cases.yaml",
    "realistic": TESTS / "search_realistic_cases.yaml",
}
CATEGORIES = ("question", "compound", "typo", "variant", "keyword", "report")
# Mechanism name on the command line -> the Django setting that switches it.
MECHANISMS = {
    "query-decompound": "SEARCH_QUERY_DECOMPOUND",  # split unseen compounds in the query
    "questions": "SEARCH_QUESTIONS",  # question/filler words, content-word fallback ranking
    "autocorrect": "SEARCH_AUTOCORRECT",  # search the correction when a query finds ~nothing
    "stem-exceptions": "SEARCH_STEM_EXCEPTIONS",  # stemmer exceptions list (index and query)
    "decompound": "SEARCH_DECOMPOUND",  # split compounds at index time (issue 4)
}
NO_CATEGORY = "alle"


def mechanism_setting(name: str) -> str:
    """The setting of a mechanism, named by its short name or by the setting itself."""
    key = name.strip()
    if key.lower() in MECHANISMS:
        return MECHANISMS[key.lower()]
    if key.upper() in MECHANISMS.values():
        return key.upper()
    names = ", ".join([*MECHANISMS, *MECHANISMS.values()])
    raise CommandError(f"Onbekend mechanisme {name!r}; kies uit: {names}")


def load_cases(suite: str) -> list[dict]:
    return yaml.safe_load(SUITES[suite].read_text("utf-8"))


def _rates(results: list[dict]) -> dict:
    n = len(results)
    ranks = [r["rank"] for r in results]
    first = sum(rank == 1 for rank in ranks)
    top3 = sum(bool(rank and rank <= 3) for rank in ranks)
    zero = sum(r["zero"] for r in results)
    return {
        "n": n,
        "first": first,
        "top3": top3,
        "zero": zero,
        "top1_rate": first / n if n else 0.0,
        "top3_rate": top3 / n if n else 0.0,
        "mrr": statistics.mean(1 / rank if rank else 0.0 for rank in ranks) if n else 0.0,
        "zero_rate": zero / n if n else 0.0,
    }


def evaluate(cases: list[dict], repeat: int = 1) -> dict:
    """Search every case `repeat` times; rates overall and per category, per-case outcomes,
    time per search and engine passes per search."""
    results, timings, passes = [], [], []
    for case in cases:
        for _ in range(max(repeat, 1)):
            before = engine.work.searches
            t0 = time.perf_counter()
            outcome = search(SearchRequest(q=case["query"]))
            timings.append(time.perf_counter() - t0)
            passes.append(engine.work.searches - before)
        ranked = [hit.slug for hit in outcome.hits]
        ranks = [ranked.index(slug) + 1 for slug in case["expect"] if slug in ranked]
        results.append(
            {
                "query": case["query"],
                "category": case.get("category") or NO_CATEGORY,
                "expect": list(case["expect"]),
                "rank": min(ranks) if ranks else None,
                "zero": not outcome.hits,
                "failed": outcome.unavailable,  # the search raised (logged): a bug, not a ranking
                "top": ranked[:3],
                "total": outcome.total,
            }
        )
    present = {r["category"] for r in results}
    order = [c for c in CATEGORIES if c in present] + sorted(present - set(CATEGORIES))
    timings.sort()
    return {
        "overall": _rates(results),
        "categories": {c: _rates([r for r in results if r["category"] == c]) for c in order},
        "cases": results,
        "p50_ms": statistics.median(timings) * 1000 if timings else 0.0,
        "p95_ms": timings[max(int(len(timings) * 0.95) - 1, 0)] * 1000 if timings else 0.0,
        "passes_mean": statistics.mean(passes) if passes else 0.0,
        "passes_max": max(passes, default=0),
    }


def _pct(part: int, n: int) -> str:
    return f"{part}/{n} ({part / n:.0%})" if n else "-"


def _cell(rates: dict) -> str:
    """'65 .61 21': top 3 (%), MRR, zero results (%)."""
    mrr = f"{rates['mrr']:.2f}".removeprefix("0")
    return f"{rates['top3_rate'] * 100:.0f} {mrr} {rates['zero_rate'] * 100:.0f}"


class Command(BaseCommand):
    help = "Meet relevantie (per suite en categorie) en snelheid van het zoeken."

    def add_arguments(self, parser):
        parser.add_argument("--suite", choices=["relevance", "realistic", "both"], default="both")
        parser.add_argument(
            "--without",
            action="append",
            default=[],
            metavar="MECHANISME",
            help=f"zet een mechanisme uit (herhaalbaar): {', '.join(MECHANISMS)}",
        )
        parser.add_argument("--repeat", type=int, default=3, help="zoekopdrachten per vraag")
        parser.add_argument("--label", default="", help="naam van deze run in de tabel")
        parser.add_argument("--brief", action="store_true", help="zonder lijst van missers")
        parser.add_argument("--save", type=Path, help="schrijf de uitkomst als JSON")
        parser.add_argument(
            "--table", type=Path, nargs="+", metavar="JSON", help="vergelijk opgeslagen runs"
        )

    def handle(self, *args, suite, without, repeat, label, brief, save, table, **options):
        if table:
            self._table([json.loads(path.read_text("utf-8")) for path in table])
            return
        switched = sorted({mechanism_setting(name) for name in without})
        built = {setting: hasattr(settings, setting) for setting in MECHANISMS.values()}
        with override_settings(**{setting: False for setting in switched}):
            run = self._run(suite, repeat, built)
        run["label"] = label or (
            "alles aan" if not run["off"] else "zonder " + ", ".join(_short(s) for s in run["off"])
        )
        self._print(run, brief)
        if save:
            save.parent.mkdir(parents=True, exist_ok=True)
            save.write_text(json.dumps(run, ensure_ascii=False, indent=1), "utf-8")

    def _run(self, suite: str, repeat: int, built: dict) -> dict:
        started = time.perf_counter()
        call_command("rebuild_index", interactive=False, verbosity=0)
        build = time.perf_counter() - started
        backend = connections["default"].get_backend()
        documents = backend.document_count()
        search(SearchRequest(q="statushouder"))  # warm-up: open the index, fill caches
        names = ["relevance", "realistic"] if suite == "both" else [suite]
        suites = {name: evaluate(load_cases(name), repeat) for name in names}
        item = Item.objects.published().first()
        t0 = time.perf_counter()
        backend.update(connections["default"].get_unified_index().get_index(Item), [item])
        update = time.perf_counter() - t0
        states = {
            setting: {"on": getattr(settings, setting, None) is not False, "built": built[setting]}
            for setting in MECHANISMS.values()
        }
        return {
            "engine": settings.SEARCH_ENGINE,
            "off": [s for s, state in states.items() if not state["on"]],
            "mechanisms": states,
            "documents": documents,
            "build_s": build,
            "update_ms": update * 1000,
            "repeat": repeat,
            "suites": suites,
        }

    def _print(self, run: dict, brief: bool) -> None:
        out = self.stdout.write
        states = ", ".join(
            f"{_short(setting)} "
            + ("aan" if state["on"] else "uit")
            + ("" if state["built"] else " (geen setting in settings.py)")
            for setting, state in run["mechanisms"].items()
        )
        build = run["build_s"]
        out(f"run: {run['label']}; engine: {run['engine']}")
        out(f"mechanismen: {states}")
        out(
            f"index: {run['documents']} documenten in {build:.2f} s "
            f"({run['documents'] / build:.0f} doc/s); "
            f"één document bijwerken: {run['update_ms']:.0f} ms"
        )
        for name, result in run["suites"].items():
            overall = result["overall"]
            out(f"\n== suite {name} ({SUITES[name].name}): {overall['n']} zoekvragen ==")
            out(f"{'categorie':<10} {'n':>3}  {'eerste':>11}  {'top 3':>11}  {'MRR':>5}  nul")
            rows = list(result["categories"].items())
            if [c for c, _ in rows] != [NO_CATEGORY]:
                rows.append(("totaal", overall))
            for category, rates in rows:
                out(
                    f"{category:<10} {rates['n']:>3}  {_pct(rates['first'], rates['n']):>11}  "
                    f"{_pct(rates['top3'], rates['n']):>11}  {rates['mrr']:>5.3f}  "
                    f"{_pct(rates['zero'], rates['n'])}"
                )
            out(
                f"tijd per zoekopdracht: mediaan {result['p50_ms']:.0f} ms, "
                f"p95 {result['p95_ms']:.0f} ms; engine-passes per zoekopdracht: "
                f"gemiddeld {result['passes_mean']:.2f}, hoogstens {result['passes_max']}"
            )
            failed = [r["query"] for r in result["cases"] if r.get("failed")]
            if failed:
                out(
                    f"LET OP: {len(failed)} zoekopdrachten gaven een fout (zie de log): "
                    f"{failed[:5]}"
                )
            if brief:
                continue
            misses = [r for r in result["cases"] if not r["rank"] or r["rank"] > 3]
            out(f"niet in de top 3 ({len(misses)}):")
            for r in misses:
                where = f"rang {r['rank']}" if r["rank"] else "niet op pagina 1"
                top = ", ".join(r["top"]) or "geen resultaten"
                out(f"  [{r['category']}] {r['query']!r} ({where}): {top}")

    def _table(self, runs: list[dict]) -> None:
        out = self.stdout.write
        runs = sorted(runs, key=lambda r: (r["engine"], bool(r["off"]), r["label"]))
        suites = [s for s in SUITES if any(s in run["suites"] for run in runs)]
        out("Zoekkwaliteit per run; elke cel: top 3 (%), MRR, zonder resultaat (%).")
        for name in suites:
            have = [run for run in runs if name in run["suites"]]
            cats = []
            for run in have:
                cats += [c for c in run["suites"][name]["categories"] if c not in cats]
            cats = [c for c in cats if c != NO_CATEGORY]
            head = f"{'run':<26} {'engine':<7} {'alle':>11}" + "".join(f" {c:>11}" for c in cats)
            out(f"\nsuite {name}")
            out(head + f" {'p50':>5} {'p95':>5} {'passes':>6}")
            for run in have:
                result = run["suites"][name]
                cells = "".join(
                    f" {_cell(result['categories'][c]) if c in result['categories'] else '-':>11}"
                    for c in cats
                )
                out(
                    f"{run['label'][:26]:<26} {run['engine']:<7} {_cell(result['overall']):>11}"
                    f"{cells} {result['p50_ms']:>3.0f}ms {result['p95_ms']:>3.0f}ms"
                    f" {result['passes_mean']:>6.2f}"
                )
        self._differences(runs)

    def _differences(self, runs: list[dict]) -> None:
        """Per run with something switched off: the queries it wins or loses (top 3) against
        the run with everything on, same engine."""
        out = self.stdout.write
        base = {run["engine"]: run for run in runs if not run["off"]}
        for run in runs:
            reference = base.get(run["engine"])
            if not run["off"] or reference is None:
                continue
            changes = []
            for name, result in run["suites"].items():
                if name not in reference["suites"]:
                    continue
                before = {r["query"]: r for r in reference["suites"][name]["cases"]}
                for r in result["cases"]:
                    was = before.get(r["query"])
                    hit, had = _in_top3(r), was is not None and _in_top3(was)
                    if was is not None and hit != had:
                        sign = "+" if hit else "-"
                        changes.append(f"    {sign} [{name}/{r['category']}] {r['query']!r}")
            out(f"\n{run['label']} ({run['engine']}) tegenover alles aan: ", ending="")
            if not changes:
                out("geen verschil in de top 3")
            else:
                out(f"{len(changes)} verschillen in de top 3 (+ gewonnen, - verloren)")
                for line in changes:
                    out(line)


def _in_top3(result: dict) -> bool:
    return bool(result["rank"] and result["rank"] <= 3)


def _short(setting: str) -> str:
    return next((name for name, s in MECHANISMS.items() if s == setting), setting)
