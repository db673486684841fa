"""Editors' page: what readers search for, and what they do not find."""

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render

from .search_insights import RETENTION_DAYS, top_queries


@login_required(login_url="admin:login")
@permission_required("editorial.view_searchlog", raise_exception=True)
def search_insights(request):
    periods = [
        {
            "days": days,
            "top": top_queries(days),
            "zero": top_queries(days, zero_only=True),
        }
        for days in (30, 90)
    ]
    context = {"periods": periods, "retention": RETENTION_DAYS}
    response = render(request, "editorial/search_insights.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response
