"""The vraagbaak in the admin: read only, no e-mail address in the list, deleting a question is
for an eindredacteur."""

import pytest

from kenniscentrum.loket.models import Question
from tests.loket_helpers import editor, question

pytestmark = pytest.mark.django_db

LIST = "/beheer/loket/question/"


def test_the_list_shows_no_address_and_nothing_can_be_added_or_changed(client):
    asked = question(email="geheim@example.nl")
    client.force_login(editor("redacteur", "anna", is_staff=True))
    html = client.get(LIST).content.decode()
    assert asked.reference in html and "geheim@example.nl" not in html
    assert client.get(LIST + "add/").status_code == 403
    change = client.get(f"{LIST}{asked.pk}/change/")
    assert change.status_code == 200
    assert 'name="email"' not in change.content.decode()  # shown, not editable
    assert client.post(f"{LIST}{asked.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Question.objects.filter(pk=asked.pk).exists()
    events = client.get("/beheer/loket/questionevent/").content.decode()
    assert asked.reference in events


def test_an_eindredacteur_may_delete_a_question_with_its_log(client):
    asked = question()
    client.force_login(editor("eindredacteur", "bert", is_staff=True))
    response = client.post(f"{LIST}{asked.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Question.objects.exists()
