"""load_content at scale: bulk writes, one index batch, and the same guarantees as before.

Behaviour, not timing: the number of queries must not grow with the number of items (written
one at a time, a load issued about 15 queries per item), the index must follow the load once,
and all-or-nothing, idempotence and removal must hold for the bulk path too.
"""

import re
import shutil

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from haystack import connections

from kenniscentrum.check.answers import validate
from kenniscentrum.check.service import run_check
from kenniscentrum.knowledge import loading
from kenniscentrum.knowledge.frontmatter import ContentError
from kenniscentrum.knowledge.loading import load_corpus
from kenniscentrum.knowledge.models import AanbevelingFacts, Item, RegelingFacts, SourceRef
from kenniscentrum.report.models import ReportSection
from kenniscentrum.search.service import SearchRequest, search
from tests.conftest import index_at
from tests.helpers import MINIMAL_FRONT, write_item

pytestmark = pytest.mark.django_db

WORD = "zzschaalwoord"  # in every generated item, in no real one
WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
ANSWERS = {
    "organisation": "gemeente", "province": "utrecht", "backlog": 12, "large_families": 2,
    "plans": ["tussenvoorziening"], "target_groups": ["statushouders"], "needs_expertise": True,
    "regional_cooperation": True, "reference_date": "2021-11-01",
}  # fmt: skip


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def add_items(folder, n: int, start: int = 0) -> list[str]:
    """n generated items over every kind of row the loader writes: themes, provinces, sources,
    related items, regeling facts and aanbeveling facts."""
    slugs = []
    for i in range(start, start + n):
        slug = f"schaal-{i:04d}"
        front = MINIMAL_FRONT.replace("Een testpraktijkvoorbeeld", f"Schaalitem {i} {WORD}")
        front += "provinces: [utrecht, zeeland]\nrelated: [pilot-grote-gezinnen]\n"
        kind = ("praktijkvoorbeeld", "regeling", "aanbeveling")[i % 3]
        if kind == "regeling":
            front += "regeling:\n  provider: BZK\n  applicants: [gemeente]\n  status: open\n"
        elif kind == "aanbeveling":
            front += (
                f"aanbeveling:\n  number: {100 + i}\n  cluster: beleid\n  actiehouders: [BZK]\n"
            )
        body = f"## Kop\n\nTekst met {WORD} en [een regeling](/kennis/pilot-grote-gezinnen/).\n"
        write_item(folder, kind, slug, front, body=body)
        slugs.append(slug)
    return slugs


def load_counting(folder) -> tuple[loading.LoadResult, list[str]]:
    """Load `folder` and undo it afterwards; returns the result and the SQL it ran."""
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        result = load_corpus(folder, settings.SEEDS_DIR)
        transaction.set_rollback(True)
    return result, [q["sql"] for q in queries.captured_queries]


def writes(sql: list[str]) -> list[str]:
    return [s for s in sql if WRITES.match(s)]


def snapshot():
    return (
        sorted(Item.objects.values_list("slug", "title", "body_html", "source_hash", "status")),
        sorted(SourceRef.objects.values_list("item__slug", "section__key", "note", "order")),
        sorted(RegelingFacts.objects.values_list("item__slug", "provider")),
        sorted(AanbevelingFacts.objects.values_list("item__slug", "number")),
        sorted(Item.themes.through.objects.values_list("item__slug", "theme__slug")),
        sorted(Item.related.through.objects.values_list("from_item__slug", "to_item__slug")),
    )


def path_of(folder, slug: str):
    return next(folder.glob(f"*/{slug}.md"))


def found(query: str) -> set[str]:
    return {hit.slug for hit in search(SearchRequest(q=query), page_size=1000).hits}


def index_size() -> int:
    return connections["default"].get_backend().document_count()


def test_queries_do_not_grow_with_the_number_of_items(tmp_path):
    counts = {}
    for n in (50, 300):
        folder = tmp_path / f"n{n}"
        shutil.copytree(settings.CONTENT_DIR, folder)
        add_items(folder, n)
        result, sql = load_counting(folder)
        assert len(result.created) == n
        counts[n] = len(sql)
    # Inserts are split in batches under SQLite's 999 bound parameters (66 items or 249
    # sources a statement): 250 more items add 7 statements (23 -> 30). Writing one item at a
    # time took 1,258 and 4,925 queries here, about 15 per item.
    assert counts[300] - counts[50] <= 10, counts


def test_changed_files_are_updated_in_place_with_as_few_queries(content_copy):
    slugs = add_items(content_copy, 300)
    load_corpus(content_copy, settings.SEEDS_DIR)
    ids = dict(Item.objects.values_list("slug", "pk"))
    counts = {}
    for n in (50, 300):  # each count is rolled back: both start from the same database
        for slug in slugs[:n]:
            path = path_of(content_copy, slug)
            path.write_text(path.read_text() + f"\nWijziging {n}.\n")
        result, sql = load_counting(content_copy)
        assert len(result.updated) == n
        counts[n] = len(sql)
    assert counts[300] - counts[50] <= 10, counts
    result = load_corpus(content_copy, settings.SEEDS_DIR)
    assert len(result.updated) == 300
    # Updated in place: the ids (and so revisions and audit entries) stay.
    assert dict(Item.objects.values_list("slug", "pk")) == ids
    assert "Wijziging 300" in Item.objects.get(slug=slugs[0]).body_html


def test_a_load_is_findable_in_search_after_one_batch(content_copy, fresh_index, capture):
    slugs = add_items(content_copy, 30)
    write_item(
        content_copy, "praktijkvoorbeeld", "schaal-concept",
        MINIMAL_FRONT.replace("Een testpraktijkvoorbeeld", f"Concept {WORD}") + "status: concept",
    )  # fmt: skip
    with capture(execute=True) as callbacks:
        result = load_corpus(content_copy, settings.SEEDS_DIR)
    assert len(callbacks) == 1  # one batch for the whole load, no signal per saved row
    assert found(WORD) == set(slugs)
    published = Item.objects.filter(status="gepubliceerd").count()
    assert index_size() == published + ReportSection.objects.count()
    assert result.index_seconds is not None and not result.index_filled


def test_removed_files_leave_the_database_and_the_index(content_copy, fresh_index, capture):
    slugs = add_items(content_copy, 12)
    with capture(execute=True):
        load_corpus(content_copy, settings.SEEDS_DIR)
    gone = slugs[:4]
    for slug in gone:
        path_of(content_copy, slug).unlink()
    with capture(execute=True):
        result = load_corpus(content_copy, settings.SEEDS_DIR)
    assert result.removed == gone
    assert not Item.objects.filter(slug__in=gone).exists()
    assert found(WORD) == set(slugs[4:])


def test_an_invalid_file_stops_the_load_before_any_write(content_copy):
    add_items(content_copy, 100)
    write_item(content_copy, "praktijkvoorbeeld", "kapot", MINIMAL_FRONT + "sumary: tikfout")
    before = snapshot()
    with CaptureQueriesContext(connection) as queries, pytest.raises(ContentError) as info:
        load_corpus(content_copy, settings.SEEDS_DIR)
    assert info.value.path.endswith("kapot.md")
    assert writes([q["sql"] for q in queries.captured_queries]) == []
    assert snapshot() == before


def test_a_failure_while_writing_leaves_nothing_and_indexes_nothing(
    content_copy, monkeypatch, capture
):
    add_items(content_copy, 100)
    before = snapshot()

    def fail(*args):
        raise RuntimeError("schijf vol")

    # Items, sources and facts are written by then; the related items are next.
    monkeypatch.setattr(loading, "_write_related", fail)
    with capture(execute=True) as callbacks, pytest.raises(RuntimeError):
        load_corpus(content_copy, settings.SEEDS_DIR)
    assert snapshot() == before
    assert callbacks == []


def test_a_second_load_is_all_unchanged_and_writes_nothing(content_copy):
    add_items(content_copy, 30)
    load_corpus(content_copy, settings.SEEDS_DIR)
    result, sql = load_counting(content_copy)
    assert result.created == result.updated == result.removed == []
    assert len(result.unchanged) == Item.objects.count()
    assert writes(sql) == []
    assert result.marked == {}  # nothing for the index to do


def test_an_empty_index_is_filled_when_nothing_changed(tmp_path, capture):
    with index_at(tmp_path / "empty-index"):
        with capture(execute=True):
            result = load_corpus(settings.CONTENT_DIR, settings.SEEDS_DIR)
        assert result.created == result.updated == [] and result.unchanged
        assert result.index_filled
        published = Item.objects.filter(status="gepubliceerd").count()
        assert index_size() == published + ReportSection.objects.count()
        assert "pilot-grote-gezinnen" in found("grote gezinnen")
        assert "helemaal opnieuw gebouwd" in result.timings()


def test_the_check_reads_few_columns_through_an_index():
    with CaptureQueriesContext(connection) as queries:
        results = run_check(validate(ANSWERS)).results
    assert results and len(queries) == 2  # the regelingen, then their related items
    for query in queries.captured_queries:
        assert '"body"' not in query["sql"] and '"body_html"' not in query["sql"]
    if connection.vendor != "sqlite":
        return  # PostgreSQL's planner scans a table of this size whole, whatever indexes exist
    plan = " ".join(
        str(row)
        for row in connection.cursor()
        .execute("EXPLAIN QUERY PLAN " + queries.captured_queries[0]["sql"])
        .fetchall()
    )
    assert "knowledge_item_kind_status" in plan, plan
