"""The check's optional gemeente (issue 17): which gemeente an answer names, and what the
published figures say about its backlog.

Why: a policy officer asks "hoe staat mijn gemeente ervoor?" and should not have to look up
the backlog the kenniscentrum already publishes, nor pick a province the register knows. So a
gemeente (CBS code, or its exact name) fills in the province and, when the backlog is left
empty, the end backlog of its newest published period, always named with that period, source
and publication date. Only gemeente_selectors decides which publication counts.

The register is read here (geography.lookup) and the figures through gemeente_selectors;
answers.validate calls `resolve` only when a gemeente was given, so answers without one never
touch the database.
"""

from dataclasses import dataclass
from datetime import date

from kenniscentrum.figures import gemeente_figures
from kenniscentrum.figures.checks import dutch_number
from kenniscentrum.figures.gemeente_selectors import latest_for
from kenniscentrum.geography import lookup
from kenniscentrum.geography.models import Gemeente
from kenniscentrum.knowledge.vocabulary import PROVINCES

MAX_LENGTH = 100  # Gemeente.name
SHOWN_LENGTH = 40  # of a refused value, in the message


@dataclass(frozen=True)
class PublishedBacklog:
    """The gemeente's newest published row, as far as the check uses it."""

    period: str
    end_backlog: int  # as published; negative is a voorsprong
    source: str
    source_published_on: date
    version: int
    text: str  # "stand einde 2022-1 volgens COA, gepubliceerd 15 juli 2022"

    @property
    def still_to_house(self) -> int:
        return gemeente_figures.still_to_house(self.end_backlog)

    def as_json(self) -> dict:
        return {
            "period": self.period,
            "end_backlog": self.end_backlog,
            "source": self.source,
            "source_published_on": self.source_published_on.isoformat(),
            "version": self.version,
            "text": self.text,
        }


@dataclass(frozen=True)
class GemeenteFacts:
    code: str
    name: str
    province: str
    figures: PublishedBacklog | None

    @property
    def label(self) -> str:
        return f"{self.name} ({self.code})"


class GemeenteError(Exception):
    """A Dutch message for the field `gemeente`."""


def resolve(value, province: str | None, on: date | None) -> GemeenteFacts:
    """The gemeente `value` names (a CBS code in any spelling lookup.code_in accepts, or an exact
    name), or GemeenteError. `province` (when it is a valid one) only tells apart gemeenten with
    the same name; `on` (the peildatum) refuses a gemeente that had been merged by then."""
    if not isinstance(value, str):
        raise GemeenteError("Geef de gemeente als tekst: een CBS-code (zoals GM0363) of de naam.")
    value = value.strip()
    if len(value) > MAX_LENGTH:
        raise GemeenteError(f"Dit is langer dan {MAX_LENGTH} tekens; geef een CBS-code of naam.")
    gemeente = _by_code_or_name(value, province if province in PROVINCES else None)
    if on is not None and gemeente.valid_until is not None and gemeente.valid_until < on:
        successor = gemeente.current()
        if successor.pk != gemeente.pk:
            where = f" en opgegaan in {successor}. Vul die gemeente in."
        else:
            where = ". Vul de gemeente in die er op de peildatum bestond."
        raise GemeenteError(
            f"{gemeente} bestond op de peildatum niet meer: opgeheven na "
            f"{gemeente_figures.day(gemeente.valid_until)}{where}"
        )
    row = latest_for(gemeente)
    figures = None
    if row is not None:
        figures = PublishedBacklog(
            period=row.publication.period,
            end_backlog=row.end_backlog,
            source=row.publication.source,
            source_published_on=row.publication.source_published_on,
            version=row.publication.version,
            text=gemeente_figures.source_text(row),
        )
    return GemeenteFacts(gemeente.code, gemeente.name, gemeente.province, figures)


def _by_code_or_name(value: str, province: str | None) -> Gemeente:
    code = lookup.code_in(value)
    if code:
        gemeente = lookup.by_code(code)
        if gemeente is None:
            raise GemeenteError(f"Er is geen gemeente met CBS-code {code} in het register.")
        return gemeente
    wanted = lookup.fold(value)
    if not wanted:
        raise GemeenteError("Geef een CBS-code (zoals GM0363) of de naam van de gemeente.")
    found = lookup.find(value)
    exact = [g for g in found if wanted in _names(g)]
    if len(exact) > 1 and province:
        exact = [g for g in exact if g.province == province] or exact
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        listed = "; ".join(f"{g} in {PROVINCES.get(g.province, g.province)}" for g in exact)
        raise GemeenteError(f"Er zijn meer gemeenten met deze naam ({listed}); vul de CBS-code in.")
    shown = value[:SHOWN_LENGTH] + ("…" if len(value) > SHOWN_LENGTH else "")
    hint = f" Bedoelt u {' of '.join(str(g) for g in found[:3])}?" if found else ""
    raise GemeenteError(
        f"Geen gemeente met de naam '{shown}' in het register.{hint} Vul de CBS-code (zoals "
        "GM0363) of de volledige naam in."
    )


def _names(gemeente: Gemeente) -> set[str]:
    """The folded names a gemeente answers to exactly: its own and its everyday name."""
    everyday = {
        lookup.fold(name)
        for name, official in lookup.EVERYDAY_NAMES.items()
        if official == gemeente.name
    }
    return {lookup.fold(gemeente.name), *everyday}


def backlog_text(answers) -> str | None:
    """What the result says about the backlog when a gemeente with published figures was given:
    "Achterstand: 1.234 (stand einde 2022-1 volgens COA, gepubliceerd 15 juli 2022)" when the
    figure was used; beside a typed answer, the published figure for comparison. None otherwise.
    """
    facts = answers.gemeente
    if facts is None or facts.figures is None:
        return None
    figures = facts.figures
    if figures.end_backlog < 0:
        published = f"0, voorsprong van {dutch_number(-figures.end_backlog)}"
    else:
        published = dutch_number(figures.end_backlog)
    if answers.backlog_from_figures:
        return f"Achterstand: {published} ({figures.text})"
    given = dutch_number(answers.backlog) if isinstance(answers.backlog, int) else "weet ik niet"
    return f"{given} (door u ingevuld; gepubliceerd voor {facts.name}: {published}, {figures.text})"
