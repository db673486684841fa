"""POST /api/check (answers as JSON) and GET /api/check/schema."""

import json

from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from kenniscentrum.core.dates import report_date
from kenniscentrum.knowledge.windows import WINDOW_LABELS

from .answers import AnswerErrors, json_schema, validate
from .gemeente import backlog_text
from .rules import REASON_STATES
from .service import province_context, run_check
from .verdicts import LABELS, MEANINGS, ORDER

MAX_BODY = 16 * 1024
OUTCOME_TEXT = {
    "eligible": "Komt in aanmerking",
    "possibly_eligible": "Komt mogelijk in aanmerking",
    "not_eligible": "Komt niet in aanmerking",
}


@require_safe
def schema(request):
    """The answers (top level) and, under $defs.response, what POST /api/check returns."""
    return JsonResponse({**json_schema(), "$defs": {"response": response_schema()}})


# No session or cookie is read and nothing is written: a cross-site POST can do no harm, and
# other systems must be able to call this without a CSRF token.
@csrf_exempt
@require_http_methods(["POST"])
def check(request):
    if len(request.body) > MAX_BODY:
        return _errors({"__all__": [f"De body is groter dan {MAX_BODY} bytes."]})
    try:
        data = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        # ValueError: also an integer of more than 4,300 digits; RecursionError: thousands of
        # nested brackets. Both gave a 500 before.
        return _errors({"__all__": ["De body is geen geldige JSON."]})
    try:
        answers = validate(data)
    except AnswerErrors as exc:
        return _errors(exc.errors)
    outcome = run_check(answers)
    return JsonResponse(
        {
            "reference_date": answers.reference_date.isoformat(),
            "rules_version": outcome.version,
            "answers": answers.as_json(),
            "knowledge_as_of": report_date().isoformat(),
            "verdict_counts": {v: n for v, _, n in outcome.counts},
            "results": [_result(request, r, answers.reference_date) for r in outcome.results],
            "advice": outcome.advice,
            "province": _province(request, province_context(answers.province)),
            "gemeente": _gemeente(request, answers),
        }
    )


def _gemeente(request, answers) -> dict | None:
    """The gemeente given (issue 17): from the register, with its newest published backlog and
    whether the check used it (the answer left the backlog empty)."""
    facts = answers.gemeente
    if facts is None:
        return None
    return {
        "code": facts.code,
        "name": facts.name,
        "province": facts.province,
        "url": request.build_absolute_uri(reverse("figures:gemeente", args=[facts.code])),
        "figures": facts.figures.as_json() if facts.figures else None,
        "backlog_from_figures": answers.backlog_from_figures,
        "backlog_text": backlog_text(answers),
    }


def _errors(errors):
    return JsonResponse({"errors": errors}, status=400)


def _result(request, result, on) -> dict:
    facts = result.item.regeling
    rules = result.rules
    emphasis = result.evaluation.emphasis
    return {
        "instrument": result.item.slug,
        "title": result.item.title,
        "url": request.build_absolute_uri(result.item.get_absolute_url()),
        "verdict": result.verdict,
        "verdict_label": result.verdict_label,
        "verdict_headline": result.headline,
        "verdict_text": result.describe(on),
        "outcome": result.evaluation.outcome,
        "outcome_text": OUTCOME_TEXT[result.evaluation.outcome],
        "reasons": [
            {"status": r.status, "text": r.text, "source": r.source}
            for r in result.evaluation.reasons
        ],
        "emphasis": {"text": emphasis.text, "source": emphasis.source} if emphasis else None,
        "window": facts.window,
        "window_status": result.window_status,
        "ended": {
            "on": facts.ended_on.isoformat(),
            "reason": facts.ended_reason,
            "source": facts.ended_source,
        }
        if facts.ended_on
        else None,
        "amount": rules.get("amount", ""),
        "channel": rules.get("channel", ""),
        "next_steps": rules.get("next_steps", []),
        "notes": rules.get("notes", []),
        "sources": sorted({r.source for r in result.evaluation.reasons}),
        "related": [request.build_absolute_uri(i.get_absolute_url()) for i in result.related],
    }


def _province(request, context: dict) -> dict:
    def link(item):
        return {"title": item.title, "url": request.build_absolute_uri(item.get_absolute_url())}

    return {
        "province": context["slug"],
        "name": context["name"],
        "figures": context["figures"],
        "figures_source": f"Eindrapportage §{context['source']}, Tabel 2 (bron: COA)",
        "regional_arrangements": [link(i) for i in context["regional"]],
        "other_items": [link(i) for i in context["other_items"]],
    }


def response_schema() -> dict:
    """The shape of a POST /api/check answer, so a client knows every verdict in advance."""
    text = {"type": "string"}
    reason = {
        "type": "object",
        "properties": {"status": {"enum": list(REASON_STATES)}, "text": text, "source": text},
    }
    result = {
        "type": "object",
        "required": ["instrument", "verdict", "outcome", "window_status", "reasons"],
        "properties": {
            "instrument": text,
            "title": text,
            "url": {"type": "string", "format": "uri"},
            "verdict": {
                "enum": list(ORDER),
                "description": "Voorwaarden en tijd samen, in deze volgorde gesorteerd. "
                + " ".join(f"{v}: {MEANINGS[v]}" for v in ORDER),
            },
            "verdict_label": {"enum": [LABELS[v] for v in ORDER]},
            "verdict_headline": text,
            "verdict_text": text,
            "outcome": {"enum": list(OUTCOME_TEXT)},
            "outcome_text": text,
            "reasons": {"type": "array", "items": reason},
            "emphasis": {
                "oneOf": [
                    {"type": "null"},
                    {"type": "object", "properties": {"text": text, "source": text}},
                ],
                "description": "Waarom deze regeling bovenaan haar groep staat (bijvoorbeeld "
                "RVO als u hulp wilt).",
            },
            "window": {
                "oneOf": [
                    {"type": "null"},
                    {
                        "type": "object",
                        "properties": {
                            "opens": {"type": "string", "format": "date"},
                            "closes": {"type": "string", "format": "date"},
                        },
                    },
                ]
            },
            "window_status": {"enum": list(WINDOW_LABELS)},
            "ended": {
                "oneOf": [
                    {"type": "null"},
                    {
                        "type": "object",
                        "properties": {
                            "on": {"type": "string", "format": "date"},
                            "reason": text,
                            "source": text,
                        },
                    },
                ]
            },
        },
    }
    return {
        "type": "object",
        "properties": {
            "reference_date": {"type": "string", "format": "date"},
            "knowledge_as_of": {
                "type": "string",
                "format": "date",
                "description": "De kennis is de stand van deze datum (de eindrapportage), tenzij "
                "een regeling een latere bron noemt (ended).",
            },
            "rules_version": text,
            "verdict_counts": {
                "type": "object",
                "properties": {v: {"type": "integer"} for v in ORDER},
            },
            "results": {"type": "array", "items": result},
            "advice": {"type": "array"},
            "province": {"type": "object"},
            "gemeente": {
                "oneOf": [
                    {"type": "null"},
                    {
                        "type": "object",
                        "properties": {
                            "code": text,
                            "name": text,
                            "province": text,
                            "url": {"type": "string", "format": "uri"},
                            "figures": {
                                "oneOf": [
                                    {"type": "null"},
                                    {
                                        "type": "object",
                                        "properties": {
                                            "period": text,
                                            "end_backlog": {"type": "integer"},
                                            "source": text,
                                            "source_published_on": {
                                                "type": "string",
                                                "format": "date",
                                            },
                                            "version": {"type": "integer"},
                                            "text": text,
                                        },
                                    },
                                ]
                            },
                            "backlog_from_figures": {"type": "boolean"},
                            "backlog_text": {"oneOf": [{"type": "null"}, text]},
                        },
                    },
                ],
                "description": "De gegeven gemeente, met de achterstand uit de nieuwste "
                "gepubliceerde periode (figures: periode, bron, publicatiedatum, versie); "
                "backlog_from_figures zegt of de check die achterstand gebruikte.",
            },
        },
    }
