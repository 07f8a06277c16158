"""Warm paths into a target (people at a company, in an industry, or one person).

A path is you -> B (direct) or you -> A -> B (two hops, A introduces you). Its strength is the
product of the tie strengths along it: your tie to A (0..1, from tie_strength) times how well A
knows B (the "knows" edge weight, clipped to 0..1; an unweighted edge counts as 1). A direct tie
is just your tie to B. Paths are ranked by strength, then fewer hops, then intermediate and target
id. The product reads as "the chance the chain holds" and never rates a two-hop path above the
weakest of its links.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

Edge = tuple[int, int, float]


@dataclass(frozen=True, slots=True)
class WarmPath:
    """One way in: `via` is None for a direct tie."""

    target: int
    via: int | None
    strength: float
    your_tie: float  # your tie strength to the first person on the path
    their_tie: float | None  # how well `via` knows `target` (None for direct ties)

    @property
    def hops(self) -> int:
        """1 for a direct tie, 2 through an intermediate."""
        return 1 if self.via is None else 2


class KnowsGraph:
    """Adjacency of "knows" edges among contacts, built once and queried many times."""

    def __init__(self, edges: Iterable[Edge]) -> None:
        self._adj: dict[int, dict[int, float]] = {}
        for a, b, w in edges:
            if a == b:
                continue
            if w <= 0:
                raise ValueError("edge weights must be positive")
            self._adj.setdefault(a, {})
            self._adj.setdefault(b, {})
            # parallel edges merge by summing; the path uses min(1, weight)
            self._adj[a][b] = self._adj[a].get(b, 0.0) + w
            self._adj[b][a] = self._adj[b].get(a, 0.0) + w

    def neighbours(self, contact: int) -> Mapping[int, float]:
        """Contacts who know `contact`, with the edge weight."""
        return self._adj.get(contact, {})


def warm_paths(
    graph: KnowsGraph,
    strengths: Mapping[int, float],
    targets: Collection[int],
    *,
    limit: int | None = 20,
    min_strength: float = 0.0,
) -> list[WarmPath]:
    """Direct ties and two-hop paths to any target, strongest first."""
    paths: list[WarmPath] = []
    for target in set(targets):
        direct = strengths.get(target)
        if direct is not None and direct > min_strength:
            paths.append(WarmPath(target, None, direct, direct, None))
        for via, weight in graph.neighbours(target).items():
            yours = strengths.get(via)
            if yours is None or yours <= 0.0:
                continue
            knows = min(1.0, weight)
            strength = yours * knows
            if strength > min_strength:
                paths.append(WarmPath(target, via, strength, yours, knows))
    paths.sort(key=lambda p: (-p.strength, p.hops, -1 if p.via is None else p.via, p.target))
    return paths if limit is None else paths[:limit]
