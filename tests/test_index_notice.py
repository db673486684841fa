"""/redactie/ says when the search index is out of step with the content, and fixes it (issue 10).

Before, a failed index write after a save was only logged: search silently served old or
missing results and no editor could see it.
"""

import pytest
from django.contrib.auth.models import Group, User
from haystack import connections

from kenniscentrum.knowledge.models import Item
from kenniscentrum.search.index_health import index_health


def editor(role: str) -> User:
    user = User.objects.create_user(role.lower(), password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def index_missing_one(fresh_index, db):
    """A private index from which one published item's document has gone missing."""
    item = Item.objects.get(slug="rvb-flexwoningen")
    connections["default"].get_backend().remove(item)
    return item


@pytest.mark.django_db
def test_no_notice_when_the_index_agrees(client, fresh_index):
    client.force_login(editor("eindredacteur"))
    page = client.get("/redactie/").content.decode()
    assert "zoekindex" not in page.lower()


@pytest.mark.django_db
def test_notice_counts_per_kind_and_the_eindredacteur_rebuilds(client, settings, index_missing_one):
    settings.INDEX_REBUILD_IN_BACKGROUND = False
    client.force_login(editor("eindredacteur"))
    page = client.get("/redactie/").content.decode()
    assert "De zoekindex loopt niet gelijk met de inhoud" in page
    published = Item.objects.filter(kind="regeling", status="gepubliceerd").count()
    assert f"Regeling: {published} in de database, {published - 1} in de zoekindex." in page
    assert "knowledge.item." in page  # the missing document is named
    assert "Zoekindex opnieuw opbouwen" in page

    response = client.post("/redactie/zoekindex/", follow=True)
    page = response.content.decode()
    assert "De zoekindex is opnieuw opgebouwd." in page
    assert "loopt niet gelijk" not in page
    assert index_health(deep=True).in_step


@pytest.mark.django_db
def test_a_redacteur_sees_the_notice_but_cannot_rebuild(client, index_missing_one):
    client.force_login(editor("redacteur"))
    page = client.get("/redactie/").content.decode()
    assert "loopt niet gelijk" in page
    assert "Zoekindex opnieuw opbouwen" not in page
    response = client.post("/redactie/zoekindex/", follow=True)
    assert "Alleen een eindredacteur" in response.content.decode()
    assert not index_health().in_step


@pytest.mark.django_db
def test_a_changed_document_is_found_by_the_deep_check(fresh_index):
    item = Item.objects.get(slug="rvb-flexwoningen")
    Item.objects.filter(pk=item.pk).update(title="Een titel die de index niet kent")  # no signal
    shallow, deep = index_health(), index_health(deep=True)
    assert shallow.in_step, "counts alone cannot see a changed text"
    assert not deep.in_step and deep.outdated == [f"knowledge.item.{item.pk}"]


def test_rebuild_needs_a_post(client):
    assert client.get("/redactie/zoekindex/").status_code in (302, 405)
