"""The editor's form per kind: controls generated from the content schema, and form <-> document.

Why a form builds a document instead of saving fields itself: the content file is the one format
and `loading.validate_document` the one set of rules (issue 15). The form turns its values into
the document `exporting.render_file` would write for the same data, and that text goes through
the raw editor's own validation and save path (`revisions.save`, version number, conflict check).
A ContentError names a field path (`regeling.amounts[1].eur`); every control is named by that
very path, so the error lands beside its control without a second copy of any rule.

Why repeating rows work without JavaScript: a row count travels in a hidden field, "toevoegen"
is a submit button that re-renders with one more empty row, "verwijderen" a checkbox per row.
Rows left fully empty are dropped, so the rows shown after a submit are exactly the document's
entries and an error's index (`sources[2]`) is the row shown third.

The `check` block (criteria of the check) has no controls: it travels unchanged as JSON in a
hidden field and is edited in the raw view.
"""

import json
import re
from dataclasses import dataclass, field

import yaml

from kenniscentrum.knowledge.frontmatter import ContentError, parse_file
from kenniscentrum.knowledge.schema import LINK_KINDS
from kenniscentrum.knowledge.vocabulary import (
    AANBEVELING_CLUSTERS,
    APPLICANTS,
    PROVINCES,
    Kind,
    RegelingStatus,
)

MAX_ROWS = 50  # more rows than any list allows (links: 20); a crafted count stays cheap

# Repeating groups: path -> (fields of one row, legend, singular for buttons).
ROW_GROUPS = {
    "sources": (("section", "note"), "Bronnen in het rapport", "bron"),
    "links": (("title", "url", "kind", "checked_on"), "Officiële bronnen (links)", "link"),
    "regeling.amounts": (("label", "eur", "note"), "Bedragen", "bedrag"),
    "regeling.dates": (("label", "date"), "Belangrijke datums", "datum"),
}
MULTI = ("themes", "provinces", "regeling.applicants")
LINES = ("related", "aanbeveling.actiehouders")  # free-text lists, one value per line
SCALARS = (
    "slug", "title", "summary", "published", "last_reviewed", "checked_on", "checked_source",
    "publish_at", "expire_at",
    "regeling.provider", "regeling.window.opens", "regeling.window.closes", "regeling.status",
    "regeling.status_note", "regeling.ended_on", "regeling.ended_reason", "regeling.ended_source",
    "aanbeveling.number", "aanbeveling.cluster", "aanbeveling.actiehouders_note",
)  # fmt: skip
_DIGITS = re.compile(r"^\d+$")
_LAST_PART = re.compile(r"(\.[^.\[]+|\[\d+\])$")


@dataclass
class FormState:
    """What the form holds: plain strings, lists of chosen values, rows and the body."""

    kind: str
    values: dict[str, str] = field(default_factory=dict)
    multi: dict[str, list[str]] = field(default_factory=dict)
    rows: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    body: str = ""
    check: dict | None = None


# ---------------------------------------------------------------- document -> form


def state_from_document(document: str, kind: str, label: str = "document") -> FormState:
    """The form's values for a document (raises ContentError when it is not front matter)."""
    source = parse_file(label, document)
    data = source.data
    state = FormState(kind=kind, body=source.body)
    for name in SCALARS:
        value = _lookup(data, name)
        state.values[name] = "" if value is None else str(value)
    for name in MULTI:
        state.multi[name] = _as_list(_lookup(data, name))
    for name in LINES:
        state.values[name] = "\n".join(_as_list(_lookup(data, name)))
    for group, (fields, _, _) in ROW_GROUPS.items():
        rows = []
        for entry in _as_list(_lookup(data, group), keep=True):
            if not isinstance(entry, dict):
                entry = {fields[0]: entry}
            rows.append({f: "" if entry.get(f) is None else str(entry[f]) for f in fields})
        state.rows[group] = rows
    check = data.get("check")
    state.check = check if isinstance(check, dict) else None
    return state


def _lookup(data, path: str):
    for part in path.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def _as_list(value, keep: bool = False) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        value = [value]
    return value if keep else [str(v) for v in value]


# ---------------------------------------------------------------- POST -> form


def state_from_post(post, kind: str) -> FormState:
    """The form's values from a submit; deleted and fully empty rows are gone, `add` adds one.

    A "toevoegen" submit keeps every empty row (twice "toevoegen" gives two, in any group);
    a save or preview drops them, so the rows then shown are the document's entries.
    """
    state = FormState(kind=kind, body=_text(post.get("body", ""), strip=False))
    for name in (*SCALARS, *LINES):
        state.values[name] = _text(post.get(name, ""))
    for name in MULTI:
        chosen = [v for v in post.getlist(name) if v]
        order = [v for v in post.get(f"{name}.volgorde", "").split(",") if v]
        # The document's order is kept (a checkbox list would impose its own).
        state.multi[name] = [v for v in order if v in chosen] + [
            v for v in chosen if v not in order
        ]
    for group, (fields, _, _) in ROW_GROUPS.items():
        count = min(_int(post.get(f"{group}.rijen")), MAX_ROWS)
        adding = bool(post.get("add"))  # only a save or preview drops empty rows
        rows = []
        for index in range(count):
            prefix = f"{group}[{index}]"
            if post.get(f"{prefix}.verwijderen"):
                continue
            row = {f: _text(post.get(f"{prefix}.{f}", "")) for f in fields}
            if any(row.values()) or adding:
                rows.append(row)
        if post.get("add") == group and len(rows) < MAX_ROWS:
            rows.append(dict.fromkeys(fields, ""))
        state.rows[group] = rows
    check = post.get("check_json", "")
    if check:
        try:
            state.check = json.loads(check)
        except ValueError as exc:
            raise ContentError("formulier", "check", "het controleblok is beschadigd; "
                               "open de brontekst opnieuw.") from exc  # fmt: skip
    return state


def _text(value: str, strip: bool = True) -> str:
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.strip() if strip else value


def _int(value) -> int:
    try:
        return max(int(value), 0)
    except (TypeError, ValueError):
        return 0


# ---------------------------------------------------------------- form -> document


def front_matter(state: FormState) -> dict:
    """The front matter in exporting.item_front_matter's order, so the text is the same.

    Empty optional fields are left out; an empty required one is None or "", which the
    validator reports by its path ("ontbreekt", "mag niet leeg zijn").
    """
    v = state.values
    data = {
        "slug": v.get("slug", ""),
        "kind": state.kind,
        "title": v.get("title", ""),
        "summary": v.get("summary", ""),
        "themes": state.multi.get("themes", []),
    }
    if state.multi.get("provinces"):
        data["provinces"] = state.multi["provinces"]
    data["sources"] = [
        {"section": row["section"] or None, **({"note": row["note"]} if row["note"] else {})}
        for row in state.rows.get("sources", [])
    ]
    data["published"] = v.get("published") or None
    data["last_reviewed"] = v.get("last_reviewed") or None
    if v.get("checked_on") or v.get("checked_source"):
        data["checked_on"] = v.get("checked_on") or None
        data["checked_source"] = v.get("checked_source") or None
    if state.rows.get("links"):
        data["links"] = [_link(row) for row in state.rows["links"]]
    for name in ("publish_at", "expire_at"):
        if v.get(name):
            data[name] = v[name]
    related = _lines(v.get("related", ""))
    if related:
        data["related"] = related
    if state.kind == Kind.REGELING:
        data["regeling"] = _regeling(state)
        if state.check is not None:
            data["check"] = state.check
    if state.kind == Kind.AANBEVELING:
        data["aanbeveling"] = {
            "number": _number(v.get("aanbeveling.number", "")),
            "cluster": v.get("aanbeveling.cluster") or None,
            "actiehouders": _lines(v.get("aanbeveling.actiehouders", "")),
        }
        if v.get("aanbeveling.actiehouders_note"):
            data["aanbeveling"]["actiehouders_note"] = v["aanbeveling.actiehouders_note"]
    return data


def _link(row: dict) -> dict:
    link = {"title": row["title"], "url": row["url"], "kind": row["kind"] or None}
    if row["checked_on"]:
        link["checked_on"] = row["checked_on"]
    return link


def _regeling(state: FormState) -> dict:
    v = state.values
    data = {
        "provider": v.get("regeling.provider", ""),
        "applicants": state.multi.get("regeling.applicants", []),
    }
    amounts = state.rows.get("regeling.amounts", [])
    if amounts:
        data["amounts"] = [
            {
                "label": row["label"],
                "eur": _number(row["eur"]),
                **({"note": row["note"]} if row["note"] else {}),
            }
            for row in amounts
        ]
    dates = state.rows.get("regeling.dates", [])
    if dates:
        data["dates"] = [{"label": row["label"], "date": row["date"] or None} for row in dates]
    opens, closes = v.get("regeling.window.opens"), v.get("regeling.window.closes")
    if opens or closes:
        data["window"] = {"opens": opens or None, "closes": closes or None}
    data["status"] = v.get("regeling.status") or None
    if v.get("regeling.status_note"):
        data["status_note"] = v["regeling.status_note"]
    ended = ("ended_on", "ended_reason", "ended_source")
    if any(v.get(f"regeling.{key}") for key in ended):
        for key in ended:
            data[key] = v.get(f"regeling.{key}") or None
    return data


def _number(text: str):
    """A whole number stays a number; anything else stays text for the validator to name."""
    return int(text) if _DIGITS.match(text) else (text or None)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def build_document(state: FormState) -> str:
    """The document text, written as exporting.render_file writes a content file."""
    front = yaml.safe_dump(front_matter(state), allow_unicode=True, sort_keys=False, width=100)
    return f"---\n{front}---\n\n{state.body.strip()}\n"


# ---------------------------------------------------------------- the controls


@dataclass
class Control:
    """One labelled control; `name` is the field path the validator uses in its errors."""

    name: str
    label: str
    widget: str  # text, textarea, date, number, select, checkboxes, readonly
    value: object = ""
    help: str = ""
    choices: list = field(default_factory=list)
    error: str = ""
    rows: int = 3

    @property
    def id(self) -> str:
        return control_id(self.name)

    @property
    def described_by(self) -> str:
        ids = [f"{self.id}-hint"] if self.help else []
        return " ".join(ids + ([f"{self.id}-fout"] if self.error else []))


def control_id(path: str) -> str:
    return "veld-" + re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")


@dataclass
class Block:
    """A fieldset: plain controls, or repeating rows (`group` set)."""

    legend: str
    controls: list[Control] = field(default_factory=list)
    group: str = ""
    rows: list[list[Control]] = field(default_factory=list)
    add_label: str = ""
    hint: str = ""
    error: str = ""

    @property
    def id(self) -> str:
        return control_id(self.group or self.legend)


@dataclass
class StructuredForm:
    kind: str
    blocks: list[Block]
    body: Control
    hidden: dict[str, str]
    errors: list[tuple[str, str]] = field(default_factory=list)  # (href, text)

    def controls(self):
        for block in self.blocks:
            yield from block.controls
            for row in block.rows:
                yield from row
        yield self.body


def build_form(state: FormState, themes, sections, *, new: bool, error=None) -> StructuredForm:
    """The controls for `state`'s kind, filled in; `error` (a ContentError) placed beside one.

    `themes` and `sections` are (value, label) pairs: the Theme vocabulary and the report's
    sections, from the database as validate_document reads them.
    """
    v = state.values
    slug_widget = "text" if new else "readonly"
    general = Block("Algemeen", [
        Control("slug", "Slug (adres)", slug_widget, v.get("slug", ""),
                "Kleine letters, cijfers en streepjes; wordt het adres /kennis/slug/."
                if new else "Het adres van het item; dat verandert niet."),
        Control("title", "Titel", "text", v.get("title", ""), "Platte tekst, hoogstens 200 "
                "tekens. De titel is de enige kop van niveau 1 op de pagina."),
        Control("summary", "Samenvatting", "textarea", v.get("summary", ""),
                "Eén tot drie zinnen, hoogstens 500 tekens. Staat in lijsten en zoekresultaten."),
        Control("themes", "Thema's", "checkboxes", state.multi.get("themes", []),
                "Minstens één thema.", list(themes)),
        Control("provinces", "Provincies", "checkboxes", state.multi.get("provinces", []),
                "Alleen als het item over een bepaalde provincie gaat.", list(PROVINCES.items())),
        Control("related", "Verwante items", "textarea", v.get("related", ""),
                "De slug van een ander item per regel, bijvoorbeeld rvb-flexwoningen."),
    ])  # fmt: skip
    dates = Block("Datums en controle", [
        Control("published", "Op deze website sinds", "date", v.get("published", ""),
                "De datum waarop het item in het kenniscentrum verscheen."),
        Control("last_reviewed", "Laatst nagelopen", "date", v.get("last_reviewed", ""),
                "Wanneer een redacteur de tekst het laatst doorliep; niet vóór de "
                "publicatiedatum. Bezoekers zien deze datum niet."),
        Control("checked_on", "Gecontroleerd op", "date", v.get("checked_on", ""),
                "Alleen als u het item controleerde aan een bron nieuwer dan het rapport "
                "(1 november 2021 of later, niet in de toekomst). Vul dan ook de bron in."),
        Control("checked_source", "Gecontroleerd aan de hand van", "text",
                v.get("checked_source", ""), "Die nieuwere bron, op één regel, bijvoorbeeld "
                "Staatscourant 2026, 1234."),
        Control("publish_at", "Tonen vanaf", "text", v.get("publish_at", ""),
                "Niet verplicht. Datum (2026-12-01) of datum en tijd (2026-12-01T09:00), "
                "Nederlandse tijd."),
        Control("expire_at", "Tonen tot", "text", v.get("expire_at", ""),
                "Niet verplicht. Na 'Tonen vanaf'; zelfde schrijfwijze."),
    ])  # fmt: skip
    blocks = [general, dates, _rows_block(state, "sources", sections)]
    if state.kind == Kind.REGELING:
        blocks += _regeling_blocks(state)
    if state.kind == Kind.AANBEVELING:
        blocks.append(Block("Aanbeveling", [
            Control("aanbeveling.number", "Nummer", "number", v.get("aanbeveling.number", ""),
                    "Het nummer in het rapport; elk nummer hoort bij één aanbeveling."),
            Control("aanbeveling.cluster", "Cluster", "select",
                    v.get("aanbeveling.cluster", ""), "",
                    list(AANBEVELING_CLUSTERS.items())),
            Control("aanbeveling.actiehouders", "Actiehouders", "textarea",
                    v.get("aanbeveling.actiehouders", ""),
                    "Eén actiehouder per regel, zoals in hoofdstuk 4 van het rapport."),
            Control("aanbeveling.actiehouders_note", "Toelichting bij de actiehouders",
                    "textarea", v.get("aanbeveling.actiehouders_note", ""), "Niet verplicht."),
        ]))  # fmt: skip
    blocks.append(_rows_block(state, "links", sections))
    body_help = "Begin koppen bij ## (de titel is de enige kop van niveau 1)."
    body = Control("body", "Tekst (Markdown)", "textarea", state.body, body_help, rows=24)
    hidden = {f"{name}.volgorde": ",".join(state.multi.get(name, [])) for name in MULTI}
    hidden.update({f"{group}.rijen": str(len(state.rows.get(group, []))) for group in ROW_GROUPS})
    if state.check is not None:
        hidden["check_json"] = json.dumps(state.check, ensure_ascii=False)
    form = StructuredForm(state.kind, blocks, body, hidden)
    if error is not None:
        place_error(form, error)
    return form


def _regeling_blocks(state: FormState) -> list[Block]:
    v = state.values
    facts = Block("Regeling", [
        Control("regeling.provider", "Aanbieder", "text", v.get("regeling.provider", ""),
                "Wie de regeling aanbiedt: BZK, JenV, RVO, RVB, …"),
        Control("regeling.applicants", "Wie vraagt aan", "checkboxes",
                state.multi.get("regeling.applicants", []), "Minstens één.",
                list(APPLICANTS.items())),
        Control("regeling.status", "Status volgens het rapport", "select",
                v.get("regeling.status", ""), "De stand op 1 november 2021.",
                list(RegelingStatus.choices)),
        Control("regeling.status_note", "Toelichting bij de status", "textarea",
                v.get("regeling.status_note", ""), "Niet verplicht."),
        Control("regeling.window.opens", "Aanvragen vanaf", "date",
                v.get("regeling.window.opens", ""),
                "Niet verplicht; vul beide datums in (beide tellen mee)."),
        Control("regeling.window.closes", "Aanvragen tot en met", "date",
                v.get("regeling.window.closes", ""), "Niet vóór de openingsdatum."),
    ])  # fmt: skip
    ended = Block("Beëindigd na het rapport", [
        Control("regeling.ended_on", "Beëindigd op", "date", v.get("regeling.ended_on", ""),
                "De eerste dag dat de regeling niet meer bestaat."),
        Control("regeling.ended_reason", "Waarom", "textarea",
                v.get("regeling.ended_reason", ""), "In eigen woorden, hoogstens 500 tekens."),
        Control("regeling.ended_source", "Bron van de beëindiging", "text",
                v.get("regeling.ended_source", ""),
                "Waar dat staat, bijvoorbeeld Kamerstukken II 2022/23, 36 219, nr. 3."),
    ], hint="Alleen als de regeling na het rapport is beëindigd: vul alle drie in.")  # fmt: skip
    return [facts, _rows_block(state, "regeling.amounts"), _rows_block(state, "regeling.dates"),
            ended]  # fmt: skip


ROW_FIELDS = {
    "section": ("Paragraaf", "select", "De paragraaf van het rapport waarop het item steunt."),
    "note": ("Toelichting", "text", "Niet verplicht."),
    "title": ("Titel", "text", "Op één regel."),
    "url": ("Adres", "text", "Begint met https://."),
    "kind": ("Soort link", "select", ""),
    "checked_on": ("Gecontroleerd op", "date", "Niet verplicht; niet in de toekomst."),
    "label": ("Omschrijving", "text", "Op één regel, hoogstens 120 tekens."),
    "eur": ("Bedrag in euro's", "number", "Een heel getal, zonder punten: 50000000."),
    "date": ("Datum", "date", ""),
}


def _rows_block(state: FormState, group: str, sections=()) -> Block:
    fields, legend, singular = ROW_GROUPS[group]
    block = Block(legend, group=group, add_label=f"Nog een {singular} toevoegen")
    if group == "links":
        block.hint = "Hoogstens 20. Alleen https-adressen."
    for index, row in enumerate(state.rows.get(group, [])):
        controls = []
        for name in fields:
            label, widget, help_text = ROW_FIELDS[name]
            if group == "regeling.amounts" and name == "note":
                help_text = "Niet verplicht."
            choices = []
            if name == "section":
                choices = list(sections)
            elif name == "kind":
                choices = list(LINK_KINDS.items())
            controls.append(Control(f"{group}[{index}].{name}", f"{label} ({singular} "
                                    f"{index + 1})", widget, row.get(name, ""), help_text,
                                    choices))  # fmt: skip
        remove = f"Deze {singular} ({index + 1}) verwijderen"
        controls.append(Control(f"{group}[{index}].verwijderen", remove, "delete"))
        block.rows.append(controls)
    return block


def place_error(form: StructuredForm, error: ContentError) -> None:
    """Put the error beside the control its field path names (or the nearest group of it)."""
    by_name = {control.name: control for control in form.controls()}
    groups = {block.group: block for block in form.blocks if block.group}
    path = error.field
    while path:
        if path in by_name:
            by_name[path].error = error.message
            form.errors.append((f"#{by_name[path].id}", f"{by_name[path].label}: {error.message}"))
            return
        if path in groups:
            groups[path].error = error.message
            form.errors.append((f"#{groups[path].id}", f"{groups[path].legend}: {error.message}"))
            return
        if path == "regeling.window":
            path = "regeling.window.opens"
            continue
        if path == "check" or path.startswith("check."):
            form.errors.append(
                ("?weergave=bron", f"Controleblok, veld '{error.field}': {error.message} "
                 "Het controleblok past u aan in de brontekst.")
            )  # fmt: skip
            return
        parent = _LAST_PART.sub("", path)
        path = "" if parent == path else parent
    where = f"veld '{error.field}': " if error.field else ""
    form.errors.append((f"#{form.body.id}", f"{where}{error.message}"))


def vocabularies() -> tuple[list, list]:
    """(themes, report sections) as (value, label) pairs, read as validate_document reads them."""
    from kenniscentrum.knowledge.models import Theme
    from kenniscentrum.report.models import ReportSection

    themes = list(Theme.objects.values_list("slug", "name"))
    sections = [(s.key, s.label) for s in ReportSection.objects.all()]
    return themes, sections
