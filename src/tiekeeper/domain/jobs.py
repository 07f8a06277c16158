"""Job search rules: opportunity stages and sources, the simple tie score behind warm paths, and
the default informational-interview questions."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.domain.model import parse_choice

STAGES = ("idea", "reached-out", "talked", "referred", "applied", "interview", "offer", "closed")
SOURCES = ("referral", "hidden", "posted")
DEFAULT_QUESTIONS = (
    "How did you get into this role?",
    "What does a typical week look like for you?",
    "What challenges is your team facing this year?",
    "What would you look for in someone joining your team?",
    "What do you wish you had known before starting here?",
    "Who else should I talk to?",
)
# How fast the recency part of the tie score fades: halved every 180 days of silence.
RECENCY_HALF_LIFE_DAYS = 180
UNRATED_CLOSENESS = 2  # an unrated tie is taken as a modest 2/5, not as zero
MIN_TIE = 0.05  # every contact keeps a sliver of strength, so everyone you know is a way in


@dataclass
class Opportunity:
    """A role at an organization, advertised or not, moving through the stages."""

    organization_id: int
    role: str
    created_on: date
    source: str = "hidden"
    stage: str = "idea"
    via_person_id: int | None = None
    next_step: str | None = None
    next_step_on: date | None = None
    updated_on: date | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        self.role = " ".join(self.role.split())
        if not self.role:
            raise InvalidInput("an opportunity needs a role", field="role", value=self.role)


def parse_stage(text: str) -> str:
    """A stage name; 'reached out', 'Reached_Out' and 'reached-out' are the same stage."""
    normal = "-".join(text.strip().lower().replace("_", " ").replace("-", " ").split())
    if normal not in STAGES:
        raise InvalidInput(
            f"{text!r} is not one of: {', '.join(STAGES)}", field="stage", value=text
        )
    return normal


def parse_source(text: str) -> str:
    """Where the opportunity came from: referral, hidden (unadvertised) or posted."""
    return parse_choice(text, SOURCES, "source")


def is_backwards(old: str, new: str) -> bool:
    """True when a move goes to an earlier stage (allowed, but the user is told)."""
    return STAGES.index(new) < STAGES.index(old)


def simple_tie(closeness: int | None, last_interaction_on: date | None, today: date) -> float:
    """A 0..1 tie score from what every contact has: half closeness, half recency.

    Closeness is the self-rating /5 (unrated = 2/5); recency halves every 180 days since the last
    interaction (never = 0). A stand-in until the full tie-strength model is wired in.
    """
    close = (closeness if closeness is not None else UNRATED_CLOSENESS) / 5
    recency = 0.0
    if last_interaction_on is not None:
        days = max(0, (today - last_interaction_on).days)
        recency = math.pow(0.5, days / RECENCY_HALF_LIFE_DAYS)
    return round(max(MIN_TIE, 0.5 * close + 0.5 * recency), 4)


def remove_question(questions: list[str], number: int) -> list[str]:
    """The list without question `number` (1-based, as printed)."""
    if not 1 <= number <= len(questions):
        raise InvalidInput(
            f"{number} is not between 1 and {len(questions)}", field="remove", value=number
        )
    return questions[: number - 1] + questions[number:]


def add_question(questions: list[str], text: str) -> list[str]:
    """The list with one more question at the end; blank and repeated questions are refused."""
    q = " ".join(text.split())
    if not q:
        raise InvalidInput("a question cannot be empty", field="add", value=text)
    if q.casefold() in {x.casefold() for x in questions}:
        raise InvalidInput(f"{q!r} is already on the list", field="add", value=text)
    return [*questions, q]
