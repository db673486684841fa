"""The editors' pages for gemeente figures (issue 17): upload, preview, publish, discard, withdraw.

Real SQLite, the Django test client and real multipart uploads. The gemeenten are synthetic
(GM9001...) and created here, so the tests do not depend on content/gemeenten.csv.
"""

from datetime import date
from html import unescape

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError

from kenniscentrum.figures import gemeente_selectors, publishing
from kenniscentrum.figures.models import (
    FigureAuditEntry,
    FigurePublication,
    GemeenteFigure,
    PublicationStatus,
)
from kenniscentrum.figures.upload import MAX_BYTES
from kenniscentrum.geography.models import Gemeente

pytestmark = pytest.mark.django_db

LIST = "/redactie/cijfers/"
UPLOAD = "/redactie/cijfers/uploaden/"
HEADER = (
    "gemeentecode;gemeente;periode;stand_begin;taakstelling;realisatie;stand_eind;"
    "gekoppeld_niet_gehuisvest"
)
CLEAN = [
    "GM9001;Testgemeente A;2022-1;10;20;15;15;3",
    "GM9002;Testgemeente B;2022-1;0;8;8;0;",
    "GM9003;Testgemeente C;2022-1;5;12;10;7;1",
]


@pytest.fixture
def gemeenten(db):
    made = {
        "A": Gemeente.objects.create(code="GM9001", name="Testgemeente A", province="utrecht"),
        "B": Gemeente.objects.create(code="GM9002", name="Testgemeente B", province="utrecht"),
        "C": Gemeente.objects.create(code="GM9003", name="Testgemeente C", province="drenthe"),
    }
    return made


def user(role: str | None, name: str | None = None) -> User:
    account = User.objects.create_user(name or f"{role or 'lezer'}-cijfers", password="x")
    if role:
        account.groups.add(Group.objects.get(name=role))
    return User.objects.get(pk=account.pk)


@pytest.fixture
def redacteur_client(client):
    client.force_login(user("redacteur"))
    return client


@pytest.fixture
def eind_client(client):
    client.force_login(user("eindredacteur"))
    return client


def csv_file(*rows, header=HEADER, name="cijfers.csv", bom=True) -> SimpleUploadedFile:
    text = "\r\n".join([header, *rows]) + "\r\n"
    return SimpleUploadedFile(
        name, (("\ufeff" if bom else "") + text).encode("utf-8"), content_type="text/csv"
    )


def post_upload(client, upload=None, source="COA, realisatie per gemeente", on="2022-07-15"):
    data = {"bron": source, "bron_datum": on}
    if upload is not None:
        data["bestand"] = upload
    return client.post(UPLOAD, data)


def counts():
    return (
        FigurePublication.objects.count(),
        GemeenteFigure.objects.count(),
        FigureAuditEntry.objects.count(),
    )


def upload_clean(client, rows=CLEAN, **kwargs) -> FigurePublication:
    response = post_upload(client, csv_file(*rows), **kwargs)
    assert response.status_code == 302, response.content.decode()[:3000]
    return FigurePublication.objects.order_by("-pk").first()


# -- who may ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [LIST, UPLOAD, "/redactie/cijfers/1/"])
def test_anonymous_visitors_go_to_the_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/redactie/inloggen/")


@pytest.mark.parametrize("action", ["publiceren", "verwerpen", "intrekken"])
def test_anonymous_posts_change_nothing(client, gemeenten, action):
    publication = upload_clean(_logged_in(client, "eindredacteur"))
    client.logout()
    response = client.post(f"/redactie/cijfers/{publication.pk}/{action}/", {"reden": "x"})
    assert response.status_code == 302 and "/redactie/inloggen/" in response["Location"]
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.CONCEPT


def _logged_in(client, role):
    client.force_login(user(role, f"{role}-eerst"))
    return client


def test_a_user_who_is_no_editor_gets_403(client):
    client.force_login(user(None))
    assert client.get(LIST).status_code == 403
    assert client.get(UPLOAD).status_code == 403


def test_a_redacteur_uploads_but_cannot_publish_discard_or_withdraw(client, gemeenten):
    client.force_login(user("redacteur"))
    assert client.get(LIST).status_code == 200
    publication = upload_clean(client)
    assert publication.status == PublicationStatus.CONCEPT
    page = client.get(f"/redactie/cijfers/{publication.pk}/").content.decode()
    assert "Publiceren</button>" not in page
    assert "Een eindredacteur kan het publiceren of verwerpen" in page
    for action in ("publiceren", "verwerpen"):
        assert client.post(f"/redactie/cijfers/{publication.pk}/{action}/").status_code == 403
    publishing.publish(publication.pk, user("eindredacteur", "ander"))
    response = client.post(f"/redactie/cijfers/{publication.pk}/intrekken/", {"reden": "fout"})
    assert response.status_code == 403
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.GEPUBLICEERD


def test_the_business_layer_checks_the_role_too(gemeenten):
    from django.core.exceptions import PermissionDenied

    concept = publishing.store_concept(
        publishing.check_upload(_bytes(CLEAN)), _text(CLEAN), "x.csv",
        publishing.Source("COA", date(2022, 7, 15)), user("eindredacteur"),
    )  # fmt: skip
    with pytest.raises(PermissionDenied):
        publishing.publish(concept.pk, user("redacteur"))
    with pytest.raises(PermissionDenied):
        publishing.discard(concept.pk, user(None))


def _text(rows):
    return "\n".join([HEADER, *rows]) + "\n"


def _bytes(rows):
    return _text(rows).encode("utf-8")


def test_the_actions_are_post_only(eind_client, gemeenten):
    publication = upload_clean(eind_client)
    assert eind_client.get(f"/redactie/cijfers/{publication.pk}/publiceren/").status_code == 405


# -- upload and preview -------------------------------------------------------------------------


def test_a_clean_upload_becomes_a_concept_with_its_rows_and_an_audit_line(eind_client, gemeenten):
    publication = upload_clean(eind_client)
    assert (publication.period, publication.version) == ("2022-1", 1)
    assert publication.status == PublicationStatus.CONCEPT
    assert publication.source == "COA, realisatie per gemeente"
    assert publication.source_published_on == date(2022, 7, 15)
    assert publication.filename == "cijfers.csv"
    assert publication.csv_text.startswith("gemeentecode;")  # BOM dropped, text as uploaded
    rows = {r.gemeente.code: r for r in publication.rows.select_related("gemeente")}
    assert set(rows) == {"GM9001", "GM9002", "GM9003"}
    a = rows["GM9001"]
    assert (a.line, a.start_backlog, a.target, a.realised, a.end_backlog) == (2, 10, 20, 15, 15)
    assert a.coupled_not_housed == 3 and rows["GM9002"].coupled_not_housed is None
    [entry] = FigureAuditEntry.objects.filter(publication=publication)
    assert (entry.action, entry.from_status, entry.to_status) == ("uploaden", "", "concept")
    assert entry.user.username == "eindredacteur-cijfers"
    assert list(gemeente_selectors.current_rows()) == []  # a concept is never public


def test_the_concept_page_previews_rows_totals_and_warnings(eind_client, gemeenten):
    rows = [CLEAN[0].replace("Testgemeente A", "Testgemeente Q"), *CLEAN[1:]]
    publication = upload_clean(eind_client, rows)
    response = eind_client.get(f"/redactie/cijfers/{publication.pk}/")
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "Opgeslagen als concept: 2022-1, versie 1" in html
    assert "Waarschuwing" in html and "'Testgemeente Q'" in html  # name mismatch, not an error
    assert "Testgemeente A <span" in html  # the register's name is what is stored
    assert "Som per provincie en landelijk" in html
    assert "Het rapport heeft periode 2022-1 niet" in html
    assert 'class="kc-table-wrap" role="region"' in html
    assert "Publiceren</button>" in html and "Verwerpen</button>" in html


def test_an_upload_with_errors_shows_every_problem_and_stores_nothing(eind_client, gemeenten):
    before = counts()
    bad = [
        CLEAN[0],
        "GM9002;Testgemeente B;2022-1;0;8;-2;10;",  # negative realisation
        "GM9003;Testgemeente C;2022-1;5;12;10;6;1",  # 5 + 12 - 10 = 7, not 6
        "GM9999;Nergens;2022-1;1;1;1;1;",  # unknown
    ]
    response = post_upload(eind_client, csv_file(*bad))
    html = response.content.decode()
    assert response.status_code == 200
    assert counts() == before
    assert 'class="kc-error-summary" role="alert"' in html
    assert "Niet opgeslagen: er zijn 3 problemen" in html
    assert '<a href="#probleem-1">Regel 3, kolom realisatie (F): De realisatie is negatief' in html
    assert "stand_begin 5 + taakstelling 12 - realisatie 10 = 7, maar stand_eind is 6" in html
    assert "Regel 5, kolom gemeentecode (A)" in html
    assert 'id="probleem-3"' in html
    assert "Regels die wel gelezen konden worden (2022-1)" in html  # the good row is shown
    assert "Publiceren" not in html


def test_a_broken_upload_after_a_publication_changes_nothing(eind_client, gemeenten):
    publication = upload_clean(eind_client)
    eind_client.post(f"/redactie/cijfers/{publication.pk}/publiceren/")
    before = counts()
    current = list(gemeente_selectors.current_rows().values_list("pk", flat=True))
    response = post_upload(eind_client, csv_file(CLEAN[0], "GM9002;Testgemeente B;2022-1;x;8;8;0;"))
    assert response.status_code == 200
    assert counts() == before
    assert list(gemeente_selectors.current_rows().values_list("pk", flat=True)) == current


@pytest.mark.parametrize(
    "data, field, words",
    [
        ({"bron": "COA", "bron_datum": "2022-07-15"}, "veld-bestand", "Kies het CSV-bestand"),
        ({"bron": "", "bron_datum": "2022-07-15"}, "veld-bron", "Vul de bron"),
        ({"bron": "COA", "bron_datum": "31-02-2022"}, "veld-bron_datum", "bestaat niet"),
        ({"bron": "COA", "bron_datum": "2099-01-01"}, "veld-bron_datum", "toekomst"),
        ({"bron": "C" * 301, "bron_datum": "2022-07-15"}, "veld-bron", "te lang"),
    ],
)
def test_form_field_errors_are_linked_from_the_summary(eind_client, gemeenten, data, field, words):
    if field != "veld-bestand":
        data = {**data, "bestand": csv_file(*CLEAN)}
    before = counts()
    html = eind_client.post(UPLOAD, data).content.decode()
    assert f'<a href="#{field}">' in html and words in html
    assert f'id="{field}"' in html and 'aria-invalid="true"' in html
    assert counts() == before


def test_a_source_published_before_the_period_began_is_refused(eind_client, gemeenten):
    before = counts()
    html = post_upload(eind_client, csv_file(*CLEAN), on="2021-12-01").content.decode()
    assert "ligt voor het begin van periode 2022-1" in html
    assert counts() == before


def test_a_failure_while_storing_leaves_nothing_behind(gemeenten, monkeypatch):
    """Publication, rows and audit line are one transaction."""
    before = counts()

    def broken(*args, **kwargs):
        raise IntegrityError("disk full, say")

    monkeypatch.setattr(GemeenteFigure.objects, "bulk_create", broken)
    with pytest.raises(IntegrityError):
        publishing.store_concept(
            publishing.check_upload(_bytes(CLEAN)), _text(CLEAN), "x.csv",
            publishing.Source("COA", date(2022, 7, 15)), user("eindredacteur"),
        )  # fmt: skip
    assert counts() == before


# -- publish, discard, withdraw, versions --------------------------------------------------------


def test_publish_makes_the_rows_current_and_logs_it(eind_client, gemeenten):
    publication = upload_clean(eind_client)
    response = eind_client.post(f"/redactie/cijfers/{publication.pk}/publiceren/")
    assert response.status_code == 302
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.GEPUBLICEERD
    assert publication.decided_by.username == "eindredacteur-cijfers"
    assert publication.decided_at is not None
    assert {r.gemeente.code for r in gemeente_selectors.current_rows()} == {
        "GM9001", "GM9002", "GM9003",
    }  # fmt: skip
    actions = list(
        FigureAuditEntry.objects.filter(publication=publication).values_list(
            "action", "from_status", "to_status"
        )
    )
    assert actions == [("uploaden", "", "concept"), ("publiceren", "concept", "gepubliceerd")]
    html = eind_client.get(response["Location"]).content.decode()
    assert "Gepubliceerd: 2022-1, versie 1" in html


def test_publishing_twice_is_refused_with_a_message(eind_client, gemeenten):
    publication = upload_clean(eind_client)
    eind_client.post(f"/redactie/cijfers/{publication.pk}/publiceren/")
    response = eind_client.post(f"/redactie/cijfers/{publication.pk}/publiceren/", follow=True)
    assert "is al gepubliceerd; alleen een concept" in response.content.decode()
    assert FigureAuditEntry.objects.filter(publication=publication).count() == 2


def test_discard_keeps_the_file_and_publishes_nothing(eind_client, gemeenten):
    publication = upload_clean(eind_client)
    response = eind_client.post(f"/redactie/cijfers/{publication.pk}/verwerpen/", follow=True)
    assert "Verworpen: 2022-1, versie 1" in response.content.decode()
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.VERWORPEN
    assert publication.rows.count() == 3 and publication.csv_text
    assert list(gemeente_selectors.current_rows()) == []
    response = eind_client.post(f"/redactie/cijfers/{publication.pk}/publiceren/", follow=True)
    assert "alleen een concept kan worden gepubliceerd" in response.content.decode()
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.VERWORPEN


def test_versions_count_per_period_and_a_new_one_supersedes_the_old(eind_client, gemeenten):
    first = upload_clean(eind_client)
    eind_client.post(f"/redactie/cijfers/{first.pk}/publiceren/")
    discarded = upload_clean(eind_client)
    eind_client.post(f"/redactie/cijfers/{discarded.pk}/verwerpen/")
    corrected = [CLEAN[0].replace(";15;15;3", ";16;14;3"), *CLEAN[1:]]
    second = upload_clean(eind_client, corrected)
    other_period = upload_clean(
        eind_client, [row.replace("2022-1", "2022-2") for row in CLEAN], on="2023-01-20"
    )
    assert [first.version, discarded.version, second.version] == [1, 2, 3]
    assert (other_period.period, other_period.version) == ("2022-2", 1)

    page = eind_client.get(f"/redactie/cijfers/{second.pk}/").content.decode()
    assert "Wat verandert tegenover versie 1" in page  # the version that counts now

    eind_client.post(f"/redactie/cijfers/{second.pk}/publiceren/")
    [row] = gemeente_selectors.current_rows().filter(gemeente__code="GM9001")
    assert (row.publication.version, row.realised) == (3, 16)
    first.refresh_from_db()
    assert first.status == PublicationStatus.GEPUBLICEERD  # superseded, not changed
    listing = eind_client.get(LIST).content.decode()
    assert "(vervangen door versie 3)" in listing
    assert listing.index(">2022-2<") < listing.index(">2022-1<")  # newest period first


def test_an_older_concept_cannot_be_published_over_a_newer_publication(eind_client, gemeenten):
    older = upload_clean(eind_client)
    newer = upload_clean(eind_client)
    eind_client.post(f"/redactie/cijfers/{newer.pk}/publiceren/")
    response = eind_client.post(f"/redactie/cijfers/{older.pk}/publiceren/", follow=True)
    assert "Versie 2 van 2022-1 is al gepubliceerd en is nieuwer" in response.content.decode()
    older.refresh_from_db()
    assert older.status == PublicationStatus.CONCEPT


def test_withdraw_needs_a_reason_and_the_previous_version_counts_again(eind_client, gemeenten):
    first = upload_clean(eind_client)
    eind_client.post(f"/redactie/cijfers/{first.pk}/publiceren/")
    second = upload_clean(eind_client, [CLEAN[0].replace(";15;15;3", ";16;14;3"), *CLEAN[1:]])
    eind_client.post(f"/redactie/cijfers/{second.pk}/publiceren/")

    response = eind_client.post(f"/redactie/cijfers/{second.pk}/intrekken/", {"reden": "  "})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="kc-error-summary"' in html and '<a href="#veld-reden">' in html
    second.refresh_from_db()
    assert second.status == PublicationStatus.GEPUBLICEERD

    response = eind_client.post(
        f"/redactie/cijfers/{second.pk}/intrekken/", {"reden": "COA heeft de cijfers herzien"}
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.status == PublicationStatus.INGETROKKEN
    assert second.note == "COA heeft de cijfers herzien"
    entry = FigureAuditEntry.objects.filter(publication=second).last()
    assert (entry.action, entry.from_status, entry.to_status, entry.note) == (
        "intrekken", "gepubliceerd", "ingetrokken", "COA heeft de cijfers herzien",
    )  # fmt: skip
    [row] = gemeente_selectors.current_rows().filter(gemeente__code="GM9001")
    assert row.publication.version == 1

    response = eind_client.post(f"/redactie/cijfers/{second.pk}/intrekken/", {"reden": "nog eens"})
    assert (
        "alleen gepubliceerde cijfers kunnen worden ingetrokken"
        in eind_client.get(response["Location"]).content.decode()
    )


def test_a_concept_that_no_longer_validates_cannot_be_published(eind_client, gemeenten):
    """The register changed after the upload: the stored file is checked again."""
    publication = upload_clean(eind_client)
    gemeenten["B"].valid_until = date(2021, 12, 31)
    gemeenten["B"].save()
    response = eind_client.post(f"/redactie/cijfers/{publication.pk}/publiceren/", follow=True)
    html = response.content.decode()
    assert "Het opgeslagen bestand geeft nu fouten" in html
    assert "GM9002 (Testgemeente B) bestond niet op 30 juni 2022" in html
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.CONCEPT


def test_an_unknown_publication_is_a_404(eind_client):
    assert eind_client.get("/redactie/cijfers/999999/").status_code == 404
    assert (
        eind_client.post("/redactie/cijfers/999999/intrekken/", {"reden": "x"}).status_code == 404
    )
    response = eind_client.post("/redactie/cijfers/999999/publiceren/", follow=True)
    assert "bestaat niet (meer)" in response.content.decode()


# -- hostile uploads ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, content",
    [
        ("cijfers.xlsx", b"PK\x03\x04" + bytes(range(256)) * 4),
        ("cijfers.csv", bytes(range(256)) * 16),
        ("cijfers.csv", "gemeentecode,gemeente\nGM9001,Súdwest\n".encode("cp1252")),
        (
            "cijfers.csv",
            (HEADER + "\n" + "GM9001;\"=cmd|' /C calc'!A0\";2022-1;1;1;1;1;\n").encode(),
        ),
        ("cijfers.csv", (HEADER + "\n" + 'GM9001;"' + "x" * 300_000 + "\n").encode()),
        ("cijfers.csv", b"\xef\xbb\xbf"),
        ("../../etc/passwd", b"root:x:0:0"),
        ("<script>alert(1)</script>.csv", b"<script>alert(1)</script>"),
        ("x" * 300 + ".csv", _bytes(["GM9999;X;2022-1;1;1;1;1;"])),
    ],
)
def test_hostile_uploads_are_refused_with_a_page_not_a_500(eind_client, gemeenten, name, content):
    before = counts()
    response = post_upload(eind_client, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="kc-error-summary"' in html
    assert "<script>alert(1)</script>" not in html
    assert counts() == before


def test_a_file_over_the_upload_limit_is_refused_by_the_form(eind_client, gemeenten):
    big = _bytes(CLEAN) + b"\n" * MAX_BYTES
    response = post_upload(eind_client, SimpleUploadedFile("groot.csv", big))
    assert response.status_code == 200
    assert "Het bestand is te groot" in response.content.decode()


def test_a_body_over_the_site_limit_gets_413_not_500(eind_client, settings):
    big = SimpleUploadedFile("groot.csv", b"a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10))
    response = post_upload(eind_client, big)
    assert response.status_code == 413


def test_a_text_field_instead_of_a_file_is_a_form_error(eind_client, gemeenten):
    response = eind_client.post(
        UPLOAD, {"bestand": "gemeentecode;...", "bron": "COA", "bron_datum": "2022-07-15"}
    )
    assert response.status_code == 200
    assert '<a href="#veld-bestand">' in response.content.decode()


def test_a_long_filename_is_cut_to_fit(eind_client, gemeenten):
    upload = csv_file(*CLEAN, name="c" * 250 + ".csv")
    response = post_upload(eind_client, upload)
    assert response.status_code == 302
    assert len(FigurePublication.objects.get().filename) <= 200


# -- the public province page --------------------------------------------------------------------


def test_the_province_page_shows_derived_totals_only_once_published(client, gemeenten):
    editor = user("eindredacteur")
    concept = publishing.store_concept(
        publishing.check_upload(_bytes(CLEAN)), _text(CLEAN), "x.csv",
        publishing.Source("COA, stand 1 juli 2022", date(2022, 7, 15)), editor,
    )  # fmt: skip
    page = client.get("/cijfers/utrecht/").content.decode()
    assert "Afgeleid uit de cijfers per gemeente" not in page
    assert "Cijfers per halfjaar" in page  # Tabel 2 as before

    publishing.publish(concept.pk, editor)
    page = client.get("/cijfers/utrecht/").content.decode()
    assert "Afgeleid uit de cijfers per gemeente" in page
    assert "Afgeleid uit de cijfers van 2 gemeenten (publicatie 2022-1 versie 1" in page
    assert "COA, stand 1 juli 2022" in page
    assert "Cijfers per halfjaar" in page
    drenthe = client.get("/cijfers/drenthe/").content.decode()
    assert "Afgeleid uit de cijfers van 1 gemeente (publicatie 2022-1 versie 1" in drenthe
    assert (
        "Afgeleid uit de cijfers per gemeente"
        not in client.get("/cijfers/zeeland/").content.decode()
    )
