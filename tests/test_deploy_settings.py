"""Issue 13: `check --deploy` is clean in the documented production environment, and start-up
refuses an unsafe one with one line saying what to set (README, "Production environment")."""

import os
import secrets
import subprocess
import sys

import pytest

from tests.conftest import REPO

# Variables of the developer's shell that would change what these settings mean.
_OURS = ("DJANGO_", "KC_HSTS_", "KC_VAR_DIR", "DATABASE_URL")


def _manage(tmp_path, env: dict, *args: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(_OURS)}
    env = {**base, "KC_VAR_DIR": str(tmp_path / "var"), **env}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_env() -> dict[str, str]:
    """The environment the README documents for a server behind TLS."""
    return {
        "DJANGO_DEBUG": "0",
        "DJANGO_HTTPS": "1",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "example.nl",
        "DJANGO_CSRF_TRUSTED_ORIGINS": "https://example.nl",
        "KC_HSTS_SECONDS": "31536000",
        "KC_HSTS_INCLUDE_SUBDOMAINS": "1",
        "KC_HSTS_PRELOAD": "1",
    }


def _last_line(result: subprocess.CompletedProcess) -> str:
    return result.stderr.strip().splitlines()[-1]


def test_check_deploy_is_clean_in_the_documented_production_environment(tmp_path):
    result = _manage(tmp_path, production_env(), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_hsts_follows_its_settings(tmp_path):
    env = {**production_env(), "KC_HSTS_SECONDS": "300", "KC_HSTS_PRELOAD": "0"}
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)"
    )
    result = _manage(tmp_path, env, "shell", "-c", code)
    assert result.stdout.split()[-3:] == ["300", "True", "False"], result.stderr
    # Without preload Django's check says so (a warning, not a refusal to start).
    result = _manage(tmp_path, env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0 and "security.W021" in result.stdout + result.stderr


@pytest.mark.parametrize("hosts", ["", " , "])
def test_empty_allowed_hosts_is_refused_with_debug_off(tmp_path, hosts):
    result = _manage(tmp_path, {**production_env(), "DJANGO_ALLOWED_HOSTS": hosts}, "check")
    assert result.returncode != 0
    line = _last_line(result)
    assert "DJANGO_ALLOWED_HOSTS is leeg" in line and "DJANGO_ALLOWED_HOSTS is empty" in line


def test_a_server_without_its_own_secret_key_is_refused(tmp_path):
    env = production_env()
    del env["DJANGO_SECRET_KEY"]
    result = _manage(tmp_path, env, "check")
    assert result.returncode != 0
    assert "without DJANGO_SECRET_KEY" in _last_line(result)
    assert not (tmp_path / "var" / "secret_key").exists()


def test_a_weak_secret_key_is_refused_in_one_line_in_both_languages(tmp_path):
    result = _manage(tmp_path, {**production_env(), "DJANGO_SECRET_KEY": "changeme"}, "check")
    assert result.returncode != 0
    line = _last_line(result)
    assert "DJANGO_SECRET_KEY is te zwak" in line and "DJANGO_SECRET_KEY is too weak" in line


def test_make_run_environment_starts(tmp_path):
    """`make run`: DEBUG off, plain http on loopback, a key generated into var/."""
    env = {"DJANGO_DEBUG": "0", "DJANGO_STATIC_ROOT": str(tmp_path / "static")}
    result = _manage(tmp_path, env, "check")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "var" / "secret_key").exists()
    code = (
        "from django.conf import settings as s; print(s.DEBUG, s.SESSION_COOKIE_SECURE, "
        "s.SECURE_SSL_REDIRECT, '127.0.0.1' in s.ALLOWED_HOSTS, s.STORAGES['staticfiles'])"
    )
    result = _manage(tmp_path, env, "shell", "-c", code)
    assert result.stdout.splitlines()[-1].startswith("False False False True "), result.stderr
    assert "CompressedManifestStaticFilesStorage" in result.stdout


def test_make_dev_environment_starts_with_a_weak_key(tmp_path):
    """DEBUG on is a developer's machine: no refusals."""
    env = {"DJANGO_DEBUG": "1", "DJANGO_SECRET_KEY": "dev", "DJANGO_ALLOWED_HOSTS": ""}
    assert _manage(tmp_path, env, "check").returncode == 0
