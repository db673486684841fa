"""Wrong types and out-of-range dates in front matter are field errors (issue 10, item 5).

Each case once raised a TypeError, AttributeError or an overflow: a 500 in the editor and a
bare traceback naming no file in load_content. Each now names the file and the field.
"""

import pytest
from django.conf import settings

from kenniscentrum.knowledge.frontmatter import ContentError
from kenniscentrum.knowledge.loading import validate_document

FILE = "regeling/bzk-huisvesting-aandachtsgroepen.md"
SOURCE = (settings.CONTENT_DIR / FILE).read_text("utf-8")
PUBLISHED = "published: 2026-11-28\n"
AMOUNTS = "  amounts:\n    - label: Totaal"
DATES = "  dates:\n    - label: Publicatie"
CASES = {
    "publish_at": (PUBLISHED, PUBLISHED + "publish_at: 0001-01-01\n"),
    "expire_at": (PUBLISHED, PUBLISHED + "expire_at: 9999-12-31T23:59:59-14:00\n"),
    "check.organisation_reasons.gemeente": (
        "  organisation_reasons:\n",
        "  organisation_reasons:\n    gemeente: 5\n",
    ),
    "check.criteria[0].any_of": (
        "any_of: [tussenvoorziening, flexwonen, tijdelijke_woningen, transformatie, nieuwbouw]",
        "any_of: [{a: 1}]",
    ),
    "check.criteria[0].answer": ("- answer: plans", "- answer: [large_families]"),
    "regeling.amounts": (AMOUNTS, "  amounts: 5\n  bedragen:\n    - label: Totaal"),
    "regeling.dates": (DATES, "  dates: 7\n  datums:\n    - label: Publicatie"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("field", list(CASES))
def test_wrong_type_or_range_names_file_and_field(field):
    old, new = CASES[field]
    assert old in SOURCE
    with pytest.raises(ContentError) as caught:
        validate_document(SOURCE.replace(old, new, 1), "regeling", FILE.split("/")[1][:-3], FILE)
    assert caught.value.path == FILE
    assert caught.value.field == field
