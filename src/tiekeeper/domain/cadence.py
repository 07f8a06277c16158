"""Keep-in-touch cadences: parsing, the effective cadence of a person, the next due day."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta

from tiekeeper.domain.errors import InvalidInput

NAMED = {"weekly": 7, "biweekly": 14, "monthly": 30, "quarterly": 91, "yearly": 365}
_EVERY_N = re.compile(r"^(\d{1,9})\s*d(?:ays?)?$", re.ASCII)  # int() never sees 4,300 digits


def parse_cadence(text: str) -> int:
    """'weekly', 'monthly', 'quarterly', 'yearly' or 'Nd' (every N days) -> days."""
    value = text.strip().lower()
    if value in NAMED:
        return NAMED[value]
    m = _EVERY_N.match(value)
    if m and 1 <= int(m.group(1)) <= 3650:
        return int(m.group(1))
    raise InvalidInput(
        f"{text!r} is not a cadence; use weekly, monthly, quarterly, yearly or Nd (e.g. 45d)",
        field="cadence",
        value=text,
    )


def describe_cadence(days: int) -> str:
    """Back to words: 91 -> 'quarterly', 45 -> 'every 45 days'."""
    for name, n in NAMED.items():
        if n == days:
            return name
    return f"every {days} days"


def effective_cadence(own: int | None, tag_cadences: Iterable[int]) -> int | None:
    """A person's own cadence wins; otherwise the tightest cadence among their tags."""
    if own is not None:
        return own
    return min(tag_cadences, default=None)


def checkin_due(
    cadence_days: int | None, last_interaction: date | None, known_since: date | None
) -> date | None:
    """The next check-in day, counted from the last interaction (so logging one restarts it)."""
    if cadence_days is None:
        return None
    base = last_interaction or known_since
    if base is None:
        return None
    return base + timedelta(days=cadence_days)
