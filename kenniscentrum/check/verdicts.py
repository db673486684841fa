"""What the check tells a civil servant per instrument: conditions and time in one verdict.

Why: the outcome alone ("eligible") said nothing about whether the instrument can still be
requested; the result page showed schemes whose window closed in 2021 in green as "Komt in
aanmerking", first in the list (issue 11). A verdict combines the outcome (rules.py) with the
window state on the peildatum (knowledge/windows.py); only meeting the conditions while the
window is open or continuous is "Nu aan te vragen".

One exception, from the report itself: a regeling can have a part for which the report names no
application window (the € 18 miljoen of the BZK-bijdrage, §3.1). When the answers fall under that
part, a closed or not yet open window of the other part does not end the matter: the verdict is
"check_further" (find out how that part is handed out), never "apply_now".
"""

from datetime import date

from django.utils.formats import date_format

from kenniscentrum.knowledge import windows

from .rules import ELIGIBLE, NOT_ELIGIBLE, POSSIBLY

APPLY_NOW = "apply_now"
CHECK_FURTHER = "check_further"
NOT_YET_OPEN = "not_yet_open"
ANNOUNCED = "announced"
CLOSED = "closed"
NOT_APPLICABLE = "not_eligible"

# The order of the result page and the API: what can be requested now comes first.
ORDER = (APPLY_NOW, CHECK_FURTHER, NOT_YET_OPEN, ANNOUNCED, CLOSED, NOT_APPLICABLE)
LABELS = {
    APPLY_NOW: "Nu aan te vragen",
    CHECK_FURTHER: "Mogelijk; zoek verder uit",
    NOT_YET_OPEN: "Nog niet open",
    ANNOUNCED: "Aangekondigd, nog niet in werking",
    CLOSED: "Voldeed aan de voorwaarden; aanvragen kan niet meer",
    NOT_APPLICABLE: "Komt niet in aanmerking",
}
# What each verdict means, for the API's schema and the README.
MEANINGS = {
    APPLY_NOW: "Voldoet aan de gepubliceerde voorwaarden en de aanvraagperiode is open of "
    "doorlopend op de peildatum.",
    CHECK_FURTHER: "Voldoet mogelijk aan de voorwaarden (iets moet nog worden uitgezocht) en de "
    "aanvraagperiode is open of doorlopend; of het gaat om een deel van een regeling waarvoor "
    "het rapport geen aanvraagperiode noemt.",
    NOT_YET_OPEN: "Voldoet (mogelijk) aan de voorwaarden; de aanvraagperiode begint na de "
    "peildatum.",
    ANNOUNCED: "Voldoet (mogelijk) aan de voorwaarden; de regeling was aangekondigd maar nog niet "
    "in werking.",
    CLOSED: "Voldeed (mogelijk) aan de voorwaarden, maar de aanvraagperiode is gesloten of de "
    "regeling is beëindigd op de peildatum.",
    NOT_APPLICABLE: "Voldoet niet aan een of meer voorwaarden.",
}


def verdict(outcome: str, window_state: str, without_window: bool = False) -> str:
    if outcome == NOT_ELIGIBLE:
        return NOT_APPLICABLE
    if window_state in (windows.OPEN, windows.CONTINUOUS):
        return APPLY_NOW if outcome == ELIGIBLE else CHECK_FURTHER
    if without_window and window_state in (windows.NOT_YET_OPEN, windows.CLOSED):
        return CHECK_FURTHER
    if window_state == windows.NOT_YET_OPEN:
        return NOT_YET_OPEN
    if window_state == windows.ANNOUNCED:
        return ANNOUNCED
    assert outcome in (ELIGIBLE, POSSIBLY)
    return CLOSED  # closed, or the regeling ended


def headline(result) -> str:
    """The verdict of one instrument as its block and the summary show it, with its date.

    A closed verdict says since when ("Voldeed aan de voorwaarden; aanvragen kan niet meer sinds
    25 november 2021"): the window's last day, or the day the regeling ended.
    """
    facts = result.item.regeling
    kind = result.verdict
    if kind == NOT_YET_OPEN and facts.window_opens:
        return f"Nog niet open; aanvragen kan vanaf {day(facts.window_opens)}"
    if kind != CLOSED:
        return LABELS[kind]
    met = "Voldeed aan de voorwaarden" if result.evaluation.outcome == ELIGIBLE else (
        "Voldeed mogelijk aan de voorwaarden"
    )  # fmt: skip
    if result.window_status == windows.ENDED:
        return f"{met}; aanvragen kan niet meer sinds {day(facts.ended_on)}"
    if facts.window_closes:
        return f"{met}; aanvragen kan niet meer sinds {day(facts.window_closes)}"
    return f"{met}; aanvragen kan niet meer"


def describe(result, on: date, report_date: date) -> str:
    """The sentence under the headline: what the conditions and the time mean here.

    `result` is a service.Result. Window dates and statuses are the report's unless the regeling
    records a later end (ended_on with its reason and source); the sentence says which.
    """
    facts = result.item.regeling
    outcome = result.evaluation.outcome
    kind = result.verdict
    state = result.window_status
    as_of = f"stand {day(report_date)}"
    meets = "U voldoet aan de voorwaarden" if outcome == ELIGIBLE else (
        "U voldoet mogelijk aan de voorwaarden; zoek de punten onder 'Nog uitzoeken' uit"
    )  # fmt: skip
    ends = ""
    if facts.ended_on and on < facts.ended_on:
        ends = f" Let op: de regeling eindigt op {day(facts.ended_on)}. {facts.ended_reason}"
    if kind == NOT_APPLICABLE:
        return "U voldoet niet aan de voorwaarden: zie de punten met 'Niet voldaan'."
    if kind in (APPLY_NOW, CHECK_FURTHER) and state == windows.OPEN:
        return f"{meets}. Aanvragen kan tot en met {day(facts.window_closes)}.{ends}"
    if kind in (APPLY_NOW, CHECK_FURTHER) and state == windows.CONTINUOUS:
        later = " Of dat nu nog zo is, staat niet in het rapport." if on > report_date else ""
        return f"{meets}. Doorlopend, zonder aanvraagperiode ({as_of}).{later}{ends}"
    if kind == CHECK_FURTHER:  # a part without window; the other part's window is not open
        if state == windows.CLOSED:
            other = f"De aanvraagperiode van het andere deel sloot op {day(facts.window_closes)}."
        else:
            other = f"De aanvraagperiode van het andere deel begint op {day(facts.window_opens)}."
        return (
            f"{other} Uw plannen vallen ook onder een deel waarvoor het rapport geen "
            f"aanvraagperiode noemt: {_first_sentence(result.evaluation.without_window.text)}"
        )
    if kind == NOT_YET_OPEN:
        return (
            f"{meets}. Aanvragen kan van {day(facts.window_opens)} tot en met "
            f"{day(facts.window_closes)}.{ends}"
        )
    if kind == ANNOUNCED:
        return (
            f"{meets}. De regeling was aangekondigd maar nog niet in werking ({as_of}). "
            "Ga na of ze inmiddels is gepubliceerd en welke voorwaarden dan gelden."
        )
    if state == windows.ENDED:
        return (
            f"De regeling is beëindigd per {day(facts.ended_on)}. {facts.ended_reason} "
            f"(bron: {facts.ended_source})"
        )
    if facts.window_opens:
        return (
            f"De aanvraagperiode liep van {day(facts.window_opens)} tot en met "
            f"{day(facts.window_closes)}."
        )
    return f"De regeling was gesloten ({as_of})."


def _first_sentence(text: str) -> str:
    """The part's first sentence, so the verdict says which part without repeating the reason."""
    head, dot, _ = text.partition(". ")
    return head + "." if dot else text


def day(value: date) -> str:
    """'25 november 2021'."""
    return date_format(value, "j F Y")
