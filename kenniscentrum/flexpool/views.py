"""The flexpool's pages: public list, request form and confirmation; the editors' queue,
request detail and profiles. Thin: rules live in forms.py, matching.py, workflow.py and
retention.py.

Caching (core/http_cache.py): /flexpool/ sets no cookie and is cached publicly like any content
page; the form (CSRF cookie, a visitor's own input) and the confirmation (a private token in
the address) say `never_cache` themselves; /redactie/ is private anyway.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import (
    ImproperlyConfigured,
    PermissionDenied,
    RequestDataTooBig,
    TooManyFieldsSent,
)
from django.db import DatabaseError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from kenniscentrum.core import dates
from kenniscentrum.core.rate_limit import RateLimit
from kenniscentrum.editorial.editor_views import editor_required
from kenniscentrum.knowledge.vocabulary import PROVINCES

from . import forms, retention, selectors, tokens, workflow
from .config import retention_days
from .models import FlexRequest, Profile
from .vocabulary import EXPERTISE

RATE_LIMIT = RateLimit(key_prefix="kc-flexpool-rate:", limit=5, window_seconds=3600)

TOO_MANY = (
    "U heeft in korte tijd veel aanvragen verstuurd. Deze aanvraag is niet opgeslagen; "
    "probeer het over een uur opnieuw, of neem contact op met de redactie."
)
TOO_BIG = "Uw aanvraag is te groot om te verwerken. Maak de beschrijving korter."
BUSY = "Uw aanvraag kon nu niet worden opgeslagen. Probeer het over een paar minuten opnieuw."
GONE = (
    "Deze bevestiging bestaat niet of is verlopen (een bevestiging is "
    f"{tokens.MAX_AGE_DAYS} dagen bereikbaar). Heeft u een aanvraag gedaan, dan is die daarmee "
    "niet verdwenen: de redactie neemt contact met u op. Noem uw kenmerk als u de redactie iets "
    "vraagt."
)


def flexpool_editor(permission: str):
    """An editor (editor_required: login, else the back office's login; no editor, 403) who
    also holds the flexpool's model permission for this page (both roles do; 403 otherwise)."""

    def decorate(view):
        return editor_required(permission_required(permission, raise_exception=True)(view))

    return decorate


def _message_page(request, title: str, message: str, status: int):
    context = {"title": title, "message": message}
    return render(request, "flexpool/message.html", context, status=status)


def _retention_days_or_none():
    try:
        return retention_days()
    except ImproperlyConfigured:  # the page says less rather than something wrong
        return None


# Public pages


@require_http_methods(["GET", "HEAD"])
def index(request):
    chosen, notes = forms.public_filters(request.GET)
    profiles = selectors.public_profiles(
        dates.today(), chosen.get("expertise"), chosen.get("provincie")
    )
    context = {
        "profiles": profiles,
        "filters": chosen,
        "filter_notes": notes,
        "expertise_options": EXPERTISE,
        "province_options": PROVINCES,
        "request_url": _request_url(chosen),
    }
    return render(request, "flexpool/index.html", context)


def _request_url(chosen: dict) -> str:
    """The form's address, prefilled with the filters the visitor chose on the list."""
    query = urlencode({k: v for k, v in chosen.items()})
    return reverse("flexpool:request") + (f"?{query}" if query else "")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def request_form(request):
    if request.method == "POST":
        try:
            form = forms.RequestForm(request.POST)
            valid = form.is_valid()
        except (RequestDataTooBig, TooManyFieldsSent):
            return _message_page(request, "Aanvraag niet verwerkt", TOO_BIG, 413)
        if valid:
            if not RATE_LIMIT.allow(request):
                return _message_page(request, "Aanvraag niet verwerkt", TOO_MANY, 429)
            retention.prune_quietly()
            try:
                flex_request = workflow.create_request(form.cleaned_data)
            except DatabaseError:
                return _message_page(request, "Aanvraag niet verwerkt", BUSY, 503)
            target = reverse("flexpool:confirmation", args=[tokens.make(flex_request)])
            return HttpResponseRedirect(target, status=303)
        status = 400
    else:
        form = forms.RequestForm(initial=forms.initial_from_query(request.GET))
        status = 200
    context = {
        "form": form,
        "errors": forms.error_items(form) if form.is_bound else [],
        "today": dates.today(),
        "retention_days": _retention_days_or_none(),
    }
    return render(request, "flexpool/request_form.html", context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD"])
def confirmation(request, token):
    flex_request = tokens.read(token)
    if flex_request is None:
        return _message_page(request, "Bevestiging niet gevonden", GONE, 404)
    context = {
        "flex_request": flex_request,
        "matches": selectors.matches_for(flex_request, limit=selectors.TOP_MATCHES),
        "retention_days": _retention_days_or_none(),
        "max_age_days": tokens.MAX_AGE_DAYS,
    }
    response = render(request, "flexpool/confirmation.html", context)
    response["Referrer-Policy"] = "no-referrer"  # the token stays out of other pages' logs
    return response


# Editors


@flexpool_editor("flexpool.view_flexrequest")
def queue(request):
    context = {
        "open_requests": selectors.open_requests_with_matches(),
        "closed_requests": selectors.recently_closed(),
        "retention_days": _retention_days_or_none(),
    }
    return render(request, "flexpool/queue.html", context)


@flexpool_editor("flexpool.view_flexrequest")
@require_http_methods(["GET", "HEAD", "POST"])
def request_detail(request, pk):
    flex_request = get_object_or_404(FlexRequest.objects.select_related("matched_profile"), pk=pk)
    errors = {}
    if request.method == "POST":
        action = request.POST.get("action", "")
        profile = None
        if action == "match":
            profile = _chosen_profile(request.POST.get("profile"))
        try:
            workflow.transition(
                flex_request,
                action,
                request.user,
                profile=profile,
                reason=request.POST.get("reason", ""),
                base_url=request.build_absolute_uri("/"),
            )
        except PermissionDenied as exc:
            return render(request, "403.html", {"message": str(exc)}, status=403)
        except workflow.InvalidTransition as exc:
            errors[action if action in workflow.STEPS else "action"] = str(exc)
        else:
            messages.success(request, f"Status: {flex_request.get_status_display()}.")
            return redirect("flexpool:request-detail", pk=flex_request.pk)
    return _detail(request, flex_request, errors, status=400 if errors else 200)


def _chosen_profile(value):
    try:
        return Profile.objects.filter(pk=int(value)).first()
    except (TypeError, ValueError):
        return None


def _detail(request, flex_request, errors: dict, status: int):
    matches = selectors.matches_for(flex_request)
    matched_ids = {m.profile.pk for m in matches}
    others = [p for p in Profile.objects.filter(active=True) if p.pk not in matched_ids]
    context = {
        "flex_request": flex_request,
        "matches": matches,
        "other_profiles": others,
        "steps": {s.action: s for s in workflow.allowed_steps(flex_request, request.user)},
        "errors": errors,
        "error_targets": {
            "match": "kies-profiel",
            "confirm": "toelichting-confirm",
            "decline": "reden-decline",
            "action": "acties",
        },
        "posted_reason": request.POST.get("reason", "") if errors else "",
        "log": flex_request.log.select_related("user", "profile"),
        "removal_date": retention.removal_date(flex_request),
    }
    return render(request, "flexpool/request_detail.html", context, status=status)


@flexpool_editor("flexpool.view_profile")
def profiles(request):
    context = {
        "profiles": Profile.objects.order_by("-active", "name", "pk"),
        "today": dates.today(),
    }
    return render(request, "flexpool/profiles.html", context)


@flexpool_editor("flexpool.add_profile")
@require_http_methods(["GET", "HEAD", "POST"])
def profile_new(request):
    return _profile_form(request, Profile(), "Het profiel is aangemaakt.")


@flexpool_editor("flexpool.change_profile")
@require_http_methods(["GET", "HEAD", "POST"])
def profile_edit(request, pk):
    return _profile_form(request, get_object_or_404(Profile, pk=pk), "Het profiel is opgeslagen.")


def _profile_form(request, profile: Profile, saved: str):
    if request.method == "POST":
        form = forms.ProfileForm(request.POST, instance=profile)
        if form.is_valid():
            form.save()
            messages.success(request, saved)
            return redirect("flexpool:profiles")
        status = 400
    else:
        form = forms.ProfileForm(instance=profile)
        status = 200
    context = {
        "form": form,
        "profile": profile,
        "errors": forms.error_items(form) if form.is_bound else [],
    }
    return render(request, "flexpool/profile_form.html", context, status=status)


@flexpool_editor("flexpool.delete_profile")
@require_POST
def profile_delete(request, pk):
    """Only an eindredacteur: a profile is someone's personal data, and deleting it also
    unlinks it from requests and their log (SET_NULL). Needs the confirm box ticked."""
    profile = get_object_or_404(Profile, pk=pk)
    if request.POST.get("confirm") != "ja":
        messages.error(request, "Vink aan dat u het profiel definitief wilt verwijderen.")
        return redirect("flexpool:profile-edit", pk=pk)
    profile.delete()
    messages.success(request, "Het profiel is verwijderd.")
    return redirect("flexpool:profiles")
