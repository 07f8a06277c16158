"""Giving and receiving favours (Gouldner 1960; Grant 2013), INSIGHTS.md section 6.

A time-decayed ledger per person (half-life two years). The flags and the user's style are prompts
for reflection, not a transactional score: relationships are not accounts to settle.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

HALF_LIFE_DAYS: Final = 730.0
OVER_GIVE_SHARE: Final = 0.65
OVER_GIVE_MIN_FAVOURS: Final = 3  # read as: 3+ favours given (undecayed count)
THANK_YOU_SHARE: Final = 0.35
GIVER_LEANING: Final = 0.6  # product heuristic
TAKER_LEANING: Final = 0.4  # product heuristic

Direction = Literal["given", "received"]
Style = Literal["giver-leaning", "matcher", "taker-leaning"]


@dataclass(frozen=True, slots=True)
class Favour:
    """A favour (advice, introduction, referral...) the user gave to or received from one person."""

    occurred_on: date
    direction: Direction


@dataclass(frozen=True, slots=True)
class GivingBalance:
    """Decayed totals, balance and giving share for one person, with the prompts that apply."""

    given: float
    received: float
    balance: float
    share: float  # (given + 1) / (given + received + 2): 0.5 with no history
    favours_given: int
    favours_received: int
    over_give: bool
    owe_thank_you: bool


@dataclass(frozen=True, slots=True)
class GivingStyle:
    """The user's overall leaning (a product heuristic) with a neutral description."""

    style: Style
    mean_share: float
    people: int
    description: str


def _decay(day: date, now: date) -> float:
    age = max(0, (now - day).days)  # a favour dated in the future counts as today's
    return float(2.0 ** (-age / HALF_LIFE_DAYS))


def giving_balance(favours: Iterable[Favour], now: date) -> GivingBalance:
    """The decayed ledger with one person at `now`."""
    given = received = 0.0
    n_given = n_received = 0
    for f in favours:
        if f.direction == "given":
            given += _decay(f.occurred_on, now)
            n_given += 1
        else:
            received += _decay(f.occurred_on, now)
            n_received += 1
    share = (given + 1.0) / (given + received + 2.0)
    return GivingBalance(
        given=given,
        received=received,
        balance=given - received,
        share=share,
        favours_given=n_given,
        favours_received=n_received,
        over_give=share > OVER_GIVE_SHARE and n_given >= OVER_GIVE_MIN_FAVOURS,
        owe_thank_you=share < THANK_YOU_SHARE,
    )


_DESCRIPTIONS: Final[dict[Style, str]] = {
    "giver-leaning": (
        "You tend to give more help than you ask for. Keep it sustainable, and let people return "
        "the favour: asking for help also builds ties."
    ),
    "matcher": (
        "Help flows both ways in roughly equal measure. Offering help before it is asked for can "
        "open new doors."
    ),
    "taker-leaning": (
        "Lately you have received more help than you gave, which is normal in busy phases such as "
        "a job search. A thank-you note or a small offer of help keeps ties warm."
    ),
}


def giving_style(balances: Sequence[GivingBalance]) -> GivingStyle | None:
    """Mean giving share over people with any favour; None with no history (product heuristic)."""
    shares = [b.share for b in balances if b.favours_given + b.favours_received > 0]
    if not shares:
        return None
    mean = sum(shares) / len(shares)
    style: Style
    if mean >= GIVER_LEANING:
        style = "giver-leaning"
    elif mean <= TAKER_LEANING:
        style = "taker-leaning"
    else:
        style = "matcher"
    return GivingStyle(style, mean, len(shares), _DESCRIPTIONS[style])
