"""Scenario tests as data (OpenFisca-style): answers in, expected outcome per instrument out.

The cases live in tests/check_scenarios/*.yaml and run against the real regelingen and their
criteria from content/, so a change in a criterion shows up here as a changed outcome.
"""

from pathlib import Path

import pytest
import yaml

from kenniscentrum.check.answers import validate
from kenniscentrum.check.service import run_check

FOLDER = Path(__file__).parent / "check_scenarios"
CASES = [
    pytest.param(case, id=f"{path.stem}: {case['name']}")
    for path in sorted(FOLDER.glob("*.yaml"))
    for case in yaml.safe_load(path.read_text("utf-8"))
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES)
def test_scenario(case):
    outcome = run_check(validate(case["answers"]))
    got = {r.item.slug: r for r in outcome.results}
    for slug, expected in case["expect"].items():
        result = got[slug]
        assert result.evaluation.outcome == expected["outcome"], (slug, result.evaluation)
        if "window_status" in expected:
            assert result.window_status == expected["window_status"], slug


def test_enough_scenarios_covering_every_instrument():
    slugs = {p.stem for p in Path(__file__).parent.parent.joinpath("content/regeling").glob("*.md")}
    covered = {slug for case in CASES for slug in case.values[0]["expect"]}
    assert len(CASES) >= 30
    assert slugs <= covered
