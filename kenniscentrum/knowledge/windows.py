"""Where a regeling's application window stands on a given date.

A plain function, shared by the regeling page and (later) the check, so both say the same thing.
"""

from datetime import date

from .vocabulary import RegelingStatus

NOT_YET_OPEN = "not_yet_open"
OPEN = "open"
CLOSED = "closed"
CONTINUOUS = "continuous"
ANNOUNCED = "announced"

WINDOW_LABELS = {
    NOT_YET_OPEN: "nog niet open",
    OPEN: "open",
    CLOSED: "gesloten",
    CONTINUOUS: "doorlopend",
    ANNOUNCED: "aangekondigd, nog niet in werking",
}


def window_status(status: str, opens: date | None, closes: date | None, on: date) -> str:
    """The window's state on `on`; both window dates count as open (inclusive)."""
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
