"""Peers of similar size: which gemeenten a gemeente is compared with on its page (issue 17).

The rule: **the PEER_COUNT gemeenten whose taakstelling in the same period is closest to the
gemeente's own, in any province**; ties go to the smaller difference first, then by name and
code, so the choice never depends on the order of the rows.

Why the taakstelling as the measure of size: the Rijk divides the taakstelling over the
gemeenten in proportion to their number of inhabitants, so it *is* the size that matters here,
for the same half-year, from the same upload, without a second source (population figures)
with its own date. Why a fixed number and not a band (say ±25 %): a band leaves the largest
gemeenten (Amsterdam, Rotterdam) without peers and gives a middle-sized one dozens; five is
enough to see whether a backlog is unusual and few enough to read. Why any province: within a
province there are often no gemeenten of similar size (Flevoland has six), and the province
comparison is on the page already.

Pure functions over plain values: no database, no clock.
"""

from collections.abc import Iterable
from dataclasses import dataclass

PEER_COUNT = 5


@dataclass(frozen=True)
class Candidate:
    """What the rule needs of a gemeente in one period (and what the page shows of a peer)."""

    code: str
    name: str
    target: int
    row: object = None  # the GemeenteFigure, for the page; the rule never reads it


def closest_by_target(
    own: Candidate, others: Iterable[Candidate], count: int = PEER_COUNT
) -> list[Candidate]:
    """The `count` candidates (never `own`) whose taakstelling is closest to own.target, closest
    first; ties by name, then code."""
    pool = [c for c in others if c.code != own.code]
    pool.sort(key=lambda c: (abs(c.target - own.target), c.name.casefold(), c.code))
    return pool[:count]


def target_range(own: Candidate, peers: list[Candidate]) -> tuple[int, int]:
    """The lowest and highest taakstelling of the gemeente and its peers: what the page calls
    "vergelijkbare omvang = taakstelling tussen … en …"."""
    targets = [own.target, *(p.target for p in peers)]
    return min(targets), max(targets)
