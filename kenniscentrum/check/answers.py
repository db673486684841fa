"""The answers of the check: their vocabulary, validation and JSON Schema.

One definition serves the API (JSON body), the form (query string) and the documentation
(GET /api/check/schema), so the three can never disagree.
"""

from dataclasses import asdict, dataclass
from datetime import date

from kenniscentrum.core.dates import EXAMPLES, DateError, parse_date, today
from kenniscentrum.knowledge.vocabulary import PROVINCES

from .gemeente import MAX_LENGTH as GEMEENTE_MAX_LENGTH
from .gemeente import GemeenteError, GemeenteFacts, resolve

UNKNOWN = "onbekend"

ORGANISATIONS = {
    "gemeente": "Gemeente",
    "woningcorporatie": "Woningcorporatie",
    "provincie": "Provincie",
    "samenwerkingsverband": "Samenwerkingsverband van gemeenten (regio)",
}
PLANS = {
    "tussenvoorziening": "Een tussenvoorziening (tijdelijke woonruimte tot een vaste woning)",
    "flexwonen": "Flexwonen (verplaatsbare of semi-permanente woningen)",
    "transformatie": "Een leegstaand gebouw ombouwen tot woonruimte",
    "nieuwbouw": "Nieuwbouw",
    "tijdelijke_woningen": "Tijdelijke woningen",
    # Huisvesting in the doelgemeente, not opvang: the report (§2.2.1) warns that confusing the
    # two blurs every conversation, and the hotel scheme (§3.1) is about uitplaatsen from opvang.
    "hotel_huisvesting": "Statushouders versneld huisvesten in een hotel of vergelijkbare "
    "accommodatie in uw gemeente (huisvesting, geen opvang van asielzoekers)",
}
# Old answer values that still work. Permanent result URLs and API clients from before issue 11
# used "hotel_opvang"; a saved link must give the same answers, so the old value is read as the
# new one (and written back only as the new one) instead of being refused.
ALIASES = {"plans": {"hotel_opvang": "hotel_huisvesting"}}
TARGET_GROUPS = {
    "statushouders": "Statushouders",
    "dak_en_thuislozen": "Dak- en thuisloze mensen",
    "arbeidsmigranten": "Arbeidsmigranten",
    "zorgbehoefte": "Mensen met een zorgbehoefte",
    "studenten": "Studenten",
    "overige_woningzoekenden": "Andere woningzoekenden",
}
MAX_NUMBER = 1_000_000
FIELDS = (
    "organisation",
    "province",
    "backlog",
    "large_families",
    "plans",
    "target_groups",
    "needs_expertise",
    "regional_cooperation",
    "reference_date",
    "gemeente",
)
OPTIONAL = {"plans", "target_groups", "reference_date", "gemeente"}
NOT_WITH_GEMEENTE = ("province", "backlog")  # may come from the gemeente (see json_schema)


@dataclass(frozen=True)
class Answers:
    organisation: str
    province: str
    backlog: int | str  # a number, or UNKNOWN
    large_families: int | str
    plans: tuple[str, ...]
    target_groups: tuple[str, ...]
    needs_expertise: bool
    regional_cooperation: bool
    reference_date: date
    # Optional (issue 17): the gemeente named, with its newest published backlog; and whether
    # the backlog above was taken from those figures because the answer left it empty.
    gemeente: GemeenteFacts | None = None
    backlog_from_figures: bool = False

    def as_json(self) -> dict:
        """The answers as they can be sent again: the gemeente as its CBS code, the backlog as
        the number used (where it came from is in the API's `gemeente` block)."""
        data = asdict(self)
        data["plans"] = list(self.plans)
        data["target_groups"] = list(self.target_groups)
        data["reference_date"] = self.reference_date.isoformat()
        data["gemeente"] = self.gemeente.code if self.gemeente else None
        del data["backlog_from_figures"]
        return data


class AnswerErrors(Exception):
    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        super().__init__(errors)


def validate(data) -> Answers:
    """Answers from JSON-like data, or AnswerErrors with a Dutch message per field.

    Pure, except for an optional gemeente: that one is looked up in the register and its
    published figures (check/gemeente.py), which may fill in the province and the backlog.
    """
    if not isinstance(data, dict):
        raise AnswerErrors({"__all__": ["Stuur de antwoorden als een JSON-object."]})
    errors: dict[str, list[str]] = {}

    def fail(name, message):
        errors.setdefault(name, []).append(message)

    for name in sorted(set(data) - set(FIELDS), key=str):
        fail(str(name), "Onbekend veld.")
    organisation = _choice(data, "organisation", ORGANISATIONS, "Kies uw soort organisatie.", fail)
    reference_date = _date(data, "reference_date", fail)
    gemeente = _gemeente(data, reference_date, fail)
    if gemeente is not None and _missing(data.get("province")):
        province = gemeente.province  # from the register
    else:
        province = _choice(data, "province", PROVINCES, "Kies een provincie.", fail)
        if gemeente is not None and province in PROVINCES and province != gemeente.province:
            fail(
                "province",
                f"{gemeente.label} ligt in {PROVINCES[gemeente.province]}, niet in "
                f"{PROVINCES[province]}. Kies {PROVINCES[gemeente.province]} of laat de "
                "provincie leeg.",
            )
    backlog_from_figures = gemeente is not None and _missing(data.get("backlog"))
    if backlog_from_figures and gemeente.figures is not None:
        backlog = gemeente.figures.still_to_house
    elif backlog_from_figures:
        backlog_from_figures = False
        backlog = None
        fail(
            "backlog",
            f"Voor {gemeente.label} zijn geen cijfers per gemeente gepubliceerd, dus de "
            "achterstand kunnen wij niet invullen. Vul een aantal in, of kies 'weet ik niet'.",
        )
    else:
        backlog = _count(data, "backlog", fail)
    large_families = _count(data, "large_families", fail)
    plans = _choices(data, "plans", PLANS, fail)
    target_groups = _choices(data, "target_groups", TARGET_GROUPS, fail)
    needs_expertise = _bool(data, "needs_expertise", fail)
    regional = _bool(data, "regional_cooperation", fail)
    if errors:
        raise AnswerErrors(_in_form_order(errors))
    return Answers(
        organisation, province, backlog, large_families, tuple(plans), tuple(target_groups),
        needs_expertise, regional, reference_date, gemeente, backlog_from_figures,
    )  # fmt: skip


# The order of the form's questions: the error summary lists its messages in this order (unknown
# fields first), although the peildatum and the gemeente are read before the questions that use
# them.
FORM_ORDER = (
    "organisation", "gemeente", "province", "backlog", "large_families", "plans",
    "target_groups", "needs_expertise", "regional_cooperation", "reference_date",
)  # fmt: skip


def _in_form_order(errors: dict[str, list[str]]) -> dict[str, list[str]]:
    def position(name):
        return FORM_ORDER.index(name) if name in FORM_ORDER else -1

    return {name: errors[name] for name in sorted(errors, key=position)}


def _missing(value) -> bool:
    return value is None or value == ""


def _gemeente(data, reference_date, fail) -> GemeenteFacts | None:
    """The optional gemeente, read from the register and the published figures (check/gemeente.py);
    None when not given or not found (then with a field error)."""
    value = data.get("gemeente")
    if _missing(value) or (isinstance(value, str) and not value.strip()):
        return None
    province = data.get("province")
    try:
        return resolve(value, province if isinstance(province, str) else None, reference_date)
    except GemeenteError as exc:
        fail("gemeente", str(exc))
        return None


def _choice(data, name, allowed, missing, fail):
    value = data.get(name)
    if value is None or value == "":
        fail(name, missing)
    elif not isinstance(value, str) or value not in allowed:
        fail(name, f"Onbekende waarde. Kies uit: {', '.join(allowed)}.")
    return value


def _choices(data, name, allowed, fail):
    value = data.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        fail(name, "Geef een lijst van keuzes.")
        return []
    aliases = ALIASES.get(name, {})
    value = [aliases.get(v, v) for v in value]
    unknown = [v for v in value if v not in allowed]
    if unknown:
        fail(name, f"Onbekende keuze: {', '.join(unknown)}. Kies uit: {', '.join(allowed)}.")
    return [v for v in allowed if v in value]  # stable order, no duplicates


def _count(data, name, fail):
    value = data.get(name)
    if value is None or value == "":
        fail(name, "Vul een aantal in, of kies 'weet ik niet'.")
        return None
    if value == UNKNOWN:
        return UNKNOWN
    if isinstance(value, bool) or not isinstance(value, int):
        fail(name, "Vul een heel getal in (0 of meer), of 'onbekend'.")
        return None
    if value < 0:
        fail(name, "Het aantal kan niet negatief zijn.")
    elif value > MAX_NUMBER:
        fail(name, f"Het aantal is groter dan {MAX_NUMBER}; controleer het getal.")
    return value


def _bool(data, name, fail):
    value = data.get(name)
    if not isinstance(value, bool):
        fail(name, "Kies ja of nee.")
    return value


def _date(data, name, fail):
    value = data.get(name)
    if value is None or value == "":
        return today()
    if not isinstance(value, str):
        fail(name, f"Geef de datum als tekst, zoals {EXAMPLES}.")
        return None
    try:
        return parse_date(value)
    except DateError as exc:
        fail(name, str(exc))
        return None


def json_schema() -> dict:
    count = {
        "oneOf": [
            {"type": "integer", "minimum": 0, "maximum": MAX_NUMBER},
            {"const": UNKNOWN},
        ]
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Antwoorden voor de check",
        "type": "object",
        "additionalProperties": False,
        "required": [f for f in FIELDS if f not in OPTIONAL and f not in NOT_WITH_GEMEENTE],
        # Province and backlog may be left out when a gemeente is given: the province then comes
        # from the register, the backlog from its newest published figures (if there are none,
        # the backlog is still required: a 400 says so).
        "anyOf": [{"required": list(NOT_WITH_GEMEENTE)}, {"required": ["gemeente"]}],
        "properties": {
            "organisation": {"enum": list(ORGANISATIONS)},
            "province": {"enum": list(PROVINCES)},
            "backlog": {**count, "description": "Statushouders nog te huisvesten (achterstand)."},
            "large_families": {
                **count,
                "description": "Gekoppelde huishoudens van 8 of meer personen die op 25 mei 2021 "
                "in de asielopvang verbleven.",
            },
            "plans": {
                "type": "array",
                "items": {"enum": list(PLANS)},
                "uniqueItems": True,
                "description": "Het oude 'hotel_opvang' wordt nog gelezen als "
                "'hotel_huisvesting' (het gaat om huisvesting, niet om opvang).",
            },
            "target_groups": {
                "type": "array",
                "items": {"enum": list(TARGET_GROUPS)},
                "uniqueItems": True,
            },
            "needs_expertise": {"type": "boolean"},
            "regional_cooperation": {"type": "boolean"},
            "reference_date": {
                "type": "string",
                "description": "Peildatum; standaard vandaag (Europe/Amsterdam). Dag eerst of "
                f"ISO: {EXAMPLES}. Het antwoord geeft de datum altijd als JJJJ-MM-DD.",
                "examples": ["2026-11-30", "30-11-2026", "30 november 2026"],
            },
            "gemeente": {
                "type": ["string", "null"],
                "maxLength": GEMEENTE_MAX_LENGTH,
                "description": "Niet verplicht. CBS-gemeentecode (GM0363; ook gm0363 of 0363) "
                "of de exacte naam. Dan komt de provincie uit het register (een andere provincie "
                "is een fout) en, als backlog ontbreekt, de achterstand uit de nieuwste "
                "gepubliceerde cijfers van de gemeente (een voorsprong telt als 0). Een gemeente "
                "die op de peildatum al was opgeheven, wordt geweigerd. Het antwoord geeft de "
                "code terug en onder `gemeente` de periode, bron en publicatiedatum.",
                "examples": ["GM0363", "Amsterdam"],
            },
        },
    }
