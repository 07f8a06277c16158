"""Warm paths on one scale: `tiekeeper paths`, `target list` and the opportunity's best contact
all rank a route by the same number, graph.paths over the tie strength of INSIGHTS.md section 3
and the "knows" edge weights of insights_data (stored strength / 5, inferred 0.4-0.6).

Only the edges touching the targets matter to a path (you -> via -> target), so the edges are
loaded once for the whole network (inferred groups need everyone to judge their size) and the
tie strength is computed only for the targets and the people who know them.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Final

from tiekeeper.graph.paths import KnowsGraph, WarmPath, warm_paths
from tiekeeper.services.insights.data import Tie, graph_edges, load_edges, load_ties
from tiekeeper.store.analytics import AnalyticsQueries
from tiekeeper.store.uow import UnitOfWork

SUBSET_READ_MAX: Final = 3000


@dataclass(frozen=True, slots=True)
class PathNetwork:
    """The "knows" edges into a set of targets and the ties of everyone on them."""

    graph: KnowsGraph
    ties: dict[int, Tie]
    inferred: dict[tuple[int, int], bool]  # (lower id, higher id) -> no stored edge says so

    def paths(self, targets: Collection[int], limit: int | None) -> list[WarmPath]:
        """Direct ties and two-hop paths into `targets`, strongest first."""
        strengths = {pid: t.strength.score for pid, t in self.ties.items()}
        return warm_paths(self.graph, strengths, targets, limit=limit)

    def is_inferred(self, via: int, target: int) -> bool:
        """Whether the via-target edge was inferred rather than recorded."""
        return self.inferred.get((min(via, target), max(via, target)), False)


def path_network(uow: UnitOfWork, targets: Collection[int], now: date) -> PathNetwork:
    """The network needed to rank paths into `targets` at `now` (inside an open unit of work)."""
    if not targets:
        return PathNetwork(KnowsGraph(()), {}, {})
    edges = load_edges(uow, uow.repo(AnalyticsQueries).people()).touching(targets)
    needed = set(targets) | {x for e in edges for x in (e.a, e.b)}
    # past a few thousand people one read of everything beats many chunked ones (same numbers)
    ties = load_ties(uow, now, sorted(needed) if len(needed) <= SUBSET_READ_MAX else None)
    inferred = {(min(e.a, e.b), max(e.a, e.b)): e.inferred for e in edges}
    return PathNetwork(KnowsGraph(graph_edges(edges)), ties, inferred)
