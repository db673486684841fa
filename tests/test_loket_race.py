"""Two editors answer the same question at the same moment: one answer is stored and mailed,
the other is told the question was already answered. Two real processes on one SQLite file
(as two web workers), like tests/test_edit_page_race.py.

A answers and, after the state change but before its commit, waits; B reads the question in
that window (it is still open to B, as on B's open page) and sends its answer. B must wait for
A's commit, find the question answered and send nothing.
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
    from django.contrib.auth.models import Group, User
    from kenniscentrum.loket import intake
    for name in "ab":
        User.objects.create_user(name).groups.add(Group.objects.get(name="redacteur"))
    new = intake.NewQuestion(text="Vraag", organisation_type="gemeente", email="v@example.nl")
    print(intake.submit(new).reference)
    """
)

# argv: username, reference, ready file ("-" for none), wait-for file ("-" for none)
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
    from kenniscentrum.loket import handling, mail
    from kenniscentrum.loket.models import Question
    name, reference, ready, wait_for = sys.argv[1:5]
    if ready != "-":
        real = mail.send_after_commit
        def slow(reply):
            real(reply)
            Path(ready).touch()  # the state is changed, not committed: B may try now
            time.sleep(3)
        mail.send_after_commit = slow
    if wait_for != "-":
        while not Path(wait_for).exists():
            time.sleep(0.01)
    question = Question.objects.get(reference=reference)
    print("saw", question.status)
    try:
        handling.close(question, "beantwoord", f"Antwoord van {name}",
                       User.objects.get(username=name))
        print("answered")
    except handling.NotOpen:
        print("not open")
    print("mails", len(outbox.outbox))
    """
)

STATE = textwrap.dedent(
    """
    import django
    django.setup()
    from kenniscentrum.loket.models import Question
    question = Question.objects.get()
    print(question.reply, "|", question.events.filter(action="beantwoord").count(), "|",
          question.events.filter(action="gemaild").count())
    """
)


@pytest.mark.django_db
def test_answering_twice_at_once_sends_one_mail(tmp_path):
    env = site_on_disk(tmp_path)
    reference = run(env, SETUP).strip()
    ready = tmp_path / "a-changed-the-state"
    a_out, b_out = race(
        env, EDITOR, ["a", reference, str(ready), "-"], ["b", reference, "-", "-"], ready
    )

    assert "saw open" in a_out and "answered" in a_out and "mails 1" in a_out
    assert "saw open" in b_out, "B did not race: it read the question after A's commit"
    assert "not open" in b_out and "mails 0" in b_out
    assert run(env, STATE).strip() == "Antwoord van a | 1 | 1"
