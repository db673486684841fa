"""Scenario tests as data (OpenFisca-style): answers in, expected outcome per instrument out.

The cases live in tests/check_scenarios/*.yaml and run against the real regelingen and their
criteria from content/, so a change in a criterion shows up here as a changed outcome.

Per instrument a case names the `outcome`, and optionally `window_status` and `verdict` (time is
part of every answer: the peildatum is the case's `reference_date`, in any format people type),
`headline` (text the verdict's headline contains), `reasons_contain` / `reasons_exclude` (text
that must or must not appear in the reasons). A case may name the instrument that comes `first`.
"""

from pathlib import Path

import pytest
import yaml

from kenniscentrum.check.answers import validate
from kenniscentrum.check.service import run_check
from kenniscentrum.check.verdicts import ORDER
from kenniscentrum.knowledge.windows import WINDOW_LABELS

FOLDER = Path(__file__).parent / "check_scenarios"
CASES = [
    pytest.param(case, id=f"{path.stem}: {case['name']}")
    for path in sorted(FOLDER.glob("*.yaml"))
    for case in yaml.safe_load(path.read_text("utf-8"))
]
EXPECT_KEYS = {
    "outcome", "window_status", "verdict", "headline", "reasons_contain", "reasons_exclude",
}  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES)
def test_scenario(case):
    outcome = run_check(validate(case["answers"]))
    got = {r.item.slug: r for r in outcome.results}
    if "first" in case:
        assert outcome.results[0].item.slug == case["first"]
    for slug, expected in case["expect"].items():
        assert set(expected) <= EXPECT_KEYS, set(expected) - EXPECT_KEYS  # a typo never passes
        result = got[slug]
        assert result.evaluation.outcome == expected["outcome"], (slug, result.evaluation)
        if "window_status" in expected:
            assert result.window_status == expected["window_status"], slug
        if "verdict" in expected:
            assert result.verdict == expected["verdict"], (slug, result.verdict)
        if "headline" in expected:
            assert expected["headline"] in result.headline, (slug, result.headline)
        reasons = " ".join(r.text for r in result.evaluation.reasons)
        for text in expected.get("reasons_contain", []):
            assert text in reasons, (slug, text, reasons)
        for text in expected.get("reasons_exclude", []):
            assert text not in reasons, (slug, text)


def _expectations():
    return [e for case in CASES for e in case.values[0]["expect"].values()]


def test_enough_scenarios_covering_every_instrument():
    slugs = {p.stem for p in Path(__file__).parent.parent.joinpath("content/regeling").glob("*.md")}
    covered = {slug for case in CASES for slug in case.values[0]["expect"]}
    assert len(CASES) >= 50
    assert slugs <= covered


def test_scenarios_cover_every_verdict_and_window_state():
    """Every verdict, and every window state including 'ended', appears in at least one case."""
    assert {e.get("verdict") for e in _expectations()} >= set(ORDER)
    assert {e.get("window_status") for e in _expectations()} >= set(WINDOW_LABELS)
    assert all("verdict" in e for e in _expectations())
