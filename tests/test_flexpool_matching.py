"""The flexpool's matching rule (flexpool/matching.py), on constructed profiles: who is a match,
in which order, and the reasons and caveats a requester and an editor read."""

from dataclasses import dataclass, field
from datetime import date

from kenniscentrum.flexpool.matching import Need, evaluate, overlap_days, rank


@dataclass
class P:
    name: str
    expertise: list = field(default_factory=lambda: ["flexwonen"])
    provinces: list = field(default_factory=lambda: ["utrecht"])
    all_provinces: bool = False
    available_from: date = date(2026, 1, 1)
    available_until: date = date(2026, 12, 31)
    active: bool = True
    pk: int = 0


NEED = Need(
    expertise=frozenset({"flexwonen", "transformatie"}),
    province="utrecht",
    start=date(2026, 3, 1),
    end=date(2026, 6, 30),
)


def names(matches):
    return [m.profile.name for m in matches]


def test_more_requested_expertise_ranks_first_even_from_another_province():
    both = P("Zeeuw", expertise=["flexwonen", "transformatie"], provinces=["zeeland"])
    one = P("Utrechter", expertise=["flexwonen"], provinces=["utrecht"])
    assert names(rank(NEED, [one, both])) == ["Zeeuw", "Utrechter"]


def test_province_breaks_a_tie_in_expertise_and_all_provinces_counts_as_serving():
    elsewhere = P("A-elders", provinces=["zeeland"])
    national = P("B-landelijk", provinces=[], all_provinces=True)
    local = P("C-lokaal", provinces=["utrecht"])
    assert names(rank(NEED, [elsewhere, national, local])) == [
        "B-landelijk",
        "C-lokaal",
        "A-elders",
    ]


def test_more_days_of_overlap_breaks_a_tie_in_expertise_and_province():
    short = P("A-kort", available_from=date(2026, 6, 1))
    full = P("B-heel", available_from=date(2026, 1, 1))
    assert names(rank(NEED, [short, full])) == ["B-heel", "A-kort"]


def test_full_ties_are_ordered_by_name_case_insensitively_then_id():
    profiles = [P("bert", pk=3), P("Anna", pk=2), P("Bert", pk=1)]
    assert [(m.profile.name, m.profile.pk) for m in rank(NEED, profiles)] == [
        ("Anna", 2),
        ("Bert", 1),
        ("bert", 3),
    ]


def test_period_boundaries_are_inclusive():
    ends_on_first_day = P("Eind", available_from=date(2026, 1, 1), available_until=date(2026, 3, 1))
    starts_on_last_day = P(
        "Begin", available_from=date(2026, 6, 30), available_until=date(2027, 1, 1)
    )
    day_before = P("Net niet", available_from=date(2026, 1, 1), available_until=date(2026, 2, 28))
    day_after = P("Net later", available_from=date(2026, 7, 1), available_until=date(2027, 1, 1))
    matches = rank(NEED, [ends_on_first_day, starts_on_last_day, day_before, day_after])
    assert sorted(names(matches)) == ["Begin", "Eind"]
    assert all(m.overlap_days == 1 for m in matches)


def test_inactive_profiles_and_profiles_without_requested_expertise_are_no_match():
    inactive = P("Inactief", active=False)
    other = P("Ander vak", expertise=["grote-gezinnen", "tussenvoorziening"])
    assert rank(NEED, [inactive, other]) == []
    assert evaluate(NEED, inactive) is None


def test_no_profiles_is_no_match():
    assert rank(NEED, []) == []


def test_reasons_say_why_in_dutch():
    match = evaluate(NEED, P("Anna", expertise=["transformatie", "flexwonen"]))
    assert match.reasons == (
        "deskundig in flexwonen",
        "deskundig in transformatie van leegstaande gebouwen",
        "werkt in Utrecht",
        "beschikbaar van 1 januari 2026 tot en met 31 december 2026",
    )
    assert match.caveats == ()


def test_caveats_say_what_is_missing():
    profile = P(
        "Bert",
        expertise=["flexwonen"],
        provinces=["gelderland", "drenthe"],
        available_from=date(2026, 6, 1),
    )
    match = evaluate(NEED, profile)
    assert match.caveats == (
        "niet deskundig in transformatie van leegstaande gebouwen",
        "werkt niet in Utrecht, wel in Drenthe en Gelderland",
        "beschikbaar op 30 van de 122 dagen van de periode",
    )
    national = evaluate(NEED, P("C", all_provinces=True, provinces=[]))
    assert "werkt in heel Nederland" in national.reasons


def test_overlap_days():
    assert (
        overlap_days(date(2026, 1, 1), date(2026, 1, 10), date(2026, 1, 10), date(2026, 2, 1)) == 1
    )
    assert (
        overlap_days(date(2026, 1, 1), date(2026, 1, 10), date(2026, 1, 11), date(2026, 2, 1)) == 0
    )
    assert (
        overlap_days(date(2026, 1, 1), date(2026, 12, 31), date(2026, 3, 1), date(2026, 3, 31))
        == 31
    )


def test_unknown_requested_values_are_ignored():
    need = Need(frozenset({"flexwonen", "iets-anders"}), "utrecht", NEED.start, NEED.end)
    match = evaluate(need, P("Anna"))
    assert match.covered == ("flexwonen",) and match.missing == ()
