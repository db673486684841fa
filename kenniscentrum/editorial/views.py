"""Editors' page: what readers search for, what they do not find, and what to do about it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import redirect, render

from kenniscentrum.search.synonyms import match_key, synonym_groups

from .forms import RecommendationForm, SynonymGroupForm
from .models import Pin
from .queries import normalise_query
from .search_actions import (
    ADD_GROUP,
    ADD_PIN,
    Refused,
    add_recommendation,
    add_synonym_group,
    split_terms,
)
from .search_insights import RETENTION_DAYS, top_queries


@login_required
@permission_required("editorial.view_searchlog", raise_exception=True)
def search_insights(request):
    periods = [
        {"days": days, "top": top_queries(days), "zero": top_queries(days, zero_only=True)}
        for days in (30, 90)
    ]
    # What was done about a query already: it is a term of a synonym group, or has a pin.
    grouped = {match_key(term) for group in synonym_groups() for term in group.terms}
    queries = {row.query for period in periods for row in period["top"] + period["zero"]}
    pinned = set(Pin.objects.filter(query__in=queries).values_list("query", flat=True))
    for period in periods:
        for name in ("top", "zero"):
            period[name] = [
                {
                    **vars(row),
                    "grouped": match_key(row.query) in grouped,
                    "pinned": row.query in pinned,
                }
                for row in period[name]
            ]
    context = {
        "periods": periods,
        "retention": RETENTION_DAYS,
        "can_group": request.user.has_perm(ADD_GROUP),
        "can_pin": request.user.has_perm(ADD_PIN),
    }
    return _render(request, "editorial/search_insights.html", context)


@login_required
@permission_required(ADD_GROUP, raise_exception=True)
def synonym_group(request):
    """First click: the form, prefilled with the query; second click: save."""
    query = normalise_query(request.GET.get("q", ""))
    if request.method == "POST":
        form = SynonymGroupForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                result = add_synonym_group(
                    request.user, data["term"], split_terms(data["others"]), data["variant"],
                    query=query,
                )  # fmt: skip
            except Refused as exc:
                form.add_error(exc.field or None, exc.message)
            else:
                terms = ", ".join(result.group.terms)
                if result.extended:
                    text = f"Toegevoegd aan de bestaande synoniemgroep: {terms}."
                else:
                    text = f"Synoniemgroep opgeslagen: {terms}."
                messages.success(request, f"{text} Zoeken gebruikt hem vanaf nu.")
                return redirect("editorial:search-insights")
    else:
        form = SynonymGroupForm(initial={"term": query})
    context = {"form": form, "query": query, "groups": synonym_groups()}
    return _render(request, "editorial/search_insights_synonym.html", context)


@login_required
@permission_required(ADD_PIN, raise_exception=True)
def recommendation(request):
    """First click: the form with the query and a choice of item; second click: save."""
    query = normalise_query(request.GET.get("q", ""))
    if request.method == "POST":
        form = RecommendationForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                pin = add_recommendation(request.user, data["query"], data["item"])
            except Refused as exc:
                form.add_error(exc.field or None, exc.message)
            else:
                messages.success(
                    request, f"'{pin.item.title}' staat nu bovenaan bij de zoekvraag '{pin.query}'."
                )
                return redirect("editorial:search-insights")
    else:
        form = RecommendationForm(initial={"query": query})
    pins = Pin.objects.filter(query=query).select_related("item") if query else []
    context = {"form": form, "query": query, "pins": pins}
    return _render(request, "editorial/search_insights_recommendation.html", context)


def _render(request, template: str, context: dict):
    response = render(request, template, context)
    response["X-Robots-Tag"] = "noindex"
    return response
