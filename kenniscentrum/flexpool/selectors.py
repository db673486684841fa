"""Which profiles and requests the pages show. Reads only; the rules are in matching.py."""

from datetime import date

from .matching import Need, rank
from .models import FlexRequest, Profile
from .vocabulary import CLOSED_STATUSES, OPEN_STATUSES

TOP_MATCHES = 3


def public_profiles(day: date, expertise: str | None = None, province: str | None = None):
    """Active profiles that are still available on or after `day`, optionally filtered.

    A profile whose availability has ended is left out: a gemeente cannot ask for it any more.
    Filtered in Python: the pool is tens of profiles, and JSON lists cannot be filtered the same
    way on SQLite and PostgreSQL.
    """
    profiles = Profile.objects.filter(active=True, available_until__gte=day).order_by(
        "available_from", "name", "pk"
    )
    return [
        p
        for p in profiles
        if (not expertise or expertise in (p.expertise or ()))
        and (not province or p.all_provinces or province in (p.provinces or ()))
    ]


def need_of(flex_request: FlexRequest) -> Need:
    return Need(
        expertise=frozenset(flex_request.expertise or ()),
        province=flex_request.province,
        start=flex_request.period_from,
        end=flex_request.period_until,
    )


def matches_for(flex_request: FlexRequest, profiles=None, limit: int | None = None):
    """The request's matches among the active profiles, best first, computed now."""
    if profiles is None:
        profiles = Profile.objects.filter(active=True)
    ranked = rank(need_of(flex_request), profiles)
    return ranked[:limit] if limit else ranked


def open_requests_with_matches():
    """The queue: open requests oldest first, each with its top matches (one profile query)."""
    profiles = list(Profile.objects.filter(active=True))
    requests = FlexRequest.objects.filter(status__in=OPEN_STATUSES).select_related(
        "matched_profile"
    )
    return [(r, matches_for(r, profiles, TOP_MATCHES)) for r in requests.order_by("created_at")]


def recently_closed(limit: int = 20):
    return FlexRequest.objects.filter(status__in=CLOSED_STATUSES).order_by("-closed_on", "-pk")[
        :limit
    ]
