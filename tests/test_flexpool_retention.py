"""Retention of the requester's personal data (flexpool/retention.py, config.py): blanked
KC_FLEXPOOL_RETENTION_DAYS after the request was closed, on every new request and with
`manage.py prune_flexpool`; open requests and everything that is no personal data stay."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError

from kenniscentrum.core import dates
from kenniscentrum.flexpool import config, retention, workflow
from kenniscentrum.flexpool.apps import check_retention_setting
from kenniscentrum.flexpool.models import FlexRequest, RequestLogEntry

pytestmark = pytest.mark.django_db
CLOSED_ON = date(2026, 3, 1)


@pytest.fixture
def day(monkeypatch):
    """Set today (through kenniscentrum.core.dates.today, as the app reads it)."""
    current = {"day": CLOSED_ON}
    monkeypatch.setattr(dates, "today", lambda: current["day"])
    cache.clear()

    def move_to(new_day: date):
        current["day"] = new_day

    return move_to


@pytest.fixture
def editor():
    user = User.objects.create_user("redacteur-retentie", password="x")
    user.groups.add(Group.objects.get(name="redacteur"))
    return User.objects.get(pk=user.pk)


def make_request(**fields) -> FlexRequest:
    return workflow.create_request(
        {
            "gemeente": "Testgemeente",
            "province": "utrecht",
            "need": "Vrije tekst met misschien een naam erin.",
            "expertise": ["flexwonen"],
            "period_from": date(2026, 3, 1),
            "period_until": date(2026, 6, 30),
            "contact_name": "Test Aanvrager",
            "contact_email": "aanvrager@testgemeente.example",
            **fields,
        }
    )


def is_blanked(flex_request: FlexRequest) -> bool:
    flex_request.refresh_from_db()
    return (flex_request.contact_name, flex_request.contact_email, flex_request.need) == (
        "",
        "",
        "",
    )


# The setting


@pytest.mark.parametrize(
    ("setting", "env", "expected"),
    [
        (None, None, 365),
        (30, None, 30),
        ("45", None, 45),
        (None, "90", 90),
        (None, " 7 ", 7),
        (0, "90", 0),  # settings win over the environment
        (None, "", 365),
    ],
)
def test_retention_days_from_settings_then_environment(
    settings, monkeypatch, setting, env, expected
):
    settings.KC_FLEXPOOL_RETENTION_DAYS = setting
    if env is None:
        monkeypatch.delenv("KC_FLEXPOOL_RETENTION_DAYS", raising=False)
    else:
        monkeypatch.setenv("KC_FLEXPOOL_RETENTION_DAYS", env)
    assert config.retention_days() == expected


@pytest.mark.parametrize("bad", ["365d", "-1", "1.5", "٣", True, -3, 10_000, "99999999999"])
def test_invalid_retention_days_are_refused_loudly(settings, bad):
    settings.KC_FLEXPOOL_RETENTION_DAYS = bad
    with pytest.raises(ImproperlyConfigured, match="KC_FLEXPOOL_RETENTION_DAYS"):
        config.retention_days()
    assert [error.id for error in check_retention_setting()] == ["flexpool.E001"]
    with pytest.raises(CommandError):
        call_command("prune_flexpool", stdout=StringIO())


def test_the_check_passes_by_default(settings):
    settings.KC_FLEXPOOL_RETENTION_DAYS = None
    assert check_retention_setting() == []


# Pruning


def test_closed_requests_are_blanked_after_the_retention_period(day, editor, settings):
    settings.KC_FLEXPOOL_RETENTION_DAYS = 30
    declined = make_request()
    workflow.transition(declined, "decline", editor, reason="Beste Test Aanvrager, helaas.")
    still_open = make_request()
    day(CLOSED_ON + timedelta(days=29))
    assert retention.prune() == 0
    assert not is_blanked(declined)
    day(CLOSED_ON + timedelta(days=30))
    assert retention.prune() == 1
    assert is_blanked(declined)
    assert declined.personal_data_removed_on == CLOSED_ON + timedelta(days=30)
    # What is no personal data stays: kenmerk, gemeente, province, expertise, period, status, log.
    assert declined.reference and declined.gemeente == "Testgemeente"
    assert declined.status == "afgewezen" and declined.expertise == ["flexwonen"]
    entry = RequestLogEntry.objects.get(request=declined, action="decline")
    assert entry.reason == retention.REMOVED and entry.user == editor
    assert not is_blanked(still_open)  # open requests are the editors' work
    assert retention.prune() == 0  # once is enough


def test_a_new_request_prunes(client, day, editor, settings):
    settings.KC_FLEXPOOL_RETENTION_DAYS = 10
    old = make_request()
    workflow.transition(old, "decline", editor, reason="Nee.")
    day(CLOSED_ON + timedelta(days=10))
    response = client.post(
        "/flexpool/aanvragen/",
        {
            "gemeente": "Andere gemeente",
            "province": "zeeland",
            "need": "Iets",
            "expertise": ["flexwonen"],
            "period_from": "2026-03-20",
            "period_until": "2026-04-20",
            "contact_name": "Nieuw",
            "contact_email": "nieuw@example.nl",
        },
    )
    assert response.status_code == 303
    assert is_blanked(old)
    assert FlexRequest.objects.get(gemeente="Andere gemeente").contact_name == "Nieuw"


def test_an_invalid_setting_does_not_stop_a_request(client, day, settings):
    settings.KC_FLEXPOOL_RETENTION_DAYS = "altijd"
    response = client.post(
        "/flexpool/aanvragen/",
        {
            "gemeente": "G",
            "province": "zeeland",
            "need": "Iets",
            "expertise": ["flexwonen"],
            "period_from": "2026-03-20",
            "period_until": "2026-04-20",
            "contact_name": "N",
            "contact_email": "n@example.nl",
        },
    )
    assert response.status_code == 303 and FlexRequest.objects.count() == 1
    assert client.get(response["Location"]).status_code == 200


def test_prune_command(day, editor, settings):
    settings.KC_FLEXPOOL_RETENTION_DAYS = 0
    declined = make_request()
    workflow.transition(declined, "decline", editor, reason="x")
    out = StringIO()
    call_command("prune_flexpool", stdout=out)
    assert "1 aanvraag" in out.getvalue() and "0 dagen" in out.getvalue()
    assert is_blanked(declined)
    out = StringIO()
    call_command("prune_flexpool", stdout=out)
    assert "0 aanvragen" in out.getvalue()


def test_editors_see_that_the_data_was_removed(client, day, editor, settings):
    settings.KC_FLEXPOOL_RETENTION_DAYS = 0
    flex_request = make_request()
    workflow.transition(flex_request, "decline", editor, reason="x")
    retention.prune()
    client.force_login(editor)
    body = client.get(f"/redactie/flexpool/aanvragen/{flex_request.pk}/").content.decode()
    assert "Verwijderd op 1 maart 2026" in body and "Test Aanvrager" not in body


def test_no_mail_is_sent_to_a_removed_address(day, editor, mailoutbox, settings):
    from kenniscentrum.flexpool.mails import build_message

    settings.KC_FLEXPOOL_RETENTION_DAYS = 0
    flex_request = make_request()
    workflow.transition(flex_request, "decline", editor, reason="x")
    retention.prune()
    flex_request.refresh_from_db()
    assert build_message(flex_request, "decline", "x") is None
