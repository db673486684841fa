"""The check's form (/check/) and result page (/check/uitslag/). Thin: rules live elsewhere."""

from dataclasses import replace

from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import date_format

from kenniscentrum.core.dates import EXAMPLES, report_date
from kenniscentrum.knowledge.vocabulary import PROVINCES

from .answers import ORGANISATIONS, PLANS, TARGET_GROUPS, UNKNOWN, AnswerErrors, today, validate
from .forms import from_query, is_submitted, to_query
from .gemeente import backlog_text
from .service import province_context, run_check
from .support_links import flexpool_request_url

FIELD_LABELS = {
    "organisation": "Soort organisatie",
    "gemeente": "Gemeente",
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
        "date_examples": EXAMPLES,
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
    on, facts_date, now = answers.reference_date, report_date(), today()
    context = {
        "outcome": outcome,
        "province": province_context(answers.province),
        "results": [(r, r.describe(on)) for r in outcome.results],
        "answers": answers,
        "answers_query": query,
        # The address to print: the canonical one (ISO date, current answer values), not what
        # was typed, so a printed result can be opened again as it is.
        "permanent_url": request.build_absolute_uri(f"{reverse('check:result')}?{query}"),
        "summary": _summary(answers),
        "labels": FIELD_LABELS,
        "facts_date": facts_date,
        "is_today": on == now,
        "is_facts_date": on == facts_date,
        # The same answers on the report's date, and on today: one link each, never both.
        "facts_date_query": to_query(replace(answers, reference_date=facts_date)),
        "today_query": to_query(replace(answers, reference_date=now)),
        "flexpool_url": flexpool_request_url(answers),
        "gemeente": answers.gemeente,
        "backlog_text": backlog_text(answers),
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
        if name == "gemeente":
            return value.label
        if name == "backlog" and answers.gemeente and answers.gemeente.figures:
            return backlog_text(answers)
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

    # The optional gemeente is listed only when given: an unanswered optional question is not
    # an answer (the peildatum, also optional, always has a value).
    names = [n for n in FIELD_LABELS if n != "gemeente" or answers.gemeente is not None]
    return [(name, FIELD_LABELS[name], show(name)) for name in names]
