"""Read content/gemeenten.csv, the register of gemeenten, and write it to the database.

The file is the source, as every content file: editors keep it in git, `load_content` reads
it with the rest of content/ and writes it in the same transaction, `export_content` writes
the admin's changes back (knowledge/exporting.py). Read with the same rigour as the figures'
CSV files: a malformed row names file, line and column, and nothing is loaded.

Lines starting with '#' are comments: the file says at its top that it is partial and how an
editor completes it, and that explanation stays with the data (export keeps it).
"""

import csv
import io
from dataclasses import astuple, dataclass
from datetime import date
from pathlib import Path

from kenniscentrum.knowledge.frontmatter import ContentError

from . import rules
from .models import Gemeente

FILE_NAME = "gemeenten.csv"
COLUMNS = ["code", "naam", "provincie", "geldig_van", "geldig_tot", "opgegaan_in", "bron"]


@dataclass(frozen=True)
class GemeenteRow:
    """One gemeente as the file writes it; `successor` is a code."""

    code: str
    name: str
    province: str
    valid_from: date | None
    valid_until: date | None
    successor: str
    source: str


@dataclass
class Register:
    path: str  # as shown in errors
    rows: list[GemeenteRow]


def read_register(content_dir: Path, display) -> Register | None:
    """The register, validated; None when there is no file (no register yet, not an error)."""
    path = Path(content_dir) / FILE_NAME
    if not path.is_file():
        return None
    shown = display(path)
    try:
        text = path.read_text("utf-8-sig")  # a byte order mark is ignored, as in content/
    except UnicodeDecodeError as exc:
        raise ContentError(shown, "", "het bestand is geen UTF-8-tekst.") from exc
    return Register(shown, parse_register(text, shown))


def parse_register(text: str, shown: str) -> list[GemeenteRow]:
    """Every row of the file, or a ContentError naming the first problem's line and column."""
    lines: dict[str, int] = {}
    rows: list[GemeenteRow] = []
    header = False
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        values = _values(line, shown, number)
        if not header:
            if values != COLUMNS:
                raise ContentError(
                    shown, "", f"de kopregel moet zijn: {','.join(COLUMNS)}.", number
                )
            header = True
            continue
        if not any(values):  # a row of only commas, as spreadsheets leave them
            continue
        if len(values) != len(COLUMNS):
            message = f"{len(values)} kolommen; verwacht {len(COLUMNS)}."
            raise ContentError(shown, "", message, number)
        row = _row(dict(zip(COLUMNS, values, strict=True)), _failing(shown, number))
        if row.code in lines:
            _fail(shown, number, "code", f"{row.code} staat ook op regel {lines[row.code]}.")
        lines[row.code] = number
        rows.append(row)
    if not header:
        raise ContentError(shown, "", f"de kopregel ontbreekt: {','.join(COLUMNS)}.")
    _check_successors(rows, lines, shown)
    return rows


def render_register(rows: list[GemeenteRow], header: str = "") -> str:
    """The file as parse_register reads it: the comment lines, the column names, one gemeente
    per line in code order (CBS's own order), so an export of unchanged data changes nothing."""
    lines = [header.rstrip("\n")] if header.strip() else []
    lines.append(",".join(COLUMNS))
    for row in sorted(rows, key=lambda row: row.code):
        values = [
            row.code, row.name, row.province, _iso(row.valid_from), _iso(row.valid_until),
            row.successor, row.source,
        ]  # fmt: skip
        lines.append(_csv_line(values))
    return "\n".join(lines) + "\n"


def database_rows() -> list[GemeenteRow]:
    """The register as the database holds it, in the file's terms."""
    return [
        GemeenteRow(
            g.code,
            g.name,
            g.province,
            g.valid_from,
            g.valid_until,
            g.successor.code if g.successor_id else "",
            g.source,
        )
        for g in Gemeente.objects.select_related("successor").order_by("code")
    ]


def register_changed(register: Register) -> bool:
    """Written only when the file differs from the database, so an unchanged load writes
    nothing (as figures: knowledge/loading.py `_figures_changed`)."""
    return sorted(map(astuple, database_rows())) != sorted(map(astuple, register.rows))


def write_register(register: Register) -> None:
    """Make the database's register the file's: update or create by code, remove the rest.

    Updated in place, never deleted and created again: uploaded figures point at a gemeente's
    row (GemeenteFigure.gemeente, PROTECT). For the same reason a gemeente that figures point
    at is not removed when it leaves the file: the load is refused, naming the code, and the
    whole transaction (every other table of the load too) is rolled back.
    """
    existing = {g.code: g for g in Gemeente.objects.all()}
    wanted = {row.code for row in register.rows}
    gone = [g for code, g in sorted(existing.items()) if code not in wanted]
    _refuse_referenced(gone, register.path)
    for row in register.rows:  # fields first: a successor may be a gemeente created below it
        gemeente = existing.get(row.code) or Gemeente(code=row.code)
        values = {
            "name": row.name, "province": row.province, "valid_from": row.valid_from,
            "valid_until": row.valid_until, "source": row.source,
        }  # fmt: skip
        if gemeente._state.adding or any(getattr(gemeente, k) != v for k, v in values.items()):
            for name, value in values.items():
                setattr(gemeente, name, value)
            gemeente.save()
        existing[row.code] = gemeente
    Gemeente.objects.filter(pk__in=[g.pk for g in gone]).update(successor=None)
    for row in register.rows:
        gemeente = existing[row.code]
        successor_id = existing[row.successor].pk if row.successor else None
        if gemeente.successor_id != successor_id:
            Gemeente.objects.filter(pk=gemeente.pk).update(successor_id=successor_id)
    Gemeente.objects.filter(pk__in=[g.pk for g in gone]).delete()


def _refuse_referenced(gone: list[Gemeente], shown: str) -> None:
    from kenniscentrum.figures.models import GemeenteFigure  # figures depends on geography

    used = (
        GemeenteFigure.objects.filter(gemeente__in=gone)
        .order_by("gemeente__code")
        .values_list("gemeente__code", "gemeente__name")
        .first()
    )
    if used:
        code, name = used
        raise ContentError(
            shown, "code",
            f"{code} ({name}) staat niet meer in het bestand, maar geüploade cijfers verwijzen "
            "ernaar. Zet de gemeente terug; een opgeheven gemeente blijft in het register, met "
            "geldig_tot en opgegaan_in.",
        )  # fmt: skip


def _values(line: str, shown: str, number: int) -> list[str]:
    try:
        return [value.strip() for value in next(csv.reader([line], strict=True))]
    except csv.Error as exc:
        raise ContentError(shown, "", f"geen geldige CSV-regel ({exc}).", number) from exc


def _failing(shown: str, number: int):
    return lambda column, message: _fail(shown, number, column, message)


def _fail(shown: str, number: int, column: str, message: str):
    raise ContentError(shown, f"kolom {column}", message, number)


def _row(raw: dict[str, str], fail) -> GemeenteRow:
    checks = [
        ("code", rules.code_problem(raw["code"])),
        ("naam", rules.name_problem(raw["naam"])),
        ("provincie", rules.province_problem(raw["provincie"])),
    ]
    for column, problem in checks:
        if problem:
            fail(column, problem)
    valid_from = _date(raw, "geldig_van", fail)
    valid_until = _date(raw, "geldig_tot", fail)
    if problem := rules.dates_problem(valid_from, valid_until):
        fail("geldig_tot", problem)
    successor = raw["opgegaan_in"]
    if successor and (problem := rules.code_problem(successor)):
        fail("opgegaan_in", problem)
    if problem := rules.successor_problem(raw["code"], valid_until, successor):
        fail("opgegaan_in" if successor == raw["code"] else "geldig_tot", problem)
    if problem := rules.source_problem(raw["bron"]):
        fail("bron", problem)
    return GemeenteRow(
        raw["code"], raw["naam"], raw["provincie"], valid_from, valid_until, successor, raw["bron"]
    )


def _date(raw: dict[str, str], column: str, fail) -> date | None:
    """ISO days only (2022-03-23): date.fromisoformat also takes 20220323 and week dates."""
    value = raw[column]
    if not value:
        return None
    if not (len(value) == 10 and value[4] == value[7] == "-" and value.replace("-", "").isdigit()):
        fail(column, f"'{value}' is geen datum; schrijf JJJJ-MM-DD, zoals 2022-03-23.")
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(column, f"'{value}' is geen bestaande datum.")


def _check_successors(rows: list[GemeenteRow], lines: dict[str, int], shown: str) -> None:
    """Successors exist in the file, form no loop, and exist the day after the merger."""
    by_code = {row.code: row for row in rows}
    for row in rows:
        if row.successor and row.successor not in by_code:
            _fail(
                shown, lines[row.code], "opgegaan_in",
                f"{row.successor} staat niet in het register; voeg die gemeente eerst toe.",
            )  # fmt: skip
    successors = {row.code: row.successor or None for row in rows}
    for row in rows:
        loop = rules.cycle_from(row.code, successors)
        if loop and loop[0] == row.code:
            _fail(
                shown, lines[row.code], "opgegaan_in",
                f"de gemeenten gaan in elkaar op in een kring: {' → '.join(loop)}.",
            )  # fmt: skip
    for row in rows:
        if row.successor:
            after = by_code[row.successor]
            problem = rules.takes_over_problem(
                row.valid_until, row.successor, after.valid_from, after.valid_until
            )
            if problem:
                _fail(shown, lines[row.code], "opgegaan_in", problem)


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def _csv_line(values: list[str]) -> str:
    """One CSV line; a value with a comma or quote is quoted ("Nuenen, Gerwen en Nederwetten")."""
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(values)
    return out.getvalue()
