"""The edit page's text and version number are read as one (issue 10; found by `make soak`).

Read apart, a save that committed between reading the text and reading the version number
gave the page an old text with the new number; the editor's next save passed the conflict
check and silently removed the other editor's text. Two real processes on one SQLite file.
"""

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.helpers import run_python as run
from tests.helpers import site_on_disk

REPO = Path(__file__).resolve().parent.parent
SLUG = "rvb-flexwoningen"

# Editor A opens the edit page; reading the item's text is slowed down so that B's save falls
# between the reads. Then A saves from what the page showed.
EDITOR_A = textwrap.dedent(
    f"""
    import sys, time, django
    from pathlib import Path
    django.setup()
    from django.contrib.auth.models import User
    from kenniscentrum.editorial import revisions
    from kenniscentrum.knowledge import exporting
    from kenniscentrum.knowledge.models import Item
    real = exporting.render_file
    def slow_render(*args, **kwargs):
        text = real(*args, **kwargs)
        Path(sys.argv[1]).touch()  # B may save now
        time.sleep(4)  # B starts, reads and saves within this
        return text
    revisions.render_file = slow_render
    state = revisions.editing_state(Item.objects.get(slug="{SLUG}"))
    try:
        revisions.save(state.item, state.document + "\\n\\nTekst van A.\\n",
                       User.objects.get(username="a"), state.base)
        print("A saved")
    except revisions.EditConflict:
        print("A got the conflict page")
    """
)

EDITOR_B = textwrap.dedent(
    f"""
    import django
    django.setup()
    from django.contrib.auth.models import User
    from kenniscentrum.editorial import revisions
    from kenniscentrum.knowledge.models import Item
    item = Item.objects.get(slug="{SLUG}")
    state = revisions.editing_state(item)
    try:
        revisions.save(item, state.document + "\\n\\nTekst van B.\\n",
                       User.objects.get(username="b"), state.base)
        print("B saved")
    except revisions.EditConflict:  # A saved between B's read and B's save: also correct
        print("B got the conflict page")
    """
)

SETUP = textwrap.dedent(
    f"""
    import django
    django.setup()
    from django.contrib.auth.models import Group, User
    from kenniscentrum.knowledge.models import Item
    Item.objects.filter(slug="{SLUG}").update(status="concept")  # saves apply at once
    for name in "ab":
        User.objects.create_user(name).groups.add(Group.objects.get(name="redacteur"))
    """
)

LATEST = textwrap.dedent(
    f"""
    import django
    django.setup()
    from kenniscentrum.editorial import revisions
    from kenniscentrum.knowledge.models import Item
    print(revisions.editing_state(Item.objects.get(slug="{SLUG}")).document)
    """
)


@pytest.mark.django_db
def test_a_save_between_reading_text_and_version_cannot_be_overwritten(tmp_path):
    env = site_on_disk(tmp_path)
    run(env, SETUP)
    reading = tmp_path / "reading"
    editor_a = subprocess.Popen(
        [sys.executable, "-c", EDITOR_A, str(reading)], cwd=REPO, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not reading.exists():
        assert editor_a.poll() is None, editor_a.communicate()[1][-3000:]
        assert time.monotonic() < deadline
        time.sleep(0.02)
    b_out = run(env, EDITOR_B)  # cannot save between A's reads: waits for them to finish
    out, err = editor_a.communicate(timeout=60)
    assert editor_a.returncode == 0, err[-3000:]

    latest = run(env, LATEST)
    # Whoever was told "saved" has their text in the newest version; the other saw the
    # conflict page. Never both told "saved" with one text missing (the lost update).
    assert "A saved" in out or "B saved" in b_out
    if "B saved" in b_out:
        assert "Tekst van B." in latest, "B's saved text was overwritten"
    else:
        assert "B got the conflict page" in b_out
    if "A saved" in out:
        assert "Tekst van A." in latest, "A's saved text was overwritten"
    else:
        assert "A got the conflict page" in out
