"""Findable from outside (issue 14): sitemap, robots.txt, feed, favicon, manifest, page meta."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from kenniscentrum.knowledge.models import Item
from kenniscentrum.report.models import ReportSection

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ATOM_NS = {"a": "http://www.w3.org/2005/Atom"}
ITEM = "/kennis/rvb-flexwoningen/"
CHECK_QUERY = (
    "organisation=gemeente&province=utrecht&backlog=12&large_families=2&plans=tussenvoorziening"
    "&target_groups=statushouders&needs_expertise=ja&regional_cooperation=ja"
    "&reference_date=2021-11-01"
)


def sitemap_entries(client) -> dict[str, str | None]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    return {
        url.findtext("sm:loc", namespaces=SITEMAP_NS): url.findtext(
            "sm:lastmod", namespaces=SITEMAP_NS
        )
        for url in root.findall("sm:url", SITEMAP_NS)
    }


def hidden_items() -> list[Item]:
    """A draft, one scheduled for tomorrow and one expired yesterday, copies of a real item."""
    now = timezone.now()
    source = Item.objects.get(slug="rvb-flexwoningen")
    variants = [
        ("verborgen-concept", {"status": "concept"}),
        ("verborgen-gepland", {"publish_at": now + timedelta(days=1)}),
        ("verborgen-verlopen", {"expire_at": now - timedelta(days=1)}),
    ]
    items = []
    for slug, changes in variants:
        item = Item.objects.get(pk=source.pk)
        item.pk = None
        item.slug = slug
        item.title = f"Verborgen {slug}"
        for field, value in changes.items():
            setattr(item, field, value)
        item.save()
        items.append(item)
    assert not Item.objects.published().filter(slug__startswith="verborgen-").exists()
    return items


def meta(html: str, attribute: str, name: str) -> str | None:
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', html)
    return found[1] if found else None


def canonical(html: str) -> str | None:
    found = re.search(r'<link rel="canonical" href="([^"]*)"', html)
    return found[1] if found else None


# Sitemap


def test_every_sitemap_url_answers_200_on_the_requests_host(client):
    entries = sitemap_entries(client)
    assert len(entries) > 50
    for loc in entries:
        parts = urlsplit(loc)
        assert (parts.scheme, parts.netloc) == ("http", "testserver")
        assert not parts.query
        assert client.get(parts.path).status_code == 200, loc


def test_sitemap_follows_the_host_the_request_names(client, settings):
    settings.ALLOWED_HOSTS = ["kenniscentrum.example.nl"]
    response = client.get("/sitemap.xml", HTTP_HOST="kenniscentrum.example.nl", secure=True)
    root = ET.fromstring(response.content)
    locs = [loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs and all(loc.startswith("https://kenniscentrum.example.nl/") for loc in locs)


def test_sitemap_lists_every_published_item_and_report_section(client):
    entries = sitemap_entries(client)
    for item in Item.objects.published():
        assert f"http://testserver{item.get_absolute_url()}" in entries
    for section in ReportSection.objects.all():
        assert f"http://testserver{section.get_absolute_url()}" in entries
    for path in ["/", "/cijfers/", "/cijfers/vergelijking/", "/cijfers/utrecht/", "/themas/",
                 "/regelingen/", "/rapport/"]:  # fmt: skip
        assert f"http://testserver{path}" in entries


def test_sitemap_leaves_out_drafts_scheduled_and_expired_items(client):
    hidden = hidden_items()
    locs = " ".join(sitemap_entries(client))
    for item in hidden:
        assert item.slug not in locs
    assert "/check/uitslag/" not in locs and "/zoeken/" not in locs
    assert "/redactie/" not in locs and "/api/" not in locs


def test_sitemap_lastmod_comes_from_the_data(client):
    entries = sitemap_entries(client)
    for item in Item.objects.published():
        changed = max(item.updated_at, item.publish_at or item.updated_at)
        lastmod = entries[f"http://testserver{item.get_absolute_url()}"]
        assert datetime.fromisoformat(lastmod).date() == timezone.localdate(changed)
    for section in ReportSection.objects.all():
        assert entries[f"http://testserver{section.get_absolute_url()}"] == "2021-11-01"
    # No date of their own in the data: no lastmod rather than an invented one.
    assert entries["http://testserver/cijfers/"] is None
    assert entries["http://testserver/over/"] is None


def test_an_item_edit_moves_its_lastmod(client):
    item = Item.objects.get(slug="rvb-flexwoningen")
    Item.objects.filter(pk=item.pk).update(updated_at=timezone.make_aware(datetime(2030, 5, 17)))
    assert sitemap_entries(client)[f"http://testserver{ITEM}"] == "2030-05-17"


# robots.txt


def test_robots_txt_disallows_results_and_editors_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    for path in ["/check/uitslag/", "/zoeken/", "/redactie/", "/beheer/", "/api/"]:
        assert f"Disallow: {path}" in lines
    assert "Disallow: /" not in lines  # the site itself stays crawlable
    assert "Sitemap: http://testserver/sitemap.xml" in lines


# Atom feed


def test_feed_is_atom_with_published_items_newest_first(client):
    hidden = hidden_items()
    response = client.get("/feeds/wijzigingen/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    entries = root.findall("a:entry", ATOM_NS)
    published = Item.objects.published()
    assert 0 < len(entries) == min(published.count(), 50)
    updated = [datetime.fromisoformat(e.findtext("a:updated", namespaces=ATOM_NS)) for e in entries]
    assert updated == sorted(updated, reverse=True)
    links = [e.find("a:link", ATOM_NS).get("href") for e in entries]
    for item in hidden:
        assert not any(item.slug in link for link in links)
    first = published.get(slug=urlsplit(links[0]).path.split("/")[2])
    assert entries[0].findtext("a:title", namespaces=ATOM_NS) == first.title
    assert entries[0].findtext("a:summary", namespaces=ATOM_NS) == first.summary
    assert updated[0] == max(first.updated_at, first.publish_at or first.updated_at)


def test_every_page_links_the_feed_favicon_and_manifest(client):
    html = client.get("/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert 'href="/feeds/wijzigingen/"' in html
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html


# Favicon and manifest


def test_favicon_answers(client):
    response = client.get("/favicon.ico", follow=True)
    assert response.status_code == 200
    svg = ET.fromstring(b"".join(response.streaming_content))
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"


def test_manifest_is_json_with_what_browsers_read(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/manifest+json")
    manifest = json.loads(response.content)
    assert manifest["lang"] == "nl"
    assert manifest["start_url"] == "/"
    assert manifest["name"] and manifest["short_name"] and manifest["display"]
    assert manifest["theme_color"] == "#1f4e79"
    assert client.get(manifest["icons"][0]["src"]).status_code == 200


# noindex


def test_check_results_search_and_404_say_noindex(client):
    paths = [f"/check/uitslag/?{CHECK_QUERY}", "/check/uitslag/?backlog=-4", "/zoeken/?q=flexwonen",
             "/zoeken/", "/bestaat-niet/", "/kennis/bestaat-niet/"]  # fmt: skip
    for path in paths:
        html = client.get(path).content.decode()
        robots = re.findall(r'<meta name="robots" content="(noindex[^"]*)">', html)
        assert len(robots) == 1, path
        assert canonical(html) is None, path


def test_a_hidden_item_is_a_404_with_noindex(client):
    draft = hidden_items()[0]
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 404
    assert '<meta name="robots" content="noindex">' in response.content.decode()


# Canonical and Open Graph


def test_item_page_canonical_description_and_open_graph(client):
    item = Item.objects.get(slug="rvb-flexwoningen")
    html = client.get(f"{ITEM}?utm_source=nieuwsbrief").content.decode()
    url = f"http://testserver{ITEM}"
    assert canonical(html) == url
    assert meta(html, "property", "og:url") == url
    assert meta(html, "property", "og:title") == item.title
    assert meta(html, "name", "description") == item.summary
    assert meta(html, "property", "og:description") == item.summary
    assert meta(html, "property", "og:type") == "article"
    assert meta(html, "property", "og:locale") == "nl_NL"
    assert meta(html, "property", "og:site_name") == "Kenniscentrum huisvesting statushouders"


def test_report_section_canonical_description_and_open_graph(client):
    section = ReportSection.objects.exclude(text="").order_by("order")[3]
    html = client.get(section.get_absolute_url()).content.decode()
    description = meta(html, "name", "description")
    assert canonical(html) == f"http://testserver{section.get_absolute_url()}"
    assert meta(html, "property", "og:title") == f"{section.label} · Eindrapportage"
    assert description and len(description) <= 200
    assert " ".join(section.text.split()).startswith(description.rstrip("…").strip())
    assert meta(html, "property", "og:description") == description


def test_filtered_list_is_canonical_to_the_list(client):
    html = client.get("/praktijkvoorbeelden/?thema=flexwonen").content.decode()
    assert canonical(html) == "http://testserver/praktijkvoorbeelden/"
    assert meta(html, "property", "og:type") == "website"
    assert meta(html, "property", "og:description")


def test_breadcrumbs_carry_breadcrumblist_microdata(client):
    html = client.get(ITEM).content.decode()
    crumbs = re.search(r'<nav class="kc-breadcrumb".*?</nav>', html, re.S)[0]
    assert 'itemtype="https://schema.org/BreadcrumbList"' in crumbs
    positions = re.findall(r'<meta itemprop="position" content="(\d+)">', crumbs)
    assert positions == ["1", "2", "3"]
    assert crumbs.count('itemprop="name"') == 3


# HTTP caching


@pytest.mark.parametrize(
    "path", ["/sitemap.xml", "/robots.txt", "/feeds/wijzigingen/", "/manifest.webmanifest"]
)
def test_findability_files_are_publicly_cacheable(client, settings, path):
    response = client.get(path)
    assert response["Cache-Control"] == f"public, max-age={settings.HTTP_CACHE_MAX_AGE}"
    assert response["ETag"]


def test_sitemap_lists_gemeente_pages_with_published_figures_only(client):
    """Issue 17: a gemeente page is worth finding once it has figures; the rest say only that
    there are none. lastmod is the date of the newest source."""
    from tests.test_figures_gemeente import make_gemeente, publish

    with_figures = make_gemeente("GM9101", "Testgemeente Met")
    make_gemeente("GM9102", "Testgemeente Zonder")
    publish("2022-1", {with_figures: (10, 20, 15, None)})
    xml = client.get("/sitemap.xml").content.decode()
    assert "/cijfers/gemeente/GM9101/</loc><lastmod>2022-07-15</lastmod>" in xml
    assert "GM9102" not in xml
    assert "/cijfers/gemeenten/</loc>" in xml
