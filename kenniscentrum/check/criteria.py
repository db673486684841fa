"""Check criteria as data: the `check:` block of a regeling's front matter.

Editors write who may apply and which answers qualify, with the Dutch sentence shown when a
criterion is met, not met or unknown, and the report section it rests on. This module validates
that block (errors name file and field, like every content error) into plain JSON for storage;
rules.py evaluates it. No instrument is described in Python code.
"""

from kenniscentrum.knowledge.frontmatter import ContentError

from .answers import ORGANISATIONS, PLANS, TARGET_GROUPS

OUTCOMES = ("eligible", "possibly_eligible")
LIST_ANSWERS = {"plans": PLANS, "target_groups": TARGET_GROUPS}
COUNT_ANSWERS = ("backlog", "large_families")
BOOL_ANSWERS = ("needs_expertise", "regional_cooperation")
TEXT_KEYS = ("amount", "channel")
KEYS = {
    "organisations", "organisation_reasons", "not_for_organisation", "criteria", "amount",
    "channel", "next_steps", "notes", "related", "source",
}  # fmt: skip


def read_check(fields, sections: list[str]) -> dict:
    """Validate the block read by schema._Fields `fields` (prefix 'check')."""

    def fail(path, message):
        fields.fail(path, message)

    data = fields.data
    source = _section(fields, data.get("source"), "source", sections, required=True)
    organisations = data.get("organisations")
    if not isinstance(organisations, dict) or not organisations:
        fail("organisations", "noem per organisatie: eligible of possibly_eligible.")
    for org, outcome in organisations.items():
        if org not in ORGANISATIONS:
            fail(
                f"organisations.{org}",
                f"onbekende organisatie. Kies uit {', '.join(ORGANISATIONS)}.",
            )
        if outcome not in OUTCOMES:
            fail(f"organisations.{org}", f"'{outcome}' moet eligible of possibly_eligible zijn.")
    reasons = data.get("organisation_reasons") or {}
    if not isinstance(reasons, dict):
        fail("organisation_reasons", "moet per organisatie een zin geven.")
    for org, outcome in organisations.items():
        if outcome == "possibly_eligible" and not _text(reasons.get(org)):
            fail(f"organisation_reasons.{org}", "leg uit waarom dit 'mogelijk' is.")
    for org, reason in reasons.items():
        if not _text(reason):
            fail(f"organisation_reasons.{org}", "moet een zin zijn.")
        if org not in organisations:
            fail(f"organisation_reasons.{org}", "deze organisatie staat niet onder organisations.")
    not_for = data.get("not_for_organisation")
    if not _text(not_for):
        fail("not_for_organisation", "ontbreekt: de zin voor organisaties die niet aanvragen.")
    criteria = data.get("criteria") or []
    if not isinstance(criteria, list):
        fail("criteria", "moet een lijst zijn.")
    checked = [_criterion(fields, c, i, sections) for i, c in enumerate(criteria)]
    result = {
        "organisations": dict(organisations),
        "organisation_reasons": {k: v.strip() for k, v in reasons.items()},
        "not_for_organisation": not_for.strip(),
        "criteria": checked,
        "source": source,
        "amount": "",
        "channel": "",
        "next_steps": _text_list(fields, data.get("next_steps"), "next_steps"),
        "notes": _text_list(fields, data.get("notes"), "notes"),
        "related": _text_list(fields, data.get("related"), "related"),
    }
    for key in TEXT_KEYS:
        value = data.get(key)
        if value is not None and not _text(value):
            fail(key, "moet tekst zijn.")
        result[key] = (value or "").strip()
    leftover = sorted(set(data) - KEYS, key=str)
    if leftover:
        fail(str(leftover[0]), "onbekend veld (tikfout?).")
    return result


def _criterion(fields, raw, index, sections) -> dict:
    path = f"criteria[{index}]"
    if not isinstance(raw, dict):
        fields.fail(path, "een criterium is een lijst van velden.")
    answer = raw.get("answer")
    if not isinstance(answer, str):
        fields.fail(f"{path}.answer", "noem één vraag, bijvoorbeeld answer: plans.")
    tests = [key for key in ("any_of", "at_least", "is") if key in raw]
    if len(tests) != 1:
        fields.fail(path, "geef precies één toets: any_of, at_least of is.")
    test = tests[0]
    value = raw[test]
    if answer in LIST_ANSWERS:
        allowed = LIST_ANSWERS[answer]
        if test != "any_of" or not isinstance(value, list) or not value:
            fields.fail(f"{path}.{test}", f"'{answer}' toets je met any_of: [..].")
        bad = [v for v in value if not isinstance(v, str) or v not in allowed]
        if bad:
            fields.fail(
                f"{path}.any_of", f"onbekende waarde {bad[0]}. Kies uit {', '.join(allowed)}."
            )
    elif answer in COUNT_ANSWERS:
        if test != "at_least" or isinstance(value, bool) or not isinstance(value, int):
            fields.fail(f"{path}.{test}", f"'{answer}' toets je met at_least: <heel getal>.")
        if not _text(raw.get("unknown")):
            fields.fail(
                f"{path}.unknown",
                "ontbreekt: wat moet iemand uitzoeken als het aantal onbekend is?",
            )
    elif answer in BOOL_ANSWERS:
        if test != "is" or not isinstance(value, bool):
            fields.fail(f"{path}.{test}", f"'{answer}' toets je met is: true of is: false.")
    else:
        known = [*LIST_ANSWERS, *COUNT_ANSWERS, *BOOL_ANSWERS]
        fields.fail(f"{path}.answer", f"onbekend antwoord '{answer}'. Kies uit {', '.join(known)}.")
    for key in ("met", "not_met"):
        if not _text(raw.get(key)):
            fields.fail(f"{path}.{key}", "ontbreekt: de zin voor de gebruiker.")
    # Optional for lists and yes/no answers, but text when given: `unknown: true` was stored
    # with .strip() and raised AttributeError (found by tests/test_hostile_properties.py).
    if raw.get("unknown") is not None and not isinstance(raw["unknown"], str):
        fields.fail(f"{path}.unknown", "moet tekst zijn.")
    leftover = set(raw) - {"answer", test, "met", "not_met", "unknown", "source"}
    if leftover:
        # key=str: YAML keys may be numbers and text at once, which sorted() cannot compare.
        fields.fail(f"{path}.{sorted(leftover, key=str)[0]}", "onbekend veld (tikfout?).")
    return {
        "answer": answer,
        "test": test,
        "value": value,
        "met": raw["met"].strip(),
        "not_met": raw["not_met"].strip(),
        "unknown": (raw.get("unknown") or "").strip(),
        "source": _section(fields, raw.get("source"), f"{path}.source", sections, required=True),
    }


def _section(fields, value, path, sections, required):
    if value is None and not required:
        return ""
    value = str(value).strip() if value is not None else ""
    if value not in sections:
        fields.fail(path, f"onbekende paragraaf '{value}'. Bekend: {', '.join(sections)}.")
    return value


def _text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _text_list(fields, value, path) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(_text(v) for v in value):
        fields.fail(path, "moet een lijst van teksten zijn.")
    return [v.strip() for v in value]


__all__ = ["ContentError", "read_check"]
