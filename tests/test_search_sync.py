"""Publishing, editing, unpublishing and deleting reach search at once, after the commit."""

import pytest

from kenniscentrum.knowledge.models import Item
from kenniscentrum.search.service import SearchRequest, search


def slugs(query: str) -> list[str]:
    return [hit.slug for hit in search(SearchRequest(q=query), page_size=100).hits]


@pytest.fixture
def item(fresh_index):
    return Item.objects.get(slug="expertise-rvo-inschakelen")


def test_edit_is_searchable_at_once(item, django_capture_on_commit_callbacks):
    assert "expertise-rvo-inschakelen" not in slugs("zwaluwstaart")
    with django_capture_on_commit_callbacks(execute=True):
        item.title = "Zwaluwstaart: expertise van RVO"
        item.save()
    assert slugs("zwaluwstaart") == ["expertise-rvo-inschakelen"]


def test_theme_change_reaches_the_facets(item, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        item.themes.set(item.themes.model.objects.filter(slug="cijfers"))
    outcome = search(SearchRequest(q="rvo", theme="cijfers"))
    assert "expertise-rvo-inschakelen" in [hit.slug for hit in outcome.hits]


def test_unpublish_and_republish(item, django_capture_on_commit_callbacks):
    assert "expertise-rvo-inschakelen" in slugs("rvo")
    with django_capture_on_commit_callbacks(execute=True):
        item.status = "concept"
        item.save()
    assert "expertise-rvo-inschakelen" not in slugs("rvo")
    with django_capture_on_commit_callbacks(execute=True):
        item.status = "gepubliceerd"
        item.save()
    assert "expertise-rvo-inschakelen" in slugs("rvo")


def test_delete(item, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        item.delete()
    assert "expertise-rvo-inschakelen" not in slugs("rvo")


def test_scheduled_and_expired_items_follow_the_clock(item, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    with django_capture_on_commit_callbacks(execute=True):
        item.publish_at = timezone.now() + timedelta(days=1)
        item.save()
    assert "expertise-rvo-inschakelen" not in slugs("rvo")
    with django_capture_on_commit_callbacks(execute=True):
        item.publish_at = timezone.now() - timedelta(seconds=1)
        item.expire_at = timezone.now() + timedelta(days=1)
        item.save()
    assert "expertise-rvo-inschakelen" in slugs("rvo")


def test_rolled_back_change_never_reaches_the_index(item):
    # Inside the test's transaction nothing commits, so nothing may be indexed.
    item.title = "Kwartelkoning en meer"
    item.save()
    assert slugs("kwartelkoning") == []


def test_counts_stay_exact_over_many_segments(item, django_capture_on_commit_callbacks):
    for n in range(4):  # each commit adds a segment to the Whoosh index
        with django_capture_on_commit_callbacks(execute=True):
            item.title = f"Expertise van RVO, versie {n}"
            item.save()
    outcome = search(SearchRequest(q="aanjager"), page_size=100)
    assert outcome.total == len(outcome.hits) > 1
    assert sum(outcome.facets["kind"].values()) == outcome.total


def test_a_rolled_back_transaction_does_not_block_later_updates(
    item, django_capture_on_commit_callbacks
):
    from django.db import transaction

    try:
        with transaction.atomic():
            item.title = "Rollback-titel"
            item.save()
            raise RuntimeError("rollback")
    except RuntimeError:
        pass
    with django_capture_on_commit_callbacks(execute=True):
        item.title = "Zwaluwstaart na een rollback"
        item.save()
    assert slugs("zwaluwstaart") == ["expertise-rvo-inschakelen"]
