"""The register in /beheer/: who may do what (migrations/0002_roles.py), list, search and
filter, and the form's rules, the same as the file's."""

from datetime import date

import pytest
from django.contrib.auth.models import Group, User

from kenniscentrum.geography.forms import GemeenteForm
from kenniscentrum.geography.models import Gemeente

pytestmark = pytest.mark.django_db
LIST = "/beheer/geography/gemeente/"


def editor(role: str) -> User:
    user = User.objects.create_user(f"{role}-gemeenten", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return User.objects.get(pk=user.pk)


def form_data(**fields) -> dict:
    data = {
        "code": "GM9001",
        "name": "Testgemeente",
        "province": "utrecht",
        "valid_from": "",
        "valid_until": "",
        "successor": "",
        "source": "test",
    }
    data.update(fields)
    return data


def errors(data: dict, instance: Gemeente | None = None) -> dict:
    form = GemeenteForm(data, instance=instance)
    assert not form.is_valid()
    return form.errors


def pk(code: str) -> int:
    return Gemeente.objects.get(code=code).pk


# Permissions


def test_roles_get_the_register_permissions():
    eindredacteur, redacteur = editor("eindredacteur"), editor("redacteur")
    assert eindredacteur.has_perms(
        ["geography.view_gemeente", "geography.add_gemeente", "geography.change_gemeente"]
    )
    assert not eindredacteur.has_perm("geography.delete_gemeente")
    assert redacteur.has_perm("geography.view_gemeente")
    assert not redacteur.has_perm("geography.add_gemeente")
    assert not redacteur.has_perm("geography.change_gemeente")


def test_eindredacteur_lists_searches_filters_adds_and_changes(client):
    client.force_login(editor("eindredacteur"))
    html = client.get(LIST).content.decode()
    assert "GM0363" in html and "Amsterdam" in html and "Bestaat tot en met" in html
    html = client.get(LIST, {"q": "amster"}).content.decode()
    assert "GM0363" in html and "GM0599" not in html
    html = client.get(LIST, {"q": "GM0599"}).content.decode()
    assert "Rotterdam" in html and "GM0363" not in html
    html = client.get(LIST, {"province__exact": "zeeland"}).content.decode()
    assert "GM0687" in html and "GM0363" not in html
    assert client.get(f"{LIST}add/").status_code == 200
    response = client.post(f"{LIST}add/", form_data())
    assert response.status_code == 302 and Gemeente.objects.filter(code="GM9001").exists()
    response = client.post(f"{LIST}add/", form_data(code="GM91"))
    assert response.status_code == 200 and "geen CBS-gemeentecode" in response.content.decode()
    url = f"{LIST}{pk('GM0344')}/change/"
    assert client.get(url).status_code == 200
    response = client.post(url, form_data(code="GM0344", name="Utrecht", valid_from="1900-01-01"))
    assert response.status_code == 302
    assert Gemeente.objects.get(code="GM0344").valid_from == date(1900, 1, 1)
    assert client.post(f"{LIST}{pk('GM0344')}/delete/", {"post": "yes"}).status_code == 403
    found = client.get(
        "/beheer/autocomplete/",
        {"app_label": "geography", "model_name": "gemeente", "field_name": "successor",
         "term": "amster"},
    ).json()  # fmt: skip
    assert [r["text"] for r in found["results"]] == ["Amsterdam (GM0363)"]


def test_redacteur_may_only_look(client):
    client.force_login(editor("redacteur"))
    assert client.get(LIST).status_code == 200
    assert client.get(f"{LIST}{pk('GM0363')}/change/").status_code == 200  # read only view
    assert client.get(f"{LIST}add/").status_code == 403
    response = client.post(f"{LIST}{pk('GM0363')}/change/", form_data(code="GM0363"))
    assert response.status_code == 403
    assert Gemeente.objects.get(code="GM0363").name == "Amsterdam"


def test_without_a_role_no_access(client):
    user = User.objects.create_user("niemand", password="x", is_staff=True)
    client.force_login(user)
    assert client.get(LIST).status_code == 403


# The form's rules


def test_valid_form_saves():
    form = GemeenteForm(form_data(valid_from="2024-01-01"))
    assert form.is_valid(), form.errors
    assert form.save().valid_from == date(2024, 1, 1)


@pytest.mark.parametrize("code", ["GM91", "gm9001", "9001", "GM 9001", ""])
def test_code_pattern(code):
    assert "code" in errors(form_data(code=code))


def test_existing_code_is_refused():
    assert "code" in errors(form_data(code="GM0363"))


def test_dates_in_order():
    found = errors(form_data(valid_from="2024-01-02", valid_until="2024-01-01"))
    assert "vóór" in found["valid_until"][0]


def test_successor_not_itself():
    amsterdam = Gemeente.objects.get(code="GM0363")
    data = form_data(
        code="GM0363", name="Amsterdam", valid_until="2030-01-01", successor=amsterdam.pk
    )
    assert "zichzelf" in errors(data, amsterdam)["successor"][0]


def test_successor_needs_a_last_day():
    found = errors(form_data(successor=pk("GM0363")))
    assert "laatste dag" in found["valid_until"][0]


def test_successor_must_exist_the_day_after():
    Gemeente.objects.filter(code="GM0363").update(valid_from=date(2025, 1, 1))
    found = errors(form_data(valid_until="2023-12-31", successor=pk("GM0363")))
    assert "2024-01-01" in found["successor"][0]


def test_no_loop_of_successors():
    amsterdam = Gemeente.objects.get(code="GM0363")  # Weesp went into Amsterdam
    data = form_data(
        code="GM0363", name="Amsterdam", valid_until="2022-03-23", successor=pk("GM0457")
    )
    assert "kring" in errors(data, amsterdam)["successor"][0]


def test_a_change_that_strands_a_predecessor_is_refused():
    amsterdam = Gemeente.objects.get(code="GM0363")  # Weesp went into it on 2022-03-24
    data = form_data(code="GM0363", name="Amsterdam", valid_until="2022-03-01")
    assert "Weesp" in errors(data, amsterdam)["__all__"][0]
