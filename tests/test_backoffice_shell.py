"""The back office's shell: its own Dutch login, logout, password change, and who is logged in."""

import re

import pytest
from django.contrib.auth.models import Group, User

pytestmark = pytest.mark.django_db
PASSWORD = "een-lang-Wachtwoord-2026"


def editor(role: str) -> User:
    user = User.objects.create_user(
        f"{role}-shell", password=PASSWORD, is_staff=True, first_name="Sanne", last_name="Jansen"
    )
    user.groups.add(Group.objects.get(name=role))
    return User.objects.get(pk=user.pk)


def test_login_page_is_in_the_sites_look_and_dutch(client):
    html = client.get("/redactie/inloggen/").content.decode()
    assert "Kenniscentrum huisvesting statushouders" in html  # the site's header
    assert "<h1>Inloggen voor de redactie</h1>" in html
    assert 'for="id_username">Gebruikersnaam<' in html and 'for="id_password">Wachtwoord<' in html
    assert "Django" not in html and "django-admin" not in html
    assert "minstens" not in html  # the login says nothing about password rules


def test_anonymous_editor_pages_go_to_the_new_login(client):
    for path in ["/redactie/", "/redactie/nieuw/", "/redactie/links/", "/redactie/wachtwoord/"]:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(f"/redactie/inloggen/?next={path}")


def test_admin_keeps_its_own_login(client):
    response = client.get("/beheer/")
    assert response.status_code == 302 and response["Location"].startswith("/beheer/login/")
    assert client.get("/beheer/login/").status_code == 200


def test_wrong_password_shows_a_dutch_error_summary(client):
    user = editor("redacteur")
    response = client.post("/redactie/inloggen/", {"username": user.username, "password": "fout"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="kc-error-summary" role="alert"' in html
    assert "Inloggen is niet gelukt" in html
    assert "De combinatie van gebruikersnaam en wachtwoord klopt niet" in html
    assert "<title>Fout: " in html
    assert "_auth_user_id" not in client.session


def test_empty_fields_are_named_in_dutch(client):
    html = client.post("/redactie/inloggen/", {"username": "", "password": ""}).content.decode()
    assert "Vul uw gebruikersnaam in." in html and "Vul uw wachtwoord in." in html


def test_login_goes_to_next_and_shows_who_is_logged_in(client):
    user = editor("redacteur")
    response = client.post(
        "/redactie/inloggen/?next=/redactie/nieuw/",
        {"username": user.username, "password": PASSWORD, "next": "/redactie/nieuw/"},
    )
    assert response.status_code == 302 and response["Location"] == "/redactie/nieuw/"
    html = client.get("/redactie/nieuw/").content.decode()
    assert "Ingelogd als <strong>Sanne Jansen</strong> (redacteur)" in html
    assert 'action="/redactie/uitloggen/"' in html and ">Uitloggen</button>" in html


def test_login_to_another_site_is_refused(client):
    user = editor("redacteur")
    response = client.post(
        "/redactie/inloggen/",
        {"username": user.username, "password": PASSWORD, "next": "https://example.org/"},
    )
    assert response["Location"] == "/redactie/"


def test_locked_out_after_too_many_failures_in_dutch(client):
    user = editor("redacteur")
    for _ in range(5):
        client.post("/redactie/inloggen/", {"username": user.username, "password": "fout"})
    response = client.post("/redactie/inloggen/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "Inloggen is tijdelijk geblokkeerd" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "role, shown", [("redacteur", "redacteur"), ("eindredacteur", "eindredacteur")]
)
def test_every_editor_page_has_the_shell(client, role, shown):
    client.force_login(editor(role))
    pages = [
        "/redactie/", "/redactie/nieuw/", "/redactie/items/pilot-grote-gezinnen/",
        "/redactie/items/pilot-grote-gezinnen/versies/", "/redactie/zoekvragen/",
        "/redactie/feedback/", "/redactie/links/", "/redactie/wachtwoord/",
    ]  # fmt: skip
    for path in pages:
        html = client.get(path).content.decode()
        assert re.search(rf"Ingelogd als <strong>Sanne Jansen</strong> \({shown}\)", html), path
        assert html.count('aria-label="Redactiemenu"') == 1, path
        nav = re.search(r'aria-label="Redactiemenu">(.*?)</nav>', html, re.S).group(1)
        for label in ["Items en mijn werk", "Zoekvragen", "Feedback", "Wachtwoord wijzigen"]:
            assert f">{label}</a>" in nav, (path, label)
        assert ">Uitloggen</button>" in html, path


def test_superuser_is_called_beheerder(client):
    client.force_login(User.objects.create_superuser("baas", password=PASSWORD))
    assert (
        "Ingelogd als <strong>baas</strong> (beheerder)"
        in client.get("/redactie/").content.decode()
    )


def test_logout_is_post_only_and_confirms_in_dutch(client):
    client.force_login(editor("redacteur"))
    assert client.get("/redactie/uitloggen/").status_code == 405
    response = client.post("/redactie/uitloggen/")
    assert response.status_code == 302 and response["Location"] == "/redactie/inloggen/"
    assert "_auth_user_id" not in client.session
    assert "U bent uitgelogd." in client.get("/redactie/inloggen/").content.decode()
    assert client.get("/redactie/").status_code == 302


def test_password_page_lists_the_rules_in_dutch(client):
    user = editor("redacteur")
    client.force_login(user)
    html = client.get("/redactie/wachtwoord/").content.decode()
    assert "<h1>Wachtwoord wijzigen</h1>" in html
    for rule in [
        "minstens 8 tekens",
        "lijkt niet op uw gebruikersnaam",
        "geen veelgebruikt wachtwoord",
        "niet alleen uit cijfers",
    ]:
        assert rule in html, rule
    assert "Huidig wachtwoord" in html and "Herhaal het nieuwe wachtwoord" in html


def test_password_change_refuses_a_weak_one_and_accepts_a_good_one(client):
    user = editor("redacteur")
    client.force_login(user)
    weak = client.post(
        "/redactie/wachtwoord/",
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert weak.status_code == 200 and 'class="kc-error-summary"' in weak.content.decode()
    wrong = client.post(
        "/redactie/wachtwoord/",
        {"old_password": "fout", "new_password1": "x", "new_password2": "x"},
    ).content.decode()
    assert "Uw huidige wachtwoord klopt niet" in wrong
    new = "zomer-aan-zee-met-de-fiets"
    response = client.post(
        "/redactie/wachtwoord/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302 and response["Location"] == "/redactie/"
    assert "_auth_user_id" in client.session  # still logged in (session hash updated)
    assert "Uw wachtwoord is gewijzigd." in client.get("/redactie/").content.decode()
    user.refresh_from_db()
    assert user.check_password(new)
