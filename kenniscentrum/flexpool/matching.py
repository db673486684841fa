"""Which projectleiders fit a gemeente's request, best first, and why.

The rule (one pure function, no database; tested in tests/test_flexpool_matching.py):

1. A profile is a candidate only when it is active and its availability overlaps the requested
   period by at least one day. Both periods include their first and last day: a profile
   available until 1 March matches a request from 1 March.
2. It must cover at least one requested expertise. A projectleider who knows none of what the
   gemeente asks for is not a match, however available or near.
3. Candidates are ranked by, in this order:
   a. the number of requested expertises it covers (more is better): expertise is the gap
      aanbeveling 1d names first, and a second specialist costs the gemeente a second intake;
   b. whether it works in the requested province (or in all of the Netherlands): local
      knowledge of corporations and the regio helps, but a good specialist from elsewhere still
      beats a weaker one nearby, so this only breaks ties of (a);
   c. the number of days of overlap with the requested period (more is better);
   d. the name (case-insensitive), then the id: a stable order, so the queue and the
      confirmation page never reshuffle between two requests.
4. Each match carries its reasons ("deskundig in flexwonen", "werkt in Utrecht",
   "beschikbaar van 1 maart 2026 tot en met 30 juni 2026") and its caveats (what it does not
   cover: a requested expertise, the province, part of the period), so an editor and the
   requester can judge it rather than trust a score.

Profiles are read by attribute (active, expertise, provinces, all_provinces, available_from,
available_until, name, pk), so the models and plain test objects both work.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from kenniscentrum.core.dates import MONTHS
from kenniscentrum.knowledge.vocabulary import PROVINCES

from .vocabulary import (
    EXPERTISE,
    dutch_list,
    expertise_label,
    in_vocabulary_order,
    lower_first,
    province_label,
)

MONTH_NAMES = {number: name for name, number in MONTHS.items()}


@dataclass(frozen=True)
class Need:
    """What a gemeente asks for: the expertises, its province and the period (inclusive)."""

    expertise: frozenset
    province: str
    start: date
    end: date


@dataclass(frozen=True)
class Match:
    profile: object
    covered: tuple[str, ...]  # requested expertises the profile has, in vocabulary order
    missing: tuple[str, ...]  # requested expertises it lacks
    serves_province: bool
    overlap_days: int
    reasons: tuple[str, ...]
    caveats: tuple[str, ...]


def nl_date(day: date) -> str:
    """'1 maart 2026', without Django's locale machinery (this module stays pure)."""
    return f"{day.day} {MONTH_NAMES[day.month]} {day.year}"


def overlap_days(start_a: date, end_a: date, start_b: date, end_b: date) -> int:
    """Days both inclusive periods share; 0 when they do not meet."""
    first, last = max(start_a, start_b), min(end_a, end_b)
    return max((last - first).days + 1, 0)


def serves(profile, province: str) -> bool:
    return bool(getattr(profile, "all_provinces", False)) or province in (profile.provinces or ())


def evaluate(need: Need, profile) -> Match | None:
    """The match of one profile, or None when rule 1 or 2 excludes it."""
    if not profile.active:
        return None
    if profile.available_from is None or profile.available_until is None:
        return None
    days = overlap_days(need.start, need.end, profile.available_from, profile.available_until)
    if days <= 0:
        return None
    offered = set(profile.expertise or ())
    requested = in_vocabulary_order(need.expertise, EXPERTISE)
    covered = tuple(value for value in requested if value in offered)
    if not covered:
        return None
    missing = tuple(value for value in requested if value not in offered)
    in_province = serves(profile, need.province)
    return Match(
        profile=profile,
        covered=covered,
        missing=missing,
        serves_province=in_province,
        overlap_days=days,
        reasons=_reasons(need, profile, covered, in_province),
        caveats=_caveats(need, profile, missing, in_province, days),
    )


def rank(need: Need, profiles: Iterable) -> list[Match]:
    """Every matching profile, best first (rule 3 in the module docstring)."""
    matches = [m for m in (evaluate(need, profile) for profile in profiles) if m is not None]
    return sorted(matches, key=_sort_key)


def _sort_key(match: Match):
    profile = match.profile
    return (
        -len(match.covered),
        not match.serves_province,
        -match.overlap_days,
        (profile.name or "").casefold(),
        getattr(profile, "pk", None) or 0,
    )


def _reasons(need: Need, profile, covered, in_province: bool) -> tuple[str, ...]:
    reasons = [f"deskundig in {lower_first(expertise_label(value))}" for value in covered]
    if getattr(profile, "all_provinces", False):
        reasons.append("werkt in heel Nederland")
    elif in_province:
        reasons.append(f"werkt in {province_label(need.province)}")
    reasons.append(
        f"beschikbaar van {nl_date(profile.available_from)} "
        f"tot en met {nl_date(profile.available_until)}"
    )
    return tuple(reasons)


def _caveats(need: Need, profile, missing, in_province: bool, days: int) -> tuple[str, ...]:
    caveats = []
    if missing:
        labels = [lower_first(expertise_label(value)) for value in missing]
        caveats.append(f"niet deskundig in {dutch_list(labels)}")
    if not in_province:
        served = [PROVINCES[p] for p in PROVINCES if p in (profile.provinces or ())]
        where = f", wel in {dutch_list(served)}" if served else ""
        caveats.append(f"werkt niet in {province_label(need.province)}{where}")
    requested_days = (need.end - need.start).days + 1
    if days < requested_days:
        caveats.append(f"beschikbaar op {days} van de {requested_days} dagen van de periode")
    return tuple(caveats)
