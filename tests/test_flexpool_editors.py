"""The flexpool's back office: who may see and do what, the queue with live matches, the
request's states (nieuw → gematcht → bevestigd; → afgewezen with a reason), the log, the
requester's mail after commit, and the profiles editors keep."""

import logging
from datetime import date

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache

from kenniscentrum.core import dates
from kenniscentrum.flexpool import workflow
from kenniscentrum.flexpool.models import FlexRequest, Profile, RequestLogEntry

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 1)


@pytest.fixture(autouse=True)
def _pinned_today(monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: TODAY)
    monkeypatch.delenv("KC_FLEXPOOL_RETENTION_DAYS", raising=False)  # the default, 365 days
    cache.clear()


def editor(role: str, name: str | None = None) -> User:
    user = User.objects.create_user(
        name or f"{role}-flexpool",
        password="x",
        is_staff=True,
        first_name="Els",
        last_name=role.capitalize(),
    )
    user.groups.add(Group.objects.get(name=role))
    return User.objects.get(pk=user.pk)


def make_profile(**fields) -> Profile:
    values = {
        "name": "Anna Projectleider",
        "expertise": ["flexwonen"],
        "provinces": ["utrecht"],
        "available_from": date(2026, 1, 1),
        "available_until": date(2026, 12, 31),
        **fields,
    }
    return Profile.objects.create(**values)


def make_request(**fields) -> FlexRequest:
    data = {
        "gemeente": "Testgemeente",
        "province": "utrecht",
        "need": "Hulp bij flexwonen.",
        "expertise": ["flexwonen"],
        "period_from": date(2026, 3, 1),
        "period_until": date(2026, 6, 30),
        "contact_name": "Test Aanvrager",
        "contact_email": "aanvrager@testgemeente.example",
        **fields,
    }
    return workflow.create_request(data)


@pytest.fixture
def redacteur():
    return editor("redacteur")


@pytest.fixture
def eindredacteur():
    return editor("eindredacteur")


# Permissions


EDITOR_PAGES = [
    "/redactie/flexpool/",
    "/redactie/flexpool/profielen/",
    "/redactie/flexpool/profielen/nieuw/",
]


def test_anonymous_visitors_go_to_the_login(client):
    flex_request = make_request()
    profile = make_profile()
    for url in [
        *EDITOR_PAGES,
        f"/redactie/flexpool/aanvragen/{flex_request.pk}/",
        f"/redactie/flexpool/profielen/{profile.pk}/",
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "/redactie/inloggen/" in response["Location"], url
    response = client.post(
        f"/redactie/flexpool/aanvragen/{flex_request.pk}/", {"action": "decline", "reason": "x"}
    )
    assert response.status_code == 302
    assert FlexRequest.objects.get().status == "nieuw"


def test_a_user_who_is_no_editor_gets_403(client):
    flex_request = make_request()
    client.force_login(User.objects.create_user("bezoeker", password="x"))
    for url in [*EDITOR_PAGES, f"/redactie/flexpool/aanvragen/{flex_request.pk}/"]:
        assert client.get(url).status_code == 403, url
    response = client.post(
        f"/redactie/flexpool/aanvragen/{flex_request.pk}/", {"action": "decline", "reason": "x"}
    )
    assert response.status_code == 403
    assert FlexRequest.objects.get().status == "nieuw"


def test_an_editor_without_the_flexpool_permissions_gets_403(client):
    user = User.objects.create_user("schrijver", password="x")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="change_item"))
    client.force_login(user)
    assert client.get("/redactie/flexpool/").status_code == 403


def test_roles_get_the_flexpool_permissions():
    redacteur, eindredacteur = editor("redacteur"), editor("eindredacteur")
    for user in (redacteur, eindredacteur):
        assert user.has_perms(
            [
                "flexpool.view_profile",
                "flexpool.add_profile",
                "flexpool.change_profile",
                "flexpool.view_flexrequest",
                "flexpool.change_flexrequest",
                "flexpool.view_requestlogentry",
            ]
        )
        assert not user.has_perm("flexpool.change_requestlogentry")
    assert not redacteur.has_perm("flexpool.delete_profile")
    assert not redacteur.has_perm("flexpool.delete_flexrequest")
    assert eindredacteur.has_perm("flexpool.delete_profile")
    assert eindredacteur.has_perm("flexpool.delete_flexrequest")


# The queue


def test_queue_lists_open_requests_oldest_first_with_live_matches(client, redacteur):
    first = make_request(gemeente="Eerste gemeente")
    second = make_request(gemeente="Tweede gemeente", expertise=["grote-gezinnen"])
    closed = make_request(gemeente="Afgewezen gemeente")
    workflow.transition(closed, "decline", redacteur, reason="Geen capaciteit.")
    make_profile(name="Anna Projectleider")
    client.force_login(redacteur)
    response = client.get("/redactie/flexpool/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<meta name="robots" content="noindex, nofollow">' in body
    assert 'class="kc-backoffice"' in body and '<span aria-current="page">Flexpool</span>' in body
    assert body.index(first.reference) < body.index(second.reference)
    assert "Anna Projectleider" in body and "deskundig in flexwonen" in body
    assert "Geen passend profiel" in body  # the second asks for grote gezinnen
    open_part = body.split('id="afgerond-titel"')[0]
    assert closed.reference not in open_part and closed.reference in body
    assert 'class="kc-table-wrap" role="region"' in body
    assert "private" in response["Cache-Control"]


# Transitions


def test_match_confirm_logs_and_mails_after_commit(
    client, redacteur, mailoutbox, django_capture_on_commit_callbacks
):
    flex_request = make_request()
    hidden = make_profile(name="Anna Verborgen", organisation="Bureau Verborgen")
    client.force_login(redacteur)
    url = f"/redactie/flexpool/aanvragen/{flex_request.pk}/"
    page = client.get(url).content.decode()
    assert "Anna Verborgen" in page and "Test Aanvrager" in page  # editors see both
    response = client.post(url, {"action": "match", "profile": hidden.pk})
    assert response.status_code == 302
    flex_request.refresh_from_db()
    assert flex_request.status == "gematcht" and flex_request.matched_profile == hidden
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "confirm", "reason": "We bellen u deze week."})
    assert response.status_code == 302
    flex_request.refresh_from_db()
    assert flex_request.status == "bevestigd" and flex_request.closed_on == TODAY
    log = list(
        RequestLogEntry.objects.filter(request=flex_request).values_list(
            "action", "from_status", "to_status", "user__username"
        )
    )
    assert log == [
        ("submit", "", "nieuw", None),
        ("match", "nieuw", "gematcht", "redacteur-flexpool"),
        ("confirm", "gematcht", "bevestigd", "redacteur-flexpool"),
    ]
    [mail] = mailoutbox
    assert mail.to == ["aanvrager@testgemeente.example"] and not mail.cc and not mail.bcc
    assert mail.from_email == "redactie@localhost"
    assert mail.subject == f"Uw flexpoolaanvraag {flex_request.reference} is bevestigd"
    assert "Beste Test Aanvrager," in mail.body and "We bellen u deze week." in mail.body
    assert "Projectleider: Projectleider (naam niet openbaar)" in mail.body
    assert "Anna Verborgen" not in mail.body and "Bureau Verborgen" not in mail.body
    assert "verwijderen we vanaf 1 maart 2027" in mail.body
    assert mail.content_subtype == "plain"
    page = client.get(url).content.decode()
    assert "Deze aanvraag is afgerond" in page and "Bevestigd" in page


def test_decline_needs_a_reason_with_a_dutch_error(
    client, eindredacteur, mailoutbox, django_capture_on_commit_callbacks
):
    flex_request = make_request()
    client.force_login(eindredacteur)
    url = f"/redactie/flexpool/aanvragen/{flex_request.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "decline", "reason": "   \n "})
    body = response.content.decode()
    assert response.status_code == 400
    assert "kc-error-summary" in body and 'href="#reden-decline"' in body
    assert "Geef een reden op bij &#x27;Afwijzen&#x27;" in body
    assert FlexRequest.objects.get().status == "nieuw" and mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "decline", "reason": "Niemand beschikbaar."})
    assert response.status_code == 302
    flex_request.refresh_from_db()
    assert flex_request.status == "afgewezen" and flex_request.closed_on == TODAY
    entry = RequestLogEntry.objects.get(request=flex_request, action="decline")
    assert entry.reason == "Niemand beschikbaar." and entry.user == eindredacteur
    [mail] = mailoutbox
    assert mail.subject.endswith("is afgewezen") and "Reden:\nNiemand beschikbaar." in mail.body
    assert "http://testserver/flexpool/aanvragen/" in mail.body


def test_states_that_do_not_allow_a_step(redacteur):
    flex_request = make_request()
    with pytest.raises(workflow.InvalidTransition, match="kan niet vanuit de status 'Nieuw'"):
        workflow.transition(flex_request, "confirm", redacteur)
    workflow.transition(flex_request, "decline", redacteur, reason="Nee.")
    for action, extra in (
        ("match", {"profile": make_profile()}),
        ("decline", {"reason": "x"}),
        ("confirm", {}),
    ):
        with pytest.raises(workflow.InvalidTransition):
            workflow.transition(flex_request, action, redacteur, **extra)
    with pytest.raises(workflow.InvalidTransition, match="Onbekende handeling"):
        workflow.transition(flex_request, "publish", redacteur)
    assert FlexRequest.objects.get().status == "afgewezen"


def test_two_editors_on_one_request_cannot_both_close_it(redacteur, eindredacteur, mailoutbox):
    flex_request = make_request()
    seen_by_one = FlexRequest.objects.get(pk=flex_request.pk)
    seen_by_other = FlexRequest.objects.get(pk=flex_request.pk)
    workflow.transition(seen_by_one, "decline", redacteur, reason="Geen capaciteit.")
    with pytest.raises(workflow.InvalidTransition, match="Afgewezen"):
        workflow.transition(seen_by_other, "decline", eindredacteur, reason="Ook nee.")
    assert RequestLogEntry.objects.filter(action="decline").count() == 1


def test_match_needs_an_active_profile_and_may_pick_any(client, redacteur):
    flex_request = make_request(expertise=["grote-gezinnen"])
    other = make_profile(name="Geen match", expertise=["flexwonen"])
    inactive = make_profile(name="Inactief", active=False)
    client.force_login(redacteur)
    url = f"/redactie/flexpool/aanvragen/{flex_request.pk}/"
    page = client.get(url).content.decode()
    assert "Geen match" in page and "Inactief" not in page
    for value in ("", "abc", str(inactive.pk), "999999"):
        response = client.post(url, {"action": "match", "profile": value})
        assert response.status_code == 400
        assert "kc-error-summary" in response.content.decode()
    assert client.post(url, {"action": "match", "profile": other.pk}).status_code == 302
    assert FlexRequest.objects.get().matched_profile == other


def test_only_holders_of_the_permission_may_take_steps():
    flex_request = make_request()
    reader = User.objects.create_user("lezer", password="x")
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        workflow.transition(flex_request, "decline", reader, reason="x")


def test_hostile_posts_to_the_detail_page_never_give_a_500(client, redacteur):
    flex_request = make_request()
    client.force_login(redacteur)
    url = f"/redactie/flexpool/aanvragen/{flex_request.pk}/"
    for data in (
        {},
        {"action": "x" * 5000},
        {"action": "decline", "reason": "x" * 1001},
        {"action": "match", "profile": ["1", "2"]},
        {"action": "decline", "reason": "\x00"},
    ):
        assert client.post(url, data).status_code == 400
    assert client.get("/redactie/flexpool/aanvragen/999999/").status_code == 404
    assert FlexRequest.objects.get().status == "nieuw"


def test_a_failing_mail_server_is_logged_and_the_step_stays(
    redacteur, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    from kenniscentrum.flexpool import mails

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(mails, "get_connection", broken)
    flex_request = make_request()
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        workflow.transition(flex_request, "decline", redacteur, reason="Geen capaciteit.")
    assert FlexRequest.objects.get().status == "afgewezen"
    assert "niet verstuurd" in caplog.text


def test_no_mail_when_the_transaction_rolls_back(redacteur, mailoutbox):
    from django.db import transaction

    flex_request = make_request()

    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        workflow.transition(flex_request, "decline", redacteur, reason="x")
        raise Abort
    assert FlexRequest.objects.get().status == "nieuw" and mailoutbox == []


# Profiles


def profile_post(**overrides):
    return {
        "name": "Nieuwe Projectleider",
        "organisation": "Bureau",
        "expertise": ["flexwonen", "transformatie"],
        "provinces": ["utrecht"],
        "available_from": "2026-03-01",
        "available_until": "2026-12-31",
        "description": "",
        "contact_route": "Via de redactie",
        "contact_route_public": "on",
        "active": "on",
        **overrides,
    }


def test_editor_creates_and_edits_a_profile(client, redacteur):
    client.force_login(redacteur)
    page = client.get("/redactie/flexpool/profielen/nieuw/").content.decode()
    assert "<legend>Expertise</legend>" in page and page.count('type="date"') == 2
    assert "Profiel verwijderen" not in page
    response = client.post("/redactie/flexpool/profielen/nieuw/", profile_post())
    assert response.status_code == 302
    profile = Profile.objects.get()
    assert profile.expertise == ["flexwonen", "transformatie"] and profile.contact_route_public
    assert not profile.name_public and not profile.organisation_public  # private by default
    response = client.post(
        f"/redactie/flexpool/profielen/{profile.pk}/", profile_post(name="Andere Naam", active="")
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.name == "Andere Naam" and not profile.active
    listing = client.get("/redactie/flexpool/profielen/").content.decode()
    assert "Andere Naam" in listing and 'class="kc-table-wrap"' in listing


@pytest.mark.parametrize(
    ("overrides", "anchor", "message"),
    [
        ({"available_until": "2026-02-01"}, "id_available_until", "vóór"),
        ({"available_from": "geen datum"}, "id_available_from", "Geef een datum zoals"),
        ({"expertise": []}, "id_expertise_0", "Kies ten minste één expertise."),
        ({"provinces": []}, "id_provinces_0", "heel Nederland"),
        ({"provinces": ["atlantis"]}, "id_provinces_0", "Kies uit de lijst."),
        ({"name": ""}, "id_name", "Vul de naam in."),
    ],
)
def test_profile_form_errors_are_dutch_and_summarised(
    client, redacteur, overrides, anchor, message
):
    client.force_login(redacteur)
    response = client.post("/redactie/flexpool/profielen/nieuw/", profile_post(**overrides))
    body = response.content.decode()
    assert response.status_code == 400
    assert "kc-error-summary" in body and f'href="#{anchor}"' in body and message in body
    assert Profile.objects.count() == 0


def test_all_provinces_replaces_the_province_list(client, redacteur):
    client.force_login(redacteur)
    data = profile_post(provinces=[], all_provinces="on")
    assert client.post("/redactie/flexpool/profielen/nieuw/", data).status_code == 302
    assert Profile.objects.get().all_provinces


def test_only_an_eindredacteur_deletes_a_profile(client, redacteur, eindredacteur):
    profile = make_profile()
    flex_request = make_request()
    workflow.transition(flex_request, "match", redacteur, profile=profile)
    url = f"/redactie/flexpool/profielen/{profile.pk}/verwijderen/"
    client.force_login(redacteur)
    assert client.post(url, {"confirm": "ja"}).status_code == 403
    client.force_login(eindredacteur)
    page = client.get(f"/redactie/flexpool/profielen/{profile.pk}/").content.decode()
    assert "Profiel verwijderen" in page
    assert client.post(url, {}).status_code == 302  # not confirmed: nothing happens
    assert Profile.objects.filter(pk=profile.pk).exists()
    assert client.get(url).status_code == 405
    assert client.post(url, {"confirm": "ja"}).status_code == 302
    assert not Profile.objects.filter(pk=profile.pk).exists()
    flex_request.refresh_from_db()
    assert flex_request.matched_profile is None and flex_request.status == "gematcht"


def test_admin_registers_the_models():
    from django.contrib import admin

    assert {Profile, FlexRequest, RequestLogEntry} <= set(admin.site._registry)


def test_admin_pages_work_for_an_eindredacteur(client, eindredacteur):
    flex_request = make_request()
    profile = make_profile()
    client.force_login(eindredacteur)
    assert client.get("/beheer/flexpool/profile/").status_code == 200
    assert client.get(f"/beheer/flexpool/profile/{profile.pk}/change/").status_code == 200
    assert client.get(f"/beheer/flexpool/flexrequest/{flex_request.pk}/change/").status_code == 200
    assert client.get("/beheer/flexpool/flexrequest/add/").status_code == 403
