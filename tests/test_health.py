"""The load balancers' health endpoint: ok, degraded, down, and nothing leaked."""

import json

import pytest

from kenniscentrum.core.health import summarise, version
from kenniscentrum.search.models import OwedIndexUpdate
from tests.conftest import index_at

pytestmark = pytest.mark.django_db

KEYS = {"status", "checks", "version"}
CHECKS = {"database", "search_index", "search_index_in_step"}


def body(response) -> dict:
    data = json.loads(response.content)
    assert set(data) == KEYS and set(data["checks"]) == CHECKS  # exactly the documented keys
    assert set(data["checks"].values()) <= {"ok", "fail"}
    return data


def assert_leaks_nothing(response):
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies
    assert "ETag" not in response
    text = response.content.decode()
    for secret in ("/", "\\", "Error", "Traceback", "sqlite", "localhost"):
        assert secret not in text, secret
    assert not any(ch.isdigit() for ch in text.replace(version(), ""))  # no counts


def test_ok(client, fresh_index, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = client.get("/gezondheid/")
    assert response.status_code == 200
    assert body(response) == {
        "status": "ok",
        "checks": {"database": "ok", "search_index": "ok", "search_index_in_step": "ok"},
        "version": version(),
    }
    assert version() != "onbekend"
    assert_leaks_nothing(response)
    assert client.get("/healthz").json() == response.json()
    assert client.head("/healthz").status_code == 200


def test_index_missing_is_down_without_the_path(client, tmp_path):
    empty = tmp_path / "geen-index-hier"
    empty.mkdir()
    with index_at(empty):
        response = client.get("/healthz")
    assert response.status_code == 503
    data = body(response)
    assert data["status"] == "down"
    assert data["checks"]["database"] == "ok" and data["checks"]["search_index"] == "fail"
    assert "geen-index-hier" not in response.content.decode()
    assert_leaks_nothing(response)


def test_index_behind_the_database_is_degraded_but_kept(client, fresh_index):
    from kenniscentrum.knowledge.models import Item

    Item.objects.filter(slug="rvb-flexwoningen").update(status="concept")  # no index write
    response = client.get("/gezondheid/")
    assert response.status_code == 200  # a load balancer keeps this machine
    data = body(response)
    assert data["status"] == "degraded" and data["checks"]["search_index_in_step"] == "fail"
    assert_leaks_nothing(response)


def test_overdue_owed_updates_are_degraded(client, fresh_index):
    from datetime import timedelta

    from django.utils import timezone

    item = OwedIndexUpdate.objects.create(model="knowledge.item", object_pk="1")
    OwedIndexUpdate.objects.filter(pk=item.pk).update(created=timezone.now() - timedelta(hours=1))
    assert client.get("/gezondheid/").json()["status"] == "degraded"


@pytest.mark.parametrize(
    "database, readable, in_step, expected",
    [
        (True, True, True, ("ok", 200)),
        (True, True, False, ("degraded", 200)),
        (True, False, False, ("down", 503)),
        (False, True, False, ("down", 503)),
        (False, True, True, ("down", 503)),
        (False, False, False, ("down", 503)),
    ],
)
def test_status_from_the_checks(database, readable, in_step, expected):
    assert summarise(database, readable, in_step) == expected


def test_only_get_and_head(client):
    assert client.post("/gezondheid/").status_code == 405


def test_not_in_the_search_log(client, fresh_index):
    from kenniscentrum.editorial.search_log_buffer import take_pending

    client.get("/gezondheid/")
    assert not take_pending()


def test_database_unreachable_is_down_and_says_nothing_else(tmp_path):
    """A real site whose database cannot be reached (a process of its own, as a web worker
    would be): 503 `down`, the index still readable, and no exception text in the answer."""
    import os
    import urllib.parse

    from tests.helpers import run_python, site_on_disk

    env = site_on_disk(tmp_path)
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):  # a database the server does not have
        unreachable = urllib.parse.urlunsplit(
            urllib.parse.urlsplit(url)._replace(path="/kc_no_such_database")
        )
    else:  # a file in a folder that does not exist
        unreachable = f"sqlite:///{tmp_path}/missing/db.sqlite3"
    env["DATABASE_URL"] = unreachable
    out = run_python(
        env,
        "import django, json; django.setup()\n"
        "from django.test import Client\n"
        "r = Client().get('/gezondheid/')\n"
        "print(json.dumps({'code': r.status_code, 'body': r.content.decode(),"
        " 'cache': r['Cache-Control']}))",
    )
    answer = json.loads(out.strip().splitlines()[-1])
    assert answer["code"] == 503 and answer["cache"] == "no-store"
    data = json.loads(answer["body"])
    assert data["status"] == "down"
    assert data["checks"] == {
        "database": "fail",
        "search_index": "ok",
        "search_index_in_step": "fail",
    }
    for secret in ("Error", "Traceback", "sqlite", "kc_no_such_database", str(tmp_path)):
        assert secret not in answer["body"], secret
