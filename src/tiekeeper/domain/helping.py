"""Giving: match a person's current need against other contacts to suggest an introduction.

A heuristic: the need's words (minus filler words, plural 's' dropped) are compared with each
other contact's position, company, industry, interests, location and tags; the contact sharing
the most words is the one to introduce. Suggestions are not repeated within REPEAT_DAYS.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

REPEAT_DAYS = 14  # never the same person two weeks running
WEEK_DAYS = 7  # a pick stands for a week
_FILLER = """a an and the to for of in on at with from into my our their his her its some any new
    looking look seeking seek need needs needing want wants wanting find finding get getting
    help someone somebody person people good great who which that this is are be being moving
    move job role work working about like would love can could more hiring hire hires intro
    intros introduction introductions advice wants"""
_STOP = frozenset(_FILLER.split())
_WORD = re.compile(r"[a-z0-9+#]+")


@dataclass(frozen=True)
class Contact:
    """What matching needs to know about one contact."""

    id: int
    name: str
    position: str | None = None
    company: str | None = None
    industry: str | None = None
    interests: str | None = None
    location: str | None = None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    """A contact who fits a need, and the words they share with it."""

    contact: Contact
    words: tuple[str, ...]

    def describe(self) -> str:
        """'who is a designer at Zeta', 'who is in Berlin' ...: what makes the contact fit."""
        c = self.contact
        if c.location and set(terms(c.location)) & set(self.words):
            return f"who is in {c.location}"
        if c.position:
            text = f"who is {_article(c.position)} {c.position}"
            return text + (f" at {c.company}" if c.company else "")
        if c.company:
            return f"who works at {c.company}"
        return "who shares your interest in " + ", ".join(self.words)


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def terms(text: str | None) -> list[str]:
    """The meaningful, accent-free, singular words of a text."""
    return list(_terms(text)) if text else []


@lru_cache(maxsize=8192)
def _terms(text: str) -> tuple[str, ...]:
    # Today asks for the words of every contact's company, tags and interests; the same few
    # hundred texts recur across people and requests (a third of Today's time, uncached).
    plain = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return tuple(_stem(w) for w in _WORD.findall(plain) if w not in _STOP and len(w) > 1)


def best_match(need: str, candidates: Iterable[Contact], exclude: int) -> Match | None:
    """The contact sharing most words with the need (ties: the lowest id)."""
    wanted = set(terms(need))
    best: Match | None = None
    for c in candidates:
        if c.id == exclude:
            continue
        fields = (c.position, c.company, c.industry, c.interests, c.location, *c.tags)
        shared = wanted & {w for f in fields if f for w in _terms(f)}
        if not shared:
            continue
        better = best is None or len(shared) > len(best.words)
        better = better or (best is not None and len(shared) == len(best.words)
                            and c.id < best.contact.id)  # fmt: skip
        if better:
            best = Match(c, tuple(sorted(shared)))
    return best


def excluded(history: Sequence[tuple[int, date]], today: date) -> set[int]:
    """People suggested within the last REPEAT_DAYS days."""
    since = today - timedelta(days=REPEAT_DAYS - 1)
    return {pid for pid, day in history if since <= day <= today}


def standing_pick(history: Sequence[tuple[int, date]], today: date) -> int | None:
    """This week's pick: the latest suggestion made within the last WEEK_DAYS days."""
    since = today - timedelta(days=WEEK_DAYS - 1)
    recent = sorted((day, pid) for pid, day in history if since <= day <= today)
    return recent[-1][1] if recent else None


def help_reason(need: str, match: Match | None) -> str:
    """Why this person is the one to help, and how."""
    if match is None:
        return f"needs: {need}; ask how you can help"
    return f"needs: {need}; introduce them to {match.contact.name}, {match.describe()}"
