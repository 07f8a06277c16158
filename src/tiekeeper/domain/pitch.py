"""The elevator pitch check: length at speaking pace, and whether it says what you do and want.

These are heuristics, not grammar: a pitch "says what you do" when it has a role phrase
("I help", "I work", "I build", "I'm a", ...) or a word of the profile's position/industry; it
"says what you want" when it has an ask phrase ("looking for", "I'd love", "interested in", ...).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

WORDS_PER_MINUTE = 150  # conversational speaking pace
MAX_WORDS = 75  # about 30 seconds at that pace
MAX_SECONDS = 30
DOING_PHRASES = (
    "i help", "i work", "i build", "i lead", "i run", "i design", "i teach", "i write",
    "i manage", "i develop", "i create", "i'm a", "i am a", "i'm an", "i am an", "my job",
    "my role", "as a", "as an",
)  # fmt: skip
WANTING_PHRASES = (
    "looking for", "i'd love", "i would love", "interested in", "want to", "seeking",
    "hoping to", "i'd like", "i would like", "open to", "searching for", "keen to", "love to",
)  # fmt: skip
_WORD = re.compile(r"[\w'’-]+")


@dataclass(frozen=True)
class PitchCheck:
    """The verdict on one pitch text."""

    words: int
    seconds: float
    says_what_you_do: bool
    says_what_you_want: bool
    warnings: list[str] = field(default_factory=list)


def _normal(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def _has_phrase(text: str, phrases: Iterable[str]) -> bool:
    return any(re.search(rf"(?<![\w']){re.escape(p)}(?![\w'])", text) for p in phrases)


def check_pitch(text: str, profile_words: Iterable[str] = ()) -> PitchCheck:
    """Count words and seconds (150 wpm) and warn about length, a missing role or a missing ask."""
    words = len(_WORD.findall(text))
    seconds = round(words * 60 / WORDS_PER_MINUTE, 1)
    norm = _normal(text)
    own = {w for w in (_normal(p) for p in profile_words) if len(w) > 2}
    tokens = set(_WORD.findall(norm))
    doing = _has_phrase(norm, DOING_PHRASES) or bool(own & tokens)
    wanting = _has_phrase(norm, WANTING_PHRASES)
    warnings = []
    if words > MAX_WORDS:
        warnings.append(
            f"too long: {words} words is about {seconds:g} s; aim for {MAX_WORDS} words "
            f"({MAX_SECONDS} s)"
        )
    if not doing:
        warnings.append("it does not say what you do (e.g. 'I help ...', 'I work on ...')")
    if not wanting:
        warnings.append("it does not say what you want (e.g. 'I'm looking for ...')")
    return PitchCheck(words, seconds, doing, wanting, warnings)


def profile_keywords(*fields: str | None) -> list[str]:
    """The words of the profile fields that count as 'what you do' (position, industry...)."""
    return [w for f in fields if f for w in _WORD.findall(f.lower())]
