"""Outward links ("Officiële bronnen", issue 14): validated in front matter, shown on the item,
in the API, and written back by the export.

Every regeling says "controleer de actuele voorwaarden bij de aanbieder"; the links are how a
reader gets there. Only https links to a real host, each once, of a known kind.
"""

from datetime import timedelta

import pytest
from django.conf import settings

from kenniscentrum.core.dates import today
from kenniscentrum.knowledge.exporting import render_file
from kenniscentrum.knowledge.frontmatter import ContentError
from kenniscentrum.knowledge.loading import validate_document
from kenniscentrum.knowledge.models import Item

pytestmark = pytest.mark.django_db

SLUG = "pilot-grote-gezinnen"
FILE = f"regeling/{SLUG}.md"
SOURCE = (settings.CONTENT_DIR / FILE).read_text("utf-8")
FIRST_URL = "url: https://www.rijksoverheid.nl/ministeries/ministerie-van-justitie-en-veiligheid"


def validate(text: str):
    return validate_document(text, "regeling", SLUG, FILE)


def test_the_shipped_links_are_valid_and_https():
    data = validate(SOURCE)
    assert [link["kind"] for link in data.links] == ["aanbieder", "bron"]
    assert all(link["url"].startswith("https://") for link in data.links)


BAD = {
    "plain http": (FIRST_URL, FIRST_URL.replace("https://", "http://"), "links[0].url"),
    "javascript": (FIRST_URL, "url: 'javascript:alert(1)'", "links[0].url"),
    "no host": (FIRST_URL, "url: https://localhost", "links[0].url"),
    "a password": (FIRST_URL, "url: https://a:b@www.rijksoverheid.nl/", "links[0].url"),
    "twice": (
        "url: https://zoek.officielebekendmakingen.nl/",
        "url: https://www.rijksoverheid.nl/ministeries/ministerie-van-justitie-en-veiligheid/",
        "links[1].url",
    ),
    "unknown kind": ("kind: aanbieder", "kind: leverancier", "links[0].kind"),
    "not a list": ("links:\n  - title", "links: 5\nx:\n  - title", "links"),
    "future check": (
        "kind: aanbieder",
        f"kind: aanbieder\n    checked_on: {(today() + timedelta(days=1)).isoformat()}",
        "links[0].checked_on",
    ),
    "unknown key": ("kind: aanbieder", "kind: aanbieder\n    label: x", "links[0].label"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_link_names_file_and_field(case):
    old, new, field = BAD[case]
    assert old in SOURCE
    with pytest.raises(ContentError) as caught:
        validate(SOURCE.replace(old, new, 1))
    assert caught.value.path == FILE
    assert caught.value.field == field


def test_the_item_page_shows_official_sources_and_links_to_them(client):
    page = client.get(Item.objects.get(slug=SLUG).get_absolute_url()).content.decode()
    assert 'id="officiele-bronnen"' in page and "Officiële bronnen" in page
    assert (
        'href="https://www.rijksoverheid.nl/ministeries/ministerie-van-justitie-en-veiligheid"'
        ' rel="external"' in page
    )
    assert "(Aanbieder)" in page and "(Bron)" in page
    assert 'href="#officiele-bronnen"' in page  # from "controleer … bij de aanbieder"


def test_an_item_without_links_has_no_empty_section(client):
    item = Item.objects.filter(kind="praktijkvoorbeeld", links=[]).first()
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Officiële bronnen" not in page


def test_links_are_in_the_api_and_exported_as_they_read(client):
    item = Item.objects.get(slug=SLUG)
    data = client.get(f"/api/content/{SLUG}").json()
    assert data["links"] == item.links
    again = validate(render_file(item).replace("status: gepubliceerd\n", ""))
    assert again.links == item.links
