"""The gemeente lookup: name prefix before contains, case, accents and punctuation folded,
exact code in any spelling, at most 20, and by_code."""

from datetime import date

import pytest

from kenniscentrum.geography.lookup import LIMIT, by_code, code_in, find, fold, match
from kenniscentrum.geography.models import Gemeente


def gemeente(code: str, name: str, **fields) -> Gemeente:
    return Gemeente(code=code, name=name, province=fields.pop("province", "utrecht"), **fields)


SOME = [
    gemeente("GM0001", "Damdorp"),
    gemeente("GM0002", "Amsterdam"),
    gemeente("GM0003", "Rotterdam"),
    gemeente("GM0004", "Súdwest-Fryslân", province="friesland"),
    gemeente("GM0005", "'s-Gravenhage", province="zuid-holland"),
    gemeente("GM0006", "'s-Hertogenbosch", province="noord-brabant"),
    gemeente("GM0007", "Edam-Volendam", province="noord-holland"),
]


def names(found) -> list[str]:
    return [g.name for g in found]


# Pure: no database


def test_fold_lowers_and_removes_accents_and_punctuation():
    assert fold("'s-Gravenhage") == "s gravenhage"
    assert fold("Súdwest-Fryslân") == "sudwest fryslan"
    assert fold("  Middelburg (Z.) ") == "middelburg z"


def test_prefix_comes_before_contains_each_by_name():
    assert names(match(SOME, "dam")) == ["Damdorp", "Amsterdam", "Edam-Volendam", "Rotterdam"]


def test_case_and_accents_do_not_matter():
    assert names(match(SOME, "SUDWEST")) == ["Súdwest-Fryslân"]
    assert names(match(SOME, "fryslan")) == ["Súdwest-Fryslân"]
    assert names(match(SOME, "Frýslân")) == ["Súdwest-Fryslân"]


def test_punctuation_and_everyday_names():
    assert names(match(SOME, "s-grav")) == ["'s-Gravenhage"]
    assert names(match(SOME, "'s Grav")) == ["'s-Gravenhage"]
    assert names(match(SOME, "gravenhage")) == ["'s-Gravenhage"]
    assert names(match(SOME, "Den Haag")) == ["'s-Gravenhage"]
    assert names(match(SOME, "den bosch")) == ["'s-Hertogenbosch"]
    assert names(match(SOME, "edam volendam")) == ["Edam-Volendam"]


def test_code_in_any_spelling_is_exact():
    assert code_in("gm0002") == code_in(" GM0002 ") == code_in("0002") == "GM0002"
    assert code_in("GM02") is None and code_in("GM00022") is None
    assert names(match(SOME, "gm0002")) == ["Amsterdam"]
    assert names(match(SOME, "GM0099")) == []


def test_nothing_for_an_empty_query_or_only_punctuation():
    assert match(SOME, "") == [] and match(SOME, "  ") == [] and match(SOME, "'-") == []
    assert match(SOME, "zzz") == []


def test_at_most_twenty():
    many = [gemeente(f"GM1{n:03d}", f"Dorp {n:03d}") for n in range(30)]
    found = match(many, "dorp")
    assert len(found) == LIMIT == 20
    assert found[0].name == "Dorp 000"


# Over the loaded register


@pytest.mark.django_db
def test_find_in_the_register():
    assert names(find("amst")) == ["Amsterdam"]
    assert names(find("gm0363")) == ["Amsterdam"]
    assert names(find("den haag")) == ["'s-Gravenhage"]
    assert names(find("dam"))[:2] == ["Amsterdam", "Rotterdam"]


@pytest.mark.django_db
def test_find_on_a_day_leaves_out_gemeenten_that_did_not_exist():
    assert names(find("weesp")) == ["Weesp"]
    assert names(find("weesp", on=date(2022, 3, 23))) == ["Weesp"]
    assert find("weesp", on=date(2022, 3, 24)) == []
    assert names(find("GM0457", on=date(2021, 11, 1))) == ["Weesp"]


@pytest.mark.django_db
def test_by_code():
    assert by_code("GM0363").name == "Amsterdam"
    assert by_code("gm0599").name == "Rotterdam"
    assert by_code("GM9999") is None
    assert by_code("Amsterdam") is None and by_code("") is None
