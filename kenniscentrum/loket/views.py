"""The public side of the vraagbaak: the question form and the confirmation. Thin: the rules
live in forms.py, intake.py and rate_limit.py.

Why a CSRF token here (unlike page feedback): this page is a form of its own, not part of
publicly cached content, so it may set the CSRF cookie; both pages say `never_cache`
(private, no-store) themselves, so no shared cache keeps a copy with someone's token or
reference (core/http_cache.py leaves a view's own Cache-Control alone).

Why the confirmation sits behind a signed token: the reference and promised date are shown
right after submitting, and to nobody else. The token (signed with SECRET_KEY, valid one hour)
is the only way to the page; there is no /vraag/<id> to count through, and the page shows no
question text, gemeente or address, only the reference, the dates and whether a mail follows.

A filled honeypot gets the form again with a plain message (status 400) and stores nothing:
a person whose browser filled the hidden field can resend at once, and a bot gains nothing.
"""

from django.core import signing
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.db import DatabaseError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from . import config, intake, rate_limit
from .forms import HONEYPOT, QuestionForm, summary
from .models import MAX_QUESTION_CHARS, Question
from .vocabulary import ORGANISATION_TYPES, PROVINCES

# The largest honest body: MAX_QUESTION_CHARS of 4-byte characters, percent-encoded (12 bytes
# each), plus the short fields and the CSRF token.
MAX_BODY_BYTES = 64 * 1024
CONFIRMATION_SALT = "kenniscentrum.loket.bevestiging"
CONFIRMATION_SECONDS = 60 * 60

TOO_BIG = (
    f"Uw vraag is te groot om te versturen. Maak hem korter (maximaal {MAX_QUESTION_CHARS} "
    "tekens) en probeer het opnieuw."
)
TOO_MANY = (
    "U heeft in korte tijd veel vragen gestuurd. Deze vraag is niet verstuurd; probeer het over "
    "een uur opnieuw."
)
BUSY = "Uw vraag kon nu niet worden opgeslagen. Probeer het over een paar minuten opnieuw."
METHOD = "Op dit adres kunt u alleen het formulier bekijken en versturen."


def _refuse(request, message: str, status: int):
    response = render(request, "loket/refused.html", {"message": message}, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


def _content_length(request) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def confirmation_token(question: Question) -> str:
    return signing.dumps(question.reference, salt=CONFIRMATION_SALT)


@never_cache
def ask(request):
    if request.method not in ("GET", "HEAD", "POST"):
        response = _refuse(request, METHOD, 405)
        response["Allow"] = "GET, HEAD, POST"
        return response
    form, status = QuestionForm(), 200
    if request.method == "POST":
        if _content_length(request) > MAX_BODY_BYTES:
            return _refuse(request, TOO_BIG, 413)
        try:
            form = QuestionForm(request.POST)
            valid = form.is_valid()
        except (RequestDataTooBig, TooManyFieldsSent):
            return _refuse(request, TOO_BIG, 413)
        if valid:
            if not rate_limit.allow(request):
                return _refuse(request, TOO_MANY, 429)
            data = form.cleaned_data
            new = intake.NewQuestion(
                text=data["vraag"],
                organisation_type=data["organisatie"],
                gemeente=data["gemeente"],
                province=data["provincie"],
                email=data["email"],
            )
            try:
                question = intake.submit(new)
            except DatabaseError:
                return _refuse(request, BUSY, 503)
            url = reverse("loket:received", args=[confirmation_token(question)])
            return HttpResponseRedirect(url, status=303)
        status = 400
    context = {
        "form": form,
        "errors": summary(form) if form.is_bound else [],
        "organisations": ORGANISATION_TYPES,
        "provinces": PROVINCES,
        "honeypot": HONEYPOT,
        "answer_days": config.answer_days(),
        "retention_days": config.retention_days(),
        "max_chars": MAX_QUESTION_CHARS,
        "limit": rate_limit.LOKET_LIMIT.limit,
    }
    return render(request, "loket/ask.html", context, status=status)


@never_cache
def received(request, token: str):
    """The confirmation: reference, promised date, what happens next and what is kept."""
    try:
        reference = signing.loads(token, salt=CONFIRMATION_SALT, max_age=CONFIRMATION_SECONDS)
        question = Question.objects.get(reference=str(reference))
    except (signing.BadSignature, Question.DoesNotExist):
        return render(request, "loket/gone.html", status=404)
    context = {
        "question": question,
        "organisation": ORGANISATION_TYPES.get(question.organisation_type, ""),
        "answer_days": config.answer_days(),
        "retention_days": config.retention_days(),
    }
    return render(request, "loket/received.html", context)
