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

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations
from typing import Final, overload

import numpy as np

from tiekeeper.domain.insights.reconnect import ACTIVE_DAYS
from tiekeeper.domain.insights.tie_strength import (
    TieEvidence,
    TieStrength,
    TieSummary,
    score_tie,
)
from tiekeeper.domain.model import name_key
from tiekeeper.graph.edge_sources import SourcedEdges, merge_sources
from tiekeeper.graph.tie_summaries import tie_summaries
from tiekeeper.store.analytics import AnalyticsQueries
from tiekeeper.store.analytics_raw import (
    InteractionColumns,
    RawAnalytics,
    knows_columns_of,
)
from tiekeeper.store.people_reads import PersonRow, ProfileRow
from tiekeeper.store.uow import UnitOfWork

MAX_INFERRED_GROUP: Final = 50
INFERRED_WEIGHTS: Final = {"introduced": 0.6, "same-event": 0.4, "same-company": 0.4}
INFERRED_SOURCES: Final = tuple(INFERRED_WEIGHTS)
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


def summaries_at(rows: InteractionColumns, now: date | Mapping[int, date]) -> dict[int, TieSummary]:
    """Every person's interaction summary at `now` (or at their own day, see tie_summaries)."""
    return tie_summaries(rows, now)


def _coworker(p: PersonRow, profile: ProfileRow | None) -> bool:
    if profile is None or not profile.company or not p.company:
        return False
    return name_key(p.company) == name_key(profile.company)


def evidence_of(p: PersonRow, profile: ProfileRow | None) -> TieEvidence:
    """The tie-strength evidence of one person, but for the interactions (see score_tie)."""
    return TieEvidence(
        known_since=p.known_since,
        closeness=p.closeness,
        is_kin=p.is_kin,
        is_coworker=_coworker(p, profile),
    )


def build_ties(
    people: Sequence[PersonRow],
    summaries: Mapping[int, TieSummary],
    profile: ProfileRow | None,
    now: date,
) -> dict[int, Tie]:
    """Tie strength of every person at `now`, from their interaction summaries."""
    since = now - timedelta(days=ACTIVE_DAYS)
    out: dict[int, Tie] = {}
    nothing = TieSummary()
    for p in people:
        summary = summaries.get(p.id, nothing)
        strength = score_tie(summary, evidence_of(p, profile), now)
        last = strength.days_since_last
        active = last is not None and now - timedelta(days=last) >= since
        out[p.id] = Tie(p, strength, active, summary.n_logged)
    return out


def load_ties(uow: UnitOfWork, now: date, ids: Sequence[int] | None = None) -> dict[int, Tie]:
    """Ties of everyone (or of `ids`) from one columnar read of the interactions."""
    q = uow.repo(AnalyticsQueries)
    people = q.people(ids)
    rows = uow.repo(RawAnalytics).interaction_columns(now, ids)
    return build_ties(people, summaries_at(rows, now), q.profile(), now)


def _groups(people: Sequence[PersonRow], q: AnalyticsQueries) -> list[tuple[str, list[int]]]:
    by_org: dict[int, list[int]] = {}
    for p in people:
        if p.organization_id is not None:
            by_org.setdefault(p.organization_id, []).append(p.id)
    groups = [("same-company", m) for m in by_org.values()]
    groups += [("same-event", m) for _, m in q.event_groups()]
    return [(s, m) for s, m in groups if 2 <= len(m) <= MAX_INFERRED_GROUP]


def _inferred(people: Sequence[PersonRow], q: AnalyticsQueries) -> tuple[list[int], ...]:
    """(a, b, source index into INFERRED_SOURCES) rows of every inferred edge, before merging."""
    a: list[int] = []
    b: list[int] = []
    source: list[int] = []
    introduced = INFERRED_SOURCES.index("introduced")
    for p in people:
        if p.introduced_by_id is not None:
            a.append(p.id)
            b.append(p.introduced_by_id)
            source.append(introduced)
    for name, members in _groups(people, q):
        pairs = list(combinations(members, 2))
        a += [x for x, _ in pairs]
        b += [y for _, y in pairs]
        source += [INFERRED_SOURCES.index(name)] * len(pairs)
    return a, b, source


def load_edges(
    uow: UnitOfWork,
    people: Sequence[PersonRow],
    stored_edges: Sequence[tuple[int, int, int, str]] | None = None,
) -> EdgeTable:
    """Stored edges plus the inferred ones among `people`, one per pair (every source listed).

    `stored_edges` replaces reading every stored edge (used to explain one tie quickly)."""
    q = uow.repo(AnalyticsQueries)
    if stored_edges is None:
        stored = uow.repo(RawAnalytics).knows_columns()
    else:
        stored = knows_columns_of(stored_edges)
    a, b, source = _inferred(people, q)
    names = (*stored.sources, *INFERRED_SOURCES)
    inferred_w = np.array([INFERRED_WEIGHTS[x] for x in INFERRED_SOURCES])
    merged = merge_sources(
        np.concatenate([stored.a, np.array(a, dtype=np.int64)]),
        np.concatenate([stored.b, np.array(b, dtype=np.int64)]),
        np.concatenate([np.clip(stored.strength, 1, 5) / 5.0, inferred_w[source]]),
        np.concatenate([stored.source, np.array(source, dtype=np.int64) + len(stored.sources)]),
        names,
        STORED_SOURCES,
        np.array(sorted(p.id for p in people), dtype=np.int64),
    )
    return EdgeTable(merged)


class EdgeTable(Sequence[NetworkEdge]):
    """The edges, sorted by (a, b), kept as columns: the insights mostly need the columns, and
    300,000 NetworkEdge objects are made only if something reads them one by one."""

    def __init__(self, columns: SourcedEdges) -> None:
        self.columns = columns
        self._edges: list[NetworkEdge] | None = None

    def _all(self) -> list[NetworkEdge]:
        if self._edges is None:
            c = self.columns
            self._edges = list(
                map(
                    NetworkEdge,
                    c.a.tolist(),
                    c.b.tolist(),
                    c.weight.tolist(),
                    c.sources,
                    c.inferred.tolist(),
                )
            )
        return self._edges

    def __len__(self) -> int:
        return int(self.columns.a.size)

    @overload
    def __getitem__(self, i: int) -> NetworkEdge: ...
    @overload
    def __getitem__(self, i: slice) -> list[NetworkEdge]: ...
    def __getitem__(self, i: int | slice) -> NetworkEdge | list[NetworkEdge]:
        return self._all()[i]

    def __iter__(self) -> Iterator[NetworkEdge]:
        return iter(self._all())

    def touching(self, ids: Collection[int]) -> list[NetworkEdge]:
        """The edges with an end in `ids`."""
        c, wanted = self.columns, np.fromiter(ids, dtype=np.int64)
        hit = np.flatnonzero(np.isin(c.a, wanted) | np.isin(c.b, wanted)).tolist()
        if self._edges is not None:
            return [self._edges[i] for i in hit]
        return [
            NetworkEdge(
                int(c.a[i]), int(c.b[i]), float(c.weight[i]), c.sources[i], bool(c.inferred[i])
            )
            for i in hit
        ]


def inferred_count(edges: Sequence[NetworkEdge]) -> int:
    """How many of the edges are inferred."""
    if isinstance(edges, EdgeTable):
        return int(edges.columns.inferred.sum())
    return sum(e.inferred for e in edges)


def graph_edges(edges: Iterable[NetworkEdge]) -> list[tuple[int, int, float]]:
    """(a, b, weight) triples for the graph functions."""
    if isinstance(edges, EdgeTable):
        c = edges.columns
        return list(zip(c.a.tolist(), c.b.tolist(), c.weight.tolist(), strict=True))
    return [(e.a, e.b, e.weight) for e in edges]
