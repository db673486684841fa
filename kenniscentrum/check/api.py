"""POST /api/check (answers as JSON) and GET /api/check/schema."""

import json

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from .answers import AnswerErrors, json_schema, validate
from .service import run_check

MAX_BODY = 16 * 1024
OUTCOME_TEXT = {
    "eligible": "Komt in aanmerking",
    "possibly_eligible": "Komt mogelijk in aanmerking",
    "not_eligible": "Komt niet in aanmerking",
}


@require_safe
def schema(request):
    return JsonResponse(json_schema())


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
            "results": [_result(request, r) for r in outcome.results],
            "advice": outcome.advice,
        }
    )


def _errors(errors):
    return JsonResponse({"errors": errors}, status=400)


def _result(request, result) -> dict:
    facts = result.item.regeling
    rules = result.rules
    return {
        "instrument": result.item.slug,
        "title": result.item.title,
        "url": request.build_absolute_uri(result.item.get_absolute_url()),
        "outcome": result.evaluation.outcome,
        "outcome_text": OUTCOME_TEXT[result.evaluation.outcome],
        "reasons": [
            {"status": r.status, "text": r.text, "source": r.source}
            for r in result.evaluation.reasons
        ],
        "window": facts.window,
        "window_status": result.window_status,
        "amount": rules.get("amount", ""),
        "channel": rules.get("channel", ""),
        "next_steps": rules.get("next_steps", []),
        "notes": rules.get("notes", []),
        "sources": sorted({r.source for r in result.evaluation.reasons}),
        "related": [request.build_absolute_uri(i.get_absolute_url()) for i in result.related],
    }
