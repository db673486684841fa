"""content/gemeenten.csv: loaded with the rest of content/, refused by file, line and column,
idempotent, mergers answered by valid_on, and no gemeente removed that figures refer to."""

from datetime import date

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kenniscentrum.figures.models import FigurePublication, GemeenteFigure
from kenniscentrum.geography.loading import FILE_NAME, read_register
from kenniscentrum.geography.models import Gemeente
from kenniscentrum.knowledge.frontmatter import ContentError
from kenniscentrum.knowledge.loading import load_corpus
from kenniscentrum.knowledge.models import Item

pytestmark = pytest.mark.django_db

REAL_FILE = settings.CONTENT_DIR / FILE_NAME


def register():
    """Everything the register holds, comparable."""
    return sorted(
        Gemeente.objects.values_list(
            "pk", "code", "name", "province", "valid_from", "valid_until", "successor__code",
            "source",
        )
    )  # fmt: skip


def data_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def line_number(text: str, fragment: str) -> int:
    """The 1-based line of the only line outside the comments containing `fragment`."""
    lines = enumerate(text.splitlines(), start=1)
    found = [n for n, line in lines if fragment in line and not line.startswith("#")]
    assert len(found) == 1, (fragment, found)
    return found[0]


def replace_line(path, old: str, new: str) -> str:
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    text = text.replace(old, new)
    path.write_text(text, "utf-8")
    return text


def add_figure(gemeente: Gemeente) -> GemeenteFigure:
    publication = FigurePublication.objects.create(
        period="2022-1", version=1, source="Test", source_published_on=date(2022, 7, 1),
        csv_text="test",
    )  # fmt: skip
    return GemeenteFigure.objects.create(
        publication=publication, gemeente=gemeente, line=2, start_backlog=10, target=20,
        realised=15, end_backlog=15,
    )  # fmt: skip


# The real file


def test_the_real_register_is_loaded_and_says_it_is_partial():
    text = REAL_FILE.read_text("utf-8")
    rows = data_lines(text)[1:]
    assert Gemeente.objects.count() == len(rows) > 0
    amsterdam = Gemeente.objects.get(code="GM0363")
    assert (amsterdam.name, amsterdam.province) == ("Amsterdam", "noord-holland")
    assert Gemeente.objects.get(code="GM0518").name == "'s-Gravenhage"
    assert "ONVOLLEDIG" in text and "Gemeentelijke indeling op 1 januari" in text
    assert not Gemeente.objects.filter(source="").exists()  # every code says where it is from


def test_weesp_went_into_amsterdam_and_valid_on_says_so():
    weesp = Gemeente.objects.get(code="GM0457")
    amsterdam = Gemeente.objects.get(code="GM0363")
    assert weesp.successor == amsterdam and weesp.valid_until == date(2022, 3, 23)
    last_day = set(Gemeente.objects.valid_on(date(2022, 3, 23)).values_list("code", flat=True))
    day_after = set(Gemeente.objects.valid_on(date(2022, 3, 24)).values_list("code", flat=True))
    assert {"GM0457", "GM0363"} <= last_day
    assert "GM0457" not in day_after and "GM0363" in day_after
    assert weesp.current() == amsterdam and amsterdam.current() == amsterdam
    assert weesp.exists_on(date(2021, 1, 1)) and not weesp.exists_on(date(2022, 3, 24))


def test_reload_is_idempotent_and_writes_nothing_to_the_register():
    before = register()
    with CaptureQueriesContext(connection) as queries:
        load_corpus(settings.CONTENT_DIR, settings.SEEDS_DIR)
    writes = [
        q["sql"] for q in queries.captured_queries
        if "geography_gemeente" in q["sql"] and not q["sql"].lstrip().upper().startswith("SELECT")
    ]  # fmt: skip
    assert writes == []
    assert register() == before


def test_without_the_file_the_register_is_kept(content_copy, seeds_dir):
    (content_copy / FILE_NAME).unlink()
    assert read_register(content_copy, str) is None
    before = register()
    load_corpus(content_copy, seeds_dir)
    assert register() == before


# Changes


def test_merger_loads_and_valid_on_answers(content_copy, seeds_dir):
    path = content_copy / FILE_NAME
    text = path.read_text("utf-8")
    path.write_text(
        text
        + "# Test: twee gemeenten gaan samen op in een nieuwe.\n\n"
        + "GM9001,Oostdorp,utrecht,,2023-12-31,GM9003,test\n"
        + "GM9002,Westdorp,utrecht,,2023-12-31,GM9003,test\n"
        + "GM9003,Nieuwgemeente,utrecht,2024-01-01,,,test\n",
        "utf-8",
    )
    load_corpus(content_copy, seeds_dir)
    new = Gemeente.objects.get(code="GM9003")
    assert set(new.predecessors.values_list("code", flat=True)) == {"GM9001", "GM9002"}
    on_last_day = set(Gemeente.objects.valid_on(date(2023, 12, 31)).values_list("code", flat=True))
    on_first_day = set(Gemeente.objects.valid_on(date(2024, 1, 1)).values_list("code", flat=True))
    assert {"GM9001", "GM9002"} <= on_last_day and "GM9003" not in on_last_day
    assert "GM9003" in on_first_day and not {"GM9001", "GM9002"} & on_first_day
    assert Gemeente.objects.get(code="GM9001").current() == new


def test_changed_row_is_updated_in_place(content_copy, seeds_dir):
    pk = Gemeente.objects.get(code="GM0344").pk
    replace_line(
        content_copy / FILE_NAME, "GM0344,Utrecht,utrecht,,", "GM0344,Utrecht,utrecht,1900-01-01,"
    )
    load_corpus(content_copy, seeds_dir)
    utrecht = Gemeente.objects.get(code="GM0344")
    assert utrecht.pk == pk and utrecht.valid_from == date(1900, 1, 1)


def test_removed_rows_are_removed_also_a_merged_pair(content_copy, seeds_dir):
    path = content_copy / FILE_NAME
    lines = path.read_text("utf-8").splitlines(keepends=True)
    path.write_text(
        "".join(line for line in lines if not line.startswith(("GM0457,", "GM0363,", "GM0014,")))
    )
    load_corpus(content_copy, seeds_dir)
    assert not Gemeente.objects.filter(code__in=["GM0457", "GM0363", "GM0014"]).exists()
    assert Gemeente.objects.filter(code="GM0599").exists()


def test_a_gemeente_figures_refer_to_is_not_removed_and_nothing_is_written(content_copy, seeds_dir):
    add_figure(Gemeente.objects.get(code="GM0344"))
    path = content_copy / FILE_NAME
    lines = path.read_text("utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("GM0344,")))
    # Changes to other files of the same load must not be written either.
    replace_line(path, "GM0599,Rotterdam,", "GM0599,Rotterdam (gewijzigd),")
    item_path = content_copy / "praktijkvoorbeeld" / "expertise-rvo-inschakelen.md"
    item_text = item_path.read_text("utf-8")
    item_path.write_text(item_text.replace("\ntitle: ", "\ntitle: Gewijzigd ", 1), "utf-8")
    title = Item.objects.get(slug="expertise-rvo-inschakelen").title
    before = register()
    with pytest.raises(ContentError) as info:
        load_corpus(content_copy, seeds_dir)
    assert "GM0344" in str(info.value) and info.value.path.endswith(FILE_NAME)
    assert register() == before
    assert Item.objects.get(slug="expertise-rvo-inschakelen").title == title


# Refused files: (what to change, the new text, a fragment of the line the error names, column)
BROKEN = {
    "code pattern": ("GM0363,Amsterdam,", "GM363,Amsterdam,", "GM363,", "code"),
    "code lower case": ("GM0363,Amsterdam,", "gm0363,Amsterdam,", "gm0363,", "code"),
    "code twice": ("GM0599,Rotterdam,", "GM0363,Rotterdam,", "Rotterdam", "code"),
    "name missing": ("GM0344,Utrecht,utrecht", "GM0344,,utrecht", "GM0344", "naam"),
    "province unknown": ("GM0344,Utrecht,utrecht", "GM0344,Utrecht,sticht", "GM0344", "provincie"),
    "date not iso": ("Weesp,noord-holland,,2022-03-23", "Weesp,noord-holland,,23-03-2022", "Weesp",
                     "geldig_tot"),
    "date basic format": ("Weesp,noord-holland,,2022-03-23", "Weesp,noord-holland,,20220323",
                          "Weesp", "geldig_tot"),
    "date not a day": ("Weesp,noord-holland,,2022-03-23", "Weesp,noord-holland,,2022-02-30",
                       "Weesp", "geldig_tot"),
    "from after until": ("Weesp,noord-holland,,2022-03-23",
                         "Weesp,noord-holland,2022-04-01,2022-03-23", "Weesp", "geldig_tot"),
    "successor unknown": ("2022-03-23,GM0363,", "2022-03-23,GM9999,", "Weesp", "opgegaan_in"),
    "successor not a code": ("2022-03-23,GM0363,", "2022-03-23,Amsterdam,", "Weesp",
                             "opgegaan_in"),
    "successor itself": ("2022-03-23,GM0363,", "2022-03-23,GM0457,", "Weesp", "opgegaan_in"),
    "successor without last day": (",2022-03-23,GM0363,", ",,GM0363,", "Weesp", "geldig_tot"),
    "successor gone the day after": ("GM0363,Amsterdam,noord-holland,,,",
                                     "GM0363,Amsterdam,noord-holland,,2020-12-31,",
                                     "Weesp", "opgegaan_in"),
    "loop": ("GM0363,Amsterdam,noord-holland,,,,",
             "GM0363,Amsterdam,noord-holland,,2022-03-23,GM0457,", "GM0363,Amsterdam",
             "opgegaan_in"),
    "too few columns": ("GM0344,Utrecht,utrecht,,,,", "GM0344,Utrecht,utrecht,,,", "GM0344", ""),
    "header": ("code,naam,provincie,", "code,name,provincie,", "code,name", ""),
}  # fmt: skip


@pytest.mark.parametrize("case", list(BROKEN))
def test_invalid_file_names_file_line_and_column_and_loads_nothing(case, content_copy, seeds_dir):
    old, new, fragment, column = BROKEN[case]
    text = replace_line(content_copy / FILE_NAME, old, new)
    before = register()
    with pytest.raises(ContentError) as info:
        load_corpus(content_copy, seeds_dir)
    error = info.value
    line = line_number(text, fragment)
    assert error.path.endswith(FILE_NAME) and error.line == line
    assert error.field == (f"kolom {column}" if column else "")
    assert f"{FILE_NAME}, regel {line}" in str(error)
    assert register() == before


def test_not_utf8_is_refused(content_copy, seeds_dir):
    path = content_copy / FILE_NAME
    path.write_bytes(path.read_bytes() + "GM9001,Súdwest,friesland,,,,test\n".encode("latin-1"))
    with pytest.raises(ContentError) as info:
        load_corpus(content_copy, seeds_dir)
    assert info.value.path.endswith(FILE_NAME) and "UTF-8" in str(info.value)


def test_comments_blank_lines_quotes_and_byte_order_mark_are_read(content_copy, seeds_dir):
    path = content_copy / FILE_NAME
    text = path.read_text("utf-8")
    path.write_text(
        "\ufeff"
        + text.replace("GM0344,", "# tussendoor een opmerking\n\nGM0344,", 1)
        + '  # ingesprongen commentaar\n,,,,,,\nGM9001,"Dorp, Stad",zeeland,,,,"bron, met komma"\n',
        "utf-8",
    )
    load_corpus(content_copy, seeds_dir)
    assert Gemeente.objects.get(code="GM9001").name == "Dorp, Stad"
    assert Gemeente.objects.get(code="GM9001").source == "bron, met komma"
