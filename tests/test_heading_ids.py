"""Heading ids from content never collide with the ids of the page around it.

Before: an aanbeveling's "## Actiehouders" and the template's own "Actiehouders" section both had
id="actiehouders"; a heading "## Inhoud" would have taken the skip link's target.
"""

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings

from kenniscentrum.knowledge.models import Item
from kenniscentrum.knowledge.rendering import HEADING_ID_PREFIX, render_markdown
from kenniscentrum.report.models import ReportSection

TEMPLATES = Path(settings.BASE_DIR) / "kenniscentrum" / "templates"
ID_ATTRIBUTE = re.compile(r'\bid="([^"]*)"')


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.ids.extend(value for name, value in attrs if name == "id" and value is not None)


def ids_in(html: str) -> list[str]:
    parser = _Ids()
    parser.feed(html)
    return parser.ids


def template_id_values() -> list[str]:
    """Every id="..." value written in a template, template tags included."""
    return [
        value
        for path in TEMPLATES.rglob("*.html")
        for value in ID_ATTRIBUTE.findall(path.read_text("utf-8"))
    ]


def literal_template_ids() -> set[str]:
    return {value for value in template_id_values() if "{" not in value}


def test_no_template_uses_the_prefix():
    values = template_id_values()
    assert "inhoud" in literal_template_ids()  # the scan finds the templates' ids
    assert [v for v in values if HEADING_ID_PREFIX in v] == []
    # Django's own form field ids (id_q, id_thema) cannot start with it either.
    assert not "id_".startswith(HEADING_ID_PREFIX)


@pytest.mark.parametrize("page_id", sorted(literal_template_ids()))
def test_content_headings_never_take_a_template_id(page_id):
    title = page_id.replace("-", " ").title()
    body = f'## {title}\n\n<h2 id="{page_id}">Rauw</h2>\n\n<h3 id="{page_id}">Nog een</h3>\n'
    produced = ids_in(render_markdown(body))
    assert len(produced) == 3
    assert not set(produced) & literal_template_ids()
    assert all(i.startswith(HEADING_ID_PREFIX) for i in produced)
    assert len(set(produced)) == 3  # unique within the text too


def test_main_heading_and_raw_main_id_are_prefixed():
    produced = ids_in(render_markdown('## Main\n\n<h2 id="main">Ook main</h2>\n'))
    assert produced == [f"{HEADING_ID_PREFIX}main", f"{HEADING_ID_PREFIX}main_1"]
    assert "main" not in produced and "inhoud" not in produced


def test_in_document_links_follow_the_prefix():
    html = render_markdown("[naar de kop](#werkwijze)\n\n## Werkwijze\n\n[extern](https://x.nl/#a)")
    assert f'href="#{HEADING_ID_PREFIX}werkwijze"' in html
    assert f'id="{HEADING_ID_PREFIX}werkwijze"' in html
    assert 'href="https://x.nl/#a"' in html  # other documents' fragments are left alone
    # A link to the page's skip-link target from inside the text cannot reach it any more.
    assert 'href="#inhoud"' not in render_markdown("[x](#inhoud)")


def _assert_unique_ids(html: str, url: str) -> None:
    duplicates = {i: n for i, n in Counter(ids_in(html)).items() if n > 1}
    assert duplicates == {}, url


@pytest.mark.django_db
def test_every_published_item_page_has_unique_ids(client):
    items = list(Item.objects.published())
    assert len(items) > 20
    for item in items:
        response = client.get(item.get_absolute_url())
        assert response.status_code == 200
        _assert_unique_ids(response.content.decode(), item.get_absolute_url())


@pytest.mark.django_db
def test_aanbeveling_page_keeps_both_actiehouders_sections(client):
    item = Item.objects.published().filter(body__contains="## Actiehouders").first()
    assert item is not None
    ids = ids_in(client.get(item.get_absolute_url()).content.decode())
    assert ids.count("actiehouders") == 1  # the template's section
    assert f"{HEADING_ID_PREFIX}actiehouders" in ids  # the author's heading


@pytest.mark.django_db
def test_report_pages_have_unique_ids_and_keep_their_anchors(client):
    # Report text is fixed source, not author input: its anchors stay unprefixed because
    # /rapport/4/#aanbeveling-5 is linked from every aanbeveling page and from outside.
    for section in ReportSection.objects.all():
        response = client.get(section.get_absolute_url())
        assert response.status_code == 200
        _assert_unique_ids(response.content.decode(), section.get_absolute_url())
    assert 'id="aanbeveling-5"' in client.get("/rapport/4/").content.decode()
