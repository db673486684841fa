"""An ended regeling is marked as such from that day on: on its page, in lists, in search results,
in the JSON API and in the editors' preview (issue 11). The first real one: the verhuurderheffing
exemption, ended with the heffing on 1 January 2023 (a source after the report)."""

import re
from datetime import date

import pytest
from django.conf import settings

from kenniscentrum.editorial.models import Revision
from kenniscentrum.knowledge.exporting import render_file
from kenniscentrum.knowledge.frontmatter import ContentError, parse_file
from kenniscentrum.knowledge.loading import load_corpus, validate_document
from kenniscentrum.knowledge.models import Item, RegelingFacts
from kenniscentrum.search.service import SearchRequest, search

pytestmark = pytest.mark.django_db

SLUG = "vrijstelling-verhuurderheffing"
PAGE = f"/kennis/{SLUG}/"
SOURCE = "Kamerstukken II 2022/23, 36 219, nr. 3"


def text_of(html: str) -> str:
    """The visible text, one space between words (tags and entities are not what people read)."""
    import html as html_module

    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def main_of(html: str) -> str:
    return html.split('<main id="inhoud"', 1)[1].split("</main>", 1)[0]


def get(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def end_in_future():
    """As if the end were still to come: the day it takes effect has not arrived."""
    RegelingFacts.objects.filter(item__slug=SLUG).update(ended_on=date(2099, 1, 1))


# The record itself ------------------------------------------------------------------------


def test_the_exemption_records_its_end_with_reason_and_a_source_outside_the_report():
    facts = RegelingFacts.objects.get(item__slug=SLUG)
    assert facts.ended_on == date(2023, 1, 1)
    assert "1 januari 2023" in facts.ended_reason and "afgeschaft" in facts.ended_reason
    assert facts.ended_source == (
        "Kamerstukken II 2022/23, 36 219, nr. 3 (memorie van toelichting bij de intrekking van "
        "de Wet maatregelen woningmarkt 2014 II)"
    )
    assert facts.status == "doorlopend"  # the report's status stays what the report said


def test_no_other_regeling_has_ended():
    ended = RegelingFacts.objects.exclude(ended_on=None).values_list("item__slug", flat=True)
    assert list(ended) == [SLUG]


def test_load_content_refuses_an_end_without_its_reason_or_source(content_copy, seeds_dir):
    path = content_copy / "regeling" / f"{SLUG}.md"
    text = path.read_text("utf-8")
    for key in ("ended_reason", "ended_source"):
        broken = re.sub(rf"(?m)^  {key}: .*\n", "", text, count=1)
        assert broken != text
        path.write_text(broken, "utf-8")
        with pytest.raises(ContentError) as caught:
            load_corpus(content_copy, seeds_dir)
        assert caught.value.field == f"regeling.{key}"
        assert caught.value.path.endswith(f"regeling/{SLUG}.md")
    assert RegelingFacts.objects.get(item__slug=SLUG).ended_on == date(2023, 1, 1)


# Its page ---------------------------------------------------------------------------------


def test_the_page_shows_the_end_above_the_facts_with_date_reason_and_source(client):
    html = main_of(get(client, PAGE))
    notice = html.index('class="kc-alert kc-ended"')
    assert notice < html.index('id="feiten"')
    block = text_of(html[notice : html.index("</section>", notice)])
    assert "Deze regeling is beëindigd per 1 januari 2023" in block
    assert "afgeschaft" in block
    assert f"Bron: {SOURCE}" in block
    # The reader can see this did not come from the report.
    assert "staat niet in de eindrapportage" in block
    facts = text_of(html[html.index('id="feiten"') :])
    assert "Beëindigd per 1 januari 2023" in facts


def test_the_page_never_calls_it_doorlopend_without_saying_when(client):
    page = text_of(main_of(get(client, PAGE)))
    for match in re.finditer("doorlopend", page, re.IGNORECASE):
        around = page[max(0, match.start() - 160) : match.end() + 160]
        assert "1 november 2021" in around, around


def test_before_its_end_day_it_is_not_marked_ended_but_the_end_is_announced(client):
    end_in_future()
    html = main_of(get(client, PAGE))
    assert "kc-ended" not in html and "Deze regeling is beëindigd" not in html
    assert "eindigt per 1 januari 2099" in text_of(html)


def test_a_regeling_that_has_not_ended_has_no_notice(client):
    html = main_of(get(client, "/kennis/rvb-flexwoningen/"))
    assert "beëindigd" not in html.lower()
    assert "Doorlopend, zonder aanvraagperiode (stand 1 november 2021)" in text_of(html)


# Lists and search -------------------------------------------------------------------------


def _entry(html: str, slug: str) -> str:
    """The list entry or card that links to the item."""
    start = html.index(f'href="/kennis/{slug}/"')
    return html[html.rindex("<li", 0, start) : html.index("</li>", start)]


@pytest.mark.parametrize("url", ["/regelingen/", "/themas/woningcorporaties/", "/"])
def test_lists_mark_it_ended_and_only_it(client, url):
    html = main_of(get(client, url))
    assert "Beëindigd per 1 januari 2023" in text_of(_entry(html, SLUG))
    assert html.count("kc-ended-tag") == 1


def test_lists_do_not_mark_it_before_its_end_day(client):
    end_in_future()
    assert "kc-ended-tag" not in get(client, "/regelingen/")


def test_search_results_mark_it_ended(client):
    outcome = search(SearchRequest(q="verhuurderheffing"))
    hits = {hit.slug: hit for hit in outcome.hits}
    assert hits[SLUG].ended_on == date(2023, 1, 1)
    assert all(hit.ended_on is None for slug, hit in hits.items() if slug != SLUG)
    html = get(client, "/zoeken/?q=verhuurderheffing")
    assert "Beëindigd per 1 januari 2023" in text_of(_entry(html, SLUG))


def test_search_results_do_not_mark_it_before_its_end_day(client):
    end_in_future()
    assert "kc-ended-tag" not in get(client, "/zoeken/?q=verhuurderheffing")


# The JSON API -----------------------------------------------------------------------------


def test_the_api_gives_the_end_and_todays_state(client):
    facts = client.get(f"/api/content/{SLUG}").json()["regeling"]
    assert facts["ended"] is True
    assert facts["ended_on"] == "2023-01-01"
    assert facts["ended_reason"].startswith("De verhuurderheffing is met ingang van 1 januari")
    assert facts["ended_source"].startswith(SOURCE)
    assert facts["window_status"] == "ended"
    assert facts["status"] == "doorlopend" and facts["status_as_of"] == "2021-11-01"


def test_the_api_of_a_regeling_without_an_end(client):
    facts = client.get("/api/content/pilot-grote-gezinnen").json()["regeling"]
    assert facts["ended"] is False
    assert facts["ended_on"] is None and facts["ended_source"] is None
    assert facts["window_status"] == "closed"


def test_the_api_before_the_end_day(client):
    end_in_future()
    facts = client.get(f"/api/content/{SLUG}").json()["regeling"]
    assert facts["ended"] is False and facts["ended_on"] == "2099-01-01"
    assert facts["window_status"] == "continuous"


# Export and the editor --------------------------------------------------------------------


def test_export_writes_the_end_back_and_it_reads_the_same():
    item = Item.objects.get(slug=SLUG)
    text = render_file(item)
    assert "ended_on: '2023-01-01'" in text and SOURCE in text
    data = validate_document(text.replace("status: gepubliceerd\n", ""), "regeling", SLUG, "x")
    assert data.regeling.ended_on == date(2023, 1, 1)
    assert data.regeling.ended_source == item.regeling.ended_source
    assert data.regeling.ended_reason == item.regeling.ended_reason


def test_an_editor_adds_an_end_and_the_visitor_preview_shows_the_notice(
    client, django_capture_on_commit_callbacks
):
    from tests.test_editor_pages import editor, open_editor, save

    slug = "rvb-flexwoningen"
    client.force_login(editor("redacteur"))
    document, base = open_editor(client, slug)
    assert "ended_on" not in document
    with_end = document.replace(
        "  status: doorlopend\n",
        "  status: doorlopend\n"
        "  ended_on: 2024-07-01\n"
        "  ended_reason: Een testreden voor de beëindiging.\n"
        "  ended_source: Een testbron, Staatscourant 2024\n",
        1,
    )
    assert with_end != document
    response = save(client, slug, with_end, base)
    assert response.status_code == 302
    draft = Revision.objects.filter(item__slug=slug, pending=True).get()
    preview = get(client, f"/redactie/items/{slug}/voorbeeld/?versie={draft.number}")
    body = text_of(main_of(preview))
    assert "Deze regeling is beëindigd per 1 juli 2024" in body
    assert "Een testreden voor de beëindiging." in body
    assert "Bron: Een testbron, Staatscourant 2024" in body
    # The preview shows the facts box too (it used to drop it).
    assert "Feiten op een rij" in body
    assert "beëindigd" not in get(client, f"/kennis/{slug}/").lower()  # still a draft
    client.force_login(editor("eindredacteur"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/redactie/items/{slug}/workflow/", {"action": "publish-change"})
    facts = RegelingFacts.objects.get(item__slug=slug)
    assert facts.ended_on == date(2024, 7, 1)
    assert facts.ended_source == "Een testbron, Staatscourant 2024"
    assert "Deze regeling is beëindigd per 1 juli 2024" in text_of(get(client, f"/kennis/{slug}/"))
    # And the editor opens it again with the keys, as they were typed.
    document, _ = open_editor(client, slug)
    assert "ended_on: '2024-07-01'" in document or "ended_on: 2024-07-01" in document
    source = parse_file("x", document)
    assert source.data["regeling"]["ended_reason"] == "Een testreden voor de beëindiging."


def test_the_editor_refuses_an_end_without_its_source(client):
    from tests.test_editor_pages import editor, open_editor, save

    client.force_login(editor("redacteur"))
    document, base = open_editor(client, "rvb-flexwoningen")
    broken = document.replace(
        "  status: doorlopend\n", "  status: doorlopend\n  ended_on: 2024-07-01\n", 1
    )
    html = save(client, "rvb-flexwoningen", broken, base).content.decode()
    assert 'class="kc-error-summary"' in html and "regeling.ended_reason" in html


def test_the_report_file_is_untouched_by_the_end():
    """The end is ours, from a later source: the report's own text does not mention it."""
    report = settings.SEEDS_DIR / "eindrapportage-aanjager-huisvesting-statushouders-2021.txt"
    assert "36 219" not in report.read_text("utf-8")
