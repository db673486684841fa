"""Validation of one content file's front matter into plain data.

Every known key is consumed and checked; any key left over is refused by its dotted path, so a
typo ("sumary") is an error instead of a silently missing field. All checks are plain Python with
no database access, so editors' forms (later) can run the very same rules.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urlsplit

from django.conf import settings

from kenniscentrum.check.criteria import read_check
from kenniscentrum.core.dates import AMSTERDAM, today

from .frontmatter import ContentError, SourceFile
from .vocabulary import AANBEVELING_CLUSTERS, APPLICANTS, PROVINCES, Kind, RegelingStatus, Status

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MIN_YEAR, MAX_YEAR = 2000, 2999  # publish_at / expire_at: a site of this century
H1_RE = re.compile(r"^#(?!#)\s")
LOADABLE_STATUSES = {Status.GEPUBLICEERD.value, Status.CONCEPT.value}
# The largest number the column holds (PositiveSmallIntegerField, on every database Django
# supports). Unchecked, `number: 100000000000000000000` passed validation and then overflowed on
# save: an OverflowError, a 500 in the editor and a traceback in load_content. The report itself
# has 9; the scale tests number generated recommendations from 100.
MAX_AANBEVELING_NUMBER = 32_767


@dataclass
class SourceData:
    section: str
    note: str = ""


@dataclass
class RegelingData:
    provider: str
    applicants: list[str]
    amounts: list[dict]
    key_dates: list[dict]
    window_opens: date | None
    window_closes: date | None
    status: str
    status_note: str
    ended_on: date | None = None
    ended_reason: str = ""
    ended_source: str = ""


@dataclass
class AanbevelingData:
    number: int
    cluster: str
    actiehouders: list[str]
    actiehouders_note: str


@dataclass
class ItemData:
    path: str
    slug: str
    kind: str
    title: str
    summary: str
    body: str
    themes: list[str]
    provinces: list[str]
    sources: list[SourceData]
    published: date
    last_reviewed: date
    status: str
    checked_on: date | None = None
    checked_source: str = ""
    related: list[str] = field(default_factory=list)
    publish_at: datetime | None = None
    expire_at: datetime | None = None
    regeling: RegelingData | None = None
    aanbeveling: AanbevelingData | None = None
    check: dict | None = None
    links: list[dict] = field(default_factory=list)


class _Fields:
    """Reads fields out of a mapping, remembering which were consumed."""

    def __init__(self, source: SourceFile, data, prefix: str = ""):
        self.source = source
        self.prefix = prefix
        if not isinstance(data, dict):
            self.fail("", "moet een lijst van velden (mapping) zijn.")
        self.data = data
        self.consumed: set[str] = set()

    def path(self, name: str) -> str:
        return f"{self.prefix}.{name}" if self.prefix and name else (name or self.prefix)

    def fail(self, name: str, message: str):
        field_path = self.path(name)
        raise ContentError(self.source.path, field_path, message, self.source.line_of(field_path))

    def get(self, name: str, required: bool = True, default=None):
        self.consumed.add(name)
        if name not in self.data or self.data[name] is None:
            if required:
                self.fail(name, "ontbreekt.")
            return default
        return self.data[name]

    def text(self, name: str, max_length: int, required: bool = True, single_line=True) -> str:
        value = self.get(name, required, "")
        if not isinstance(value, str):
            self.fail(name, "moet tekst zijn.")
        value = value.strip()
        if required and not value:
            self.fail(name, "mag niet leeg zijn.")
        if len(value) > max_length:
            self.fail(name, f"is {len(value)} tekens lang; het maximum is {max_length}.")
        if single_line and "\n" in value:
            self.fail(name, "moet op één regel staan.")
        return value

    def date(self, name: str, required: bool = True) -> date | None:
        value = self.get(name, required)
        if value is None:
            return None
        if not isinstance(value, str) or not ISO_DATE_RE.match(value.strip()):
            self.fail(
                name, f"'{value}' is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2021-11-01."
            )
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            self.fail(name, f"'{value}' is geen bestaande datum.")

    def list(self, name: str, what: str) -> list:
        """An optional list; anything else is a field error (a number once gave a TypeError)."""
        value = self.get(name, False, [])
        if not isinstance(value, list):
            self.fail(name, f"moet een lijst van {what} zijn.")
        return value

    def moment(self, name: str) -> datetime | None:
        """An optional date (start of that day) or date and time, in Dutch time."""
        value = self.get(name, required=False)
        if value is None:
            return None
        text = str(value).strip()
        try:
            if ISO_DATE_RE.match(text):
                moment = datetime.fromisoformat(text + "T00:00")
            else:
                moment = datetime.fromisoformat(text)
        except ValueError:
            example = "2026-12-01 of 2026-12-01T09:00"
            self.fail(name, f"'{text}' is geen datum of tijd; schrijf {example}.")
        if not MIN_YEAR <= moment.year <= MAX_YEAR:
            # Year 1 or 9999 overflowed when converted to UTC for the database: a 500.
            self.fail(name, f"moet tussen {MIN_YEAR} en {MAX_YEAR} liggen.")
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=AMSTERDAM)
        return moment

    def text_list(self, name: str, required: bool = True, allowed=None, what="waarde") -> list:
        value = self.get(name, required, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(name, "moet een lijst van teksten zijn.")
        value = [v.strip() for v in value]
        if required and not value:
            self.fail(name, "moet minstens één waarde hebben.")
        for v in value:
            if allowed is not None and v not in allowed:
                options = ", ".join(sorted(allowed))
                self.fail(name, f"onbekende {what} '{v}'. Toegestaan: {options}.")
        if len(set(value)) != len(value):
            self.fail(name, "bevat een waarde twee keer.")
        return value

    def choice(self, name: str, allowed, required: bool = True, default=None) -> str:
        value = self.get(name, required, default)
        if value not in allowed:
            self.fail(name, f"onbekende waarde '{value}'. Toegestaan: {', '.join(allowed)}.")
        return value

    def done(self) -> None:
        leftover = sorted(set(self.data) - self.consumed, key=str)
        if leftover:
            # An empty key ('': x) named no field at all ("bestand: onbekend veld"): quote it.
            name = str(leftover[0]) if str(leftover[0]).strip() else repr(str(leftover[0]))
            self.fail(name, "onbekend veld (tikfout?).")


def validate_item(source: SourceFile, kind_folder: str, stem: str, themes, sections) -> ItemData:
    """Check one parsed file against the content rules (content/README.md)."""
    f = _Fields(source, source.data)
    slug = f.text("slug", 100)
    if not SLUG_RE.match(slug):
        f.fail("slug", f"'{slug}' mag alleen kleine letters, cijfers en streepjes bevatten.")
    if slug != stem:
        f.fail("slug", f"'{slug}' moet gelijk zijn aan de bestandsnaam ('{stem}').")
    kind = f.get("kind")
    if kind not in Kind.values:
        f.fail("kind", f"onbekende soort '{kind}'. Toegestaan: {', '.join(Kind.values)}.")
    if kind != kind_folder:
        f.fail("kind", f"'{kind}' hoort niet in de map '{kind_folder}/'.")
    item = ItemData(
        path=source.path,
        slug=slug,
        kind=kind,
        title=f.text("title", 200),
        summary=f.text("summary", 500, single_line=False),
        body=source.body,
        themes=f.text_list("themes", allowed=themes, what="thema"),
        provinces=f.text_list("provinces", required=False, allowed=PROVINCES, what="provincie"),
        sources=_sources(f, sections),
        published=f.date("published"),
        last_reviewed=f.date("last_reviewed"),
        status=f.choice("status", sorted(LOADABLE_STATUSES), False, Status.GEPUBLICEERD.value),
        related=f.text_list("related", required=False, what="slug"),
        publish_at=f.moment("publish_at"),
        expire_at=f.moment("expire_at"),
    )
    if item.publish_at and item.expire_at and item.expire_at <= item.publish_at:
        f.fail("expire_at", "ligt niet na 'publish_at'.")
    if item.last_reviewed < item.published:
        f.fail("last_reviewed", "ligt vóór de publicatiedatum.")
    item.checked_on, item.checked_source = _checked(f)
    item.links = _links(f)
    for slug_ in item.related:
        if not SLUG_RE.match(slug_) or slug_ == item.slug:
            f.fail("related", f"'{slug_}' is geen geldige verwijzing naar een ander item.")
    item.regeling = _kind_block(f, "regeling", kind == Kind.REGELING, _regeling)
    item.aanbeveling = _kind_block(f, "aanbeveling", kind == Kind.AANBEVELING, _aanbeveling)
    if f.data.get("check") is not None:
        f.consumed.add("check")
        if kind != Kind.REGELING:
            f.fail("check", "hoort alleen bij items van de soort 'regeling'.")
        item.check = read_check(_Fields(source, f.data["check"], "check"), sections)
    f.done()
    _check_body(source)
    return item


def _kind_block(f: _Fields, name: str, expected: bool, reader):
    if not expected:
        if name in f.data:
            f.fail(name, f"hoort alleen bij items van de soort '{name}'.")
        return None
    return reader(_Fields(f.source, f.get(name), name))


def _sources(f: _Fields, sections) -> list[SourceData]:
    raw = f.get("sources")
    if not isinstance(raw, list) or not raw:
        f.fail("sources", "moet een lijst met minstens één paragraaf van het rapport zijn.")
    result = []
    for index, entry in enumerate(raw):
        if isinstance(entry, str | int | float):
            entry = {"section": str(entry)}
        sf = _Fields(f.source, entry, f"sources[{index}]")
        section = str(sf.get("section")).strip()
        if section not in sections:
            sf.fail("section", f"onbekende paragraaf '{section}'. Bekend: {', '.join(sections)}.")
        result.append(SourceData(section, sf.text("note", 300, required=False)))
        sf.done()
    return result


def _regeling(f: _Fields) -> RegelingData:
    amounts = []
    for index, entry in enumerate(f.list("amounts", "bedragen")):
        af = _Fields(f.source, entry, f"regeling.amounts[{index}]")
        eur = af.get("eur")
        if isinstance(eur, bool) or not isinstance(eur, int) or eur < 0:
            af.fail("eur", "moet een heel aantal euro's zijn (0 of meer), zonder punten.")
        amounts.append(
            {"label": af.text("label", 120), "eur": eur, "note": af.text("note", 300, False)}
        )
        af.done()
    key_dates = []
    for index, entry in enumerate(f.list("dates", "datums")):
        df = _Fields(f.source, entry, f"regeling.dates[{index}]")
        key_dates.append({"label": df.text("label", 120), "date": df.date("date").isoformat()})
        df.done()
    opens = closes = None
    window = f.get("window", required=False)
    if window is not None:
        wf = _Fields(f.source, window, "regeling.window")
        opens, closes = wf.date("opens"), wf.date("closes")
        if closes < opens:
            wf.fail("closes", "ligt vóór de openingsdatum.")
        wf.done()
    regeling = RegelingData(
        provider=f.text("provider", 100),
        applicants=f.text_list("applicants", allowed=APPLICANTS, what="aanvrager"),
        amounts=amounts,
        key_dates=key_dates,
        window_opens=opens,
        window_closes=closes,
        status=f.choice("status", RegelingStatus.values),
        status_note=f.text("status_note", 1000, required=False, single_line=False),
        **_ended(f),
    )
    f.done()
    return regeling


def _ended(f: _Fields) -> dict:
    """The end of a regeling after the report (abolished, replaced): all three keys, or none.

    A date without its reason and source is a claim no reader can check (issue 11: the
    verhuurderheffing was abolished as of 1 January 2023, Kamerstukken II 2022/23, 36 219).
    """
    given = [key for key in ("ended_on", "ended_reason", "ended_source") if key in f.data]
    if not given:
        return {}
    for key in ("ended_on", "ended_reason", "ended_source"):
        if key not in given:
            f.fail(key, "ontbreekt: een beëindigde regeling heeft ended_on, ended_reason en "
                   "ended_source (waar staat dat ze is beëindigd?).")  # fmt: skip
    ended_on = f.date("ended_on")
    if not MIN_YEAR <= ended_on.year <= MAX_YEAR:
        f.fail("ended_on", f"moet tussen {MIN_YEAR} en {MAX_YEAR} liggen.")
    return {
        "ended_on": ended_on,
        "ended_reason": f.text("ended_reason", 500, single_line=False),
        "ended_source": f.text("ended_source", 300),
    }


def _checked(f: _Fields) -> tuple[date | None, str]:
    """An editor's check of the item against a source newer than the report: both, or neither.

    Pages show "gecontroleerd op <checked_on>" with this source; without them they show the
    report's date, the only date the facts can back (issue 11). So the date must be a real day
    after the report and not after today, and the source must be named.
    """
    given = [key for key in ("checked_on", "checked_source") if f.data.get(key) is not None]
    f.consumed.update(("checked_on", "checked_source"))
    if not given:
        return None, ""
    for key in ("checked_on", "checked_source"):
        if key not in given:
            f.fail(key, "ontbreekt: een controle heeft checked_on én checked_source (wanneer, "
                   "en aan welke bron nieuwer dan het rapport?).")  # fmt: skip
    checked_on = f.date("checked_on")
    if checked_on < date.fromisoformat(settings.REPORT_DATE):
        f.fail("checked_on", "ligt vóór de eindrapportage; een controle aan een nieuwere bron "
               f"ligt op of na {settings.REPORT_DATE}.")  # fmt: skip
    if checked_on > today():
        f.fail("checked_on", f"ligt in de toekomst (vandaag is het {today().isoformat()}).")
    return checked_on, f.text("checked_source", 300)


LINK_KINDS = {
    "bron": "Bron",
    "aanbieder": "Aanbieder",
    "wetgeving": "Wet- en regelgeving",
}
MAX_LINKS = 20
_HOST_RE = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")


def _links(f: _Fields) -> list[dict]:
    """Outward links ("Officiële bronnen"): the provider, the publication, the law.

    Every regeling says "check the current conditions with the provider"; these links let a
    reader do so. Only https (a government page over plain http, or a javascript: URL, is not
    something to send a civil servant to), a real host name, no URL twice. `checked_on` is the
    day an editor last opened the link and found it right (optional; not in the future).
    """
    result, seen = [], set()
    raw = f.list("links", "links")
    if len(raw) > MAX_LINKS:
        f.fail("links", f"heeft {len(raw)} links; het maximum is {MAX_LINKS}.")
    for index, entry in enumerate(raw):
        lf = _Fields(f.source, entry, f"links[{index}]")
        title = lf.text("title", 200)
        url = lf.text("url", 500)
        parts = urlsplit(url) if " " not in url else None
        if parts is None or parts.scheme != "https" or not _HOST_RE.match(parts.hostname or ""):
            lf.fail("url", f"'{url}' is geen https-adres (schrijf https://…, zonder spaties).")
        if parts.username or parts.password or parts.port not in (None, 443):
            lf.fail("url", f"'{url}' mag geen gebruikersnaam, wachtwoord of poort bevatten.")
        key = url.rstrip("/").lower()
        if key in seen:
            lf.fail("url", f"'{url}' staat al eerder in de lijst.")
        seen.add(key)
        kind = lf.choice("kind", sorted(LINK_KINDS))
        link = {"title": title, "url": url, "kind": kind}
        checked_on = lf.date("checked_on", required=False)
        if checked_on is not None:
            if checked_on > today():
                lf.fail(
                    "checked_on", f"ligt in de toekomst (vandaag is het {today().isoformat()})."
                )
            link["checked_on"] = checked_on.isoformat()
        lf.done()
        result.append(link)
    return result


def _aanbeveling(f: _Fields) -> AanbevelingData:
    number = f.get("number")
    in_range = isinstance(number, int) and 1 <= number <= MAX_AANBEVELING_NUMBER
    if isinstance(number, bool) or not in_range:
        f.fail("number", f"moet een heel getal van 1 tot en met {MAX_AANBEVELING_NUMBER} zijn.")
    data = AanbevelingData(
        number=number,
        cluster=f.choice("cluster", list(AANBEVELING_CLUSTERS)),
        actiehouders=f.text_list("actiehouders", what="actiehouder"),
        actiehouders_note=f.text("actiehouders_note", 1000, required=False, single_line=False),
    )
    f.done()
    return data


def _check_body(source: SourceFile) -> None:
    if not source.body.strip():
        raise ContentError(source.path, "body", "de tekst na de front matter is leeg.")
    in_fence = False
    for offset, line in enumerate(source.body.splitlines()):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if not in_fence and H1_RE.match(line):
            raise ContentError(
                source.path,
                "body",
                "gebruik geen kop van niveau 1 ('# '); de titel is de enige h1. Begin bij '## '.",
                source.body_line + offset,
            )
