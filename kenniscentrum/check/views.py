"""The check's form (/check/) and result page (/check/uitslag/). Thin: rules live elsewhere."""

from django.shortcuts import render
from django.utils.formats import date_format

from kenniscentrum.knowledge.vocabulary import PROVINCES

from .answers import ORGANISATIONS, PLANS, TARGET_GROUPS, UNKNOWN, AnswerErrors, today, validate
from .forms import from_query, is_submitted, to_query
from .service import run_check

FIELD_LABELS = {
    "organisation": "Soort organisatie",
    "province": "Provincie",
    "backlog": "Statushouders nog te huisvesten",
    "large_families": "Grote gezinnen (8 of meer personen)",
    "plans": "Plannen",
    "target_groups": "Doelgroepen",
    "needs_expertise": "Hulp nodig bij business case, procedures of juridische vragen",
    "regional_cooperation": "Bereid om de taakstelling regionaal te delen of te ruilen",
    "reference_date": "Peildatum",
}


def form(request, errors=None, status=200):
    data = from_query(request.GET)
    context = {
        "data": data,
        "errors": errors or {},
        "labels": FIELD_LABELS,
        "organisations": ORGANISATIONS,
        "provinces": PROVINCES,
        "plans": PLANS,
        "target_groups": TARGET_GROUPS,
        "unknown": UNKNOWN,
        "today": today(),
    }
    return render(request, "check/form.html", context, status=status)


def result(request):
    if not is_submitted(request.GET):
        return form(request)
    try:
        answers = validate(from_query(request.GET))
    except AnswerErrors as exc:
        return form(request, errors=exc.errors)
    outcome = run_check(answers)
    query = to_query(answers)
    context = {
        "outcome": outcome,
        "answers": answers,
        "answers_query": query,
        "summary": _summary(answers),
        "labels": FIELD_LABELS,
    }
    return render(request, "check/result.html", context)


def _summary(answers) -> list[tuple[str, str, str]]:
    """(field, label, value as a reader sees it) for 'Uw antwoorden'."""

    def show(name):
        value = getattr(answers, name)
        if name == "organisation":
            return ORGANISATIONS[value]
        if name == "province":
            return PROVINCES[value]
        if name in ("plans", "target_groups"):
            names = PLANS if name == "plans" else TARGET_GROUPS
            return ", ".join(names[v] for v in value) or "Geen"
        if isinstance(value, bool):
            return "Ja" if value else "Nee"
        if value == UNKNOWN:
            return "Weet ik niet"
        if name == "reference_date":
            return date_format(value, "j F Y")
        return str(value)

    return [(name, FIELD_LABELS[name], show(name)) for name in FIELD_LABELS]
