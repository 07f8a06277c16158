"""Tie strength from logged evidence (Granovetter 1973; Marsden & Campbell 1984, 2012;
Gilbert & Karahalios 2009), exactly as INSIGHTS.md section 3.

Reading of the rules (each choice reproduces the published worked examples A, B, C, E):
- "years known" is days / 365.25 (example A: 2019-01-01 -> 2024-01-01 gives 0.695501).
- Duration starts at `known_since`, else at the first logged interaction (example C has no
  "known since", and only counting 1,460 days from its one meeting gives 0.542108).
- Multiplexity is present only when there was an interaction in the last 365 days (k >= 1);
  with k = 0 the formula 1 - 1/k is undefined, and dropping it is what makes C = 0.542108.
  One channel (k = 1) is present with value 0 (example B: 0.504104).
- Reciprocity is present only when u + c >= 2 (C has one meeting: dropped).
- No interaction logged (up to `now`) is evidence, not missing data: recency and frequency are
  then present with value 0 and stay in the weighted mean, so duration alone (a LinkedIn
  connection of 12 years) never makes a tie strong (example F: 0.142857).
- Example E ("kin, calls 10 d and 40 d ago") gives 0.831574 only with M = 0.5 and Rc = 1, i.e.
  two distinct channels and balanced initiation (for instance a phone call and a video call, one
  started by each side). With a single channel it would be 0.778947: see the test.
- "Dormant" means the last interaction is DORMANT_AFTER_DAYS = 1095 days (3 x 365) or more old:
  a dormant tie is a former tie (Levin et al. 2011). Someone never contacted is "latent" (not yet
  in touch), whatever their rating or how long ago you connected, and never one of the strongest.
- Interactions dated after `now` are ignored (time is a parameter, the future has not happened).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Final, Literal

from tiekeeper.domain.errors import InvalidInput

Initiator = Literal["me", "them", "mutual"]
Label = Literal["strong", "weak", "dormant", "latent"]
Component = Literal["closeness", "recency", "frequency", "multiplexity", "reciprocity", "duration"]

DAYS_PER_YEAR: Final = 365.25
DORMANT_AFTER_DAYS: Final = 1095  # "3 years" (Levin et al. 2011), 3 x 365 days
STRONG_RATING: Final = 4
STRONG_SCORE: Final = 0.60
RECENCY_HALF_LIFE_DAYS: Final = 90.0
FREQUENCY_HALF_LIFE_DAYS: Final = 180.0
MULTIPLEXITY_WINDOW_DAYS: Final = 365

WEIGHTS_WITH_RATING: Final[dict[Component, float]] = {
    "closeness": 0.40,
    "recency": 0.20,
    "frequency": 0.15,
    "multiplexity": 0.10,
    "reciprocity": 0.10,
    "duration": 0.05,
}
WEIGHTS_WITHOUT_RATING: Final[dict[Component, float]] = {
    "recency": 0.35,
    "frequency": 0.25,
    "multiplexity": 0.15,
    "reciprocity": 0.15,
    "duration": 0.10,
}


@dataclass(frozen=True, slots=True)
class InteractionFact:
    """One logged interaction as tie-strength evidence."""

    occurred_on: date
    channel: str
    initiated_by: Initiator


@dataclass(frozen=True, slots=True)
class TieEvidence:
    """Everything known about the user's tie to one contact."""

    interactions: Sequence[InteractionFact] = ()
    known_since: date | None = None
    closeness: int | None = None  # the user's 1-5 self-rating
    is_kin: bool = False
    is_coworker: bool = False  # same company as the user


@dataclass(frozen=True, slots=True)
class TieStrength:
    """The score S, its components (None = not present), the weights used and the reasons."""

    score: float
    label: Label
    low_confidence: bool
    recency: float | None
    frequency: float | None
    duration: float | None
    reciprocity: float | None
    multiplexity: float | None
    closeness: float | None
    weights: dict[Component, float] = field(default_factory=dict)  # renormalised, sum 1
    days_since_last: int | None = None
    reasons: list[str] = field(default_factory=list)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _age_phrase(days: int) -> str:
    if days == 0:
        return "today"
    if days < 2 * 365:
        return f"{_plural(days, 'day')} ago"
    return f"{_plural(int(days // DAYS_PER_YEAR), 'year')} ago"


INITIATORS: Final[tuple[Initiator, ...]] = ("me", "them", "mutual")
# (to the user, to them) of one initiation
INITIATION_SHARES: Final[dict[str, tuple[float, float]]] = {
    "me": (1.0, 0.0),
    "them": (0.0, 1.0),
    "mutual": (0.5, 0.5),
}


@dataclass(frozen=True, slots=True)
class TieSummary:
    """What the score needs of one person's interactions, summarised at one day `now`.

    Only interactions up to `now` count, except `n_logged` (every interaction given, for the
    "N interactions logged" reason). Computed here for one tie, or for every tie at once by
    tiekeeper.graph.tie_summaries (which must give the same numbers)."""

    n_logged: int = 0
    days_since_last: int | None = None  # None: nothing up to `now`
    days_since_first: int | None = None
    activity: float = 0.0  # sum of 2^(-age / FREQUENCY_HALF_LIFE_DAYS)
    by_me: float = 0.0  # initiations by the user; "mutual" adds 1/2 here and 1/2 to by_them
    by_them: float = 0.0
    n_channels: int = 0  # distinct channels (trimmed, lower case) in the multiplexity window


def decay(age: int) -> float:
    """One interaction's weight in the frequency activity: 2^(-age / 180)."""
    weight: float = 2.0 ** (-age / FREQUENCY_HALF_LIFE_DAYS)
    return weight


def summarise(facts: Sequence[InteractionFact], now: date) -> TieSummary:
    """The summary of one person's interactions at `now` (later ones are ignored)."""
    past = [f for f in facts if f.occurred_on <= now]
    if not past:
        return TieSummary(n_logged=len(facts))
    for f in past:
        if f.initiated_by not in INITIATION_SHARES:
            raise InvalidInput("must be me, them or mutual", field="initiated_by", value=f)
    ages = [(now - f.occurred_on).days for f in past]
    channels = {
        f.channel.strip().lower()
        for f, age in zip(past, ages, strict=True)
        if age <= MULTIPLEXITY_WINDOW_DAYS
    }
    return TieSummary(
        n_logged=len(facts),
        days_since_last=min(ages),
        days_since_first=max(ages),
        activity=sum((decay(age) for age in ages), 0.0),
        by_me=sum(INITIATION_SHARES[f.initiated_by][0] for f in past),
        by_them=sum(INITIATION_SHARES[f.initiated_by][1] for f in past),
        n_channels=len(channels),
    )


def _reciprocity(u: float, c: float) -> float | None:
    if u + c < 2:
        return None
    return 1.0 - abs(u - c) / (u + c + 2.0)


@dataclass(frozen=True, slots=True)
class _Observed:
    values: dict[Component, float]
    days_since_last: int | None
    n_channels: int
    years_known: float | None
    n_logged: int


def _components(summary: TieSummary, evidence: TieEvidence, now: date) -> _Observed:
    values: dict[Component, float] = {}
    if evidence.closeness is not None:
        values["closeness"] = (evidence.closeness - 1) / 4.0
    days_since_last = summary.days_since_last
    n_channels = 0
    # never talked: recency and frequency are 0, not unknown (INSIGHTS.md 3, example F)
    values["recency"] = 0.0
    values["frequency"] = 0.0
    if days_since_last is not None:
        values["recency"] = 2.0 ** (-days_since_last / RECENCY_HALF_LIFE_DAYS)
        values["frequency"] = 1.0 - math.exp(-summary.activity / 4.0)
        n_channels = summary.n_channels
        if n_channels:
            values["multiplexity"] = 1.0 - 1.0 / n_channels
        rc = _reciprocity(summary.by_me, summary.by_them)
        if rc is not None:
            values["reciprocity"] = rc
    days_known = summary.days_since_first
    if evidence.known_since is not None:
        days_known = (now - evidence.known_since).days
    years: float | None = None
    if days_known is not None:
        years = max(0, days_known) / DAYS_PER_YEAR
        values["duration"] = min(1.0, math.log(1.0 + years) / math.log(11.0))
    return _Observed(values, days_since_last, n_channels, years, summary.n_logged)


def _weights(evidence: TieEvidence, present: dict[Component, float]) -> dict[Component, float]:
    base = WEIGHTS_WITH_RATING if evidence.closeness is not None else WEIGHTS_WITHOUT_RATING
    raw = {name: base[name] for name in present}
    if evidence.is_kin and "duration" in raw:
        raw["duration"] = 0.0
    if evidence.is_coworker and "frequency" in raw:
        raw["frequency"] /= 2.0
    total = sum(raw.values())
    if total == 0.0:
        return {}
    return {name: w / total for name, w in raw.items() if w > 0.0}


def _label(evidence: TieEvidence, score: float, days_since_last: int | None) -> Label:
    if days_since_last is None:
        return "latent"
    if days_since_last >= DORMANT_AFTER_DAYS:
        return "dormant"
    rated_close = evidence.closeness is not None and evidence.closeness >= STRONG_RATING
    return "strong" if rated_close or score >= STRONG_SCORE else "weak"


def _reasons(evidence: TieEvidence, seen: _Observed) -> list[str]:
    values, days_since_last, n_channels = seen.values, seen.days_since_last, seen.n_channels
    reasons: list[str] = []
    if evidence.closeness is not None:
        reasons.append(f"you rated closeness {evidence.closeness} of 5")
    else:
        reasons.append("no closeness rating yet, so this is a rough estimate")
    if days_since_last is None:
        reasons.append("not yet in touch: no interactions logged")
    else:
        reasons.append(f"last talked {_age_phrase(days_since_last)}")
        reasons.append(f"{_plural(seen.n_logged, 'interaction')} logged")
    if n_channels:
        reasons.append(f"{_plural(n_channels, 'channel')} in the last year")
    if "reciprocity" in values:
        balance = values["reciprocity"]
        reasons.append(
            "contact goes both ways" if balance >= 0.75 else "contact is mostly one-sided"
        )
    if seen.years_known is not None:
        if evidence.is_kin:
            reasons.append("family: how long you have known each other is not counted")
        elif seen.years_known < 1.0:
            reasons.append("known for less than a year")
        else:
            reasons.append(f"known for about {_plural(round(seen.years_known), 'year')}")
    if evidence.is_coworker:
        reasons.append("co-worker: frequent contact counts for less")
    return reasons


def tie_strength(evidence: TieEvidence, now: date) -> TieStrength:
    """Score one tie in [0, 1] with its label, components and plain-language reasons."""
    _check_closeness(evidence)
    return score_tie(summarise(evidence.interactions, now), evidence, now)


def _check_closeness(evidence: TieEvidence) -> None:
    if evidence.closeness is not None and not 1 <= evidence.closeness <= 5:
        raise InvalidInput("closeness must be 1 to 5", field="closeness", value=evidence.closeness)


def score_tie(summary: TieSummary, evidence: TieEvidence, now: date) -> TieStrength:
    """Score one tie from the summary of its interactions at `now` (evidence.interactions is
    not read: the summary stands for them) and the rest of the evidence."""
    _check_closeness(evidence)
    seen = _components(summary, evidence, now)
    values, days_since_last = seen.values, seen.days_since_last
    weights = _weights(evidence, values)
    score = sum(values[name] * w for name, w in weights.items())
    score = min(1.0, max(0.0, score))
    return TieStrength(
        score=score,
        label=_label(evidence, score, days_since_last),
        low_confidence=evidence.closeness is None,
        recency=values.get("recency"),
        frequency=values.get("frequency"),
        duration=values.get("duration"),
        reciprocity=values.get("reciprocity"),
        multiplexity=values.get("multiplexity"),
        closeness=values.get("closeness"),
        weights=weights,
        days_since_last=days_since_last,
        reasons=_reasons(evidence, seen),
    )
