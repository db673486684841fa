"""Honest dates on every page (issue 11): the date of the facts, an editor's later check only
with its source, and never the day the content was loaded presented as a fact check."""

import html as html_module
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from kenniscentrum.core.context_processors import report_date_nl
from kenniscentrum.core.dates import today
from kenniscentrum.knowledge.exporting import render_file
from kenniscentrum.knowledge.frontmatter import ContentError
from kenniscentrum.knowledge.loading import load_corpus, validate_document
from kenniscentrum.knowledge.models import Item
from kenniscentrum.report.models import ReportSection

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "kenniscentrum" / "templates"
FILE = "regeling/rvb-flexwoningen.md"
SOURCE = (settings.CONTENT_DIR / FILE).read_text("utf-8")
AS_OF = "Stand van zaken: 1 november 2021, eindrapportage."
DATE = r"\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}"  # noqa: E501


def text_of(page: str) -> str:
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def public_pages() -> list[str]:
    """Every kind of public page, every item and every report section."""
    pages = [
        "/", "/over/", "/toegankelijkheid", "/themas/", "/rapport/", "/cijfers/",
        "/regelingen/", "/regelingen/vergelijken/", "/handreikingen/", "/praktijkvoorbeelden/",
        "/regionale-voorbeelden/", "/aanbevelingen/", "/zoeken/?q=regeling",
        "/zoeken/?q=verhuurderheffing", "/zoeken/?q=taakstelling&sortering=nieuwste",
    ]  # fmt: skip
    pages += [item.get_absolute_url() for item in Item.objects.published()]
    pages += [f"/themas/{slug}/" for slug in ("flexwonen", "woningcorporaties")]
    pages += [section.get_absolute_url() for section in ReportSection.objects.all()]
    return pages


def get(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def with_keys(keys: str, text: str = SOURCE) -> str:
    anchor = "\nregeling:\n"
    assert anchor in text
    return text.replace(anchor, "\n" + keys + anchor[1:], 1)


def validate(text: str):
    return validate_document(text, "regeling", "rvb-flexwoningen", FILE)


# Nothing public shows a load date as a check ----------------------------------------------


def test_no_public_page_shows_a_date_as_gecontroleerd(client):
    """No item in the corpus was checked against a newer source, so no page may say that
    anything was 'gecontroleerd' on some day: not the day it was loaded, nor any other."""
    assert not Item.objects.exclude(checked_on=None).exists()
    failures = {}
    for url in public_pages():
        page = text_of(get(client, url))
        found = re.findall(rf"gecontroleerd\W+(?:\w+\W+){{0,3}}?{DATE}", page, re.IGNORECASE)
        if found or "laatst gecontroleerd" in page.lower():
            failures[url] = found
    assert not failures, failures


def test_every_item_page_gives_the_date_of_its_facts_and_not_its_review_date(client):
    Item.objects.update(last_reviewed=date(2026, 11, 29))  # a day no page has a reason to show
    for item in Item.objects.published():
        page = text_of(get(client, item.get_absolute_url()))
        assert AS_OF in page, item.slug
        assert "29 november 2026" not in page, item.slug


def test_the_api_says_what_its_dates_are(client):
    data = client.get("/api/content/rvb-flexwoningen").json()
    assert data["facts_as_of"] == "2021-11-01"
    assert data["checked_on"] is None and data["checked_source"] is None
    assert "last_reviewed" not in data


def test_the_day_on_the_site_is_a_later_publish_at_when_there_is_one(client):
    from django.utils import timezone

    item = Item.objects.get(slug="rvb-flexwoningen")
    assert f"Op deze website sinds {item.published.day} " in text_of(
        get(client, item.get_absolute_url())
    )
    moment = timezone.now() - timedelta(hours=1)
    Item.objects.filter(pk=item.pk).update(
        published=moment.date() - timedelta(days=40), publish_at=moment
    )
    item.refresh_from_db()
    assert item.on_site_since == timezone.localtime(moment).date()


# checked_on + checked_source ---------------------------------------------------------------

CHECKED = "checked_on: 2026-03-02\nchecked_source: Staatscourant 2026, 1234\n"


def test_a_check_is_read_with_its_source():
    data = validate(with_keys(CHECKED))
    assert data.checked_on == date(2026, 3, 2)
    assert data.checked_source == "Staatscourant 2026, 1234"
    assert validate(SOURCE).checked_on is None and validate(SOURCE).checked_source == ""


def test_a_check_on_today_is_accepted():
    keys = f"checked_on: {today().isoformat()}\nchecked_source: Rijksoverheid.nl\n"
    assert validate(with_keys(keys)).checked_on == today()


@pytest.mark.parametrize(
    "keys, field, words",
    [
        ("checked_on: 2026-03-02\n", "checked_source", "ontbreekt"),
        ("checked_source: Staatscourant\n", "checked_on", "ontbreekt"),
        ("checked_on: 2 maart 2026\nchecked_source: Stcrt.\n", "checked_on", "geen datum"),
        ("checked_on: 2026-02-30\nchecked_source: Stcrt.\n", "checked_on", "geen bestaande"),
        ("checked_on: 2021-10-31\nchecked_source: Stcrt.\n", "checked_on", "vóór de eind"),
        ("checked_on: 2026-03-02\nchecked_source: ''\n", "checked_source", "niet leeg"),
        ("checked_on: 2026-03-02\nchecked_source: [a, b]\n", "checked_source", "tekst"),
    ],
)
def test_a_check_without_its_source_or_a_real_date_is_refused(keys, field, words):
    with pytest.raises(ContentError) as caught:
        validate(with_keys(keys))
    assert caught.value.path == FILE and caught.value.field == field
    assert words in str(caught.value)


def test_a_check_in_the_future_is_refused():
    tomorrow = today() + timedelta(days=1)
    with pytest.raises(ContentError) as caught:
        validate(with_keys(f"checked_on: {tomorrow.isoformat()}\nchecked_source: Stcrt.\n"))
    assert caught.value.field == "checked_on" and "toekomst" in str(caught.value)


def test_a_loaded_check_is_shown_with_its_source_exported_and_in_the_api(
    client, content_copy, seeds_dir
):
    path = content_copy / FILE
    path.write_text(with_keys(CHECKED, path.read_text("utf-8")), "utf-8")
    load_corpus(content_copy, seeds_dir)
    item = Item.objects.get(slug="rvb-flexwoningen")
    assert item.checked_on == date(2026, 3, 2)
    page = text_of(get(client, "/kennis/rvb-flexwoningen/"))
    assert AS_OF in page
    assert "Gecontroleerd op 2 maart 2026 aan de hand van: Staatscourant 2026, 1234." in page
    data = client.get("/api/content/rvb-flexwoningen").json()
    assert data["checked_on"] == "2026-03-02"
    assert data["checked_source"] == "Staatscourant 2026, 1234"
    search = text_of(get(client, "/zoeken/?q=rvb-flexwoningen"))
    assert "gecontroleerd op 2 maart 2026" in search
    exported = render_file(item)
    assert "checked_on: '2026-03-02'" in exported
    assert "checked_source: Staatscourant 2026, 1234" in exported
    again = validate(exported.replace("status: gepubliceerd\n", ""))
    assert (again.checked_on, again.checked_source) == (item.checked_on, item.checked_source)


def test_an_editor_records_a_check_in_the_browser(client):
    from tests.test_editor_pages import editor, open_editor, save

    slug = "expertise-rvo-inschakelen"
    Item.objects.filter(slug=slug).update(status="concept")  # changes apply at once
    client.force_login(editor("redacteur"))
    document, base = open_editor(client, slug)
    changed = document.replace(
        "\nlast_reviewed:", "\nchecked_on: 2026-03-02\nchecked_source: RVO.nl\nlast_reviewed:", 1
    )
    assert changed != document
    assert save(client, slug, changed, base).status_code == 302
    item = Item.objects.get(slug=slug)
    assert (item.checked_on, item.checked_source) == (date(2026, 3, 2), "RVO.nl")
    document, _ = open_editor(client, slug)
    assert "checked_source: RVO.nl" in document
    broken = document.replace("checked_source: RVO.nl\n", "", 1)
    html = save(client, slug, broken, base + 2).content.decode()
    assert 'class="kc-error-summary"' in html and "checked_source" in html


# The report's date from one setting --------------------------------------------------------


def test_no_template_writes_the_report_date_itself():
    """Templates take the date from settings.REPORT_DATE (report_date_nl). The one literal left
    is a fact about the aanjager's term (report, line 70), not the date of the facts.
    Templates of the check are another helper's (and listed in the handover note)."""
    allowed = "Van 1 februari tot 1 november 2021 was Jantine Kriens"
    found = []
    for path in TEMPLATES.rglob("*.html"):
        if "check" in path.relative_to(TEMPLATES).parts:
            continue
        text = path.read_text("utf-8").replace(allowed, "")
        if "1 november 2021" in text or "1 november" in text:
            found.append(str(path.relative_to(TEMPLATES)))
    assert not found


def test_the_report_date_is_written_in_dutch_from_the_setting():
    assert report_date_nl() == "1 november 2021"
    with override_settings(REPORT_DATE="2022-03-15"):
        assert report_date_nl() == "15 maart 2022"


@pytest.mark.parametrize(
    "url",
    ["/", "/over/", "/rapport/", "/rapport/3-1/", "/kennis/rvb-flexwoningen/",
     "/regelingen/vergelijken/", "/zoeken/?q=rvb"],
)  # fmt: skip
def test_pages_follow_the_setting(client, url):
    """What the templates say follows the setting (the content's own text says what it says)."""
    with override_settings(REPORT_DATE="2022-03-15"):
        page = get(client, url)
    footer = text_of(page.split('<footer class="kc-footer">', 1)[1])
    assert "Bron: eindrapportage (15 maart 2022)" in footer
    assert "1 november 2021" not in footer
    if 'name="description" content="Kennis, regelingen' in page:  # the site's own description
        assert "aanjager huisvesting statushouders (15 maart 2022)" in page
    if url.startswith("/kennis/"):
        assert "Stand van zaken: 15 maart 2022, eindrapportage." in text_of(page)
        assert "Status op 15 maart 2022" in text_of(page)
