"""Two eindredacteuren decide on the same concept at the same moment, one publishing and one
discarding: one decision is stored with its audit line, the other is refused with nothing
written. Two real processes on one SQLite file (as two web workers), like
tests/test_flexpool_race.py.

A publishes and, after the state change but before its commit, waits; B reads the concept in
that window and discards. B must wait for A's commit, find it published and change nothing.
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
    from kenniscentrum.figures import publishing
    for name in "ab":
        User.objects.create_user(name).groups.add(Group.objects.get(name="eindredacteur"))
    text = ("gemeentecode;gemeente;periode;stand_begin;taakstelling;realisatie;stand_eind\\n"
            "GM0344;Utrecht;2022-1;100;200;150;150\\n")
    result = publishing.check_upload(text.encode())
    assert result.ok, result.errors
    source = publishing.Source("Test (synthetisch)", date(2022, 7, 15))
    author = User.objects.get(username="a")
    concept = publishing.store_concept(result, text, "t.csv", source, author)
    print(concept.pk)
    """
)

# argv: username, action (publish|discard), pk, ready file ("-" for none)
EDITOR = textwrap.dedent(
    """
    import sys, time, django
    from pathlib import Path
    django.setup()
    from django.contrib.auth.models import User
    from kenniscentrum.figures import publishing
    from kenniscentrum.figures.models import FigurePublication
    name, action, pk, ready = sys.argv[1:5]
    if ready != "-":
        real = publishing._audit
        def slow(*args, **kwargs):
            real(*args, **kwargs)
            Path(ready).touch()  # the state is changed, not committed: B may try now
            time.sleep(3)
        publishing._audit = slow
    print("saw", FigurePublication.objects.get(pk=int(pk)).status)
    try:
        getattr(publishing, action)(int(pk), User.objects.get(username=name))
        print("done")
    except publishing.PublishingError:
        print("refused")
    """
)

STATE = textwrap.dedent(
    """
    import django
    django.setup()
    from kenniscentrum.figures.models import FigurePublication
    p = FigurePublication.objects.get()
    print(p.status, "|", p.decided_by.username, "|", list(p.audit.values_list("action", flat=True)))
    """
)


@pytest.mark.django_db
def test_publish_and_discard_at_once_store_one_decision(tmp_path):
    env = site_on_disk(tmp_path)
    pk = run(env, SETUP).strip().splitlines()[-1]
    ready = tmp_path / "a-changed-the-state"
    a_out, b_out = race(
        env, EDITOR, ["a", "publish", pk, str(ready)], ["b", "discard", pk, "-"], ready
    )

    assert "saw concept" in a_out and "done" in a_out
    assert "saw concept" in b_out, "B did not race: it read the concept after A's commit"
    assert "refused" in b_out
    state = run(env, STATE).strip()
    assert state.startswith("gepubliceerd | a |"), state
    assert state.count("publiceren") == 1 and "verwerpen" not in state, state
