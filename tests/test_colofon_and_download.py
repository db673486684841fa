"""The colofon (who runs the site, how to report an error) and the report as a download."""

import pytest
from django.conf import settings

from kenniscentrum.knowledge.loading import REPORT_FILE

pytestmark = pytest.mark.django_db


def test_the_colofon_says_what_is_not_set_instead_of_inventing_it(client, settings):
    settings.SITE_OWNER = settings.CONTACT_EMAIL = settings.ISSUES_URL = ""
    page = client.get("/colofon/").content.decode()
    assert "nog niet ingesteld welke organisatie" in page
    assert "nog geen e-mailadres of meldingenregister" in page
    assert "mailto:" not in page


def test_the_colofon_and_the_accessibility_statement_link_the_register(client, settings):
    settings.SITE_OWNER = "Gemeente Voorbeeld"
    settings.CONTACT_EMAIL = "kenniscentrum@voorbeeld.nl"
    settings.ISSUES_URL = "https://meldingen.voorbeeld.nl/kenniscentrum"
    for url in ("/colofon/", "/toegankelijkheid"):
        page = client.get(url).content.decode()
        assert 'href="mailto:kenniscentrum@voorbeeld.nl"' in page
        assert 'href="https://meldingen.voorbeeld.nl/kenniscentrum" rel="external"' in page
    assert (
        "beheerd door <strong>Gemeente Voorbeeld</strong>"
        in client.get("/colofon/").content.decode()
    )


@pytest.mark.parametrize(
    ("email", "issues"), [("geen-adres", "javascript:alert(1)"), ("a@b", "http://plain.example.nl")]
)
def test_an_unusable_address_is_left_out_not_linked(client, settings, email, issues):
    settings.CONTACT_EMAIL, settings.ISSUES_URL = email, issues
    page = client.get("/colofon/").content.decode()
    assert "mailto:" not in page and "javascript:" not in page and "http://plain" not in page


def test_every_page_links_the_colofon(client):
    assert 'href="/colofon/"' in client.get("/").content.decode()


def test_the_report_downloads_as_the_text_we_hold(client):
    index = client.get("/rapport/").content.decode()
    assert 'href="/rapport/eindrapportage.txt" download' in index
    response = client.get("/rapport/eindrapportage.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert f'filename="{REPORT_FILE}"' in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    assert body == (settings.SEEDS_DIR / REPORT_FILE).read_bytes()
    assert "€ 50 miljoen" in body.decode("utf-8")


def test_a_missing_report_file_is_a_404_not_a_500(client, settings, tmp_path):
    settings.SEEDS_DIR = tmp_path
    assert client.get("/rapport/eindrapportage.txt").status_code == 404
    assert "eindrapportage.txt" not in client.get("/rapport/").content.decode()
