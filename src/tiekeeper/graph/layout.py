"""Node positions for drawing a sample of the network (igraph Fruchterman-Reingold, seeded)."""

from __future__ import annotations

import random
from collections.abc import Sequence

import igraph as ig

from tiekeeper.graph._edges import Edge


def layout(
    nodes: Sequence[int], edges: Sequence[Edge], seed: int = 0
) -> dict[int, tuple[float, float]]:
    """Positions in [0, 1] x [0, 1] for `nodes`; edges with an endpoint outside are ignored."""
    if not nodes:
        return {}
    index = {n: i for i, n in enumerate(nodes)}
    pairs = [(index[a], index[b]) for a, b, _ in edges if a in index and b in index and a != b]
    graph = ig.Graph(n=len(nodes), edges=pairs)
    ig.set_random_number_generator(random.Random(seed))
    try:
        coords = graph.layout_fruchterman_reingold(niter=300, grid="nogrid")
    finally:
        ig.set_random_number_generator(random)
    xs = [c[0] for c in coords]
    ys = [c[1] for c in coords]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    return {n: ((xs[i] - min(xs)) / span_x, (ys[i] - min(ys)) / span_y) for n, i in index.items()}
