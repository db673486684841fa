"""Read the figures' CSV files (content/cijfers/) with the same rigour as every content file:
a malformed file names file, line and column, and nothing is loaded."""

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from kenniscentrum.knowledge.frontmatter import ContentError
from kenniscentrum.knowledge.vocabulary import PROVINCES

from .models import NationalFigure, ProvinceFigure

FOLDER = "cijfers"
NATIONAL_FILE = "tabel-1-landelijk.csv"
PROVINCES_FILE = "tabel-2-provincies.csv"
TOTAL = "totaal"
PERIOD_RE = re.compile(r"^20\d\d-[12]$")
NATIONAL_COLUMNS = ["period", "start_backlog", "target", "total_task", "realised", "end_backlog",
                    "note"]  # fmt: skip
PROVINCE_COLUMNS = ["province", "municipalities", "period", "start_backlog", "target",
                    "realised", "end_backlog", "pct_remaining"]  # fmt: skip


@dataclass
class Figures:
    national: list[dict]
    provinces: list[dict]


def read_figures(content_dir: Path, display) -> Figures | None:
    folder = Path(content_dir) / FOLDER
    if not folder.is_dir():
        return None
    national = _read(folder / NATIONAL_FILE, NATIONAL_COLUMNS, _national_row, display)
    provinces = _read(folder / PROVINCES_FILE, PROVINCE_COLUMNS, _province_row, display)
    _unique(national, ("period",), folder / NATIONAL_FILE, display)
    _unique(provinces, ("province", "period"), folder / PROVINCES_FILE, display)
    return Figures(national, provinces)


def write_figures(figures: Figures) -> None:
    NationalFigure.objects.all().delete()
    NationalFigure.objects.bulk_create(NationalFigure(**row) for row in figures.national)
    ProvinceFigure.objects.all().delete()
    ProvinceFigure.objects.bulk_create(
        ProvinceFigure(area=row.pop("province"), **row) for row in figures.provinces
    )


def _read(path: Path, columns: list[str], convert, display) -> list[dict]:
    shown = display(path)
    if not path.is_file():
        raise ContentError(shown, "", "het bestand ontbreekt.")
    try:
        text = path.read_text("utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError(shown, "", "het bestand is geen UTF-8-tekst.") from exc
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header != columns:
        raise ContentError(shown, "", f"de kopregel moet zijn: {','.join(columns)}.", 1)
    rows = []
    for line, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(columns):
            raise ContentError(shown, "", f"{len(values)} kolommen; verwacht {len(columns)}.", line)
        raw = dict(zip(columns, (v.strip() for v in values), strict=True))
        rows.append(convert(raw, lambda column, msg, line=line: _fail(shown, line, column, msg)))
    return rows


def _fail(shown, line, column, message):
    raise ContentError(shown, f"kolom {column}", message, line)


def _int(raw, column, fail, minimum=None, required=True):
    value = raw[column]
    if value == "" and not required:
        return None
    if not re.fullmatch(r"-?\d+", value):
        fail(column, f"'{value}' is geen heel getal (schrijf zonder punten: 2921).")
    number = int(value)
    if minimum is not None and number < minimum:
        fail(column, f"{number} mag niet kleiner zijn dan {minimum}.")
    return number


def _period(raw, fail):
    if not PERIOD_RE.match(raw["period"]):
        fail("period", f"'{raw['period']}' is geen periode; schrijf bijvoorbeeld 2021-1.")
    return raw["period"]


def _national_row(raw, fail) -> dict:
    return {
        "period": _period(raw, fail),
        "start_backlog": _int(raw, "start_backlog", fail),
        "target": _int(raw, "target", fail, 0),
        "total_task": _int(raw, "total_task", fail),
        "realised": _int(raw, "realised", fail, 0),
        "end_backlog": _int(raw, "end_backlog", fail),
        "note": raw["note"][:200],
    }


def _province_row(raw, fail) -> dict:
    province = raw["province"]
    if province not in PROVINCES and province != TOTAL:
        fail("province", f"onbekende provincie '{province}'.")
    return {
        "province": province,
        "municipalities": _int(raw, "municipalities", fail, 1, required=province != TOTAL),
        "period": _period(raw, fail),
        "start_backlog": _int(raw, "start_backlog", fail),
        "target": _int(raw, "target", fail, 0),
        "realised": _int(raw, "realised", fail, 0),
        "end_backlog": _int(raw, "end_backlog", fail),
        "pct_remaining": _int(raw, "pct_remaining", fail),
    }


def _unique(rows, keys, path, display):
    seen = set()
    for row in rows:
        key = tuple(row[k] for k in keys)
        if key in seen:
            raise ContentError(display(path), "", f"{' '.join(key)} staat er twee keer in.")
        seen.add(key)
