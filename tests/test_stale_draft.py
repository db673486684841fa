"""A pending draft never outlives a newer save (issue 10, item 3).

Published item; a redacteur saves change A (a draft waiting for publication); the eindredacteur
unpublishes; the redacteur saves change B, which applies at once. Before, A stayed "waiting",
the editor showed A without B, and publishing the change made A live: B was lost.
"""

import pytest

from kenniscentrum.editorial import revisions
from kenniscentrum.editorial.workflow import transition
from kenniscentrum.knowledge.models import Item
from tests.test_editorial import editor

pytestmark = pytest.mark.django_db


def test_a_save_after_unpublishing_supersedes_the_waiting_draft():
    item = Item.objects.get(slug="expertise-rvo-inschakelen")
    assert item.status == "gepubliceerd"
    writer, chief = editor("redacteur"), editor("eindredacteur")
    original = revisions.current_document(item)

    change_a = original.replace("title: ", "title: Versie A van ", 1)
    first = revisions.save(item, change_a, writer, revisions.latest_number(item))
    assert not first.applied  # waiting for publication

    transition(item, "unpublish", chief)
    item.refresh_from_db()
    change_b = revisions.current_document(item).replace("Versie A van ", "Versie B van ", 1)
    second = revisions.save(item, change_b, writer, revisions.latest_number(item))
    assert second.applied

    item.refresh_from_db()
    assert item.title.startswith("Versie B van ")
    assert revisions.current_document(item) == change_b
    assert not item.revisions.filter(pending=True).exists()
    with pytest.raises(ValueError):
        revisions.publish_draft(item, chief)  # nothing older can be made live over B
