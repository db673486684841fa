"""Full index builds are atomic, and the index's agreement with the database is visible (issue 10).

Real processes against a site on disk (SQLite file and index folder), as a rebuild runs next to
the web workers: a build is killed with SIGKILL halfway, an item is saved while a build runs,
two builds run at once.
"""

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.helpers import run_manage as manage
from tests.helpers import run_python as python
from tests.helpers import run_together, site_on_disk

REPO = Path(__file__).resolve().parent.parent

# A build that stops after writing its documents into the new folder and waits for a gate file:
# argv[1] is created when the documents are written, argv[2] lets it go on.
GATED_BUILD = textwrap.dedent(
    """
    import os, sys, time, django
    django.setup()
    from kenniscentrum.search import index_builds, signals
    real = signals.sync_backend
    def gated(*args, **kwargs):
        real(*args, **kwargs)
        open(sys.argv[1], "w").close()
        while not os.path.exists(sys.argv[2]):
            time.sleep(0.05)
    signals.sync_backend = gated
    result = index_builds.build_full()
    print("replayed", result.replayed)
    """
)

SAVE_TITLE = textwrap.dedent(
    """
    import sys, django
    django.setup()
    from kenniscentrum.knowledge.models import Item
    item = Item.objects.get(slug="rvb-flexwoningen")
    item.title = sys.argv[1]
    item.save()  # the on-commit processor updates the live index (and a build's journal)
    """
)

SEARCH_TITLES = textwrap.dedent(
    """
    import sys, django
    django.setup()
    from kenniscentrum.search.service import SearchRequest, search
    outcome = search(SearchRequest(q=sys.argv[1]))
    print(outcome.total)
    print("|".join(hit.title for hit in outcome.hits))
    """
)


def start_gated_build(env, folder: Path) -> tuple[subprocess.Popen, Path, Path]:
    written, gate = folder / "written", folder / "gate"
    build = subprocess.Popen(
        [sys.executable, "-c", GATED_BUILD, str(written), str(gate)], cwd=REPO, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while not written.exists():
        assert build.poll() is None, build.communicate()[1][-3000:]
        assert time.monotonic() < deadline, "the build never wrote its documents"
        time.sleep(0.05)
    return build, written, gate


def live_folder(folder: Path) -> Path:
    return Path(os.path.realpath(folder / "index"))


@pytest.mark.django_db
def test_a_killed_rebuild_leaves_the_previous_index_serving(tmp_path):
    env = site_on_disk(tmp_path)
    before = python(env, SEARCH_TITLES, "flexwoningen")
    serving = live_folder(tmp_path)

    build, _, _ = start_gated_build(env, tmp_path)
    unfinished = [p for p in (tmp_path / "index.builds").iterdir() if p.is_dir() and p != serving]
    assert unfinished, "the build writes into a folder of its own"
    build.send_signal(signal.SIGKILL)
    build.wait(timeout=30)

    assert live_folder(tmp_path) == serving
    assert python(env, SEARCH_TITLES, "flexwoningen") == before
    assert manage(env, "check_index", "--deep").returncode == 0

    manage(env, "rebuild_index", "--noinput")
    assert live_folder(tmp_path) != serving
    left = {p.name for p in (tmp_path / "index.builds").iterdir()}
    assert not any(name.endswith(".building") for name in left)
    assert not {p.name for p in unfinished} & left, "the killed build's folder is removed"
    assert serving.name in left, "the previous index is kept for readers that still hold it"
    assert python(env, SEARCH_TITLES, "flexwoningen") == before


@pytest.mark.django_db
def test_a_save_during_a_rebuild_reaches_the_new_index(tmp_path):
    env = site_on_disk(tmp_path)
    build, _, gate = start_gated_build(env, tmp_path)
    # The build has read and written every item; now an editor saves one.
    python(env, SAVE_TITLE, "Flexwoningen van het Rijksvastgoedbedrijf zeppelinhangar")
    gate.touch()
    out, err = build.communicate(timeout=120)
    assert build.returncode == 0, err[-3000:]
    assert "replayed 1" in out

    found = python(env, SEARCH_TITLES, "zeppelinhangar")
    assert found.splitlines()[0] == "1"
    assert manage(env, "check_index", "--deep").returncode == 0


@pytest.mark.django_db
def test_two_rebuilds_at_once_take_turns_and_agree(tmp_path):
    env = site_on_disk(tmp_path)
    script = "import django\ndjango.setup()\nfrom kenniscentrum.search import index_builds\n"
    script += "index_builds.build_full()\n"
    run_together(env, script, [[], [], []])
    assert manage(env, "check_index", "--deep").returncode == 0
    finished = [p for p in (tmp_path / "index.builds").iterdir() if p.is_dir()]
    assert len(finished) == 2, "the newest build and the one before it"


@pytest.mark.django_db
def test_clear_index_empties_a_switched_index(tmp_path):
    env = site_on_disk(tmp_path)
    manage(env, "clear_index", "--noinput")
    assert (tmp_path / "index").is_symlink()
    assert python(env, SEARCH_TITLES, "flexwoningen").splitlines()[0] == "0"
    done = manage(env, "check_index", check=False)
    assert done.returncode == 1 and "0 in de zoekindex" in done.stderr
    manage(env, "rebuild_index", "--noinput")
    assert manage(env, "check_index", "--deep").returncode == 0


@pytest.mark.django_db
def test_an_index_from_before_switching_becomes_the_previous_build(tmp_path):
    env = site_on_disk(tmp_path)
    # What `make run` left on a machine before this change: the index as a plain folder.
    plain = live_folder(tmp_path)
    (tmp_path / "index").unlink()
    plain.rename(tmp_path / "index")
    manage(env, "rebuild_index", "--noinput")
    assert (tmp_path / "index").is_symlink()
    assert (tmp_path / "index.builds" / "earlier").is_dir()
    assert manage(env, "check_index", "--deep").returncode == 0


@pytest.mark.django_db
def test_a_build_killed_just_after_its_switch_keeps_serving(tmp_path):
    """Killed between the switch and renaming its journal, a build leaves a journal next to the
    folder that is live; the next build must not remove that folder (found by make soak)."""
    env = site_on_disk(tmp_path)
    serving = live_folder(tmp_path)
    (tmp_path / "index.builds" / (serving.name + ".building")).touch()
    before = python(env, SEARCH_TITLES, "flexwoningen")
    manage(env, "rebuild_index", "--noinput")
    assert serving.is_dir(), "the folder that was serving is kept as the previous build"
    assert live_folder(tmp_path) != serving
    assert python(env, SEARCH_TITLES, "flexwoningen") == before
    assert manage(env, "check_index", "--deep").returncode == 0
