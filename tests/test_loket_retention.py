"""Retention: the asker's data (address, gemeente, question and reply) is blanked a set number
of days after the question was closed, on every new question and by `manage.py prune_loket`;
what the figures need stays."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from kenniscentrum.loket import handling, retention
from kenniscentrum.loket.models import Question
from kenniscentrum.loket.vocabulary import State
from tests.loket_helpers import editor, question

pytestmark = pytest.mark.django_db


@pytest.fixture
def anna():
    return editor("redacteur", "anna")


def closed(anna, days_ago: int, text: str = "Vraag") -> Question:
    asked = question(text, days_ago=days_ago + 5)
    moment = timezone.now() - timedelta(days=days_ago)
    return handling.close(asked, State.ANSWERED, "Antwoord", anna, now=moment)


def test_personal_data_goes_after_the_retention_period_the_figures_stay(anna):
    old = closed(anna, 91, "Oude vraag")
    recent = closed(anna, 89, "Recente vraag")
    still_open = question("Open vraag", days_ago=200)
    assert retention.prune() == 1
    old.refresh_from_db()
    assert (old.email, old.gemeente, old.text, old.reply) == ("", "", "", "")
    assert old.personal_data_removed_at is not None
    assert (old.reference, old.status, old.organisation_type, old.province) == (
        old.reference, State.ANSWERED, "gemeente", "utrecht",
    )  # fmt: skip
    assert old.submitted_at and old.promised_on and old.closed_at and old.closed_by == anna
    assert old.events.count() == 2  # the log names no asker and stays
    for kept in (recent, still_open):
        kept.refresh_from_db()
        assert kept.email and kept.text and kept.gemeente and not kept.personal_data_removed_at


def test_the_period_is_a_setting(anna, settings):
    closed(anna, 10)
    assert retention.prune() == 0
    settings.KC_LOKET_RETENTION_DAYS = "7"
    assert retention.prune() == 1


def test_the_command_is_idempotent(anna):
    closed(anna, 100)
    out = StringIO()
    call_command("prune_loket", stdout=out)
    assert out.getvalue().startswith("1 vraag/vragen opgeschoond")
    removed_at = Question.objects.get().personal_data_removed_at
    out = StringIO()
    call_command("prune_loket", stdout=out)
    assert out.getvalue().startswith("0 vraag/vragen opgeschoond")
    assert Question.objects.get().personal_data_removed_at == removed_at


def test_a_new_question_prunes_too(client, anna):
    cache.clear()
    old = closed(anna, 120)
    response = client.post("/vraag-stellen/", {"vraag": "Nieuw", "organisatie": "provincie"})
    assert response.status_code == 303
    old.refresh_from_db()
    assert old.text == "" and old.personal_data_removed_at is not None
    cache.clear()


def test_pages_say_the_text_is_gone(client, anna):
    old = closed(anna, 100, "Geheime vraag")
    retention.prune()
    client.force_login(anna)
    page = client.get(f"/redactie/vraagbaak/{old.reference}/").content.decode()
    assert "verwijderd na de bewaartermijn" in page and "Geheime vraag" not in page
    queue = client.get("/redactie/vraagbaak/").content.decode()
    assert "(tekst verwijderd na de bewaartermijn)" in queue
    assert "Maak er een vraag en antwoord van" not in page
    figures = client.get("/redactie/vraagbaak/cijfers/").content.decode()
    assert "<dt>Afgehandeld</dt><dd>1 vraag</dd>" in figures
