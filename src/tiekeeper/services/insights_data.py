"""Loading what the insight formulas need, in a few bulk reads: ties (with their tie strength)
and the "who knows whom" edges, entered and inferred.

Readings (product choices, documented here and in the output):
- "Known since" is the day you connected (people.connected_on), else tie_strength's own fallback,
  the first logged interaction; the day a record was created says nothing about the tie.
- An *active* tie has an interaction in the last ACTIVE_DAYS (365) days.
- Co-worker (tie_strength's halved frequency weight): the contact's company is the user's profile
  company (same name key).
- Inferred edges are computed here, at analysis time, and never stored:
  "introduced" (one introduced the other: people.introduced_by_id), "same-event" (both attended
  one event), "same-company" (both at the same organization; only the current employer is kept,
  so "at the same time" reads as "both there now"). Groups larger than MAX_INFERRED_GROUP are
  skipped: sharing a 2,000-person employer or a conference says little about knowing each other,
  and a clique over it would swamp the graph.
- Edge weights (0..1, used by brokerage, clusters and warm paths): entered edges strength / 5
  (default strength 3); introduced 0.6; same-event and same-company 0.4. A pair with several
  sources lists every source; its weight is the stored one (the user's word wins), else the
  largest inferred one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations
from typing import Any, Final

from tiekeeper.domain.insights.tie_strength import (
    InteractionFact,
    TieEvidence,
    TieStrength,
    tie_strength,
)
from tiekeeper.domain.model import name_key
from tiekeeper.store.analytics import AnalyticsQueries, PersonRow, ProfileRow
from tiekeeper.store.uow import UnitOfWork

ACTIVE_DAYS: Final = 365
MAX_INFERRED_GROUP: Final = 50
INFERRED_WEIGHTS: Final = {"introduced": 0.6, "same-event": 0.4, "same-company": 0.4}
STORED_SOURCES: Final = frozenset({"entered", "introduction"})


@dataclass(frozen=True, slots=True)
class Tie:
    """One contact with the strength of the user's tie to them."""

    person: PersonRow
    strength: TieStrength
    active: bool
    n_interactions: int


@dataclass(frozen=True, slots=True)
class NetworkEdge:
    """Two contacts who know each other; `inferred` when no stored edge says so."""

    a: int
    b: int
    weight: float
    sources: tuple[str, ...]
    inferred: bool


def facts_by_person(
    rows: Iterable[tuple[int, date, str, str]],
) -> dict[int, list[InteractionFact]]:
    """Group streamed interaction rows per person; identical facts share one object."""
    interned: dict[tuple[date, str, str], InteractionFact] = {}
    out: dict[int, list[InteractionFact]] = {}
    for pid, day, channel, initiated in rows:
        key = (day, channel, initiated)
        fact = interned.get(key)
        if fact is None:
            fact = interned[key] = InteractionFact(day, channel, initiated)  # type: ignore[arg-type]
        bucket = out.get(pid)
        if bucket is None:
            out[pid] = [fact]
        else:
            bucket.append(fact)
    return out


def _coworker(p: PersonRow, profile: ProfileRow | None) -> bool:
    if profile is None or not profile.company or not p.company:
        return False
    return name_key(p.company) == name_key(profile.company)


def evidence_of(
    p: PersonRow, facts: Sequence[InteractionFact], profile: ProfileRow | None
) -> TieEvidence:
    """The tie-strength evidence of one person."""
    return TieEvidence(
        interactions=facts,
        known_since=p.known_since,
        closeness=p.closeness,
        is_kin=p.is_kin,
        is_coworker=_coworker(p, profile),
    )


def build_ties(
    people: Sequence[PersonRow],
    facts: dict[int, list[InteractionFact]],
    profile: ProfileRow | None,
    now: date,
) -> dict[int, Tie]:
    """Tie strength of every person at `now`."""
    since = now - timedelta(days=ACTIVE_DAYS)
    out: dict[int, Tie] = {}
    for p in people:
        mine = facts.get(p.id, [])
        strength = tie_strength(evidence_of(p, mine, profile), now)
        last = strength.days_since_last
        active = last is not None and now - timedelta(days=last) >= since
        out[p.id] = Tie(p, strength, active, len(mine))
    return out


def load_ties(uow: UnitOfWork, now: date, ids: Sequence[int] | None = None) -> dict[int, Tie]:
    """Ties of everyone (or of `ids`) in one streamed pass over the interactions."""
    q = uow.repo(AnalyticsQueries)
    people = q.people(ids)
    facts = facts_by_person(q.interaction_rows(now, ids))
    return build_ties(people, facts, q.profile(), now)


def _groups(people: Sequence[PersonRow], q: AnalyticsQueries) -> list[tuple[str, list[int]]]:
    by_org: dict[int, list[int]] = {}
    for p in people:
        if p.organization_id is not None:
            by_org.setdefault(p.organization_id, []).append(p.id)
    groups = [("same-company", m) for m in by_org.values()]
    groups += [("same-event", m) for _, m in q.event_groups()]
    return [(s, m) for s, m in groups if 2 <= len(m) <= MAX_INFERRED_GROUP]


def load_edges(
    uow: UnitOfWork,
    people: Sequence[PersonRow],
    stored_edges: Sequence[tuple[int, int, int, str]] | None = None,
) -> list[NetworkEdge]:
    """Stored edges plus the inferred ones among `people`, one per pair (every source listed).

    `stored_edges` replaces reading every stored edge (used to explain one tie quickly)."""
    q = uow.repo(AnalyticsQueries)
    known = {p.id for p in people}
    # key -> [weight, stored weight or None, sources]: one small list per pair, no sets
    pairs: dict[tuple[int, int], list[Any]] = {}

    def put(a: int, b: int, w: float, source: str) -> None:
        if a == b or a not in known or b not in known:
            return
        key = (a, b) if a < b else (b, a)
        got = pairs.get(key)
        if got is None:
            pairs[key] = [w, w if source in STORED_SOURCES else None, (source,)]
            return
        got[0] = max(got[0], w)
        if source in STORED_SOURCES:
            got[1] = w if got[1] is None else max(got[1], w)
        if source not in got[2]:
            got[2] = tuple(sorted((*got[2], source)))

    for a, b, strength, source in q.knows_edges() if stored_edges is None else stored_edges:
        put(a, b, max(1, min(5, strength)) / 5.0, source)
    for p in people:
        if p.introduced_by_id is not None:
            put(p.id, p.introduced_by_id, INFERRED_WEIGHTS["introduced"], "introduced")
    for source, members in _groups(people, q):
        for a, b in combinations(members, 2):
            put(a, b, INFERRED_WEIGHTS[source], source)
    return [
        NetworkEdge(a, b, w if stored_w is None else stored_w, src, stored_w is None)
        for (a, b), (w, stored_w, src) in sorted(pairs.items())
    ]


def graph_edges(edges: Iterable[NetworkEdge]) -> list[tuple[int, int, float]]:
    """(a, b, weight) triples for the graph functions."""
    return [(e.a, e.b, e.weight) for e in edges]
