"""Check criteria as data: the `check:` block of a regeling's front matter.

Editors write who may apply and which answers qualify, with the Dutch sentence shown when a
criterion is met, not met or unknown, and the report section it rests on. This module validates
that block (errors name file and field, like every content error) into plain JSON for storage;
rules.py evaluates it. No instrument is described in Python code.

Besides criteria, three optional rules say what the report says about an instrument as a whole
(issue 11): `cap` (meeting the conditions gives at most possibly_eligible, e.g. the pilot's money
covered about half of the families), `without_window` (a part of the regeling for which the report
names no application window, e.g. the € 18 miljoen of the BZK-bijdrage) and `emphasis` (an answer
that puts the instrument first within its verdict and says why, e.g. RVO when expertise is
needed). A criterion can be `informative` (shown, never decisive) and a list criterion can name
answers that only possibly qualify (`possibly_any_of`).
"""

from kenniscentrum.knowledge import windows
from kenniscentrum.knowledge.frontmatter import ContentError

from .answers import ORGANISATIONS, PLANS, TARGET_GROUPS

OUTCOMES = ("eligible", "possibly_eligible")
LIST_ANSWERS = {"plans": PLANS, "target_groups": TARGET_GROUPS}
COUNT_ANSWERS = ("backlog", "large_families")
BOOL_ANSWERS = ("needs_expertise", "regional_cooperation")
TEXT_KEYS = ("amount", "channel")
KEYS = {
    "organisations", "organisation_reasons", "not_for_organisation", "criteria", "amount",
    "channel", "next_steps", "notes", "related", "source", "cap", "without_window", "emphasis",
}  # fmt: skip
WINDOW_STATES = (
    windows.NOT_YET_OPEN, windows.OPEN, windows.CLOSED, windows.CONTINUOUS, windows.ANNOUNCED,
)  # fmt: skip


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
    result["cap"] = _cap(fields, data.get("cap"), sections)
    result["without_window"] = _without_window(fields, data.get("without_window"), sections)
    result["emphasis"] = _emphasis(fields, data.get("emphasis"), sections)
    return result


def _block(fields, raw, path, allowed: set[str]) -> dict:
    if not isinstance(raw, dict):
        fields.fail(path, "moet een lijst van velden (mapping) zijn.")
    leftover = sorted(set(raw) - allowed, key=str)
    if leftover:
        fields.fail(f"{path}.{leftover[0]}", "onbekend veld (tikfout?).")
    if not _text(raw.get("text")):
        fields.fail(f"{path}.text", "ontbreekt: de zin voor de gebruiker.")
    return raw


def _cap(fields, raw, sections) -> dict | None:
    """At most `outcome` when the conditions are met, optionally only while the window is in
    one of `only_while` (the hotel scheme: only while announced)."""
    if raw is None:
        return None
    _block(fields, raw, "cap", {"outcome", "text", "source", "only_while"})
    if raw.get("outcome") != "possibly_eligible":
        fields.fail("cap.outcome", "alleen possibly_eligible kan (ten hoogste 'mogelijk').")
    only_while = raw.get("only_while") or []
    if not _all_in(only_while, WINDOW_STATES):
        fields.fail("cap.only_while", f"een lijst uit {', '.join(WINDOW_STATES)}.")
    return {
        "outcome": raw["outcome"],
        "text": raw["text"].strip(),
        "source": _section(fields, raw.get("source"), "cap.source", sections, required=True),
        "only_while": list(only_while),
    }


def _without_window(fields, raw, sections) -> dict | None:
    """A part of the regeling, chosen by plans, for which the report names no window."""
    if raw is None:
        return None
    _block(fields, raw, "without_window", {"answer", "any_of", "text", "source"})
    if raw.get("answer") != "plans":
        fields.fail("without_window.answer", "alleen plans kan (answer: plans).")
    value = raw.get("any_of")
    if not value or not _all_in(value, PLANS):
        fields.fail("without_window.any_of", f"een lijst uit {', '.join(PLANS)}.")
    return {
        "answer": "plans",
        "any_of": list(value),
        "text": raw["text"].strip(),
        "source": _section(
            fields, raw.get("source"), "without_window.source", sections, required=True
        ),
    }


def _emphasis(fields, raw, sections) -> dict | None:
    """A yes/no answer that puts this instrument first within its verdict, with the reason."""
    if raw is None:
        return None
    _block(fields, raw, "emphasis", {"answer", "is", "text", "source"})
    if raw.get("answer") not in BOOL_ANSWERS:
        fields.fail("emphasis.answer", f"kies uit {', '.join(BOOL_ANSWERS)}.")
    if not isinstance(raw.get("is"), bool):
        fields.fail("emphasis.is", "moet true of false zijn.")
    return {
        "answer": raw["answer"],
        "value": raw["is"],
        "text": raw["text"].strip(),
        "source": _section(fields, raw.get("source"), "emphasis.source", sections, required=True),
    }


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
        possibly = raw.get("possibly_any_of")
        if possibly is not None:
            if not _all_in(possibly, allowed):
                fields.fail(f"{path}.possibly_any_of", f"een lijst uit {', '.join(allowed)}.")
            if not _text(raw.get("unknown")):
                fields.fail(
                    f"{path}.unknown",
                    "ontbreekt: wat moet iemand uitzoeken als alleen possibly_any_of past?",
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
    if "possibly_any_of" in raw and answer not in LIST_ANSWERS:
        fields.fail(f"{path}.possibly_any_of", "kan alleen bij plans of target_groups.")
    informative = raw.get("informative", False)
    if not isinstance(informative, bool):
        fields.fail(f"{path}.informative", "moet true of false zijn.")
    allowed_keys = {"answer", test, "met", "not_met", "unknown", "source"}
    leftover = set(raw) - allowed_keys - {"possibly_any_of", "informative"}
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
        "possibly_any_of": list(raw.get("possibly_any_of") or []),
        "informative": informative,
    }


def _section(fields, value, path, sections, required):
    if value is None and not required:
        return ""
    value = str(value).strip() if value is not None else ""
    if value not in sections:
        fields.fail(path, f"onbekende paragraaf '{value}'. Bekend: {', '.join(sections)}.")
    return value


def _all_in(values, allowed) -> bool:
    """A list of known text values (a number or a list inside would not even be hashable)."""
    return isinstance(values, list) and all(isinstance(v, str) and v in allowed for v in values)


def _text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _text_list(fields, value, path) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(_text(v) for v in value):
        fields.fail(path, "moet een lijst van teksten zijn.")
    return [v.strip() for v in value]


__all__ = ["ContentError", "read_check"]
