"""Dormant ties worth reviving (Levin, Walter & Murnighan 2011; Walter et al. 2015), INSIGHTS.md 5.

Score = .25 trust + .15 past closeness + .20 structural novelty + .15 attribute novelty
        + .15 seniority above yours + .10 (1 - past frequency), every input in [0, 1].
People prefer reconnecting with comfortable ties, which lowers novelty; the novelty terms push back.
Ties are broken by longer dormancy, then by id. Scores are compared rounded to 9 decimals so that
float noise (0.1 + 0.2 ...) never decides an order the formula calls a tie.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date
from typing import Final

from tiekeeper.domain.errors import InvalidInput

ACTIVE_DAYS: Final = 365  # an active tie: an interaction in the last year
DEFAULT_DORMANT_DAYS: Final = 1095  # 3 years, same reading as tie_strength.DORMANT_AFTER_DAYS
WEIGHTS: Final = {
    "trust": 0.25,
    "past_closeness": 0.15,
    "structural_novelty": 0.20,
    "attribute_novelty": 0.15,
    "seniority_above": 0.15,
    "low_past_frequency": 0.10,
}
FAVOURS_FOR_FULL_TRUST: Final = 3  # product choice: 3+ favours received count as full trust
UNKNOWN_NOVELTY: Final = 0.5  # product choice: neither rewarded nor punished when unknown


@dataclass(frozen=True, slots=True)
class DormantCandidate:
    """A contact with the six inputs of the reconnect score, each in [0, 1]."""

    contact_id: int
    last_interaction: date | None
    trust: float
    past_closeness: float
    structural_novelty: float
    attribute_novelty: float
    seniority_above: float  # 1 more senior, .5 same, 0 less senior than the user
    past_frequency: float
    do_not_suggest: bool = False
    last_topics: Sequence[str] = ()


@dataclass(frozen=True, slots=True)
class ReconnectSuggestion:
    """A ranked suggestion with the reasons to show and the topics to pick up."""

    contact_id: int
    score: float
    dormant_days: int
    reasons: list[str] = field(default_factory=list)
    last_topics: tuple[str, ...] = ()


def trust_input(closeness: int | None, favours_received: int) -> float:
    """Trust/willingness: the 1-5 closeness rating, else favours they did for you (3+ = full)."""
    if closeness is not None:
        return (closeness - 1) / 4.0
    return min(1.0, max(0, favours_received) / FAVOURS_FOR_FULL_TRUST)


def structural_novelty(their_contacts: Iterable[int], active_ties: Iterable[int]) -> float:
    """1 - share of their known contacts among your active ties (0.5 when nobody is known)."""
    theirs = set(their_contacts)
    if not theirs:
        return UNKNOWN_NOVELTY
    # a set of active ties is used as is: copying 10,000s of ids per candidate added up
    active = active_ties if isinstance(active_ties, AbstractSet) else set(active_ties)
    return 1.0 - len(theirs & active) / len(theirs)


def attribute_novelty(theirs: Sequence[str | None], yours: Sequence[str | None]) -> float:
    """Share of attributes (same order: industry, function, ...) known on both sides that differ."""
    if len(theirs) != len(yours):
        raise InvalidInput("attributes must be given in the same order", field="attributes")
    pairs = [(a, b) for a, b in zip(theirs, yours, strict=True) if a and b]
    if not pairs:
        return UNKNOWN_NOVELTY
    return sum(a.casefold() != b.casefold() for a, b in pairs) / len(pairs)


def seniority_input(theirs: int | None, yours: int | None) -> float:
    """1 above the user, .5 same level or unknown, 0 below (levels: bigger is more senior)."""
    if theirs is None or yours is None or theirs == yours:
        return 0.5
    return 1.0 if theirs > yours else 0.0


def reconnect_score(c: DormantCandidate) -> float:
    """The weighted sum of the six inputs."""
    inputs = {
        "trust": c.trust,
        "past_closeness": c.past_closeness,
        "structural_novelty": c.structural_novelty,
        "attribute_novelty": c.attribute_novelty,
        "seniority_above": c.seniority_above,
        "low_past_frequency": 1.0 - c.past_frequency,
    }
    for name, value in inputs.items():
        if not 0.0 <= value <= 1.0:
            raise InvalidInput("must be between 0 and 1", field=name, value=value)
    return sum(WEIGHTS[name] * value for name, value in inputs.items())


def _years(days: int) -> str:
    years = days // 365
    return f"{years} year" if years == 1 else f"{years} years"


def _reasons(c: DormantCandidate, days: int) -> list[str]:
    reasons = [f"no contact for {_years(days)}: dormant ties often bring fresh information"]
    if c.trust >= 0.75:
        reasons.append("there is trust between you: they are likely to respond")
    if c.past_closeness >= 0.75:
        reasons.append("you were close")
    if c.structural_novelty >= 0.75:
        reasons.append("they know people you are not in touch with")
    if c.attribute_novelty >= 0.75:
        reasons.append("their field or place differs from yours")
    if c.seniority_above >= 1.0:
        reasons.append("they are more senior than you")
    if c.last_topics:
        reasons.append("pick up where you left off: " + ", ".join(c.last_topics))
    return reasons


def rank_dormant_ties(
    candidates: Iterable[DormantCandidate],
    now: date,
    *,
    dormant_after_days: int = DEFAULT_DORMANT_DAYS,
    limit: int | None = None,
) -> list[ReconnectSuggestion]:
    """Eligible dormant ties, best first; ties broken by longer dormancy, then contact id."""
    ranked: list[tuple[tuple[float, int, int], ReconnectSuggestion]] = []
    for c in candidates:
        if c.do_not_suggest or c.last_interaction is None:
            continue
        days = (now - c.last_interaction).days
        if days < dormant_after_days:
            continue
        score = reconnect_score(c)
        suggestion = ReconnectSuggestion(
            contact_id=c.contact_id,
            score=score,
            dormant_days=days,
            reasons=_reasons(c, days),
            last_topics=tuple(c.last_topics),
        )
        ranked.append(((-round(score, 9), -days, c.contact_id), suggestion))
    ranked.sort(key=lambda item: item[0])
    result = [s for _, s in ranked]
    return result if limit is None else result[:limit]
