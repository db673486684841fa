"""Smaller findings of the issue-10 probe: weak secret key, off-site ?next=, fenced code."""

import os
import subprocess
import sys

import pytest

from kenniscentrum.knowledge.rendering import render_markdown
from tests.conftest import REPO


def _settings_with(env: dict) -> subprocess.CompletedProcess:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kenniscentrum.settings", **env}
    env.pop("DJANGO_DEBUG", None)
    code = "import django; django.setup(); print('started')"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True
    )


def test_a_server_refuses_a_weak_secret_key():
    refused = _settings_with({"DJANGO_SECRET_KEY": "changeme"})
    assert refused.returncode != 0 and "DJANGO_SECRET_KEY is too weak" in refused.stderr
    started = _settings_with({"DJANGO_SECRET_KEY": "x7Gq-" * 12})
    assert started.returncode == 0, started.stderr


@pytest.mark.django_db
def test_login_with_an_off_site_next_lands_in_the_editor(client, django_user_model):
    django_user_model.objects.create_user(
        "rita", password="een-lang-Wachtwoord-2026", is_staff=True
    )
    response = client.post(
        "/beheer/login/?next=https://evil.example/",
        {"username": "rita", "password": "een-lang-Wachtwoord-2026"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/redactie/"


def test_fenced_code_blocks_are_kept():
    html = render_markdown("Voorbeeld:\n\n```\nstatus: concept\n```\n")
    assert "<pre><code>status: concept" in html
