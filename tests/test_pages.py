"""Every page type renders from the real corpus, with the facts that matter on the right page."""

import re

import pytest

from kenniscentrum.knowledge.loading import load_corpus
from kenniscentrum.knowledge.models import Item, Theme
from kenniscentrum.knowledge.vocabulary import KIND_PAGES
from kenniscentrum.report.models import ReportSection
from tests.helpers import MINIMAL_FRONT, write_item

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    """Page text with tags removed and all white space (including nbsp) folded to one space."""
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html).replace("\u00a0", " "))


def assert_page(response):
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert html.count("<h1") == 1
    assert 'href="#inhoud"' in html and 'id="inhoud"' in html
    return html


def test_home(client):
    html = assert_page(client.get("/"))
    for _, segment in KIND_PAGES.values():
        assert f'href="/{segment}/"' in html
    assert 'href="/themas/' in html and 'href="/rapport/"' in html
    assert "1 november 2021" in html


@pytest.mark.parametrize("segment", [segment for _, segment in KIND_PAGES.values()])
def test_list_pages(client, segment):
    html = assert_page(client.get(f"/{segment}/"))
    kind = next(k for k, (_, s) in KIND_PAGES.items() if s == segment)
    for item in Item.objects.published().filter(kind=kind):
        assert item.get_absolute_url() in html


def test_list_filter_by_theme_and_province(client):
    html = client.get("/praktijkvoorbeelden/?thema=flexwonen").content.decode()
    flex = Item.objects.filter(kind="praktijkvoorbeeld", themes__slug="flexwonen")
    other = Item.objects.filter(kind="praktijkvoorbeeld").exclude(themes__slug="flexwonen")
    assert flex.exists() and other.exists()
    for item in flex:
        assert item.get_absolute_url() in html
    for item in other:
        assert item.get_absolute_url() not in html
    html = client.get("/regionale-voorbeelden/?provincie=zuid-holland").content.decode()
    assert "/kennis/zuid-holland-regionale-tafels/" in html
    assert "/kennis/regionale-tafels-in-de-regio/" not in html


def test_unknown_filter_values_give_a_dutch_message_not_an_error(client):
    response = client.get("/regelingen/?thema=<script>x</script>&provincie=atlantis")
    html = assert_page(response)
    assert "Dit thema bestaat niet" in html and "Deze provincie bestaat niet" in html
    assert "<script>x" not in html
    # The invalid filter is ignored: every regeling is still listed.
    assert html.count('href="/kennis/') >= Item.objects.filter(kind="regeling").count()


def test_theme_pages(client):
    assert_page(client.get("/themas/"))
    for theme in Theme.objects.all():
        assert_page(client.get(theme.get_absolute_url()))
    assert client.get("/themas/bestaat-niet/").status_code == 404


def test_every_item_page_renders(client):
    for item in Item.objects.published():
        html = assert_page(client.get(item.get_absolute_url()))
        assert "Bronnen" in html
        for ref in item.sources.all():
            assert ref.section.get_absolute_url() in html


def test_every_report_section_renders(client):
    assert_page(client.get("/rapport/"))
    for section in ReportSection.objects.all():
        html = assert_page(client.get(section.get_absolute_url()))
        assert section.title.split(":")[0] in html


@pytest.mark.parametrize(
    ("url", "facts"),
    [
        ("/kennis/rvo-ondersteuning-flexwonen/", [r"€ 6\.000", r"€ 12\.000", "50%"]),
        (
            "/kennis/bzk-huisvesting-aandachtsgroepen/",
            ["€ 50 miljoen", "€ 18 miljoen", "25 november 2021", "28 oktober 2021",
             "22 september 2021", "PRT-werkgroepen"],
        ),
        (
            "/kennis/pilot-grote-gezinnen/",
            ["8 (en meer )?personen", "25 mei 2021", "27 mei 2021", "11 juni 2021",
             "1 juli 2021", "7 juli 2021"],
        ),
        ("/kennis/rvb-flexwoningen/", [r"2\.000 wooneenheden", "15 jaar"]),
        ("/kennis/regeling-versnelde-uitplaatsing-hotels/", [r"2\.500", "Aangekondigd"]),
        ("/kennis/handreiking-tussenvoorzieningen/", ["taakstelling"]),
        ("/kennis/zuid-holland-regionale-tafels/", ["Rotterdam", "boten"]),
        ("/rapport/3-2/", [r"€ 6\.000", r"€ 12\.000"]),
        ("/rapport/3-1/", ["€ 50 miljoen", "€ 18 miljoen", "25 november 2021"]),
        ("/rapport/3-3/", [r"2\.000 wooneenheden"]),
    ],
)  # fmt: skip
def test_facts_that_matter(client, url, facts):
    text = text_of(client.get(url))
    for fact in facts:
        assert re.search(fact, text), f"{fact!r} ontbreekt op {url}"


def test_regeling_facts_box_says_window_closed(client):
    text = text_of(client.get("/kennis/bzk-huisvesting-aandachtsgroepen/"))
    assert "Feiten op een rij" in text
    assert "de aanvraagperiode sloot op 25 november 2021" in text
    assert "Status op 1 november 2021" in text


def test_aanbeveling_shows_actiehouders(client):
    text = text_of(client.get("/kennis/aanbeveling-5/"))
    assert "Actiehouders" in text and "Aedes" in text and "VNG" in text
    html = client.get("/kennis/aanbeveling-5/").content.decode()
    assert 'href="/rapport/4/#aanbeveling-5"' in html
    assert 'id="aanbeveling-5"' in client.get("/rapport/4/").content.decode()


def test_report_tables_are_real_tables(client):
    html = client.get("/rapport/2-1/").content.decode()
    assert html.count("<table") >= 2
    assert "<caption" in html and 'scope="col"' in html and 'scope="row"' in html
    assert "10.949" in html and "5.637*" in html


def test_renumbered_section_says_so(client):
    text = text_of(client.get("/rapport/2-2-1/"))
    assert "genummerd als 2.1.1" in text


def test_report_section_lists_items_citing_it(client):
    html = client.get("/rapport/3-2/").content.decode()
    assert "/kennis/rvo-ondersteuning-flexwonen/" in html


def test_about_and_accessibility(client):
    text = text_of(client.get("/over/"))
    assert "1 november 2021" in text and "gewijzigd" in text
    assert_page(client.get("/toegankelijkheid"))
    assert "WCAG 2.1" in text_of(client.get("/toegankelijkheid/"))


def test_dutch_404(client):
    response = client.get("/bestaat/niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()
    assert client.get("/kennis/bestaat-niet/").status_code == 404
    assert client.get("/rapport/bestaat-niet/").status_code == 404


def test_dutch_500(client, settings):
    from kenniscentrum.core.views import server_error

    response = server_error(None)
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()


def test_security_headers(client):
    response = client.get("/")
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


HOSTILE_BODY = """
## Veilige kop

<script>alert('xss')</script>

<img src=x onerror="alert(1)"> <a href="javascript:alert(1)" onclick="steal()">klik</a>

<div onclick="steal()">tekst in een div</div>

| Kolom A | Kolom B |
|---|---|
| 1 | 2 |

Zie [de regeling](/kennis/pilot-grote-gezinnen/) en [extern](https://example.org/).
"""


def test_markdown_is_sanitised(content_copy, seeds_dir, client):
    write_item(content_copy, "praktijkvoorbeeld", "vijandig", MINIMAL_FRONT, body=HOSTILE_BODY)
    load_corpus(content_copy, seeds_dir)
    html = client.get("/kennis/vijandig/").content.decode()
    assert "<script>alert" not in html
    assert "onerror" not in html and "onclick" not in html and "javascript:" not in html
    assert "<img" not in html
    assert '<h2 id="kop-veilige-kop">Veilige kop</h2>' in html
    assert '<th scope="col">Kolom A</th>' in html and "<td>1</td>" in html
    assert '<div class="kc-table-wrap" role="region"' in html
    assert '<a href="/kennis/pilot-grote-gezinnen/"' in html
    assert 'href="https://example.org/"' in html
    # The API carries the same sanitised HTML.
    api = client.get("/api/content/vijandig").json()
    assert "<script>" not in api["body_html"] and "onclick" not in api["body_html"]


def test_title_and_summary_are_escaped(content_copy, seeds_dir, client):
    front = MINIMAL_FRONT.replace(
        "title: Een testpraktijkvoorbeeld", "title: '<b onmouseover=x>Vet</b>'"
    )
    write_item(content_copy, "praktijkvoorbeeld", "escape", front)
    load_corpus(content_copy, seeds_dir)
    html = client.get("/kennis/escape/").content.decode()
    assert "<b onmouseover" not in html and "&lt;b onmouseover=x&gt;Vet&lt;/b&gt;" in html
