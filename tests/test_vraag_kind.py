"""The content kind `vraag` (issue 16): questions with an answer from the report, listed at
/vragen/, found by search, and served by the open-data API like every other kind."""

import re

import pytest

from kenniscentrum.knowledge.models import Item
from kenniscentrum.knowledge.vocabulary import Kind, Status

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clean_module_index")]


def test_the_list_page_shows_the_published_vragen_and_nothing_else(client):
    html = client.get("/vragen/").content.decode()
    published = Item.objects.filter(kind=Kind.VRAAG, status=Status.GEPUBLICEERD)
    assert published.count() >= 2
    for item in published:
        assert f'href="/kennis/{item.slug}/"' in html
    assert "<h1>Vragen en antwoorden</h1>" in html
    assert "/kennis/pilot-grote-gezinnen/" not in html  # a regeling is not a vraag


def test_the_menu_and_the_search_filters_offer_the_kind(client):
    html = client.get("/").content.decode()
    assert 'href="/vragen/"' in html
    search = client.get("/zoeken/?q=pilot+grote+gezinnen").content.decode()
    assert "Vragen en antwoorden" in search


def test_search_finds_a_vraag_by_how_it_is_asked(client):
    html = client.get("/zoeken/?q=kosten+hulp+RVO+gemeente").content.decode()
    urls = re.findall(r'<h2><a href="([^"]+)"', html.split('class="kc-results"', 1)[1])
    assert "/kennis/vraag-kosten-rvo-ondersteuning/" in urls[:5]
    only = client.get("/zoeken/?q=grote+gezinnen&soort=vraag").content.decode()
    only_urls = re.findall(r'<h2><a href="([^"]+)"', only.split('class="kc-results"', 1)[1])
    assert only_urls == ["/kennis/vraag-pilot-grote-gezinnen-aanmelden/"]


def test_a_vraag_page_cites_the_report_and_says_which_date_its_answer_holds(client):
    html = client.get("/kennis/vraag-pilot-grote-gezinnen-aanmelden/").content.decode()
    assert 'href="/rapport/3-1/"' in html
    assert "1 november 2021" in html
    assert "27 mei 2021" in html and "11 juni 2021" in html


def test_the_api_lists_vragen_with_their_kind(client):
    data = client.get("/api/content/").json()
    slugs = {row["slug"] for row in data["results"] if row["kind"] == "vraag"}
    assert {"vraag-kosten-rvo-ondersteuning", "vraag-pilot-grote-gezinnen-aanmelden"} <= slugs
