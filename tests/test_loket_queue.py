"""The editors' vraagbaak (/redactie/vraagbaak/): who may see it, the order of the queue, and
assigning, answering and closing questions, each logged and mailed once after commit."""

import logging
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User

from kenniscentrum.core.dates import today
from kenniscentrum.loket import handling, mail
from kenniscentrum.loket.models import Question, QuestionEvent
from kenniscentrum.loket.vocabulary import State
from tests.loket_helpers import editor, question

pytestmark = pytest.mark.django_db

QUEUE = "/redactie/vraagbaak/"


@pytest.fixture
def anna():
    return editor("redacteur", "anna", first_name="Anna", last_name="de Vries")


@pytest.fixture
def bert():
    return editor("eindredacteur", "bert", first_name="Bert", last_name="Jansen")


def detail(reference: str) -> str:
    return f"{QUEUE}{reference}/"


def references_in_order(html: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="/redactie/vraagbaak/([^/]+)/">', html)


def test_anonymous_visitors_go_to_the_login_and_others_get_403(client):
    asked = question()
    for url in (QUEUE, f"{QUEUE}cijfers/", detail(asked.reference),
                f"{detail(asked.reference)}vraag-en-antwoord/"):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(
            "/redactie/inloggen/"
        ), url
    response = client.post(detail(asked.reference), {"actie": "beantwoorden", "stap": "versturen",
                                                     "beantwoorden-tekst": "Nee."})  # fmt: skip
    assert response.status_code == 302
    client.force_login(User.objects.create_user("bezoeker", password="x"))
    for url in (QUEUE, f"{QUEUE}cijfers/", detail(asked.reference)):
        assert client.get(url).status_code == 403, url
    assert Question.objects.get().status == State.OPEN


def test_both_roles_may_handle_questions(client, anna, bert):
    for user in (anna, bert):
        assert user.has_perms(["loket.view_question", "loket.change_question"])
    assert bert.has_perm("loket.delete_question") and not anna.has_perm("loket.delete_question")
    client.force_login(anna)
    response = client.get(QUEUE)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert 'class="kc-backoffice"' in html and '<span aria-current="page">Vraagbaak</span>' in html
    assert "private" in response["Cache-Control"]


def test_overdue_first_then_open_by_promised_date_then_closed(client, anna):
    on = today()
    late = question("Lang te laat", days_ago=30)
    later = question("Net te laat", days_ago=20)
    Question.objects.filter(pk=late.pk).update(promised_on=on - timedelta(days=10))
    Question.objects.filter(pk=later.pk).update(promised_on=on - timedelta(days=1))
    due_today = question("Vandaag beloofd", promised_on=on)
    due_soon = question("Morgen beloofd", promised_on=on + timedelta(days=1))
    due_later = question("Later beloofd", promised_on=on + timedelta(days=6))
    closed_early = question("Al lang klaar", days_ago=9)
    closed_late = question("Net klaar", days_ago=8)
    handling.close(closed_early, State.ANSWERED, "Ja.", anna, now=closed_early.submitted_at)
    handling.close(closed_late, State.OUT_OF_SCOPE, "Nee.", anna)
    client.force_login(anna)
    html = client.get(QUEUE).content.decode()
    assert references_in_order(html) == [
        q.reference
        for q in (late, later, due_today, due_soon, due_later, closed_late, closed_early)
    ]
    assert html.count('class="kc-loket-overdue">Te laat<') == 2
    assert "7 open vragen, waarvan 2 te laat" not in html and "5 open vragen" in html
    only_late = client.get(QUEUE + "?status=te-laat").content.decode()
    assert references_in_order(only_late) == [late.reference, later.reference]
    closed = client.get(QUEUE + "?status=afgehandeld").content.decode()
    assert references_in_order(closed) == [closed_late.reference, closed_early.reference]


def test_filters_assigned_to_me_and_an_unknown_status(client, anna, bert):
    mine = question("Van mij")
    question("Van niemand")
    handling.assign(mine, anna, bert)
    client.force_login(anna)
    assert references_in_order(client.get(QUEUE + "?mijn=1").content.decode()) == [mine.reference]
    html = client.get(QUEUE + "?status=%00bestaat-niet").content.decode()
    assert "Dat statusfilter bestaat niet" in html and len(references_in_order(html)) == 2


def test_the_detail_page_shows_the_question_escaped_and_no_address(client, anna):
    asked = question("Werkt <script>alert(1)</script> dit?\nTweede regel")
    client.force_login(anna)
    html = client.get(detail(asked.reference)).content.decode()
    assert "Werkt &lt;script&gt;alert(1)&lt;/script&gt; dit?<br>Tweede regel" in html
    assert "vrager@example.nl" not in html  # the address is for the mail, not the screen
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert client.get(detail("VB-2026-99999")).status_code == 404


def test_assign_to_myself_and_to_another_editor_is_logged(client, anna, bert):
    asked = question()
    client.force_login(anna)
    response = client.post(detail(asked.reference), {"actie": "toewijzen", "aan": anna.pk})
    assert response.status_code == 302
    assert Question.objects.get().assigned_to == anna
    client.post(detail(asked.reference), {"actie": "toewijzen", "aan": bert.pk})
    assert Question.objects.get().assigned_to == bert
    events = list(QuestionEvent.objects.filter(action="toegewezen").values_list("actor", "detail"))
    assert events == [(anna.pk, "aan Anna de Vries"), (anna.pk, "aan Bert Jansen")]
    outsider = User.objects.create_user("buiten", password="x")
    response = client.post(detail(asked.reference), {"actie": "toewijzen", "aan": outsider.pk})
    assert response.status_code == 400
    assert "Kies een redacteur uit de lijst." in response.content.decode()
    assert Question.objects.get().assigned_to == bert


def test_the_preview_is_sanitised_and_changes_nothing(client, anna, mailoutbox):
    asked = question()
    client.force_login(anna)
    text = "Het antwoord is **ja**.\n\n<script>alert(1)</script>\n\n[klik](javascript:alert(1))"
    response = client.post(
        detail(asked.reference),
        {"actie": "beantwoorden", "stap": "voorbeeld", "beantwoorden-tekst": text},
    )
    html = response.content.decode()
    assert response.status_code == 200
    preview = html.split('id="voorbeeld-beantwoorden"', 1)[1].split("</section>", 1)[0]
    assert "<strong>ja</strong>" in preview
    assert "<script" not in preview and "javascript:" not in preview
    assert "&lt;script&gt;" in html  # the text stays in the textarea, escaped
    assert Question.objects.get().status == State.OPEN and mailoutbox == []


def test_answering_mails_the_asker_after_commit(
    client, anna, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.DEFAULT_FROM_EMAIL = "vraagbaak@kenniscentrum.example"
    asked = question("Mogen wij een kantoor ombouwen?")
    client.force_login(anna)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            detail(asked.reference),
            {"actie": "beantwoorden", "stap": "versturen", "beantwoorden-tekst": "Ja, dat mag."},
        )
    assert response.status_code == 302 and len(callbacks) == 1
    stored = Question.objects.get()
    assert (stored.status, stored.reply, stored.closed_by) == (State.ANSWERED, "Ja, dat mag.", anna)
    assert stored.assigned_to == anna  # who answered an unassigned question owns it
    [message] = mailoutbox
    assert message.to == ["vrager@example.nl"]
    assert message.from_email == "vraagbaak@kenniscentrum.example"
    assert asked.reference in message.subject
    assert asked.reference in message.body and "Mogen wij een kantoor ombouwen?" in message.body
    assert "Ja, dat mag." in message.body and "90 dagen" in message.body
    actions = list(stored.events.values_list("action", flat=True))
    assert actions == ["ingediend", "beantwoord", "gemaild"]
    page = client.get(detail(asked.reference)).content.decode()
    assert "is beantwoord en per e-mail verstuurd" in page
    assert 'name="actie" value="beantwoorden"' not in page  # closed: no forms any more


def test_no_mail_before_the_commit(anna, mailoutbox, django_capture_on_commit_callbacks):
    asked = question()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        handling.close(asked, State.ANSWERED, "Ja.", anna)
    assert callbacks and mailoutbox == []


def test_without_an_address_nothing_is_mailed(
    client, anna, mailoutbox, django_capture_on_commit_callbacks
):
    asked = question(email="")
    client.force_login(anna)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(
            detail(asked.reference),
            {"actie": "beantwoorden", "stap": "versturen", "beantwoorden-tekst": "Ja."},
        )
    assert callbacks == [] and mailoutbox == []
    assert Question.objects.get().status == State.ANSWERED


def test_a_second_answer_from_a_page_opened_earlier_changes_and_mails_nothing(
    client, anna, bert, mailoutbox, django_capture_on_commit_callbacks
):
    asked = question()
    send = {"actie": "beantwoorden", "stap": "versturen"}
    client.force_login(anna)
    client.get(detail(asked.reference))
    other = client.__class__()
    other.force_login(bert)
    other.get(detail(asked.reference))  # both have the form open
    with django_capture_on_commit_callbacks(execute=True):
        client.post(detail(asked.reference), {**send, "beantwoorden-tekst": "Antwoord van Anna"})
        response = other.post(
            detail(asked.reference),
            {**send, "beantwoorden-tekst": "Antwoord van Bert"},
            follow=True,
        )
    assert "is al afgehandeld (Beantwoord) door Anna de Vries" in response.content.decode()
    assert len(mailoutbox) == 1 and "Antwoord van Anna" in mailoutbox[0].body
    stored = Question.objects.get()
    assert (stored.reply, stored.closed_by) == ("Antwoord van Anna", anna)
    assert stored.events.filter(action="beantwoord").count() == 1


def test_a_stale_question_object_cannot_be_closed_again(anna, bert, mailoutbox):
    asked = question()
    stale = Question.objects.get(pk=asked.pk)
    handling.close(asked, State.ANSWERED, "Eerste.", anna)
    with pytest.raises(handling.NotOpen):
        handling.close(stale, State.OUT_OF_SCOPE, "Tweede.", bert)
    with pytest.raises(handling.NotOpen):
        handling.assign(stale, bert, bert)
    assert Question.objects.get().reply == "Eerste."


def test_a_failing_mail_server_is_logged_not_raised(
    client, anna, mailoutbox, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def broken(self, fail_silently=False):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(mail.EmailMessage, "send", broken)
    asked = question()
    client.force_login(anna)
    with (
        caplog.at_level(logging.ERROR, logger="kenniscentrum.loket.mail"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            detail(asked.reference),
            {"actie": "beantwoorden", "stap": "versturen", "beantwoorden-tekst": "Ja."},
        )
    assert response.status_code == 302
    assert Question.objects.get().status == State.ANSWERED
    assert "smtp down" in caplog.text and asked.reference in caplog.text
    assert asked.events.filter(action="mail-mislukt").exists()
    assert "Mailen mislukt" in client.get(detail(asked.reference)).content.decode()


def test_an_empty_answer_is_a_field_error(client, anna):
    asked = question()
    client.force_login(anna)
    response = client.post(
        detail(asked.reference),
        {"actie": "beantwoorden", "stap": "versturen", "beantwoorden-tekst": " \x00 "},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'href="#veld-beantwoorden-tekst"' in html
    assert "Schrijf het antwoord aan de vraagsteller." in html
    assert Question.objects.get().status == State.OPEN


def test_a_duplicate_of_a_published_item_gets_its_link_in_the_standard_reply(
    client, anna, mailoutbox, django_capture_on_commit_callbacks
):
    asked = question()
    client.force_login(anna)
    url = detail(asked.reference)
    refused = client.post(url, {"actie": "dubbel", "doel": "bestaat-niet"})
    assert refused.status_code == 400
    assert "geen referentienummer" in refused.content.decode()
    step = client.post(
        url, {"actie": "dubbel", "doel": "/kennis/vraag-pilot-grote-gezinnen-aanmelden/"}
    )
    html = step.content.decode()
    assert step.status_code == 200
    textarea = re.search(r'<textarea[^>]*name="dubbel-tekst"[^>]*>(.*?)</textarea>', html, re.S)
    assert "http://testserver/kennis/vraag-pilot-grote-gezinnen-aanmelden/" in textarea.group(1)
    assert Question.objects.get().status == State.OPEN
    reply = "Zie http://testserver/kennis/vraag-pilot-grote-gezinnen-aanmelden/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"actie": "dubbel", "doel": "vraag-pilot-grote-gezinnen-aanmelden",
                          "dubbel-tekst": reply, "stap": "versturen"})  # fmt: skip
    stored = Question.objects.get()
    assert stored.status == State.DUPLICATE
    assert stored.duplicate_item_slug == "vraag-pilot-grote-gezinnen-aanmelden"
    assert reply in mailoutbox[0].body
    event = stored.events.get(action="dubbel")
    assert event.detail == "dubbel van /kennis/vraag-pilot-grote-gezinnen-aanmelden/"


def test_a_duplicate_of_another_question(client, anna):
    first = question("Hoe zit het met de taakstelling?")
    handling.close(first, State.ANSWERED, "Zo zit het.", anna)
    second = question("Hoe zit het met de taakstelling?")
    client.force_login(anna)
    url = detail(second.reference)
    own = client.post(url, {"actie": "dubbel", "doel": second.reference})
    assert "geen dubbel van zichzelf" in own.content.decode()
    step = client.post(url, {"actie": "dubbel", "doel": first.reference.lower()}).content.decode()
    assert "Zo zit het." in step  # the earlier answer, to check and send
    client.post(url, {"actie": "dubbel", "doel": first.reference, "stap": "versturen",
                      "dubbel-tekst": "Zo zit het."})  # fmt: skip
    stored = Question.objects.get(pk=second.pk)
    assert stored.status == State.DUPLICATE and stored.duplicate_of == first
    page = client.get(url).content.decode()
    assert f'href="/redactie/vraagbaak/{first.reference}/"' in page


def test_out_of_scope_offers_the_standard_reply(client, anna):
    asked = question()
    client.force_login(anna)
    html = client.get(detail(asked.reference)).content.decode()
    textarea = re.search(r'name="buiten-bereik-tekst"[^>]*>(.*?)</textarea>', html, re.S)
    assert "Wij kunnen deze vraag helaas niet beantwoorden" in textarea.group(1)
    client.post(detail(asked.reference), {"actie": "buiten-bereik", "stap": "versturen",
                                          "buiten-bereik-tekst": "Aangepast."})  # fmt: skip
    stored = Question.objects.get()
    assert (stored.status, stored.reply) == (State.OUT_OF_SCOPE, "Aangepast.")


def test_an_unknown_action_changes_nothing(client, anna):
    asked = question()
    client.force_login(anna)
    response = client.post(detail(asked.reference), {"actie": "verwijderen"})
    assert response.status_code == 400
    assert Question.objects.get().status == State.OPEN
