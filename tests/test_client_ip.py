"""The login lockout keys on the visitor's address, also behind a proxy (issue 10, item 6)."""

import pytest
from django.test import RequestFactory

from kenniscentrum.core.client_ip import client_ip

PASSWORD = "een-lang-Wachtwoord-2026"


def _request(forwarded: str = ""):
    meta = {"REMOTE_ADDR": "10.0.0.2"}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_without_a_proxy_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request("1.2.3.4")) == "10.0.0.2"


def test_behind_one_proxy_the_address_it_appended_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request("6.6.6.6, 1.2.3.4")) == "1.2.3.4"  # 6.6.6.6 was typed by a client
    assert client_ip(_request()) == "10.0.0.2"


@pytest.mark.django_db
def test_behind_a_proxy_one_visitors_lockout_does_not_lock_out_another(
    client, settings, django_user_model
):
    settings.TRUSTED_PROXY_COUNT = 1
    django_user_model.objects.create_user("rita", password=PASSWORD, is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/beheer/login/", {"username": "rita", "password": "fout"},
            REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.1.1.1",
        )  # fmt: skip
    locked = client.post(
        "/beheer/login/", {"username": "rita", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.1.1.1",
    )  # fmt: skip
    assert locked.status_code == 429
    other = client.post(
        "/beheer/login/", {"username": "rita", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="2.2.2.2",
    )  # fmt: skip
    assert other.status_code == 302
