"""Ties: one tie explained, the strong/weak/dormant split, dormant ties worth reviving and the
giving balance.

Reconnect inputs (INSIGHTS.md 5), as read here:
- trust: the closeness rating, else favours received (domain.insights.reconnect.trust_input);
- past closeness and past frequency: the tie's strength and frequency component evaluated on
  the day of the last interaction (what the tie was like when it went quiet);
- structural novelty: 1 - share of their known contacts (stored and inferred edges) who are
  active ties of the user; attribute novelty: industry, function, location, generation against
  the user's profile (0.5 when no profile); seniority from SENIORITY_LEVELS.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from tiekeeper.domain.insights.giving import (
    Favour,
    GivingBalance,
    GivingStyle,
    giving_balance,
    giving_style,
)
from tiekeeper.domain.insights.reconnect import (
    DEFAULT_DORMANT_DAYS,
    DormantCandidate,
    ReconnectSuggestion,
    attribute_novelty,
    rank_dormant_ties,
    seniority_input,
    structural_novelty,
    trust_input,
)
from tiekeeper.domain.insights.tie_strength import InteractionFact, tie_strength
from tiekeeper.services.insights_data import (
    MAX_INFERRED_GROUP,
    NetworkEdge,
    Tie,
    evidence_of,
    facts_by_person,
    load_edges,
    load_ties,
)
from tiekeeper.services.people import resolve
from tiekeeper.store.analytics import AnalyticsQueries, PersonRow, ProfileRow
from tiekeeper.store.uow import UnitOfWork

# Bigger is more senior; unknown labels are None (then seniority counts as "same", 0.5).
SENIORITY_LEVELS: Final = {
    "intern": 0,
    "junior": 1,
    "associate": 1,
    "entry": 1,
    "mid": 2,
    "senior": 3,
    "lead": 4,
    "manager": 4,
    "principal": 4,
    "head": 5,
    "director": 5,
    "vp": 6,
    "vice president": 6,
    "partner": 6,
    "executive": 7,
    "c-level": 7,
    "founder": 7,
}
HISTOGRAM_BINS: Final = 10


def seniority_level(label: str | None) -> int | None:
    """A rank for a free-text seniority label, None when unknown."""
    return None if not label else SENIORITY_LEVELS.get(label.strip().casefold())


def _attrs(p: PersonRow | ProfileRow) -> tuple[str | None, ...]:
    return (p.industry, p.function, p.location, p.generation)


def novelty_inputs(p: PersonRow, profile: ProfileRow | None) -> tuple[float, float]:
    """(attribute novelty, seniority above) of one contact against the user's profile."""
    if profile is None:
        return 0.5, 0.5
    return attribute_novelty(_attrs(p), _attrs(profile)), seniority_input(
        seniority_level(p.seniority), seniority_level(profile.seniority)
    )


@dataclass(frozen=True, slots=True)
class GivingReport:
    """Balances per person with any favour, and the user's style (None with no favours)."""

    balances: dict[int, GivingBalance]
    style: GivingStyle | None


def giving_report(rows: Sequence[tuple[int, str, date]], now: date) -> GivingReport:
    """Decayed ledgers per person from (person, direction, day) rows."""
    per: dict[int, list[Favour]] = {}
    for pid, direction, day in rows:
        if direction in ("given", "received"):
            per.setdefault(pid, []).append(Favour(day, direction))  # type: ignore[arg-type]
    balances = {pid: giving_balance(f, now) for pid, f in sorted(per.items())}
    return GivingReport(balances, giving_style(list(balances.values())))


def _neighbours(edges: Sequence[NetworkEdge]) -> dict[int, set[int]]:
    adj: dict[int, set[int]] = {}
    for e in edges:
        adj.setdefault(e.a, set()).add(e.b)
        adj.setdefault(e.b, set()).add(e.a)
    return adj


def rank_reconnect(
    uow: UnitOfWork,
    ties: Mapping[int, Tie],
    edges: Sequence[NetworkEdge],
    giving: GivingReport,
    now: date,
    limit: int | None,
    facts: Mapping[int, Sequence[InteractionFact]] | None = None,
) -> list[ReconnectSuggestion]:
    """Dormant ties worth reviving, best first, with reasons and last topics.

    `facts` (interactions per person, when already loaded) saves a second pass."""
    q = uow.repo(AnalyticsQueries)
    profile = q.profile()
    dormant = [
        t
        for t in ties.values()
        if (t.strength.days_since_last or 0) >= DEFAULT_DORMANT_DAYS and not t.person.do_not_suggest
    ]
    ids = [t.person.id for t in dormant]
    if facts is None:
        facts = facts_by_person(q.interaction_rows(now, ids))
    adj = _neighbours(edges)
    active = {pid for pid, t in ties.items() if t.active}
    candidates: list[DormantCandidate] = []
    for t in dormant:
        p = t.person
        last = now - timedelta(days=t.strength.days_since_last or 0)
        past = tie_strength(evidence_of(p, facts.get(p.id, []), profile), last)
        received = giving.balances.get(p.id)
        attr, senior = novelty_inputs(p, profile)
        candidates.append(
            DormantCandidate(
                contact_id=p.id,
                last_interaction=last,
                trust=trust_input(p.closeness, received.favours_received if received else 0),
                past_closeness=past.score,
                structural_novelty=structural_novelty(adj.get(p.id, ()), active),
                attribute_novelty=attr,
                seniority_above=senior,
                past_frequency=past.frequency or 0.0,
            )
        )
    ranked = rank_dormant_ties(candidates, now, limit=limit)
    return with_topics(uow, ranked)


def with_topics(
    uow: UnitOfWork, ranked: Sequence[ReconnectSuggestion]
) -> list[ReconnectSuggestion]:
    """The suggestions with their last topics filled in (one query for all of them)."""
    topics = uow.interactions.last_topics([s.contact_id for s in ranked])
    out = []
    for s in ranked:
        mine = tuple(topics.get(s.contact_id, ()))
        reasons = list(s.reasons)
        if mine:
            reasons.append("pick up where you left off: " + ", ".join(mine))
        out.append(ReconnectSuggestion(s.contact_id, s.score, s.dormant_days, reasons, mine))
    return out


def reconnect(uow: UnitOfWork, now: date, limit: int = 10) -> list[tuple[Tie, ReconnectSuggestion]]:
    """The `tiekeeper reconnect` use case: ranked dormant ties with their people."""
    with uow:
        ties = load_ties(uow, now)
        edges = load_edges(uow, [t.person for t in ties.values()])
        giving = giving_report(uow.repo(AnalyticsQueries).favours(now), now)
        ranked = rank_reconnect(uow, ties, edges, giving, now, limit)
    return [(ties[s.contact_id], s) for s in ranked]


@dataclass(frozen=True, slots=True)
class TieExplained:
    """One tie with everything that explains it."""

    tie: Tie
    giving: GivingBalance | None
    knows: list[tuple[int, str, tuple[str, ...], bool]]  # (id, name, sources, inferred)
    last_topics: list[str]


def explain_tie(uow: UnitOfWork, ref: str, now: date) -> TieExplained:
    """The `tiekeeper tie PERSON` use case: one person's tie strength, explained."""
    with uow:
        pid = resolve(uow, ref)
        tie = load_ties(uow, now, [pid])[pid]
        giving = giving_report(uow.repo(AnalyticsQueries).favours(now, [pid]), now)
        edges = [e for e in _edges_of(uow, tie.person) if pid in (e.a, e.b)]
        others = [e.b if e.a == pid else e.a for e in edges]
        names = uow.people.names(others)
        knows = [
            (o, names.get(o, "?"), e.sources, e.inferred)
            for o, e in sorted(zip(others, edges, strict=True), key=lambda x: names.get(x[0], ""))
        ]
        topics = uow.interactions.last_topics([pid]).get(pid, [])
    return TieExplained(tie, giving.balances.get(pid), knows, topics)


def _edges_of(uow: UnitOfWork, p: PersonRow) -> list[NetworkEdge]:
    """Edges of one person: their stored edges plus what can be inferred among the related."""
    q = uow.repo(AnalyticsQueries)
    stored = q.knows_edges_of([p.id])
    related = {p.id} | {x for e in stored for x in e[:2]} | set(q.introduced_by(p.id))
    if p.introduced_by_id is not None:
        related.add(p.introduced_by_id)
    if p.organization_id is not None:
        colleagues = q.people_in([p.organization_id], limit=MAX_INFERRED_GROUP + 1)
        if len(colleagues) <= MAX_INFERRED_GROUP:  # larger groups infer nothing anyway
            related.update(colleagues)
    related.update(m for _, members in q.event_groups() if p.id in members for m in members)
    return load_edges(uow, q.people(sorted(related)), stored)


@dataclass(frozen=True, slots=True)
class TieSplit:
    """Counts and the histogram of tie strengths."""

    strong: int
    weak: int
    dormant: int
    low_confidence: int
    active: int
    histogram: list[int]  # HISTOGRAM_BINS bins over [0, 1]


def tie_split(ties: Collection[Tie]) -> TieSplit:
    """The strong/weak/dormant split, low-confidence count and strength histogram."""
    counts = {"strong": 0, "weak": 0, "dormant": 0}
    bins = [0] * HISTOGRAM_BINS
    for t in ties:
        counts[t.strength.label] += 1
        bins[min(HISTOGRAM_BINS - 1, math.floor(t.strength.score * HISTOGRAM_BINS))] += 1
    low = sum(t.strength.low_confidence for t in ties)
    active = sum(t.active for t in ties)
    return TieSplit(counts["strong"], counts["weak"], counts["dormant"], low, active, bins)
