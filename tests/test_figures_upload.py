"""Reading an upload of gemeente figures (issue 17): every rule names its line and column.

upload.validate is pure (bytes, register, today), so these tests need no database: the
register is a dict of plain objects. The pages, the workflow and the permissions are in
test_figures_upload_pages.py; the derived totals in test_figures_derived.py.
"""

import random
from datetime import date
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kenniscentrum.figures import upload
from kenniscentrum.figures.upload import MAX_BYTES, MAX_PROBLEMS, MAX_ROWS, validate

TODAY = date(2026, 11, 30)
HEADER = (
    "gemeentecode,gemeente,periode,stand_begin,taakstelling,realisatie,stand_eind,"
    "gekoppeld_niet_gehuisvest"
)


def gemeente(code, name, province="utrecht", valid_from=None, valid_until=None, successor=None):
    return SimpleNamespace(code=code, name=name, province=province, valid_from=valid_from,
                           valid_until=valid_until, successor=successor)  # fmt: skip


A = gemeente("GM9001", "Testgemeente A")
B = gemeente("GM9002", "Testgemeente B")
C = gemeente("GM9003", "Testgemeente C", "drenthe")
ENDED = gemeente("GM9004", "Oude Testgemeente", valid_until=date(2021, 12, 31), successor=A)
NEW = gemeente("GM9005", "Nieuwe Testgemeente", valid_from=date(2023, 1, 1))
REGISTER = {g.code: g for g in (A, B, C, ENDED, NEW)}

ROW_A = "GM9001,Testgemeente A,2022-1,10,20,15,15,3"
ROW_B = "GM9002,Testgemeente B,2022-1,0,8,8,0,"
ROW_C = "GM9003,Testgemeente C,2022-1,5,12,10,7,1"


def csv_bytes(*rows, header=HEADER, sep=",", bom=False, newline="\n") -> bytes:
    lines = [header, *rows]
    text = newline.join(line.replace(",", sep) for line in lines) + newline
    return (("\ufeff" if bom else "") + text).encode("utf-8")


def check(*rows, **kwargs):
    return validate(csv_bytes(*rows, **kwargs), REGISTER, TODAY)


def only_error(result):
    assert len(result.errors) == 1, [p.text for p in result.problems]
    assert not result.ok
    return result.errors[0]


# -- a clean file -----------------------------------------------------------------------------


def test_a_clean_file_gives_its_rows_and_period():
    result = check(ROW_A, ROW_B, ROW_C)
    assert result.ok and result.problems == []
    assert result.period == "2022-1"
    assert [(r.line, r.gemeente.code) for r in result.rows] == [
        (2, "GM9001"), (3, "GM9002"), (4, "GM9003"),
    ]  # fmt: skip
    first = result.rows[0]
    assert (first.start_backlog, first.target, first.realised, first.end_backlog) == (
        10,
        20,
        15,
        15,
    )
    assert first.coupled_not_housed == 3
    assert result.rows[1].coupled_not_housed is None  # empty is allowed in the last column
    assert first.province == "utrecht"


def test_excel_export_with_bom_semicolons_and_crlf_is_read():
    result = check(ROW_A, ROW_B, ROW_C, sep=";", bom=True, newline="\r\n")
    assert result.ok, [p.text for p in result.problems]
    assert result.delimiter == ";"
    assert [r.line for r in result.rows] == [2, 3, 4]


def test_without_the_optional_column_and_with_dutch_header_spellings():
    header = "Gemeentecode;Gemeentenaam;Halfjaar;Stand begin;Taakstelling;Gerealiseerd;Stand-eind"
    result = validate(
        csv_bytes("GM9001;Testgemeente A;2022-1;10;20;15;15", header=header), REGISTER, TODAY
    )
    assert result.ok, [p.text for p in result.problems]
    assert result.rows[0].coupled_not_housed is None


def test_a_code_without_leading_zeros_or_prefix_is_read_as_the_gm_code():
    """Excel turns 0363 into 363; the code is still unambiguous."""
    result = check(
        "9001,Testgemeente A,2022-1,10,20,15,15,", "gm9002,Testgemeente B,2022-1,0,8,8,0,"
    )
    assert result.ok
    assert [r.gemeente.code for r in result.rows] == ["GM9001", "GM9002"]


def test_blank_lines_and_trailing_empty_cells_are_ignored_and_lines_still_count():
    result = check(ROW_A, "", ",,,,,,,", ROW_B + ",,")
    assert result.ok, [p.text for p in result.problems]
    assert [r.line for r in result.rows] == [2, 5]


def test_a_negative_stand_is_a_voorsprong_and_allowed():
    result = check("GM9001,Testgemeente A,2022-1,-4,10,12,-6,")
    assert result.ok
    assert result.rows[0].end_backlog == -6


# -- the file as a whole ----------------------------------------------------------------------


def test_not_utf8_names_the_line():
    data = (HEADER + "\nGM9001,Súdwest,2022-1,10,20,15,15,\n").encode("cp1252")
    problem = only_error(validate(data, REGISTER, TODAY))
    assert problem.line == 2
    assert "UTF-8" in problem.message and "CSV UTF-8" in problem.message


@pytest.mark.parametrize(
    "data, words",
    [
        (b"", "leeg"),
        (b"  \n\n", "leeg"),
        (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 20, "Excel-bestand"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 20, "Excel-bestand"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "geen tekstbestand"),
        (b"x" * (MAX_BYTES + 1), "te groot"),
    ],
)
def test_files_that_are_no_csv_are_refused_as_a_whole(data, words):
    problem = only_error(validate(data, REGISTER, TODAY))
    assert problem.line is None and problem.where == "Bestand"
    assert words in problem.message


def test_header_only_and_no_rows():
    assert "alleen een kopregel" in only_error(check()).message


def test_more_rows_than_allowed():
    rows = [ROW_A] * (MAX_ROWS + 1)  # duplicates too: look the row limit up
    result = check(*rows)
    problem = next(p for p in result.errors if "meer dan" in p.message)
    assert problem.line == MAX_ROWS + 2
    assert not result.ok


# -- columns ------------------------------------------------------------------------------------


def test_missing_column_is_named():
    header = HEADER.replace(",realisatie", "")
    problem = only_error(check("GM9001,Testgemeente A,2022-1,10,20,15,", header=header))
    assert problem.line == 1
    assert "mist de kolom realisatie" in problem.message


def test_unknown_column_is_named_with_its_letter():
    result = check(ROW_A.replace(",3", ",3,x"), header=HEADER + ",opmerking")
    problem = only_error(result)
    assert (problem.line, problem.letter) == (1, "I")
    assert "Onbekende kolom 'opmerking'" in problem.message


def test_a_column_twice_is_refused():
    header = HEADER.replace("stand_eind", "stand_begin")
    problem = next(p for p in check(ROW_A, header=header).errors if "twee keer" in p.message)
    assert (problem.line, problem.column, problem.letter) == (1, "stand_begin", "G")


def test_tab_separated_file_gets_a_hint_about_the_separator():
    data = csv_bytes(ROW_A, sep="\t").replace(b",", b"\t")
    result = validate(data, REGISTER, TODAY)
    assert any("scheidingsteken" in p.message for p in result.errors)


def test_more_values_than_columns():
    problem = only_error(check(ROW_A + ",extra"))
    assert (problem.line, problem.letter) == (2, "I")


# -- gemeenten ----------------------------------------------------------------------------------


def test_unknown_gemeente_code():
    problem = only_error(check("GM9999,Nergenshuizen,2022-1,1,1,1,1,"))
    assert (problem.line, problem.column, problem.letter) == (2, "gemeentecode", "A")
    assert "GM9999 staat niet in het register" in problem.message


@pytest.mark.parametrize("code", ["Amsterdam", "GM12345", "G0363", ""])
def test_not_a_gemeente_code(code):
    problem = only_error(check(f"{code},Testgemeente A,2022-1,10,20,15,15,"))
    assert (problem.line, problem.column) == (2, "gemeentecode")


def test_a_name_that_differs_from_the_register_is_a_warning_not_an_error():
    result = check("GM9001,Testgemeente Z,2022-1,10,20,15,15,", ROW_B, ROW_C)
    assert result.ok
    [warning] = result.warnings
    assert (warning.line, warning.column, warning.letter) == (2, "gemeente", "B")
    assert "'Testgemeente Z'" in warning.message and "'Testgemeente A'" in warning.message


def test_spelling_differences_in_case_accents_and_prefix_are_no_warning():
    result = check(
        "GM9001,gemeente TESTGEMEENTE-Á,2022-1,10,20,15,15,", "GM9002,,2022-1,0,8,8,0,", ROW_C
    )
    assert result.ok and result.problems == []


def test_a_gemeente_that_no_longer_existed_in_the_period():
    problem = only_error(check("GM9004,Oude Testgemeente,2022-1,1,1,1,1,"))
    assert (problem.line, problem.column) == (2, "gemeentecode")
    assert "bestond niet op 30 juni 2022" in problem.message
    assert "tot en met 31 december 2021" in problem.message
    assert "ging op in Testgemeente A (GM9001)" in problem.message


def test_a_gemeente_that_did_not_exist_yet():
    problem = only_error(check("GM9005,Nieuwe Testgemeente,2022-2,1,1,1,1,"))
    assert "bestaat pas vanaf 1 januari 2023" in problem.message
    assert check("GM9005,Nieuwe Testgemeente,2023-1,1,1,1,1,").ok


def test_the_same_gemeente_twice():
    problem = only_error(check(ROW_A, ROW_B, "9001,Testgemeente A,2022-1,1,1,1,1,"))
    assert (problem.line, problem.column) == (4, "gemeentecode")
    assert "staat ook op regel 2" in problem.message


def test_gemeenten_of_the_period_missing_from_the_file_are_a_warning():
    result = check(ROW_A)
    assert result.ok
    [warning] = result.warnings
    assert warning.line is None
    assert "2 gemeenten" in warning.message
    assert "Testgemeente B (GM9002)" in warning.message and "Testgemeente C" in warning.message
    assert "Oude Testgemeente" not in warning.message  # it no longer existed in 2022-1


# -- numbers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "row, column, letter, words",
    [
        ("GM9001,Testgemeente A,2022-1,1.234,20,15,1239,", "stand_begin", "D", "zonder punt"),
        ("GM9001,Testgemeente A,2022-1,10,12.5,15,15,", "taakstelling", "E", "geen geheel getal"),
        ("GM9001,Testgemeente A,2022-1,10,20,vijftien,15,", "realisatie", "F", "geen geheel"),
        ("GM9001,Testgemeente A,2022-1,10,20,15,,", "stand_eind", "G", "ontbreekt"),
        ("GM9001,Testgemeente A,2022-1,10,20,15,15,x", "gekoppeld_niet_gehuisvest", "H", "geen"),
        ("GM9001,Testgemeente A,2022-1,10,20,-,15,", "realisatie", "F", "Schrijf 0"),
        ("GM9001,Testgemeente A,2022-1,10,123456789,15,15,", "taakstelling", "E", "te groot"),
    ],
)
def test_numbers_that_are_not_whole_numbers(row, column, letter, words):
    problem = only_error(check(row))
    assert (problem.line, problem.column, problem.letter) == (2, column, letter)
    assert words in problem.message


def test_negative_realisation_is_named_explicitly():
    problem = only_error(check("GM9001,Testgemeente A,2022-1,10,20,-5,35,"))
    assert (problem.line, problem.column, problem.letter) == (2, "realisatie", "F")
    assert problem.message.startswith("De realisatie is negatief (-5)")


@pytest.mark.parametrize("column, row", [
    ("taakstelling", "GM9001,Testgemeente A,2022-1,10,-20,0,-10,"),
    ("gekoppeld_niet_gehuisvest", "GM9001,Testgemeente A,2022-1,10,20,15,15,-1"),
])  # fmt: skip
def test_other_counts_cannot_be_negative(column, row):
    problem = only_error(check(row))
    assert problem.column == column and "negatief" in problem.message


def test_a_sum_that_does_not_add_up_names_the_four_values():
    problem = only_error(check("GM9001,Testgemeente A,2022-1,10,20,15,14,"))
    assert (problem.line, problem.column, problem.letter) == (2, "stand_eind", "G")
    assert "stand_begin 10 + taakstelling 20 - realisatie 15 = 15" in problem.message
    assert "stand_eind is 14" in problem.message


def test_the_sum_is_exact_no_rounding_tolerance():
    """within_tolerance allows 2 for the report's totals; a gemeente's own row must add up."""
    assert not check("GM9001,Testgemeente A,2022-1,10,20,15,16,").ok


# -- periods ------------------------------------------------------------------------------------


def test_more_than_one_period_in_a_file():
    problem = only_error(check(ROW_A, "GM9002,Testgemeente B,2022-2,0,8,8,0,"))
    assert (problem.line, problem.column, problem.letter) == (3, "periode", "C")
    assert "gaat over 2022-1 (regel 2)" in problem.message


@pytest.mark.parametrize("period", ["2022-3", "2022/1", "H1 2022", "2022", "22-1", "0000-1", ""])
def test_period_format(period):
    problem = only_error(check(f"GM9001,Testgemeente A,{period},10,20,15,15,"))
    assert (problem.line, problem.column) == (2, "periode")


def test_a_period_that_has_not_begun_is_refused_a_running_one_is_not():
    problem = only_error(check("GM9001,Testgemeente A,2027-1,10,20,15,15,"))
    assert "begint pas op 1 januari 2027" in problem.message
    assert check("GM9001,Testgemeente A,2026-2,10,20,15,15,").ok  # today is 30 November 2026


def test_a_period_before_2000_is_refused():
    assert "voor 2000" in only_error(check("GM9001,Testgemeente A,1999-2,1,1,1,1,")).message


def test_the_first_readable_period_is_the_files():
    result = check("GM9001,Testgemeente A,2022-7,10,20,15,15,", ROW_B, ROW_C)
    assert result.period == "2022-1"
    assert [p.line for p in result.errors] == [2]


# -- hostile input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["=cmd|' /C calc'!A0", '=HYPERLINK("http://x")', "@SUM(1+1)", "+31 20", "-2+3", "\t=1"],
)
def test_formulas_are_refused(name):
    quoted = name.replace('"', '""')
    row = f'GM9001,"{quoted}",2022-1,10,20,15,15,'
    problem = only_error(check(row))
    assert (problem.line, problem.column, problem.letter) == (2, "gemeente", "B")
    assert "formule" in problem.message or "stuurteken" in problem.message


def test_a_name_starting_with_an_apostrophe_is_no_formula():
    register = {**REGISTER, "GM0796": gemeente("GM0796", "'s-Hertogenbosch", "noord-brabant")}
    data = csv_bytes("GM0796,'s-Hertogenbosch,2022-1,1,1,1,1,")
    result = validate(data, register, TODAY)
    assert result.ok and not [p for p in result.problems if p.line == 2]


def test_a_formula_in_a_number_column_is_refused():
    problem = only_error(check("GM9001,Testgemeente A,2022-1,10,=20,15,15,"))
    assert problem.column == "taakstelling" and "formule" in problem.message


def test_control_characters_and_very_long_cells():
    assert "stuurteken" in only_error(check("GM9001,Test\x07gemeente A,2022-1,1,1,1,1,")).message
    long = "A" * 5000
    assert "te lang" in only_error(check(f"GM9001,{long},2022-1,1,1,1,1,")).message


def test_an_unclosed_quote_names_the_line_where_it_starts():
    result = check(ROW_A, 'GM9002,"Testgemeente B,2022-1,0,8,8,0,', ROW_C)
    problem = next(p for p in result.errors if "CSV" in p.message)
    assert problem.line == 3


def test_a_huge_quoted_field_is_a_problem_not_an_exception():
    data = csv_bytes('GM9001,"' + "x" * 200_000 + '",2022-1,1,1,1,1,')
    assert not validate(data, REGISTER, TODAY).ok


def test_problems_are_capped_and_counted():
    rows = [f"GM{9100 + n},X,2022-1,a,b,c,d,e" for n in range(200)]
    result = check(*rows)
    assert len(result.problems) == MAX_PROBLEMS
    assert result.more_problems > 0 and result.more_errors > 0
    assert not result.ok


def test_an_error_in_another_row_keeps_the_good_rows_for_the_preview():
    result = check(ROW_A, "GM9002,Testgemeente B,2022-1,0,8,9,0,", ROW_C)
    assert not result.ok
    assert [r.line for r in result.rows] == [2, 4]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_random_bytes_never_raise(data):
    result = validate(data, REGISTER, TODAY)
    assert isinstance(result, upload.UploadResult)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(',;"\n\r\t=-+@0123456789GMé ')), max_size=300))
def test_csv_like_text_never_raises(tail):
    validate(csv_bytes(ROW_A) + tail.encode("utf-8"), REGISTER, TODAY)


def test_mutated_valid_files_never_raise():
    base = bytearray(csv_bytes(ROW_A, ROW_B, ROW_C, sep=";", bom=True))
    rng = random.Random(17)
    for _ in range(500):
        data = bytearray(base)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        validate(bytes(data), REGISTER, TODAY)
