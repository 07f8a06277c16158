"""Events: kinds, countable goals ("introduce myself to two people") and the 48-hour follow-up.

Dates are local calendar days. "Follow up within 48 hours" is read as: by the end of the second
calendar day after the event day (an event on Dec 31 gives follow-ups due Jan 2). Someone captured
later than that is due the day they are captured, so no follow-up is born overdue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

EVENT_KINDS = ("conference", "meetup", "webinar", "association", "other")
FOLLOW_UP_DAYS = 2  # 48 hours, counted in calendar days after the event day
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_TOKEN = re.compile(r"[a-z]+|\d+")


@dataclass
class Event:
    """A conference, meetup, webinar or association meeting the owner attends."""

    name: str
    occurred_on: date
    kind: str = "other"
    location: str | None = None
    goal: str | None = None
    goal_target: int | None = None
    notes: str | None = None
    id: int | None = None


def parse_goal_target(goal: str | None) -> int | None:
    """The first count in a goal: 'meet 3 people' -> 3, 'introduce myself to two people' -> 2.

    Digits or the words one..ten; None when the goal names no count (or a zero)."""
    if not goal:
        return None
    for token in _TOKEN.findall(goal.lower()):
        value = int(token) if token.isdigit() else NUMBER_WORDS.get(token)
        if value:
            return value
    return None


def follow_up_due(event_day: date, captured_on: date) -> date:
    """When to follow up with someone met at an event: two days after it, or on capture if later."""
    return max(event_day + timedelta(days=FOLLOW_UP_DAYS), captured_on)


def goal_line(goal: str | None, target: int | None, met: int) -> str:
    """'introduce myself to two people: 3 met ✓' (✗ when a countable goal is not reached)."""
    label = goal or "people met"
    if target is None:
        return f"{label}: {met} met"
    if met >= target:
        return f"{label}: {met} met ✓"
    return f"{label}: {met} of {target} met ✗"
