"""Evaluate one instrument's criteria against the answers. Pure functions, no database.

Outcome:
- not_eligible when the organisation may not apply or any criterion is not met;
- possibly_eligible when a criterion hinges on a number the user does not know, or the
  organisation benefits only indirectly (a gemeente through its corporation);
- eligible otherwise.
"""

from dataclasses import dataclass, field

from .answers import ORGANISATIONS, PLANS, TARGET_GROUPS, UNKNOWN, Answers

ELIGIBLE = "eligible"
POSSIBLY = "possibly_eligible"
NOT_ELIGIBLE = "not_eligible"
MET, NOT_MET, UNKNOWN_STATE = "met", "not_met", "unknown"
LABELS = {**PLANS, **TARGET_GROUPS}


@dataclass
class Reason:
    status: str  # met | not_met | unknown
    text: str
    source: str  # report section key


@dataclass
class Evaluation:
    outcome: str
    reasons: list[Reason] = field(default_factory=list)


def evaluate(rules: dict, answers: Answers) -> Evaluation:
    reasons: list[Reason] = []
    organisation = answers.organisation
    org_outcome = rules["organisations"].get(organisation)
    if org_outcome is None:
        reasons.append(Reason(NOT_MET, rules["not_for_organisation"], rules["source"]))
    elif org_outcome == POSSIBLY:
        text = rules["organisation_reasons"][organisation]
        reasons.append(Reason(UNKNOWN_STATE, text, rules["source"]))
    else:
        text = rules["organisation_reasons"].get(organisation) or (
            f"U vraagt aan als {ORGANISATIONS[organisation].lower()}: dat kan bij deze regeling."
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
    return Evaluation(outcome, reasons)


def _criterion(criterion: dict, answers: Answers) -> Reason:
    answer = getattr(answers, criterion["answer"])
    test, value = criterion["test"], criterion["value"]
    if test == "any_of":
        matched = [v for v in answer if v in value]
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
