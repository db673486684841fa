"""Evaluate one instrument's criteria against the answers. Pure functions, no database.

Outcome:
- not_eligible when the organisation may not apply or any decisive criterion is not met;
- possibly_eligible when a criterion hinges on a number the user does not know, a plan only
  possibly qualifies, the organisation benefits only indirectly (a gemeente through its
  corporation) or is not named by the report (a samenwerkingsverband), or the instrument's `cap`
  says the report gives no more than that (the pilot grote gezinnen, the announced hotel scheme);
- eligible otherwise.

Informative criteria and the note on a part without application window are shown with status
"info" and never change the outcome; what they mean for time is the verdict's job (verdicts.py).
"""

from dataclasses import dataclass, field

from .answers import PLANS, TARGET_GROUPS, UNKNOWN, Answers

ELIGIBLE = "eligible"
POSSIBLY = "possibly_eligible"
NOT_ELIGIBLE = "not_eligible"
MET, NOT_MET, UNKNOWN_STATE, INFO = "met", "not_met", "unknown", "info"
REASON_STATES = (MET, NOT_MET, UNKNOWN_STATE, INFO)
LABELS = {**PLANS, **TARGET_GROUPS}
PLURALS = {
    "gemeente": "gemeenten",
    "woningcorporatie": "woningcorporaties",
    "provincie": "provincies",
    "samenwerkingsverband": "samenwerkingsverbanden van gemeenten",
}


@dataclass
class Reason:
    status: str  # met | not_met | unknown | info
    text: str
    source: str  # report section key


@dataclass
class Evaluation:
    outcome: str
    reasons: list[Reason] = field(default_factory=list)
    # Set when the answers fall under a part of the regeling without an application window in
    # the report (the BZK € 18 miljoen): its window state then does not decide the verdict alone.
    without_window: Reason | None = None
    # Set when an answer puts this instrument first within its verdict (RVO for expertise).
    emphasis: Reason | None = None


def evaluate(rules: dict, answers: Answers, window_state: str | None = None) -> Evaluation:
    """`window_state` only matters for a cap that holds `only_while` the window is in a state;
    without it such a cap holds (the cautious reading)."""
    reasons: list[Reason] = []
    organisation = answers.organisation
    org_outcome = rules["organisations"].get(organisation)
    if org_outcome is None:
        reasons.append(Reason(NOT_MET, rules["not_for_organisation"], rules["source"]))
    elif org_outcome == POSSIBLY:
        text = rules["organisation_reasons"][organisation]
        reasons.append(Reason(UNKNOWN_STATE, text, rules["source"]))
    else:
        # Cautious by default: the report names who a regeling is for, rarely who may apply.
        text = rules["organisation_reasons"].get(organisation) or (
            f"Het rapport noemt {PLURALS.get(organisation, organisation)} bij deze regeling."
        )
        reasons.append(Reason(MET, text, rules["source"]))
    for criterion in rules["criteria"]:
        reasons.append(_criterion(criterion, answers))
    states = {reason.status for reason in reasons}
    if NOT_MET in states:
        outcome = NOT_ELIGIBLE
    elif UNKNOWN_STATE in states:
        outcome = POSSIBLY
    else:
        outcome = ELIGIBLE
    cap = rules.get("cap")
    if outcome != NOT_ELIGIBLE and cap and _cap_holds(cap, window_state):
        reasons.append(Reason(UNKNOWN_STATE, cap["text"], cap["source"]))
        outcome = POSSIBLY
    evaluation = Evaluation(outcome, reasons)
    part = rules.get("without_window")
    if outcome != NOT_ELIGIBLE and part and set(answers.plans) & set(part["any_of"]):
        evaluation.without_window = Reason(INFO, part["text"], part["source"])
        reasons.append(evaluation.without_window)
    emphasis = rules.get("emphasis")
    if emphasis and getattr(answers, emphasis["answer"]) is emphasis["value"]:
        evaluation.emphasis = Reason(INFO, emphasis["text"], emphasis["source"])
    return evaluation


def _cap_holds(cap: dict, window_state: str | None) -> bool:
    only_while = cap.get("only_while") or []
    return not only_while or window_state is None or window_state in only_while


def _criterion(criterion: dict, answers: Answers) -> Reason:
    reason = _test(criterion, answers)
    if criterion.get("informative"):
        reason.status = INFO
    return reason


def _test(criterion: dict, answers: Answers) -> Reason:
    answer = getattr(answers, criterion["answer"])
    test, value = criterion["test"], criterion["value"]
    if test == "any_of":
        matched = [v for v in answer if v in value]
        possibly = [v for v in answer if v in criterion.get("possibly_any_of", [])]
        if not matched and possibly:
            detail = ", ".join(LABELS.get(v, v).lower() for v in possibly)
            return Reason(
                UNKNOWN_STATE, criterion["unknown"].replace("{waarde}", detail), criterion["source"]
            )
        state = MET if matched else NOT_MET
        detail = ", ".join(LABELS.get(v, v).lower() for v in matched)
    elif test == "at_least":
        if answer == UNKNOWN:
            return Reason(UNKNOWN_STATE, criterion["unknown"], criterion["source"])
        state = MET if answer >= value else NOT_MET
        detail = str(answer)
    else:  # "is"
        state = MET if answer is value else NOT_MET
        detail = ""
    text = criterion["met"] if state == MET else criterion["not_met"]
    return Reason(state, text.replace("{waarde}", detail), criterion["source"])
