"""The LinkedIn headline check: within 220 characters, stating expertise and a goal.

A documented heuristic, not language understanding:
- expertise: the headline contains one of the user's own keywords (words of their profile's
  position, industry and function, three letters or more, minus filler words) or a common role
  noun (engineer, designer, manager, ...), matched case- and accent-insensitively as whole words
  (a plural 's' is allowed);
- goal: the headline contains a goal phrase ("helping", "seeking", "open to", "looking for",
  "passionate about", ...), a transition arrow ("→" or "->"), or a "|" section that holds an
  aspiration word ("aspiring", "future", "transitioning", ...).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.domain.model import name_key

HEADLINE_LIMIT = 220
ROLE_NOUNS = frozenset({
    "engineer", "developer", "designer", "manager", "director", "analyst", "consultant",
    "scientist", "researcher", "marketer", "writer", "architect", "lead", "founder",
    "cofounder", "recruiter", "teacher", "coach", "nurse", "accountant", "lawyer", "attorney",
    "specialist", "strategist", "expert", "officer", "executive", "administrator", "editor",
    "producer", "advisor", "adviser", "entrepreneur", "product", "data", "sales", "marketing",
    "finance", "operations", "programmer", "economist", "professor", "lecturer", "physician",
    "doctor", "therapist", "journalist", "photographer", "planner", "owner", "partner", "head",
    "vp", "cto", "ceo", "cfo", "coo", "cmo", "ux", "ui", "devops", "sre", "pm"
})  # fmt: skip
GOAL_PHRASES = (
    "helping", "help ", "helps", "seeking", "open to", "looking for", "passionate about",
    "mission", "dedicated to", "so that", "empowering", "enabling",
    "aspiring", "transitioning", "next chapter",
)  # fmt: skip
ARROWS = ("→", "->", "⇒")
ASPIRATIONS = frozenset({
    "aspiring", "future", "next", "toward", "towards", "transitioning", "pivoting", "becoming",
    "goal", "aim"
})  # fmt: skip
FILLER = frozenset({
    "and", "the", "for", "with", "of", "at", "in", "on", "to", "a", "an", "senior", "junior"
})  # fmt: skip
_WORD = re.compile(r"[\w+#]+")


@dataclass
class HeadlineCheck:
    """What the check found; `warnings` is empty for a good headline."""

    text: str
    length: int
    limit: int = HEADLINE_LIMIT
    expertise: list[str] = field(default_factory=list)
    goal: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """No warning at all."""
        return not self.warnings


def keywords_from(fields: Iterable[str | None]) -> set[str]:
    """The user's own expertise words from profile fields (position, industry, function)."""
    words: set[str] = set()
    for value in fields:
        for w in _WORD.findall(name_key(value or "")):
            if len(w) >= 3 and w not in FILLER:
                words.add(w)
    return words


def _words(text: str) -> list[str]:
    return _WORD.findall(name_key(text))


def _expertise(text: str, keywords: set[str]) -> list[str]:
    wanted = keywords | ROLE_NOUNS
    found: list[str] = []
    for w in _words(text):
        base = w[:-1] if w.endswith("s") and w[:-1] in wanted else w
        if base in wanted and base not in found:
            found.append(base)
    return found


def _goal(text: str) -> list[str]:
    low = f" {name_key(text)} "
    found = [p.strip() for p in GOAL_PHRASES if f" {p}" in low]
    found += [a for a in ARROWS if a in text]
    for part in text.split("|")[1:]:
        found += [w for w in _words(part) if w in ASPIRATIONS]
    return list(dict.fromkeys(found))


def check_headline(text: str, keywords: Iterable[str] = ()) -> HeadlineCheck:
    """Length, expertise and goal of a LinkedIn headline, with a warning for each gap."""
    headline = " ".join(text.split())
    if not headline:
        raise InvalidInput("the headline is empty", field="headline", value=text)
    check = HeadlineCheck(headline, len(headline))
    check.expertise = _expertise(headline, set(keywords))
    check.goal = _goal(headline)
    if check.length > HEADLINE_LIMIT:
        over = check.length - HEADLINE_LIMIT
        check.warnings.append(
            f"{check.length} characters: {over} over LinkedIn's {HEADLINE_LIMIT}; "
            "the end will be cut off"
        )
    if not check.expertise:
        check.warnings.append(
            "no expertise: say what you do (your role or skill, e.g. 'Data Engineer')"
        )
    if not check.goal:
        check.warnings.append(
            "no goal: say whom you help or what you want ('helping ...', 'open to ...', "
            "'looking for ...', 'Teacher → UX Designer')"
        )
    return check
