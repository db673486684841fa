"""The vraagbaak's public form (/vraag-stellen/): a reference and a promised date for every
question, a confirmation only the asker sees, and no 500 or stray write on hostile input."""

import re
from datetime import datetime

import pytest
from django.core import signing
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from kenniscentrum.core.dates import AMSTERDAM
from kenniscentrum.loket import rate_limit
from kenniscentrum.loket.models import Question, QuestionEvent
from kenniscentrum.loket.views import CONFIRMATION_SALT

pytestmark = pytest.mark.django_db

URL = "/vraag-stellen/"
VALID = {
    "vraag": "Mogen wij een leegstaand kantoor als tussenvoorziening gebruiken?",
    "organisatie": "gemeente",
    "gemeente": "Voorbeeldstad",
    "provincie": "utrecht",
    "email": "ambtenaar@voorbeeldstad.nl",
    "toestemming": "1",
}


@pytest.fixture(autouse=True)
def _empty_rate_limit():
    """The rate limit lives in the process's cache; every test starts with a clean one."""
    cache.clear()
    yield
    cache.clear()


def ask(client, **changes):
    data = {**VALID, **changes}
    return client.post(URL, {k: v for k, v in data.items() if v is not None})


def test_the_form_has_a_label_for_every_field_and_works_without_javascript(client):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    assert 'name="csrfmiddlewaretoken"' in html and "<script" not in html
    for field in ("vraag", "gemeente", "provincie", "email", "toestemming", "organisatie"):
        assert f'<label for="veld-{field}">' in html, field
    assert "<legend>Voor welk soort organisatie stelt u de vraag?</legend>" in html
    for label in ("Woningcorporatie", "Rijksoverheid of uitvoeringsorganisatie", "Anders"):
        assert label in html
    assert 'href="/rapport/2-2-1/"' in html  # the report's finding, cited
    assert "geen loket van de Rijksoverheid" in html  # a service of this site, said plainly


def test_the_honeypot_is_hidden_from_people_and_screen_readers(client):
    html = client.get(URL).content.decode()
    block = re.search(r'<div class="kc-visually-hidden" aria-hidden="true">(.*?)</div>', html, re.S)
    assert block and 'name="website"' in block.group(1) and 'tabindex="-1"' in block.group(1)
    assert "Laat dit veld leeg" in block.group(1)


def test_a_question_gets_a_reference_and_a_promised_date(client, monkeypatch):
    moment = datetime(2026, 4, 2, 10, 30, tzinfo=AMSTERDAM)  # Thursday before Easter
    monkeypatch.setattr(timezone, "now", lambda: moment)
    response = ask(client)
    assert response.status_code == 303
    page = client.get(response["Location"])
    html = page.content.decode()
    question = Question.objects.get()
    assert question.reference == "VB-2026-00001"
    assert str(question.promised_on) == "2026-04-13"
    assert "VB-2026-00001" in html and "maandag 13 april 2026" in html
    assert "Wat gebeurt er nu?" in html and "90 dagen" in html
    assert page["Cache-Control"].endswith("private") and "no-store" in page["Cache-Control"]
    assert "Voorbeeldstad" not in html and "ambtenaar@" not in html  # nothing personal shown
    assert (question.gemeente, question.province, question.email) == (
        "Voorbeeldstad", "utrecht", "ambtenaar@voorbeeldstad.nl",
    )  # fmt: skip
    assert QuestionEvent.objects.filter(question=question, action="ingediend").exists()


def test_references_count_up_per_year(client, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 12, 31, 23, 0, tzinfo=AMSTERDAM))
    ask(client)
    ask(client)
    monkeypatch.setattr(timezone, "now", lambda: datetime(2027, 1, 1, 0, 30, tzinfo=AMSTERDAM))
    ask(client)
    assert list(Question.objects.order_by("pk").values_list("reference", flat=True)) == [
        "VB-2026-00001", "VB-2026-00002", "VB-2027-00001",
    ]  # fmt: skip
    # Nieuwjaarsdag and the weekend: due on Friday 8 January 2027.
    assert str(Question.objects.get(reference="VB-2027-00001").promised_on) == "2027-01-08"


def test_the_answer_days_setting_moves_the_promise(client, settings, monkeypatch):
    settings.KC_LOKET_ANSWER_DAYS = "10"
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 12, 1, 9, 0, tzinfo=AMSTERDAM))
    html = client.get(ask(client)["Location"]).content.decode()
    assert "dinsdag 15 december 2026" in html and "10 werkdagen" in html


def test_the_confirmation_is_only_for_whoever_just_submitted(client):
    location = ask(client)["Location"]
    assert client.get(location).status_code == 200
    reference = Question.objects.get().reference
    forged = signing.dumps(reference, salt="something else")
    unknown = signing.dumps("VB-2099-00001", salt=CONFIRMATION_SALT)
    for url in (
        f"/vraag-stellen/ontvangen/{forged}/",
        f"/vraag-stellen/ontvangen/{unknown}/",
        "/vraag-stellen/ontvangen/VB-2026-00001/",
        location.replace(location.rsplit(":", 1)[1].rstrip("/"), "x" * 27),
        "/vraag/1/",
        f"/vraag/{reference}/",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        main = response.content.decode().split("<main", 1)[1]
        assert "maandag" not in main and "Referentienummer" not in main


def test_the_confirmation_expires_after_an_hour(client, monkeypatch):
    location = ask(client)["Location"]
    later = timezone.now().timestamp() + 3601
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    response = client.get(location)
    assert response.status_code == 404
    assert "niet meer te zien" in response.content.decode()


def test_without_an_address_no_consent_is_needed_and_no_mail_is_promised(client):
    response = ask(client, email="", toestemming=None, gemeente="", provincie="")
    html = client.get(response["Location"]).content.decode()
    question = Question.objects.get()
    assert (question.email, question.gemeente, question.province) == ("", "", "")
    assert "u gaf geen e-mailadres" in html


def test_an_address_without_consent_is_a_clear_error(client):
    response = ask(client, toestemming=None)
    html = response.content.decode()
    assert response.status_code == 400 and not Question.objects.exists()
    assert 'class="kc-error-summary"' in html
    assert 'href="#veld-toestemming"' in html
    assert "Vink aan dat wij uw e-mailadres mogen gebruiken" in html
    assert 'aria-describedby="hint-toestemming fout-toestemming"' in html
    assert "ambtenaar@voorbeeldstad.nl" in html  # what was typed stays


def test_every_error_is_in_the_summary_linked_to_its_field(client):
    response = ask(
        client, vraag="  ", organisatie=None, provincie="atlantis", email="geen-adres",
        gemeente="x" * 81,
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 400 and not Question.objects.exists()
    assert "<title>Fout: " in html
    summary = html.split('class="kc-error-summary"', 1)[1].split("</div>", 1)[0]
    for field, message in (
        ("vraag", "Schrijf uw vraag op."),
        ("organisatie", "Kies voor welk soort organisatie u de vraag stelt."),
        ("provincie", "Kies een provincie uit de lijst"),
        ("email", "Vul een geldig e-mailadres in"),
        ("gemeente", "De naam van de gemeente is 81 tekens lang"),
    ):
        assert f'href="#veld-{field}"' in summary and message in summary, field
        assert f'id="fout-{field}"' in html
    assert 'aria-describedby="hint-vraag fout-vraag" aria-invalid="true"' in html


def test_a_filled_honeypot_stores_nothing_and_says_so(client):
    response = ask(client, website="http://spam.example")
    html = response.content.decode()
    assert response.status_code == 400
    assert not Question.objects.exists()
    assert "een veld dat voor mensen verborgen is, was ingevuld" in html
    assert "http://spam.example" not in html  # the honeypot is never filled in again
    assert VALID["vraag"] in html  # a person can send again at once


def test_the_rate_limit_answers_429_and_stores_nothing_more(client):
    for _ in range(rate_limit.LOKET_LIMIT.limit):
        assert ask(client).status_code == 303
    response = ask(client)
    assert response.status_code == 429
    assert "probeer het over een uur opnieuw" in response.content.decode()
    assert Question.objects.count() == rate_limit.LOKET_LIMIT.limit
    other = client.post(URL, VALID, REMOTE_ADDR="198.51.100.9")
    assert other.status_code == 303  # another client is not blocked


def test_forms_with_errors_do_not_count_towards_the_limit(client):
    for _ in range(rate_limit.LOKET_LIMIT.limit + 2):
        assert ask(client, organisatie="").status_code == 400
    assert ask(client).status_code == 303


def test_control_characters_are_dropped_and_line_breaks_kept(client):
    ask(client, vraag="Eerste\x00 regel\r\ntweede\x07 regel", gemeente="Voor\nbeeld\x00stad")
    question = Question.objects.get()
    assert question.text == "Eerste regel\ntweede regel"
    assert question.gemeente == "Voor beeldstad"


@pytest.mark.parametrize(
    "changes",
    [
        {"vraag": "x" * 4001},
        {"organisatie": "'; DROP TABLE loket_question; --"},
        {"organisatie": "gemeente\x00"},
        {"provincie": "\x00"},
        {"email": "a@b.nl\nBcc: iedereen@example.nl"},
        {"email": "a" * 300 + "@example.nl"},
        {"email": "\x00@\x00"},
        {"vraag": "\x00\x00\x00"},
        {"toestemming": "misschien", "email": "x"},
    ],
)
def test_hostile_fields_give_a_field_error_never_a_500(client, changes):
    response = ask(client, **changes)
    assert response.status_code == 400
    assert 'class="kc-error-summary"' in response.content.decode()
    assert not Question.objects.exists()


def test_an_email_with_control_characters_is_refused_not_stored(client):
    assert ask(client, email="a@b.nl\r\nX: y").status_code == 400
    assert not Question.objects.exists()


@pytest.mark.parametrize(
    "body, content_type",
    [
        (b"vraag=%FF%FE%FD&organisatie=gemeente", "application/x-www-form-urlencoded"),
        (b"vraag=%ED%A0%80%00&organisatie=gemeente", "application/x-www-form-urlencoded"),
        (b"\xff\xfe\x00\x00garbage", "application/x-www-form-urlencoded"),
        (b"vraag=caf\xe9&organisatie=gemeente", "application/x-www-form-urlencoded; charset=nope"),
        (b"--x\r\nnot really multipart", "multipart/form-data; boundary=x"),
        (b"--\r\n", "multipart/form-data"),
        (b'{"vraag": 1}', "application/json"),
        (b"vraag[]=1&vraag[]=2&organisatie=gemeente&organisatie=anders", "text/plain"),
    ],
)
def test_broken_bodies_never_give_a_500(client, body, content_type):
    response = client.generic("POST", URL, body, content_type=content_type)
    assert response.status_code in (400, 303), response.status_code
    if response.status_code == 303:  # a decodable question was stored whole
        question = Question.objects.get()
        assert question.text and question.organisation_type == "gemeente"


def test_undecodable_bytes_become_replacement_characters(client):
    client.generic(
        "POST", URL, b"vraag=Kan+dit%FF%FE%3F&organisatie=anders",
        content_type="application/x-www-form-urlencoded",
    )  # fmt: skip
    assert Question.objects.get().text == "Kan dit\ufffd\ufffd?"


def test_a_huge_body_is_refused_before_it_is_read(client):
    response = ask(client, vraag="x" * 70_000)
    assert response.status_code == 413
    assert "Uw vraag is te groot" in response.content.decode()
    too_big_for_the_site = client.post(URL, {"vraag": "x" * 1_400_000})
    assert too_big_for_the_site.status_code == 413
    assert not Question.objects.exists()


def test_other_methods_are_refused(client):
    response = client.put(URL, b"vraag=x")
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD, POST"


def test_csrf_is_required_and_the_token_from_the_page_works():
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(URL, VALID).status_code == 403
    html = browser.get(URL).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = browser.post(URL, {**VALID, "csrfmiddlewaretoken": token})
    assert response.status_code == 303 and Question.objects.count() == 1


def test_a_failing_database_writes_nothing_and_says_try_again(client, monkeypatch):
    from django.db import DatabaseError

    from kenniscentrum.loket import intake

    def broken(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(intake.QuestionEvent.objects, "create", broken)
    response = ask(client)
    assert response.status_code == 503
    assert not Question.objects.exists()  # the question went with its log line
