"""HTTP caching for readers: public Cache-Control, ETags and 304 for anonymous pages only."""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from kenniscentrum.knowledge.models import Item

pytestmark = pytest.mark.django_db

ITEM = "/kennis/rvb-flexwoningen/"


def editor(role: str) -> User:
    user = User.objects.create_user(f"{role}-cache", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return User.objects.get(pk=user.pk)


def assert_not_public(response):
    assert "public" not in response.get("Cache-Control", "")
    assert "private" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_anonymous_item_page_is_publicly_cacheable_with_an_etag(client, settings):
    response = client.get(ITEM)
    assert response.status_code == 200
    assert response["Cache-Control"] == f"public, max-age={settings.HTTP_CACHE_MAX_AGE}"
    assert settings.HTTP_CACHE_MAX_AGE == 300
    assert response["ETag"].startswith('"')
    assert "Cookie" in response["Vary"]
    assert not response.cookies


def test_max_age_follows_the_setting(client, settings):
    settings.HTTP_CACHE_MAX_AGE = 60
    assert client.get("/").headers["Cache-Control"] == "public, max-age=60"


def test_repeat_request_with_the_etag_gets_an_empty_304(client):
    etag = client.get(ITEM)["ETag"]
    response = client.get(ITEM, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag and response["Cache-Control"].startswith("public")
    assert client.get(ITEM, headers={"If-None-Match": '"iets-anders"'}).status_code == 200


def test_json_api_is_cacheable_too(client):
    response = client.get("/api/content/rvb-flexwoningen")
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("public, max-age=")
    assert (
        client.get(
            "/api/content/rvb-flexwoningen", headers={"If-None-Match": response["ETag"]}
        ).status_code
        == 304
    )


def test_search_revalidates_so_the_search_log_stays_complete(client):
    response = client.get("/zoeken/?q=flexwoningen")
    assert response["Cache-Control"] == "public, no-cache"
    assert "ETag" in response


def test_editor_requests_are_not_publicly_cacheable(client):
    client.force_login(editor("redacteur"))
    for url in (ITEM, "/", "/redactie/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_not_public(response)
        assert "ETag" not in response  # no-store: nothing to revalidate


def test_admin_keeps_its_own_never_cache(client):
    client.force_login(editor("eindredacteur"))
    response = client.get("/beheer/")
    assert_not_public(response)
    assert "no-cache" in response["Cache-Control"]


def test_a_page_that_sets_a_cookie_is_not_publicly_cacheable(client):
    response = client.get("/beheer/login/")  # the login form sets the CSRF cookie
    assert response.status_code == 200 and response.cookies
    assert_not_public(response)
    # The cookie from the middleware nearest the view is seen as well: a CSRF token asked for
    # on an otherwise public page.
    from django.http import HttpResponse
    from django.middleware.csrf import get_token
    from django.test import RequestFactory

    from kenniscentrum.core.http_cache import HttpCacheMiddleware

    def view(request):
        get_token(request)
        response = HttpResponse("<p>formulier</p>")
        response.set_cookie("iets", "x")
        return response

    response = HttpCacheMiddleware(view)(RequestFactory().get("/een-pagina/"))
    assert response["Cache-Control"] == "private, no-store"


def test_errors_and_posts_are_left_alone(client):
    assert "Cache-Control" not in client.get("/kennis/bestaat-niet/")
    response = client.post("/api/check", data="{}", content_type="application/json")
    assert "public" not in response.get("Cache-Control", "")


def test_publishing_a_change_changes_the_etag(client, django_capture_on_commit_callbacks):
    before = client.get(ITEM)
    chief = Client()
    chief.force_login(editor("eindredacteur"))
    page = chief.get(f"/redactie/items/{ITEM.split('/')[2]}/?weergave=bron").content.decode()
    import html

    document = html.unescape(
        re.search(r'<textarea id="document"[^>]*>(.*?)</textarea>', page, re.S).group(1)
    )
    base = re.search(r'name="base" value="(\d+)"', page).group(1)
    changed = re.sub(r"(?m)^title: .*$", "title: RVB-flexwoningen gewijzigd", document, count=1)
    chief.post(ITEM.replace("/kennis/", "/redactie/items/"), {"document": changed, "base": base})
    with django_capture_on_commit_callbacks(execute=True):
        chief.post(f"{ITEM.replace('/kennis/', '/redactie/items/')}workflow/",
                   {"action": "publish-change"})  # fmt: skip
    assert Item.objects.get(slug="rvb-flexwoningen").title == "RVB-flexwoningen gewijzigd"
    after = client.get(ITEM, headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200  # the old ETag no longer matches: the new page comes back
    assert after["ETag"] != before["ETag"]
    assert "RVB-flexwoningen gewijzigd" in after.content.decode()


def test_health_is_never_cached(client):
    response = client.get("/healthz")
    assert response["Cache-Control"] == "no-store" and "ETag" not in response
