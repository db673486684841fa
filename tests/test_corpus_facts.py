"""Content is fact: every figure and date in content/ must be one the report publishes.

A cheap, strict guard against a typo or an invented number: amounts, thousands, percentages and
day-month dates written in the corpus are looked up in the report's own text (footnote markers
removed, so "€ 6.000.7" in the PDF text reads "€ 6.000.").
"""

import re
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from kenniscentrum.knowledge.frontmatter import parse_file
from kenniscentrum.knowledge.loading import REPORT_FILE
from kenniscentrum.report.parser import parse_report

MONTHS = "januari februari maart april mei juni juli augustus september oktober november december"
MONTH_NAMES = MONTHS.split()
FIGURE_RE = re.compile(r"(?<![\w.-])\d{1,3}(?:\.\d{3})+(?!\d)|\d+(?:,\d+)?%")
DAY_MONTH_RE = re.compile(rf"\b(\d{{1,2}}) ({'|'.join(MONTH_NAMES)})\b")


@pytest.fixture(scope="module")
def report_text() -> str:
    text = (Path(settings.SEEDS_DIR) / REPORT_FILE).read_text("utf-8")
    return re.sub(r"\s+", " ", "\n".join(s.plain_text() for s in parse_report(text)))


def corpus_files():
    return sorted(Path(settings.CONTENT_DIR).rglob("*.md"), key=str)


def euro_text(eur: int) -> str:
    if eur % 1_000_000 == 0:
        return f"{eur // 1_000_000} miljoen"
    return f"{eur:,}".replace(",", ".")


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.stem)
def test_every_figure_is_in_the_report(path, report_text):
    text = path.read_text("utf-8")
    missing = [f for f in set(FIGURE_RE.findall(text)) if f not in report_text]
    missing += [
        f"{day} {month}"
        for day, month in set(DAY_MONTH_RE.findall(text))
        if f"{day} {month}" not in report_text
    ]
    assert not missing, f"{path.name}: niet in het rapport: {sorted(missing)}"


@pytest.mark.parametrize(
    "path", [p for p in corpus_files() if p.parent.name == "regeling"], ids=lambda p: p.stem
)
def test_structured_facts_are_in_the_report(path, report_text):
    source = parse_file(path, path.read_text("utf-8"))
    facts = source.data["regeling"]
    for amount in facts.get("amounts") or []:
        assert euro_text(amount["eur"]) in report_text, amount
    dates = [d["date"] for d in facts.get("dates") or []]
    dates += list((facts.get("window") or {}).values())
    for value in dates:
        day = date.fromisoformat(value)
        assert f"{day.day} {MONTH_NAMES[day.month - 1]}" in report_text, value
