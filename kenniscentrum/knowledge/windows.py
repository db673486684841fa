"""Where a regeling's application window stands on a given date.

Plain functions, shared by the regeling page, the lists, the comparison table and the check, so
all of them say the same thing on the same day.
"""

from datetime import date

from .vocabulary import RegelingStatus

NOT_YET_OPEN = "not_yet_open"
OPEN = "open"
CLOSED = "closed"
CONTINUOUS = "continuous"
ANNOUNCED = "announced"
ENDED = "ended"  # the regeling itself no longer exists (RegelingFacts.ended_on)

WINDOW_LABELS = {
    NOT_YET_OPEN: "nog niet open",
    OPEN: "open",
    CLOSED: "gesloten",
    CONTINUOUS: "doorlopend",
    ANNOUNCED: "aangekondigd, nog niet in werking",
    ENDED: "beëindigd",
}


def window_status(
    status: str, opens: date | None, closes: date | None, on: date, ended_on: date | None = None
) -> str:
    """The window's state on `on`; both window dates count as open (inclusive).

    A regeling that ended (ended_on, from a source after the report) is ENDED from that day on,
    whatever its window or its status in the report said.
    """
    if ended_on is not None and on >= ended_on:
        return ENDED
    if opens and closes:
        if on < opens:
            return NOT_YET_OPEN
        if on > closes:
            return CLOSED
        return OPEN
    if status == RegelingStatus.AANGEKONDIGD:
        return ANNOUNCED
    if status == RegelingStatus.GESLOTEN:
        return CLOSED
    return CONTINUOUS


def state_of(facts, on: date) -> str:
    """window_status of a regeling's facts (RegelingFacts or anything with its fields)."""
    return window_status(facts.status, facts.window_opens, facts.window_closes, on, facts.ended_on)
