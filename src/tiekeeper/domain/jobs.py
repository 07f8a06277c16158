"""Job search rules: opportunity stages and sources and the default informational-interview
questions. Warm paths are ranked by the tie strength of domain.insights.tie_strength."""

from __future__ import annotations

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
