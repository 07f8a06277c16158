"""Time the network insights on a realistic size: 30,000 contacts, 300,000 "knows" edges.

Planted clusters (100 groups of 300, 85 % of edges inside a group). Prints seconds per step:
    python bench/bench_insights_graph.py [--contacts 30000] [--edges 300000] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import time

from tiekeeper.graph.brokerage import user_ego_measures
from tiekeeper.graph.clusters import analyse_clusters
from tiekeeper.graph.paths import KnowsGraph, warm_paths


def planted_network(
    n: int, m: int, groups: int, inside: float, seed: int
) -> tuple[list[int], list[tuple[int, int, float]], list[int]]:
    """Contacts 0..n-1 in `groups` planted clusters; m random edges, `inside` of them in-group."""
    rng = random.Random(seed)
    group_of = [i % groups for i in range(n)]
    members: list[list[int]] = [[] for _ in range(groups)]
    for i, g in enumerate(group_of):
        members[g].append(i)
    edges: list[tuple[int, int, float]] = []
    while len(edges) < m:
        a = rng.randrange(n)
        b = rng.choice(members[group_of[a]]) if rng.random() < inside else rng.randrange(n)
        if a != b:
            edges.append((a, b, 1.0))
    return list(range(n)), edges, group_of


def _timed(label: str, fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn()
    print(f"{label:<42} {time.perf_counter() - start:8.3f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--edges", type=int, default=300_000)
    parser.add_argument("--groups", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    contacts, edges, group_of = planted_network(
        args.contacts, args.edges, args.groups, 0.85, args.seed
    )
    rng = random.Random(args.seed)
    strengths = {c: rng.random() for c in contacts}
    active = {c for c, s in strengths.items() if s > 0.7}
    print(f"{len(contacts):,} contacts, {len(edges):,} edges, {args.groups} planted clusters")
    m = _timed(
        "user brokerage (C, ES, hierarchy, EB...)", lambda: user_ego_measures(contacts, edges)
    )
    print(
        f"  C={m.constraint:.6f} ES={m.effective_size:.2f} eff={m.efficiency:.4f} "
        f"H={m.hierarchy:.4f} EB={m.ego_betweenness:,.0f} (exact={m.ego_betweenness_exact})"
    )
    report = _timed(
        "clusters (Leiden, participation, bridges)",
        lambda: analyse_clusters(contacts, edges, active=active, seed=0),
    )
    planted: dict[int, set[int]] = {}
    for c, cl in report.membership.items():
        planted.setdefault(cl, set()).add(group_of[c])
    pure = sum(len(g) == 1 for g in planted.values())
    print(
        f"  {len(report.clusters)} clusters, modularity {report.modularity:.4f}, "
        f"{pure} pure, betweenness computed: {report.betweenness_computed}"
    )
    graph = _timed("warm paths: build adjacency (once)", lambda: KnowsGraph(edges))
    targets = [c for c in contacts if group_of[c] == 7][:50]
    paths = _timed(
        "warm paths: one query (50 targets)", lambda: warm_paths(graph, strengths, targets)
    )
    print(f"  best: {paths[0] if paths else None}")


if __name__ == "__main__":
    main()
