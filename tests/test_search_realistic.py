"""The realistic suite (issue 12): a second set of queries, written from the content before the
ranking changed and kept apart from search_relevance_cases.yaml so that nobody tunes to it.

Cases are allowed to fail: there are no per-case assertions. The guard is FLOOR, the share of
queries with an expected answer in the top 3, measured over the whole suite. `python manage.py
search_eval --suite realistic` shows the rates per category and every miss.
"""

from pathlib import Path

import pytest
import yaml

from kenniscentrum.knowledge.models import Item
from kenniscentrum.report.models import ReportSection
from kenniscentrum.search.documents import section_slug
from kenniscentrum.search.management.commands.search_eval import CATEGORIES, evaluate

# The overall top-3 rate this suite must at least reach, on Whoosh and on Xapian. Before issue
# 12's ranking changes: Whoosh 61/94 (64.9%), Xapian 60/94 (63.8%); after: 86/94 (91.5%) and
# 85/94 (90.4%). Set to the lower, rounded down to 5%. Raise it as search improves; never lower
# it to make a change pass.
FLOOR = 0.90

HERE = Path(__file__).parent
CASES = yaml.safe_load((HERE / "search_realistic_cases.yaml").read_text("utf-8"))
RELEVANCE = yaml.safe_load((HERE / "search_relevance_cases.yaml").read_text("utf-8"))


pytestmark = pytest.mark.usefixtures("clean_module_index")


def test_suite_is_large_covers_every_category_and_stands_apart():
    assert len(CASES) >= 60
    assert {case["category"] for case in CASES} == set(CATEGORIES)
    for case in CASES:
        assert set(case) <= {"query", "category", "expect", "why"}, case
        assert case["query"].strip() and 1 <= len(case["expect"]) <= 3, case
    queries = [case["query"].strip().lower() for case in CASES]
    assert len(set(queries)) == len(queries), "a query occurs twice"
    shared = set(queries) & {case["query"].strip().lower() for case in RELEVANCE}
    assert not shared, f"also in search_relevance_cases.yaml: {sorted(shared)}"


@pytest.mark.django_db
def test_every_expected_slug_is_a_published_item_or_a_report_section():
    known = set(Item.objects.published().values_list("slug", flat=True))
    known |= {section_slug(section) for section in ReportSection.objects.all()}
    unknown = {
        case["query"]: [slug for slug in case["expect"] if slug not in known]
        for case in CASES
        if not set(case["expect"]) <= known
    }
    assert not unknown


@pytest.mark.django_db
def test_overall_top_three_rate_is_at_least_the_floor():
    result = evaluate(CASES)
    rate = result["overall"]["top3_rate"]
    per_category = ", ".join(
        f"{name} {rates['top3_rate']:.0%}" for name, rates in result["categories"].items()
    )
    assert rate >= FLOOR, f"top 3: {rate:.1%} < {FLOOR:.0%} ({per_category})"
