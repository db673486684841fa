"""A regeling's end after the report: ended_on with its reason and source, or nothing (issue 11).

Validated like every other field (file and field named), written back by export, and from that
day on the window state of the regeling page and the check is "ended".
"""

from datetime import date

import pytest
from django.conf import settings

from kenniscentrum.knowledge.frontmatter import ContentError
from kenniscentrum.knowledge.loading import validate_document
from kenniscentrum.knowledge.windows import CLOSED, CONTINUOUS, ENDED, window_status

FILE = "regeling/rvb-flexwoningen.md"
SOURCE = (settings.CONTENT_DIR / FILE).read_text("utf-8")
ANCHOR = "  status: "
ENDED_KEYS = (
    "  ended_on: 2023-01-01\n"
    "  ended_reason: Afgeschaft met de verhuurderheffing.\n"
    "  ended_source: Kamerstukken II 2022/23, 36 219, nr. 3\n"
)


def validate(text: str):
    return validate_document(text, "regeling", "rvb-flexwoningen", FILE)


def with_keys(keys: str) -> str:
    assert ANCHOR in SOURCE
    return SOURCE.replace(ANCHOR, keys + ANCHOR, 1)


@pytest.mark.django_db
def test_all_three_keys_are_read():
    data = validate(with_keys(ENDED_KEYS)).regeling
    assert data.ended_on == date(2023, 1, 1)
    assert data.ended_reason.startswith("Afgeschaft")
    assert data.ended_source.startswith("Kamerstukken II 2022/23")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "keys, field",
    [
        ("  ended_on: 2023-01-01\n", "regeling.ended_reason"),
        ("  ended_on: 2023-01-01\n  ended_reason: Afgeschaft.\n", "regeling.ended_source"),
        ("  ended_reason: Afgeschaft.\n  ended_source: Stb.\n", "regeling.ended_on"),
        (ENDED_KEYS.replace("2023-01-01", "1 januari 2023"), "regeling.ended_on"),
        (ENDED_KEYS.replace("2023-01-01", "1823-01-01"), "regeling.ended_on"),
        (ENDED_KEYS.replace("Afgeschaft met de verhuurderheffing.", "[1, 2]"),
         "regeling.ended_reason"),
    ],
)  # fmt: skip
def test_an_end_without_reason_and_source_or_a_real_date_is_refused(keys, field):
    with pytest.raises(ContentError) as caught:
        validate(with_keys(keys))
    assert caught.value.path == FILE
    assert caught.value.field == field


def test_an_ended_regeling_is_ended_from_that_day_whatever_its_window_said():
    ended = date(2023, 1, 1)
    assert window_status("doorlopend", None, None, date(2022, 12, 31), ended) == CONTINUOUS
    assert window_status("doorlopend", None, None, ended, ended) == ENDED
    opens, closes = date(2021, 10, 28), date(2021, 11, 25)
    assert window_status("open", opens, closes, date(2026, 11, 30), ended) == ENDED
    assert window_status("open", opens, closes, date(2022, 6, 1), ended) == CLOSED
