"""Clusters of the user's contacts and who spans them, INSIGHTS.md section 2.

- Leiden on the contacts-only graph (ego removed) with the modularity objective, iterated until
  stable, from a fixed seed (igraph's default CPM objective returns single-person clusters).
- Participation coefficient P = 1 - sum_s (k_s / k)^2 (Guimera & Amaral 2005) on edge weights.
- Brokers among contacts: igraph betweenness with cutoff 3 on the unweighted contacts-only graph,
  only while the graph has at most `betweenness_max_edges` edges (default 100,000: about 1 s at
  5,000 contacts, 39 s at 30,000 measured); above the cap, brokers are ranked by participation
  alone and their `betweenness` is None.
- Fragile bridges: clusters (of at least `min_bridge_cluster_size` people) where exactly one member
  has an active tie to the user. Bridges decay fastest (Burt 2002).
- Cluster labels: the most common label candidate among the members (ties: alphabetical).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

import igraph as ig
import numpy as np
import scipy.sparse as sp

from tiekeeper.graph._edges import Edge, IntArray, Merged, merge, split

BETWEENNESS_MAX_EDGES: Final = 100_000
BETWEENNESS_CUTOFF: Final = 3
MIN_BRIDGE_CLUSTER_SIZE: Final = 3  # product choice: pairs and singletons are not "clusters"


@dataclass(frozen=True, slots=True)
class Cluster:
    """A group of contacts who know each other; ids sorted; label None when nobody has one."""

    cluster_id: int  # 0 is the largest
    members: tuple[int, ...]
    active_members: tuple[int, ...]  # members with an active tie to the user
    label: str | None
    label_share: float  # share of members carrying the label


@dataclass(frozen=True, slots=True)
class Broker:
    """A contact who spans clusters."""

    contact_id: int
    participation: float
    betweenness: float | None  # None when skipped above the edge cap


@dataclass(frozen=True, slots=True)
class FragileBridge:
    """A cluster the user reaches through one person only."""

    cluster_id: int
    via_contact: int
    cluster_size: int
    label: str | None


@dataclass(frozen=True, slots=True)
class ClusterReport:
    """Everything the cluster view needs."""

    membership: dict[int, int]  # contact id -> cluster id
    clusters: list[Cluster]
    modularity: float
    participation: dict[int, float]
    brokers: list[Broker]
    betweenness_computed: bool
    fragile_bridges: list[FragileBridge]


@dataclass(frozen=True, slots=True)
class _Contacts:
    graph: ig.Graph
    order: IntArray  # vertex index -> contact id
    edges: Merged


def _build(contacts: Iterable[int], edges: Iterable[Edge]) -> _Contacts:
    """Contacts-only graph: self-loops dropped, parallel edges merged by summing weights."""
    a, b, w = split(edges)
    order = np.unique(np.concatenate([np.fromiter(contacts, dtype=np.int64), a, b]))
    merged = merge(int(order.size), np.searchsorted(order, a), np.searchsorted(order, b), w)
    graph = ig.Graph(n=int(order.size), edges=np.column_stack([merged.u, merged.v]).tolist())
    graph.es["weight"] = merged.w.tolist()
    return _Contacts(graph, order, merged)


def _leiden(graph: ig.Graph, seed: int) -> list[int]:
    ig.set_random_number_generator(random.Random(seed))
    try:
        parts = graph.community_leiden(
            objective_function="modularity", weights="weight", n_iterations=-1
        )
    finally:
        ig.set_random_number_generator(random)
    raw: list[int] = list(parts.membership)
    return raw


def _relabel(raw: Sequence[int]) -> list[int]:
    """Cluster ids by size (largest 0), then by first member, so results are stable."""
    sizes = Counter(raw)
    first: dict[int, int] = {}
    for i, c in enumerate(raw):
        first.setdefault(c, i)
    ranked = sorted(sizes, key=lambda c: (-sizes[c], first[c]))
    new = {c: k for k, c in enumerate(ranked)}
    return [new[c] for c in raw]


def participation(edges: Merged, membership: Sequence[int]) -> list[float]:
    """P = 1 - sum_s (k_s/k)^2 over edge weights, per vertex 0..n-1; 0 for isolated ones."""
    n = edges.n
    if n == 0:
        return []
    cluster = np.asarray(membership, dtype=np.int64)
    k_s = sp.csr_matrix(
        (
            np.concatenate([edges.w, edges.w]),
            (
                np.concatenate([edges.u, edges.v]),
                np.concatenate([cluster[edges.v], cluster[edges.u]]),
            ),
        ),
        shape=(n, int(cluster.max()) + 1),
    )
    k = np.asarray(k_s.sum(axis=1)).ravel()
    squares = np.asarray(k_s.multiply(k_s).sum(axis=1)).ravel()
    safe = np.where(k > 0, k, 1.0)
    result: list[float] = np.where(k > 0, 1.0 - squares / safe**2, 0.0).tolist()
    return result


def _label(members: Sequence[int], labels: Mapping[int, Sequence[str]]) -> tuple[str | None, float]:
    counts = Counter(lab for m in members for lab in dict.fromkeys(labels.get(m, ())))
    if not counts:
        return None, 0.0
    best, n = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return best, n / len(members)


def analyse_clusters(
    contacts: Iterable[int],
    edges: Iterable[Edge],
    *,
    active: Collection[int] = frozenset(),
    labels: Mapping[int, Sequence[str]] | None = None,
    seed: int = 0,
    betweenness_max_edges: int = BETWEENNESS_MAX_EDGES,
    top_brokers: int = 10,
    min_bridge_cluster_size: int = MIN_BRIDGE_CLUSTER_SIZE,
) -> ClusterReport:
    """Leiden clusters, participation, brokers, fragile bridges and labels of the contacts."""
    net = _build(contacts, edges)
    graph, order = net.graph, [int(x) for x in net.order]
    membership = _relabel(_leiden(graph, seed)) if order else []
    groups: dict[int, list[int]] = {}
    for i, c in enumerate(membership):
        groups.setdefault(c, []).append(order[i])
    active_set = set(active)
    clusters: list[Cluster] = []
    bridges: list[FragileBridge] = []
    for cid in sorted(groups):
        members = tuple(groups[cid])
        reached = tuple(m for m in members if m in active_set)
        label, share = _label(members, labels or {})
        clusters.append(Cluster(cid, members, reached, label, share))
        if len(reached) == 1 and len(members) >= min_bridge_cluster_size:
            bridges.append(FragileBridge(cid, reached[0], len(members), label))
    part = participation(net.edges, membership)
    computed = graph.ecount() <= betweenness_max_edges
    between: list[float | None] = [None] * len(order)
    if computed and order:
        between = list(graph.betweenness(directed=False, cutoff=BETWEENNESS_CUTOFF))
    ranked = sorted(
        range(len(order)),
        key=lambda i: (-(between[i] or 0.0), -part[i], order[i]),
    )
    spanning = [i for i in ranked if part[i] > 0.0][: max(0, top_brokers)]
    brokers = [Broker(order[i], part[i], between[i]) for i in spanning]
    return ClusterReport(
        membership={order[i]: c for i, c in enumerate(membership)},
        clusters=clusters,
        modularity=float(graph.modularity(membership, weights="weight")) if graph.ecount() else 0.0,
        participation={order[i]: part[i] for i in range(len(order))},
        brokers=brokers,
        betweenness_computed=computed,
        fragile_bridges=bridges,
    )
