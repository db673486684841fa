"""Property-based hostile input for the check (page and API) and for content front matter.

Each property states what must hold for every input hypothesis can think of: a normal answer or a
clear Dutch error, never a server error or an exception outside the project's error type. The
search page and API have their own properties in test_search_bad_input.py.
"""

import json
from datetime import date
from urllib.parse import urlencode

import pytest
import yaml
from django.conf import settings as django_settings
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kenniscentrum.check.answers import FIELDS, MAX_NUMBER, ORGANISATIONS, PLANS, TARGET_GROUPS
from kenniscentrum.knowledge.frontmatter import ContentError, parse_file
from kenniscentrum.knowledge.loading import apply_document, validate_document
from kenniscentrum.knowledge.models import Item
from kenniscentrum.knowledge.vocabulary import PROVINCES

pytestmark = pytest.mark.django_db

PROPERTY = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TEXT = st.characters(codec="utf-8", exclude_categories=["Cs"])  # what a URL can carry

# -- the check's query string ---------------------------------------------------------------

QUERY_KEYS = [*FIELDS, "backlog_unknown", "large_families_unknown"]
ODD_NUMBERS = ["--5", "²", "①", "٣", "-1", "1,5", "1e3", "0x10", "９", "9" * 12, "9" * 400,
               "-" + "9" * 40, " 12 ", "1.000.000.000", "onbekend", "", "\x00"]  # fmt: skip
ODD_DATES = ["2021-13-01", "2021-02-30", "1999-12-31", "2101-01-01", "20211101", "morgen",
             "31-11-2021", "2021-11-01T10:00", "+2021-11-01", "２０２１-11-01"]  # fmt: skip
any_value = (
    st.text(TEXT, max_size=40)
    | st.sampled_from(ODD_NUMBERS + ODD_DATES + ["ja", "nee", *ORGANISATIONS, *PROVINCES])
    | st.integers(min_value=-(10**60), max_value=10**60).map(str)
)
any_pairs = st.lists(
    st.tuples(st.sampled_from(QUERY_KEYS) | st.text(TEXT, max_size=15), any_value), max_size=25
)


def _valid_count():
    return (
        st.integers(min_value=0, max_value=MAX_NUMBER).map(str)
        | st.integers(min_value=1_000, max_value=MAX_NUMBER).map(
            lambda n: f"{n:,}".replace(",", ".")
        )
        | st.just("onbekend")
    )


valid_answers = st.fixed_dictionaries(
    {
        "organisation": st.sampled_from(list(ORGANISATIONS)),
        "province": st.sampled_from(list(PROVINCES)),
        "backlog": _valid_count(),
        "large_families": _valid_count(),
        "plans": st.lists(st.sampled_from(list(PLANS)), unique=True),
        "target_groups": st.lists(st.sampled_from(list(TARGET_GROUPS)), unique=True),
        "needs_expertise": st.sampled_from(["ja", "nee"]),
        "regional_cooperation": st.sampled_from(["ja", "nee"]),
        "reference_date": st.dates(date(2000, 1, 1), date(2100, 12, 31)).map(date.isoformat),
    }
)


def _not(allowed):
    return st.text(TEXT, max_size=30).filter(lambda v: v.strip() not in allowed)


WRONG = {
    "organisation": _not(ORGANISATIONS),
    "province": _not(PROVINCES),
    "backlog": st.sampled_from([v for v in ODD_NUMBERS if v not in ("", " 12 ", "onbekend")])
    | st.integers(min_value=MAX_NUMBER + 1, max_value=10**40).map(str),
    "large_families": st.integers(max_value=-1, min_value=-(10**40)).map(str),
    "plans": _not(PLANS).filter(bool),
    "target_groups": _not(TARGET_GROUPS).filter(bool),
    "needs_expertise": _not({"ja", "nee"}).filter(lambda v: v not in ("ja", "nee")),
    "regional_cooperation": st.sampled_from(["Ja", "NEE", "true", "1", "ja ", "yes"]),
    "reference_date": st.sampled_from(ODD_DATES),
}


def _query(answers: dict) -> str:
    pairs = []
    for name, value in answers.items():
        pairs.extend((name, v) for v in (value if isinstance(value, list) else [value]))
    return urlencode(pairs)


def _get(client, path, query):
    response = client.get(f"{path}?{query}")
    assert response.status_code < 500, query
    if len(query) > django_settings.REQUEST_MAX_QUERY_STRING:
        assert response.status_code == 414
        return None
    return response


@settings(PROPERTY, max_examples=300)
@given(pairs=any_pairs)
@example(pairs=[("backlog", "--5"), ("large_families", "²"), ("organisation", "①")])
@example(pairs=[("backlog", "9" * 5000)])
def test_any_query_string_on_the_check_is_answered(db, pairs):
    client = Client()
    for path in ("/check/", "/check/uitslag/"):
        response = _get(client, path, urlencode(pairs))
        if response is not None:
            assert response.status_code == 200
            assert '<html lang="nl">' in response.content.decode()


@settings(PROPERTY, max_examples=100)
@given(answers=valid_answers)
def test_valid_answers_give_the_result(db, answers):
    response = _get(Client(), "/check/uitslag/", _query(answers))
    html = response.content.decode()
    assert response.status_code == 200
    assert "kc-error-summary" not in html and "Uw antwoorden" in html


@settings(PROPERTY, max_examples=200)
@given(answers=valid_answers, data=st.data())
def test_one_wrong_answer_gives_a_dutch_error_for_that_field(db, answers, data):
    field = data.draw(st.sampled_from(sorted(WRONG)), label="field")
    wrong = data.draw(WRONG[field], label="wrong value")
    answers[field] = [wrong] if field in ("plans", "target_groups") else wrong
    response = _get(Client(), "/check/uitslag/", _query(answers))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="kc-error-summary"' in html and "met uw antwoorden" in html
    assert f'href="#veld-{field}"' in html  # the summary names and links the field
    assert "Uw antwoorden" not in html


# -- the check's JSON API ---------------------------------------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**50), max_value=10**50)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5)
    ),
    max_leaves=20,
)
# Objects with the real field names reach the validation of each field, not just the shape check.
answer_objects = st.dictionaries(
    st.sampled_from(FIELDS) | st.text(max_size=10), json_values, max_size=len(FIELDS) + 2
)


def _nested(depth: int, kind: str) -> str:
    if kind == "list":
        return "[" * depth + "]" * depth
    return '{"a":' * depth + "1" + "}" * depth


raw_bodies = (
    st.builds(_nested, st.integers(min_value=1, max_value=10_000), st.sampled_from(["list", "obj"]))
    | st.integers(min_value=1, max_value=6_000).map(lambda n: '{"backlog": ' + "9" * n + "}")
    | st.binary(max_size=50).map(lambda b: b.decode("latin-1"))
)
bodies = st.one_of(json_values.map(json.dumps), answer_objects.map(json.dumps), raw_bodies)


@settings(PROPERTY, max_examples=400)
@given(body=bodies)
@example(body=_nested(10_000, "list"))
@example(body=_nested(10_000, "obj"))
@example(body='{"backlog": ' + "9" * 5_000 + "}")
@example(body="[" * 20_000)  # over the API's own 16 KB limit
def test_any_json_body_to_the_check_api_is_answered(db, body):
    response = Client().post("/api/check", body, content_type="application/json")
    assert response.status_code in (200, 400, 413), body[:200]
    data = response.json()
    if response.status_code == 200:
        assert isinstance(data["results"], list)
    else:
        errors = data["errors"]
        assert isinstance(errors, dict) and errors
        assert all(isinstance(k, str) for k in errors)
        assert all(isinstance(m, list) and m and all(isinstance(t, str) for t in m)
                   for m in errors.values())  # fmt: skip


# -- content front matter ---------------------------------------------------------------------


def _base(kind: str, slug: str):
    path = django_settings.CONTENT_DIR / kind / f"{slug}.md"
    return kind, slug, parse_file(f"{kind}/{slug}.md", path.read_text("utf-8"))


# One real item per shape of front matter: with a regeling and check block, an aanbeveling block,
# and neither. Changes start from valid data, so they reach every nested check.
BASES = {
    "regeling": _base("regeling", "bzk-huisvesting-aandachtsgroepen"),
    "aanbeveling": _base("aanbeveling", "aanbeveling-1"),
    "praktijkvoorbeeld": _base("praktijkvoorbeeld", "magic-mix-gemengd-wonen"),
}
# Known keys, top level and nested (a list index means the first entry).
PATHS = [
    "slug", "kind", "title", "summary", "themes", "provinces", "sources", "published",
    "last_reviewed", "status", "related", "publish_at", "expire_at", "regeling", "aanbeveling",
    "check", "sources.0", "sources.0.section", "sources.0.note", "themes.0",
    "regeling.provider", "regeling.applicants", "regeling.amounts", "regeling.amounts.0",
    "regeling.amounts.0.label", "regeling.amounts.0.eur", "regeling.amounts.0.note",
    "regeling.dates", "regeling.dates.0.date", "regeling.dates.0.label", "regeling.window",
    "regeling.window.opens", "regeling.window.closes", "regeling.status", "regeling.status_note",
    "aanbeveling.number", "aanbeveling.cluster", "aanbeveling.actiehouders",
    "aanbeveling.actiehouders_note", "check.source", "check.organisations",
    "check.organisations.gemeente", "check.organisation_reasons",
    "check.organisation_reasons.samenwerkingsverband", "check.not_for_organisation",
    "check.criteria", "check.criteria.0", "check.criteria.0.answer", "check.criteria.0.any_of",
    "check.criteria.0.at_least", "check.criteria.0.is", "check.criteria.0.met",
    "check.criteria.0.not_met", "check.criteria.0.unknown", "check.criteria.0.source",
    "check.amount", "check.channel", "check.next_steps", "check.notes", "check.related",
]  # fmt: skip
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.dates()
    | st.sampled_from(["", " ", "gemeente", "plans", "backlog", "3.1", "2021-02-30", "0001-01-01",
                       "9999-12-31T23:59:59-14:00", "eligible", "open", "samenwerking"])
)  # fmt: skip
wrong_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(max_size=8) | st.integers(0, 5), children, max_size=3)
    ),
    max_leaves=6,
)
DELETE = object()


def _set(data, path: str, value) -> None:
    """Put `value` at a dotted path, creating what is missing; DELETE removes the key."""
    *parents, last = path.split(".")
    node = data
    for part in parents:
        key = int(part) if part.isascii() and part.isdigit() else part
        if isinstance(node, list):
            if not node:
                node.append({})
            node = node[0]
        elif isinstance(node, dict):
            if not isinstance(node.get(key), dict | list):
                node[key] = {}
            node = node[key]
        else:  # a scalar where a parent should be: nothing to change below it
            return
    key = int(last) if last.isascii() and last.isdigit() else last
    if isinstance(node, dict):
        if value is DELETE:
            node.pop(key, None)
        else:
            node[key] = value
    elif isinstance(node, list):
        if value is DELETE:
            del node[:1]
        else:
            node[:1] = [value]


changes = st.lists(
    st.tuples(st.sampled_from(PATHS) | st.text(max_size=10), wrong_values | st.just(DELETE)),
    max_size=4,
)


class _Rollback(Exception):
    pass


@settings(PROPERTY, max_examples=1000)
@given(base=st.sampled_from(sorted(BASES)), changes=changes)
@example(base="aanbeveling", changes=[("aanbeveling.number", 10**20)])
@example(base="regeling", changes=[("check.criteria.0.unknown", True)])
@example(base="regeling", changes=[("check.criteria.0.x", 1), ("check.criteria.0.0", 1)])
@example(base="praktijkvoorbeeld", changes=[("", None)])
def test_any_front_matter_validates_or_names_file_and_field(db, base, changes):
    """The editor's path: validate_document, then (if valid) apply_document, as a save does."""
    kind, slug, source = BASES[base]
    data = json.loads(json.dumps(source.data))  # a deep copy; the base is all plain data
    for path, value in changes:
        _set(data, path, value)
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    label = f"{kind}/{slug}.md"
    try:
        valid = validate_document(f"---\n{front}---\n\n{source.body}\n", kind, slug, label)
    except ContentError as exc:
        assert exc.path == label
        assert exc.field, str(exc)  # every mapping-shaped input fails on a named field
        assert exc.message
        return
    try:  # what passed validation can be stored (rolled back: examples share one test)
        with transaction.atomic():
            apply_document(Item.objects.get(slug=slug), valid)
            raise _Rollback
    except _Rollback:
        pass


# -- what the properties found (plain regression tests) ---------------------------------------

REGELING = (django_settings.CONTENT_DIR / "regeling" / f"{BASES['regeling'][1]}.md").read_text()
AANBEVELING = (django_settings.CONTENT_DIR / "aanbeveling" / "aanbeveling-1.md").read_text()
CRITERION_SOURCE = '      source: "3.1"\n  amount:'
FOUND = {
    # AttributeError: 'bool' object has no attribute 'strip' (check/criteria.py).
    "check.criteria[0].unknown": (REGELING, CRITERION_SOURCE,
                                  '      source: "3.1"\n      unknown: true\n  amount:'),
    # TypeError: sorted() of the unknown keys 0 and "x" (check/criteria.py).
    "check.criteria[0].0": (REGELING, CRITERION_SOURCE,
                            '      source: "3.1"\n      x: 1\n      0: 1\n  amount:'),
    # Passed validation, then OverflowError when the editor saved it (knowledge/schema.py).
    "aanbeveling.number": (AANBEVELING, "  number: 1\n", "  number: 100000000000000000000\n"),
    # An empty key: "onbekend veld" without naming any field (knowledge/schema.py).
    "''": (AANBEVELING, "published:", "'': null\npublished:"),
}  # fmt: skip


@pytest.mark.parametrize("field", list(FOUND))
def test_found_examples_are_field_errors(field):
    text, old, new = FOUND[field]
    assert old in text
    kind, slug = ("regeling", "bzk-huisvesting-aandachtsgroepen") if text is REGELING else (
        "aanbeveling", "aanbeveling-1")  # fmt: skip
    with pytest.raises(ContentError) as caught:
        validate_document(text.replace(old, new, 1), kind, slug, f"{kind}/{slug}.md")
    assert caught.value.path == f"{kind}/{slug}.md"
    assert caught.value.field == field


def test_a_huge_recommendation_number_stops_the_load_with_a_field_error(content_copy, seeds_dir):
    from kenniscentrum.knowledge.loading import load_corpus

    path = content_copy / "aanbeveling" / "aanbeveling-1.md"
    path.write_text(AANBEVELING.replace("  number: 1\n", "  number: 100000000000000000000\n"))
    with pytest.raises(ContentError) as caught:
        load_corpus(content_copy, seeds_dir)
    assert caught.value.field == "aanbeveling.number"
