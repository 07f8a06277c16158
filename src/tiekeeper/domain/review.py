"""The weekly review's judgement of ties: which strengthened and which faded this week.

Kept deliberately simple (a heuristic, documented in docs/cli.md): a tie strengthened when this
week's interactions with the person exceed their weekly average over the previous four weeks and
number at least two, or when a first conversation in five weeks happened; it faded when the
person averaged at least one interaction every two weeks before and none this week.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

BASELINE_WEEKS = 4
FADED_MIN_AVERAGE = 0.5


@dataclass(frozen=True)
class TieChange:
    """One person's interactions this week against their previous weekly average."""

    person_id: int
    this_week: int
    weekly_average: float


def tie_changes(
    this_week: Mapping[int, int], previous_weeks: Mapping[int, int]
) -> tuple[list[TieChange], list[TieChange]]:
    """(strengthened, faded), each most changed first; previous_weeks sums the 4 weeks before."""
    strengthened, faded = [], []
    for pid in set(this_week) | set(previous_weeks):
        now = this_week.get(pid, 0)
        avg = previous_weeks.get(pid, 0) / BASELINE_WEEKS
        change = TieChange(pid, now, avg)
        if now > avg and (now >= 2 or avg == 0) and now > 0:
            strengthened.append(change)
        elif now == 0 and avg >= FADED_MIN_AVERAGE:
            faded.append(change)
    strengthened.sort(key=lambda c: (-(c.this_week - c.weekly_average), c.person_id))
    faded.sort(key=lambda c: (-c.weekly_average, c.person_id))
    return strengthened, faded
