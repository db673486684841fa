"""Two editors close the same flexpool request at the same moment, one confirming and one
declining: one step is stored and mailed, the other is refused with nothing written or sent.
Two real processes on one SQLite file (as two web workers), like tests/test_loket_race.py.

A confirms and, after the state change but before its commit, waits; B reads the request in
that window (still "gematcht" to B, as on B's open page) and declines. B must wait for A's
commit, find the request closed and send nothing.
"""

import textwrap
from pathlib import Path

import pytest

from tests.helpers import race, site_on_disk
from tests.helpers import run_python as run

REPO = Path(__file__).resolve().parent.parent

SETUP = textwrap.dedent(
    """
    import django
    django.setup()
    from datetime import date
    from django.contrib.auth.models import Group, User
    from kenniscentrum.flexpool import workflow
    from kenniscentrum.flexpool.models import Profile
    for name in "ab":
        User.objects.create_user(name).groups.add(Group.objects.get(name="redacteur"))
    profile = Profile.objects.create(
        name="P", expertise=["flexwonen"], provinces=["utrecht"], active=True,
        available_from=date(2030, 1, 1), available_until=date(2030, 12, 31),
        contact_route="Via de redactie.",
    )
    request = workflow.create_request({
        "gemeente": "Voorbeeldstad", "province": "utrecht", "need": "Hulp",
        "expertise": ["flexwonen"], "period_from": date(2030, 2, 1),
        "period_until": date(2030, 3, 1), "contact_name": "S", "contact_email": "s@example.nl",
    })
    workflow.transition(request, "match", User.objects.get(username="a"), profile=profile)
    print(request.pk)
    """
)

# argv: username, action, request pk, ready file ("-" for none)
EDITOR = textwrap.dedent(
    """
    import sys, time, django
    from pathlib import Path
    django.setup()
    from django.conf import settings
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django.core import mail as outbox
    outbox.outbox = []
    from django.contrib.auth.models import User
    from kenniscentrum.flexpool import mails, workflow
    from kenniscentrum.flexpool.models import FlexRequest
    name, action, pk, ready = sys.argv[1:5]
    if ready != "-":
        real = mails.after_close
        def slow(*args, **kwargs):
            real(*args, **kwargs)
            Path(ready).touch()  # the state is changed, not committed: B may try now
            time.sleep(3)
        mails.after_close = slow
    request = FlexRequest.objects.get(pk=int(pk))
    print("saw", request.status)
    try:
        workflow.transition(request, action, User.objects.get(username=name),
                            reason=f"Reden van {name}")
        print("done")
    except workflow.InvalidTransition:
        print("refused")
    print("mails", len(outbox.outbox))
    """
)

STATE = textwrap.dedent(
    """
    import django
    django.setup()
    from kenniscentrum.flexpool.models import FlexRequest
    request = FlexRequest.objects.get()
    print(request.status, "|", request.log.exclude(action__in=["submit", "match"]).count())
    """
)


@pytest.mark.django_db
def test_confirm_and_decline_at_once_store_and_mail_one(tmp_path):
    env = site_on_disk(tmp_path)
    pk = run(env, SETUP).strip()
    ready = tmp_path / "a-changed-the-state"
    a_out, b_out = race(
        env, EDITOR, ["a", "confirm", pk, str(ready)], ["b", "decline", pk, "-"], ready
    )

    assert "saw gematcht" in a_out and "done" in a_out and "mails 1" in a_out
    assert "saw gematcht" in b_out, "B did not race: it read the request after A's commit"
    assert "refused" in b_out and "mails 0" in b_out
    assert run(env, STATE).strip() == "bevestigd | 1"
