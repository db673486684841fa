"""What the check tells a civil servant per instrument: conditions and time in one verdict.

Why: the outcome alone ("eligible") said nothing about whether the instrument can still be
requested; the result page showed schemes whose window closed in 2021 in green as "Komt in
aanmerking", first in the list (issue 11). A verdict combines the outcome (rules.py) with the
window state on the peildatum (knowledge/windows.py); only meeting the conditions while the
window is open or continuous is "Nu aan te vragen".
"""

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


def verdict(outcome: str, window_state: str) -> str:
    if outcome == NOT_ELIGIBLE:
        return NOT_APPLICABLE
    if window_state in (windows.OPEN, windows.CONTINUOUS):
        return APPLY_NOW if outcome == ELIGIBLE else CHECK_FURTHER
    if window_state == windows.NOT_YET_OPEN:
        return NOT_YET_OPEN
    if window_state == windows.ANNOUNCED:
        return ANNOUNCED
    assert outcome in (ELIGIBLE, POSSIBLY)
    return CLOSED  # closed, or the regeling ended
