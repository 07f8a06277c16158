"""Ties: one tie explained, the strong/weak/dormant/latent split, the strongest ties, dormant
ties worth reviving and the giving balance.

Reconnect inputs (INSIGHTS.md 5), as read here:
- trust: the closeness rating, else favours received (domain.insights.reconnect.trust_input);
- past closeness and past frequency: the tie's strength and frequency component evaluated on
  the day of the last interaction (what the tie was like when it went quiet);
- structural novelty: 1 - share of their known contacts (stored and inferred edges) who are
  active ties of the user; attribute novelty: industry, function, location, generation against
  the user's profile (0.5 when no profile); seniority from SENIORITY_LEVELS.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Collection, Iterable, Mapping, Sequence
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
    rank_dormant_ties,
    structural_novelty,
    trust_input,
)
from tiekeeper.domain.insights.tie_strength import TieSummary, score_tie
from tiekeeper.services.insights.data import (
    MAX_INFERRED_GROUP,
    EdgeTable,
    NetworkEdge,
    Tie,
    evidence_of,
    load_edges,
    load_ties,
    summaries_at,
)
from tiekeeper.services.insights.novelty import novelty_inputs
from tiekeeper.services.people import resolve
from tiekeeper.store.analytics import AnalyticsQueries
from tiekeeper.store.analytics_raw import InteractionColumns, RawAnalytics
from tiekeeper.store.people_reads import PersonRow
from tiekeeper.store.uow import UnitOfWork

HISTOGRAM_BINS: Final = 10


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


def _neighbours(edges: Sequence[NetworkEdge], of: Collection[int]) -> dict[int, set[int]]:
    """The contacts of each of `of` (a set, for speed)."""
    adj: dict[int, set[int]] = {}
    for e in edges.touching(of) if isinstance(edges, EdgeTable) else edges:
        if e.a in of:
            adj.setdefault(e.a, set()).add(e.b)
        if e.b in of:
            adj.setdefault(e.b, set()).add(e.a)
    return adj


def rank_reconnect(
    uow: UnitOfWork,
    ties: Mapping[int, Tie],
    edges: Sequence[NetworkEdge],
    giving: GivingReport,
    now: date,
    limit: int | None,
    rows: InteractionColumns | None = None,
) -> list[ReconnectSuggestion]:
    """Dormant ties worth reviving, best first, with reasons and last topics.

    `rows` (the interactions up to `now`, when already loaded) saves a second read."""
    q = uow.repo(AnalyticsQueries)
    profile = q.profile()
    dormant = [
        t
        for t in ties.values()
        if (t.strength.days_since_last or 0) >= DEFAULT_DORMANT_DAYS and not t.person.do_not_suggest
    ]
    last_day = {t.person.id: now - timedelta(days=t.strength.days_since_last or 0) for t in dormant}
    if rows is None:
        rows = uow.repo(RawAnalytics).interaction_columns(now, list(last_day))
    # what each tie was like when it went quiet: the summary on the day of the last interaction
    then = summaries_at(rows, last_day)
    adj = _neighbours(edges, last_day.keys())
    active = {pid for pid, t in ties.items() if t.active}
    candidates: list[DormantCandidate] = []
    for t in dormant:
        p = t.person
        last = last_day[p.id]
        past = score_tie(then.get(p.id, TieSummary()), evidence_of(p, profile), last)
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


def _edges_of(uow: UnitOfWork, p: PersonRow) -> Sequence[NetworkEdge]:
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
    dormant: int  # last interaction 3+ years ago
    latent: int  # not yet in touch: no interaction logged
    low_confidence: int
    active: int
    histogram: list[int]  # HISTOGRAM_BINS bins over [0, 1]


def tie_split(ties: Collection[Tie]) -> TieSplit:
    """The strong/weak/dormant/latent split, low-confidence count and strength histogram."""
    counts = dict.fromkeys(("strong", "weak", "dormant", "latent"), 0)
    bins = [0] * HISTOGRAM_BINS
    for t in ties:
        counts[t.strength.label] += 1
        bins[min(HISTOGRAM_BINS - 1, math.floor(t.strength.score * HISTOGRAM_BINS))] += 1
    low = sum(t.strength.low_confidence for t in ties)
    active = sum(t.active for t in ties)
    return TieSplit(
        counts["strong"], counts["weak"], counts["dormant"], counts["latent"], low, active, bins
    )


def strongest_ties(ties: Iterable[Tie], n: int) -> list[Tie]:
    """The `n` strongest ties, best first; never someone not yet in touch (INSIGHTS.md 3)."""
    known = (t for t in ties if t.strength.label != "latent")
    return heapq.nsmallest(n, known, key=lambda t: (-t.strength.score, t.person.id))
