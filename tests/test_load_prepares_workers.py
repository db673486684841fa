"""load_content leaves what web workers read at start ready in var/ (issue 12).

A worker that finds no kept selection of general Dutch words reads wordfreq's full list itself
and stays 42 MB larger (`make bench-scale` showed 67 -> 114 MB per worker); `make run` and
every deploy run load_content before serving, so it prepares the selection.
"""

import pytest

from tests.helpers import site_on_disk


@pytest.mark.django_db
def test_load_content_keeps_the_general_dutch_selection_in_var(tmp_path):
    site_on_disk(tmp_path)
    kept = list(tmp_path.glob("search-general-nl-*.pickle"))
    assert len(kept) == 1 and kept[0].stat().st_size > 100_000
