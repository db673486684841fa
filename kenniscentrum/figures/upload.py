"""Reading an uploaded CSV of gemeente figures (issue 17): its rows, or every problem by line
and column.

A pure function over the file's bytes, the register of gemeenten and today's date: nothing is
read from or written to the database here, so the same rules apply to the preview, to storing
a concept and to publishing it (which reads the stored file again), and the tests need no
server. The layout is documented in content/README.md ("Cijfers per gemeente uploaden").

Decisions, and why:
- **Errors and warnings.** An error blocks storing and publishing; a warning is shown and the
  editor decides. A gemeente name that does not match the register is a warning: the CBS code
  is the key, and exports spell names their own way ("Den Bosch", "Sudwest-Fryslan"); the
  warning is there because a wrong name often means a wrong code or a shifted column.
- **The sum is exact.** `stand_begin + taakstelling - realisatie` must equal `stand_eind` to
  the person. The ±2 of `checks.within_tolerance` is for the report's published totals,
  compiled at different moments, which we show and never correct; here the numbers of one
  gemeente are small (2 persons can be 20% of a taakstelling) and come from one export, and
  the province totals add them up, so tolerated differences would accumulate.
- **Negative numbers.** Taakstelling, realisatie and gekoppeld_niet_gehuisvest are counts and
  never negative. The stands may be: COA reports "achterstand of voorsprong" per gemeente
  (report §2.1), and a voorsprong is a negative stand.
- **A gemeente counts in a period if it exists on the period's last day** (30 June or 31
  December): gemeenten merge on 1 January, and on one day every place belongs to exactly one
  gemeente, so a period's gemeenten never overlap.
- **A period that has started may be uploaded**, one that has not may not: the report itself
  published 2021-2 with peildatum 1 October 2021.
- **Hostile input** never raises: binary files, Excel workbooks, other encodings, huge files,
  long cells and formulas (`=cmd|...`, `@SUM(...)`) give a problem, not an exception. A cell
  that starts like a formula is refused, never neutralised: a stored file therefore contains
  none, and a CSV download of it cannot open as a formula in a spreadsheet.
"""

import csv
import io
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from kenniscentrum.core.dates import MONTHS

from .checks import dutch_number

MAX_BYTES = 1_048_576  # 1 MiB; the site refuses request bodies over 1.25 MiB before any view
MAX_ROWS = 1000  # the Netherlands has some 340 gemeenten
MAX_CELL_CHARS = 200
MAX_DIGITS = 7  # up to 9.999.999 persons: far beyond any real figure, and fits the database
MAX_PROBLEMS = 500  # listed; the rest are counted
MAX_MISSING_LISTED = 10

COLUMNS = (
    "gemeentecode",
    "gemeente",
    "periode",
    "stand_begin",
    "taakstelling",
    "realisatie",
    "stand_eind",
    "gekoppeld_niet_gehuisvest",
)
OPTIONAL = {"gekoppeld_niet_gehuisvest"}
REQUIRED = tuple(c for c in COLUMNS if c not in OPTIONAL)
# Names that exports use for the same column, compared after lower-casing and turning spaces
# and hyphens into underscores ("Stand begin" -> stand_begin).
ALIASES = {
    "code": "gemeentecode",
    "cbs_code": "gemeentecode",
    "gemeentenaam": "gemeente",
    "naam": "gemeente",
    "halfjaar": "periode",
    "achterstand_begin": "stand_begin",
    "gerealiseerd": "realisatie",
    "achterstand_eind": "stand_eind",
    "gekoppeld": "gekoppeld_niet_gehuisvest",
}
NUMBERS = ("stand_begin", "taakstelling", "realisatie", "stand_eind", "gekoppeld_niet_gehuisvest")
MAY_BE_NEGATIVE = {"stand_begin", "stand_eind"}  # a voorsprong
FIELD_OF = {
    "stand_begin": "start_backlog",
    "taakstelling": "target",
    "realisatie": "realised",
    "stand_eind": "end_backlog",
    "gekoppeld_niet_gehuisvest": "coupled_not_housed",
}

PERIOD = re.compile(r"(\d{4})-([12])")
MIN_YEAR = 2000
CODE = re.compile(r"(?:GM)?(\d{1,4})", re.IGNORECASE)
INTEGER = re.compile(r"-?\d+")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

ERROR = "fout"
WARNING = "waarschuwing"
SAVE_AS = "Sla het in Excel op als 'CSV UTF-8 (door komma's gescheiden)'."
MONTH_NAMES = {number: name for name, number in MONTHS.items()}


@dataclass(frozen=True)
class Problem:
    message: str
    line: int | None = None  # 1 is the header line; None: the file as a whole
    column: str | None = None  # the column's name in our layout (or as written, if unknown)
    letter: str | None = None  # the spreadsheet column: A, B, ...
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def where(self) -> str:
        """'Regel 5, kolom realisatie (F)', as an editor finds it in the spreadsheet."""
        parts = []
        if self.line is not None:
            parts.append(f"Regel {self.line}")
        if self.column:
            parts.append(f"kolom {self.column}" + (f" ({self.letter})" if self.letter else ""))
        return ", ".join(parts) if parts else "Bestand"

    @property
    def text(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class ParsedRow:
    """One gemeente's figures, read and checked; `gemeente` is the register's object."""

    line: int
    gemeente: object
    name_in_file: str
    start_backlog: int
    target: int
    realised: int
    end_backlog: int
    coupled_not_housed: int | None

    @property
    def province(self) -> str:
        return self.gemeente.province


@dataclass
class UploadResult:
    period: str | None = None
    rows: list[ParsedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # at most MAX_PROBLEMS, errors first
    more_problems: int = 0  # found but not listed
    more_errors: int = 0  # of those, errors
    delimiter: str = ","

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def ok(self) -> bool:
        """No errors (warnings allowed): may be stored as a concept and published."""
        return not self.errors and not self.more_errors


def period_bounds(period: str) -> tuple[date, date] | None:
    """First and last day of a half-year period "2022-1" (None if not of that form)."""
    match = PERIOD.fullmatch(period)
    if not match:
        return None
    year, half = int(match[1]), int(match[2])
    if year < 1:  # "0000-1": no such year in Python's calendar
        return None
    if half == 1:
        return date(year, 1, 1), date(year, 6, 30)
    return date(year, 7, 1), date(year, 12, 31)


def _nl_date(day: date) -> str:
    """'31 december 2022' (no translation machinery: this module runs outside requests too)."""
    return f"{day.day} {MONTH_NAMES[day.month]} {day.year}"


def _letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _fold(text: str) -> str:
    """A name compared loosely: no accents, case, punctuation or 'gemeente ' in front."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"^gemeente\s+", "", text.strip())
    return re.sub(r"[^0-9a-z]+", "", text)


def _header_name(raw: str) -> str:
    name = raw.strip().strip("\ufeff").strip().lower()
    name = re.sub(r"[\s\-]+", "_", name)
    return ALIASES.get(name, name)


def _shown(value: str, limit: int = 40) -> str:
    """A cell quoted in a message: short, on one line."""
    value = " ".join(value.split())
    return f"'{value[:limit]}…'" if len(value) > limit else f"'{value}'"


def _looks_like_formula(value: str) -> bool:
    """What a spreadsheet would run: starts with = + - @ (or a tab or return), has more after
    it, and is not a plain negative whole number."""
    return len(value) > 1 and value.startswith(FORMULA_START) and not INTEGER.fullmatch(value)


def _has_control_character(value: str) -> bool:
    return any(unicodedata.category(c)[0] == "C" and c != "\t" for c in value)


class _Collector:
    def __init__(self):
        self.problems: list[Problem] = []

    def error(self, message, line=None, column=None, letter=None):
        self.problems.append(Problem(message, line, column, letter, ERROR))

    def warning(self, message, line=None, column=None, letter=None):
        self.problems.append(Problem(message, line, column, letter, WARNING))

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)


def _decode(data: bytes, out: _Collector) -> str | None:
    if not data.strip():
        out.error("Het bestand is leeg.")
        return None
    if len(data) > MAX_BYTES:
        out.error(
            f"Het bestand is te groot ({dutch_number(len(data))} bytes; hoogstens "
            f"{dutch_number(MAX_BYTES)}). Een bestand met alle gemeenten is veel kleiner: "
            "staat er iets anders in?"
        )
        return None
    if data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        out.error(f"Dit is een Excel-bestand, geen CSV. {SAVE_AS}")
        return None
    if b"\x00" in data:
        out.error(f"Dit is geen tekstbestand (er staan binaire gegevens in). {SAVE_AS}")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        out.error(
            f"Het bestand is niet in UTF-8 opgeslagen (een teken als é of â is onleesbaar). "
            f"{SAVE_AS}",
            line=line,
        )
        return None


def _delimiter(text: str) -> str:
    """';' or ',', whichever the header line has more of (Excel in Dutch writes ';')."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return ";" if first.count(";") > first.count(",") else ","


def _read_header(cells: list[str], line: int, out: _Collector) -> dict[str, int] | None:
    """Column name -> index, or None when the rows cannot be read (missing/double columns)."""
    positions: dict[str, int] = {}
    usable = True
    for index, raw in enumerate(cells):
        name = _header_name(raw)
        letter = _letter(index)
        if not name:
            if any(later.strip() for later in cells[index + 1 :]):  # trailing empties are fine
                out.error("Deze kolom heeft geen naam.", line, None, letter)
            continue
        if name in positions:
            out.error(
                f"De kolom {name} staat er twee keer in (ook in kolom "
                f"{_letter(positions[name])}).",
                line, name, letter,
            )  # fmt: skip
            usable = False
        elif name not in COLUMNS:
            out.error(
                f"Onbekende kolom {_shown(raw)}. Toegestaan zijn: {', '.join(COLUMNS)}.",
                line, _shown(raw, 30).strip("'"), letter,
            )  # fmt: skip
        else:
            positions[name] = index
    missing = [c for c in REQUIRED if c not in positions]
    if missing:
        hint = " Het scheidingsteken moet ',' of ';' zijn." if len(cells) == 1 else ""
        out.error(
            f"De kopregel mist de kolom{'men' if len(missing) > 1 else ''} "
            f"{', '.join(missing)}. De kopregel is: {', '.join(COLUMNS)} (de laatste mag "
            f"ontbreken).{hint}",
            line,
        )
        usable = False
    return positions if usable else None


def _cell_ok(value: str, line: int, column: str, letter: str, out: _Collector) -> bool:
    """The checks every cell gets: length, control characters, formulas."""
    if len(value) > MAX_CELL_CHARS:
        out.error(f"De waarde is te lang ({len(value)} tekens; hoogstens {MAX_CELL_CHARS}).",
                  line, column, letter)  # fmt: skip
        return False
    if _has_control_character(value):
        out.error("De waarde bevat een onzichtbaar stuurteken. Typ haar opnieuw.",
                  line, column, letter)  # fmt: skip
        return False
    if _looks_like_formula(value):
        out.error(
            f"{_shown(value)} begint als een formule ({value[0]!r}). Formules en opdrachten "
            "worden niet aangenomen: zet er de waarde zelf neer.",
            line, column, letter,
        )  # fmt: skip
        return False
    return True


def _integer(value: str, column: str, line: int, letter: str, out: _Collector) -> int | None:
    if not INTEGER.fullmatch(value):
        if value in ("-", "\u2013"):
            hint = " Schrijf 0 voor nul."
        elif re.fullmatch(r"-?[\d.,\s]+", value):
            hint = " Schrijf het getal zonder punt of komma (1234, niet 1.234)."
        else:
            hint = ""
        out.error(f"{_shown(value)} is geen geheel getal.{hint}", line, column, letter)
        return None
    if len(value.lstrip("-")) > MAX_DIGITS:
        out.error(f"{_shown(value)} is te groot voor een aantal personen.", line, column, letter)
        return None
    number = int(value)
    if number < 0 and column not in MAY_BE_NEGATIVE:
        if column == "realisatie":
            message = (
                f"De realisatie is negatief ({value}). Een realisatie telt gehuisveste "
                "statushouders en kan niet negatief zijn; een correctie hoort in de stand."
            )
        else:
            message = f"{column} is negatief ({value}); dit aantal kan niet negatief zijn."
        out.error(message, line, column, letter)
        return None
    return number


def _check_period(value: str, today: date, line: int, letter: str, out: _Collector) -> bool:
    bounds = period_bounds(value)
    if bounds is None:
        out.error(
            f"{_shown(value)} is geen periode. Schrijf het halfjaar als JJJJ-1 (januari tot en "
            "met juni) of JJJJ-2 (juli tot en met december), bijvoorbeeld 2022-1.",
            line, "periode", letter,
        )  # fmt: skip
        return False
    if bounds[0].year < MIN_YEAR:
        out.error(f"Periode {value} ligt voor {MIN_YEAR}.", line, "periode", letter)
        return False
    if bounds[0] > today:
        out.error(
            f"Periode {value} begint pas op {_nl_date(bounds[0])}: cijfers over een halfjaar "
            "dat nog niet begonnen is, kunnen er niet zijn.",
            line, "periode", letter,
        )  # fmt: skip
        return False
    return True


def _validity(gemeente) -> str:
    if gemeente.valid_until is not None:
        text = f"bestond tot en met {_nl_date(gemeente.valid_until)}"
        successor = getattr(gemeente, "successor", None)
        if successor is not None:
            text += f" en ging op in {successor.name} ({successor.code})"
        return text
    return f"bestaat pas vanaf {_nl_date(gemeente.valid_from)}"


def _exists_on(gemeente, day: date) -> bool:
    return (gemeente.valid_from is None or gemeente.valid_from <= day) and (
        gemeente.valid_until is None or gemeente.valid_until >= day
    )


class _Reader:
    """One pass over the rows; state shared between the checks of one file."""

    def __init__(self, positions, width, gemeenten, today, out):
        self.positions = positions
        self.gemeenten = gemeenten
        self.today = today
        self.out = out
        self.period: str | None = None
        self.period_line: int | None = None
        self.seen: dict[str, int] = {}  # code -> line
        self.rows: list[ParsedRow] = []
        self.width = width  # the header's cells up to its last named one

    def read(self, cells: list[str], line: int) -> None:
        out = self.out
        extra = [i for i, c in enumerate(cells) if i >= self.width and c.strip()]
        if extra:
            out.error(
                f"Deze regel heeft meer waarden dan de kopregel kolommen ({self.width}).",
                line, None, _letter(extra[0]),
            )  # fmt: skip
        values: dict[str, str] = {}
        ok = True
        for name, index in self.positions.items():
            value = cells[index].strip() if index < len(cells) else ""
            if value and not _cell_ok(value, line, name, _letter(index), out):
                ok = False
                value = None
            values[name] = value
        period_ok = self._period(values.get("periode"), line)
        gemeente = self._gemeente(values, line)
        numbers = self._numbers(values, line)
        if not (ok and period_ok and gemeente and numbers is not None and not extra):
            return
        self.rows.append(ParsedRow(line, gemeente, values["gemeente"] or "", **numbers))

    def _period(self, value: str | None, line: int) -> bool:
        if value is None:
            return False
        letter = _letter(self.positions["periode"])
        if not value:
            self.out.error("De periode ontbreekt.", line, "periode", letter)
            return False
        if self.period is None:  # the first readable period is the file's
            if not _check_period(value, self.today, line, letter, self.out):
                return False
            self.period, self.period_line = value, line
            return True
        if value != self.period:
            self.out.error(
                f"Periode {_shown(value)}, maar het bestand gaat over {self.period} (regel "
                f"{self.period_line}). Eén periode per bestand.",
                line, "periode", letter,
            )  # fmt: skip
            return False
        return True

    def _gemeente(self, values: dict, line: int):
        raw = values.get("gemeentecode")
        if raw is None:
            return None
        letter = _letter(self.positions["gemeentecode"])
        if not raw:
            self.out.error("De gemeentecode ontbreekt.", line, "gemeentecode", letter)
            return None
        match = CODE.fullmatch(raw)
        if not match:
            self.out.error(
                f"{_shown(raw)} is geen gemeentecode. Een gemeentecode is GM met vier cijfers, "
                "zoals GM0363.",
                line, "gemeentecode", letter,
            )  # fmt: skip
            return None
        code = f"GM{int(match[1]):04d}"
        gemeente = self.gemeenten.get(code)
        if gemeente is None:
            self.out.error(f"{code} staat niet in het register van gemeenten.",
                           line, "gemeentecode", letter)  # fmt: skip
            return None
        if code in self.seen:
            self.out.error(
                f"{code} ({gemeente.name}) staat ook op regel {self.seen[code]}. Elke gemeente "
                "één keer per bestand.",
                line, "gemeentecode", letter,
            )  # fmt: skip
            return None
        self.seen[code] = line
        if self.period is not None:
            last_day = period_bounds(self.period)[1]
            if not _exists_on(gemeente, last_day):
                self.out.error(
                    f"{code} ({gemeente.name}) bestond niet op {_nl_date(last_day)}, het einde "
                    f"van periode {self.period}: de gemeente {_validity(gemeente)}.",
                    line, "gemeentecode", letter,
                )  # fmt: skip
                return None
        name = values.get("gemeente")
        if name and _fold(name) != _fold(gemeente.name):
            self.out.warning(
                f"In het bestand staat {_shown(name)}, het register noemt {code} "
                f"'{gemeente.name}'. Klopt de code? De cijfers worden opgeslagen bij "
                f"{gemeente.name}.",
                line, "gemeente", _letter(self.positions["gemeente"]),
            )  # fmt: skip
        return gemeente

    def _numbers(self, values: dict, line: int) -> dict | None:
        numbers: dict[str, int | None] = {}
        ok = True
        for column in NUMBERS:
            if column not in self.positions:
                numbers[FIELD_OF[column]] = None
                continue
            value = values[column]
            if value is None:
                ok = False
                continue
            letter = _letter(self.positions[column])
            if not value:
                if column in OPTIONAL:
                    numbers[FIELD_OF[column]] = None
                    continue
                self.out.error(f"De waarde voor {column} ontbreekt.", line, column, letter)
                ok = False
                continue
            number = _integer(value, column, line, letter, self.out)
            if number is None:
                ok = False
            numbers[FIELD_OF[column]] = number
        if not ok:
            return None
        begin, target = numbers["start_backlog"], numbers["target"]
        realised, end = numbers["realised"], numbers["end_backlog"]
        if begin + target - realised != end:
            computed = begin + target - realised
            self.out.error(
                f"De som klopt niet: stand_begin {begin} + taakstelling {target} - realisatie "
                f"{realised} = {computed}, maar stand_eind is {end} (verschil "
                f"{end - computed:+d}).",
                line, "stand_eind", _letter(self.positions["stand_eind"]),
            )  # fmt: skip
            return None
        return numbers


def validate(data: bytes, gemeenten: Mapping[str, object], today: date) -> UploadResult:
    """Read an upload: the rows when all is well, and every problem found (errors and warnings).

    `gemeenten` maps every code of the register ("GM0363") to its gemeente (anything with code,
    name, province, valid_from, valid_until), whatever its validity: the period is read from the
    file, and "unknown code" and "did not exist then" are different messages. Never raises.
    """
    out = _Collector()
    result = UploadResult()
    text = _decode(data, out)
    if text is not None:
        result.delimiter = _delimiter(text)
        _read(text, result, gemeenten, today, out)
    errors = [p for p in out.problems if p.is_error]
    warnings = [p for p in out.problems if not p.is_error]
    # Errors about the file or a whole line (too many rows, broken CSV) are listed first: they
    # explain the rest. Then errors per cell, then warnings.
    errors.sort(key=lambda p: p.column is not None or p.letter is not None)
    listed = (errors + warnings)[:MAX_PROBLEMS]
    result.problems = sorted(listed, key=_order)
    result.more_problems = len(out.problems) - len(listed)
    result.more_errors = max(0, len(errors) - MAX_PROBLEMS)
    return result


def _order(problem: Problem):
    letter = problem.letter or ""
    return (problem.line or 0, len(letter), letter, not problem.is_error)


def _read(text: str, result: UploadResult, gemeenten, today: date, out: _Collector) -> None:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=result.delimiter, strict=True)
    rows_reader = None
    count = 0
    next_line = 1
    try:
        for cells in reader:
            line, next_line = next_line, reader.line_num + 1
            if not any(c.strip() for c in cells):
                continue
            if rows_reader is None:
                positions = _read_header(cells, line, out)
                if positions is None:
                    return
                width = max(i for i, c in enumerate(cells) if c.strip()) + 1
                rows_reader = _Reader(positions, width, gemeenten, today, out)
                continue
            count += 1
            if count > MAX_ROWS:
                out.error(
                    f"Het bestand heeft meer dan {dutch_number(MAX_ROWS)} rijen met cijfers. "
                    "Eén rij per gemeente is genoeg.",
                    line,
                )
                return
            rows_reader.read(cells, line)
    except csv.Error as exc:
        if "field larger" in str(exc):
            message = "Een waarde op deze regel is veel te lang."
        else:
            message = (
                'Deze regel is geen geldige CSV. Staat er een aanhalingsteken (") zonder het '
                "bijbehorende sluitteken, of tekst direct na een sluitteken?"
            )
        out.error(message, next_line)
        return
    finally:
        if rows_reader is not None:
            result.period = rows_reader.period
            result.rows = rows_reader.rows
    if rows_reader is None:
        out.error("Het bestand heeft geen kopregel.")
    elif count == 0:
        out.error("Het bestand heeft alleen een kopregel en geen cijfers.")
    elif result.period is not None and not out.has_errors:
        _missing(result, gemeenten, out)


def _missing(result: UploadResult, gemeenten, out: _Collector) -> None:
    """A warning when gemeenten of the period are not in the file: the province totals derived
    from it then leave them out."""
    last_day = period_bounds(result.period)[1]
    present = {row.gemeente.code for row in result.rows}
    missing = sorted(
        (g for code, g in gemeenten.items() if code not in present and _exists_on(g, last_day)),
        key=lambda g: g.name,
    )
    if not missing:
        return
    names = ", ".join(f"{g.name} ({g.code})" for g in missing[:MAX_MISSING_LISTED])
    more = len(missing) - MAX_MISSING_LISTED
    out.warning(
        f"{len(missing)} gemeente{'n' if len(missing) > 1 else ''} die op "
        f"{_nl_date(last_day)} bestond{'en' if len(missing) > 1 else ''}, "
        f"{'staan' if len(missing) > 1 else 'staat'} niet in het bestand: {names}"
        f"{f' en nog {more}' if more > 0 else ''}. De afgeleide provincietotalen tellen "
        f"{'ze' if len(missing) > 1 else 'haar'} niet mee."
    )
