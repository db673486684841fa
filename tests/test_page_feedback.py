"""Page feedback: counted per page and day, no personal data, hard to flood, cache-friendly."""

import textwrap

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.db import models
from django.test import Client

from kenniscentrum.core.dates import today
from kenniscentrum.feedback import rate_limit, rules
from kenniscentrum.feedback.models import PageComment, PageFeedbackDay
from tests.helpers import run_python, run_together, site_on_disk

pytestmark = pytest.mark.django_db

ITEM = "/kennis/rvb-flexwoningen/"
SECTION = "/rapport/3-2/"
URL = "/feedback/"


@pytest.fixture(autouse=True)
def _empty_rate_limit():
    """The rate limit lives in the process's cache; every test starts with a clean one."""
    cache.clear()
    yield
    cache.clear()


def post(client, path=ITEM, answer="ja", text="", **headers):
    return client.post(URL, {"pagina": path, "nuttig": answer, "toelichting": text}, **headers)


def counts(path=ITEM):
    row = PageFeedbackDay.objects.filter(path=path, day=today()).first()
    return (row.useful, row.not_useful) if row else (0, 0)


def editor(role: str) -> User:
    user = User.objects.create_user(f"{role}-feedback", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return User.objects.get(pk=user.pk)


def test_yes_and_no_increment_the_page_and_day(client):
    response = post(client, answer="ja")
    assert response.status_code == 303
    assert response["Location"] == ITEM + "?feedback=bedankt#feedback"
    post(client, answer="nee")
    post(client, answer="nee")
    post(client, SECTION, answer="ja")
    assert counts() == (1, 2)
    assert counts(SECTION) == (1, 0)
    assert PageComment.objects.count() == 0


def test_thank_you_replaces_the_form_and_the_page_stays_public(client, settings):
    response = client.get(ITEM + "?feedback=bedankt")
    html = response.content.decode()
    assert "Bedankt voor uw reactie" in html and 'action="/feedback/"' not in html
    assert response["Cache-Control"] == f"public, max-age={settings.HTTP_CACHE_MAX_AGE}"
    assert not response.cookies


def test_nothing_personal_is_stored(client):
    post(client, answer="nee", text="Ik mis de bedragen.", REMOTE_ADDR="203.0.113.7")
    for model in (PageFeedbackDay, PageComment):
        names = {f.name for f in model._meta.get_fields()}
        assert not names & {"ip", "ip_address", "address", "user", "created", "session"}
        assert not any(
            isinstance(f, models.GenericIPAddressField)
            or (f.is_relation and f.related_model is User)
            for f in model._meta.get_fields()
        )
        for row in model.objects.values():
            assert "203.0.113.7" not in str(row)
    assert PageComment.objects.get().text == "Ik mis de bedragen."
    assert "203.0.113.7" not in str(cache._cache)  # the rate limit keeps a keyed hash only


def test_text_is_stripped_and_length_limited(client):
    post(client, answer="nee", text="  \r\n Te weinig voorbeelden.\x00 \n ")
    assert PageComment.objects.get().text == "Te weinig voorbeelden."
    response = post(client, answer="nee", text="x" * (rules.MAX_TEXT_CHARS + 1))
    assert response.status_code == 400
    assert "maximaal 500 tekens" in response.content.decode()
    assert PageComment.objects.count() == 1 and counts() == (0, 1)
    assert post(client, answer="ja", text="y" * rules.MAX_TEXT_CHARS).status_code == 303
    assert len(PageComment.objects.order_by("-id").first().text) == rules.MAX_TEXT_CHARS


def test_no_choice_shows_an_error_summary_with_the_form_again(client):
    response = post(client, answer="", text="Mijn toelichting")
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="kc-error-summary"' in html and 'href="#feedback-nuttig"' in html
    assert "Kies Ja of Nee." in html and "Mijn toelichting" in html
    assert f'name="pagina" value="{ITEM}"' in html
    assert not PageFeedbackDay.objects.exists() and not PageComment.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        "/kennis/bestaat-niet/",
        "/zoeken/",
        "/redactie/",
        "/check/",
        "https://elders.example/kennis/rvb-flexwoningen/",
        "//elders.example/kennis/rvb-flexwoningen/",
        "/kennis/rvb-flexwoningen/?x=1",
        "",
        "/" + "a" * 5000,
    ],
)
def test_unknown_page_is_refused_and_nothing_written(client, path):
    response = post(client, path)
    assert response.status_code == 400
    assert "niet bij een pagina van deze website" in response.content.decode()
    assert not PageFeedbackDay.objects.exists()


def test_a_concept_item_takes_no_feedback(client):
    from kenniscentrum.knowledge.models import Item

    Item.objects.filter(slug="rvb-flexwoningen").update(status="concept")
    assert post(client).status_code == 400
    assert not PageFeedbackDay.objects.exists()


def test_get_is_not_allowed(client):
    response = client.get(URL)
    assert response.status_code == 405 and response["Allow"] == "POST"
    assert "alleen" in response.content.decode()


def test_other_site_origin_is_refused_own_origin_accepted(client):
    response = post(client, HTTP_ORIGIN="https://elders.example")
    assert response.status_code == 403 and counts() == (0, 0)
    assert post(client, HTTP_ORIGIN="null").status_code == 403
    assert post(client, HTTP_REFERER="https://elders.example/pagina/").status_code == 403
    assert post(client, HTTP_ORIGIN="http://testserver").status_code == 303
    assert post(client, HTTP_REFERER="http://testserver" + ITEM).status_code == 303
    assert counts() == (2, 0)


def test_large_body_is_refused(client):
    response = client.post(URL, "a=" + "x" * 9000, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert not PageFeedbackDay.objects.exists()


def test_flooding_gets_429_and_another_client_is_still_accepted(client):
    for _ in range(rate_limit.LIMIT):
        assert post(client, text="tekst").status_code == 303
    response = post(client, text="tekst")
    assert response.status_code == 429
    assert "probeer het over een uur opnieuw" in response.content.decode()
    assert counts() == (rate_limit.LIMIT, 0)
    assert PageComment.objects.count() == rate_limit.LIMIT
    assert post(client, REMOTE_ADDR="198.51.100.20").status_code == 303
    assert counts() == (rate_limit.LIMIT + 1, 0)


def test_rate_limit_uses_the_proxys_client_address(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(rate_limit.LIMIT):
        post(client, HTTP_X_FORWARDED_FOR="192.0.2.1")
    assert post(client, HTTP_X_FORWARDED_FOR="192.0.2.1").status_code == 429
    assert post(client, HTTP_X_FORWARDED_FOR="192.0.2.2").status_code == 303


def test_comments_per_page_per_day_are_capped_counts_go_on():
    for number in range(rules.MAX_COMMENTS_PER_PAGE_PER_DAY + 5):
        stored = rules.record(ITEM, False, f"toelichting {number}")
        assert stored == (number < rules.MAX_COMMENTS_PER_PAGE_PER_DAY)
    assert counts() == (0, rules.MAX_COMMENTS_PER_PAGE_PER_DAY + 5)
    assert PageComment.objects.filter(path=ITEM).count() == rules.MAX_COMMENTS_PER_PAGE_PER_DAY
    assert rules.record(SECTION, True, "op een andere pagina mag het nog")


def test_old_feedback_is_pruned_on_a_new_day():
    from datetime import timedelta

    old = today() - timedelta(days=rules.COMMENT_RETENTION_DAYS + 1)
    rules.record(ITEM, True, "oud", day=old)
    rules.record(ITEM, True, "nieuw")
    assert list(PageComment.objects.values_list("text", flat=True)) == ["nieuw"]
    assert PageFeedbackDay.objects.filter(day=old).exists()  # counts are kept longer


RECORD_MANY = textwrap.dedent(
    """
    import sys, django
    django.setup()
    from kenniscentrum.feedback import rules
    for number in range(int(sys.argv[1])):
        rules.record("/kennis/rvb-flexwoningen/", number % 2 == 0, f"tekst {number}")
    """
)
COUNTS = textwrap.dedent(
    """
    import django
    django.setup()
    from kenniscentrum.feedback.models import PageComment, PageFeedbackDay
    row = PageFeedbackDay.objects.get()
    print(row.useful, row.not_useful, row.comments, PageComment.objects.count())
    """
)


def test_concurrent_posts_from_several_processes_lose_no_count(tmp_path):
    env = site_on_disk(tmp_path)
    run_together(env, RECORD_MANY, [["30"]] * 4)
    useful, not_useful, comments, stored = map(int, run_python(env, COUNTS).split())
    assert (useful, not_useful) == (60, 60)
    assert comments == stored == rules.MAX_COMMENTS_PER_PAGE_PER_DAY


def test_form_is_on_content_pages_and_not_on_search(client):
    for path in (ITEM, SECTION, "/themas/flexwonen/", "/cijfers/", "/regelingen/vergelijken/"):
        html = client.get(path).content.decode()
        assert 'action="/feedback/"' in html, path
        assert "<legend>Was deze pagina nuttig?</legend>" in html
        assert f'name="pagina" value="{path}"' in html
        assert 'for="feedback-toelichting"' in html and "persoonsgegevens" in html
        assert "csrfmiddlewaretoken" not in html
    for path in ("/zoeken/?q=flexwonen", "/check/", "/"):
        assert 'action="/feedback/"' not in client.get(path).content.decode(), path


def test_no_cookie_anywhere_and_content_pages_stay_public(client, settings):
    page = client.get(ITEM)
    assert page["Cache-Control"] == f"public, max-age={settings.HTTP_CACHE_MAX_AGE}"
    assert not page.cookies
    for response in (post(client), post(client, answer=""), post(client, "/nergens/")):
        assert not response.cookies and "Set-Cookie" not in response
    assert not client.cookies


def test_editors_see_counts_and_comments():
    Client().post(URL, {"pagina": ITEM, "nuttig": "nee", "toelichting": "Mis <b>voorbeelden</b>"})
    client = Client()
    client.force_login(editor("redacteur"))
    response = client.get("/redactie/feedback/")
    html = response.content.decode()
    assert response.status_code == 200
    assert ITEM in html and "Mis &lt;b&gt;voorbeelden&lt;/b&gt;" in html
    assert response["Cache-Control"] == "private, no-store"
    assert 'href="/redactie/feedback/"' in client.get("/redactie/").content.decode()
    assert 'href="/redactie/feedback/"' in client.get("/redactie/zoekvragen/").content.decode()


def test_anonymous_users_are_sent_to_login(client):
    response = client.get("/redactie/feedback/")
    assert response.status_code == 302 and "/redactie/inloggen/" in response["Location"]


def test_eindredacteur_can_delete_a_comment_in_the_admin_redacteur_only_read():
    chief, writer = editor("eindredacteur"), editor("redacteur")
    assert chief.has_perm("feedback.delete_pagecomment")
    assert writer.has_perm("feedback.view_pagecomment")
    assert not writer.has_perm("feedback.delete_pagecomment")
    assert not chief.has_perm("feedback.change_pagecomment")
    rules.record(ITEM, False, "Bel mij op 06-12345678")
    comment = PageComment.objects.get()
    client = Client()
    client.force_login(chief)
    url = f"/beheer/feedback/pagecomment/{comment.pk}/delete/"
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not PageComment.objects.exists() and counts() == (0, 1)
