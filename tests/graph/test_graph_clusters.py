"""Clusters: karate club (best modularity 0.4198, 4 clusters), planted clusters, participation
coefficient by hand, fragile bridges and labels."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from tiekeeper.graph.clusters import analyse_clusters


def karate() -> tuple[nx.Graph, list[tuple[int, int, float]]]:
    g = nx.karate_club_graph()
    return g, [(a, b, 1.0) for a, b in g.edges()]


def test_karate_club_reaches_the_best_modularity() -> None:
    g, edges = karate()
    report = analyse_clusters(g.nodes(), edges, seed=0)
    assert len(report.clusters) == 4
    assert report.modularity == pytest.approx(0.4198, abs=1e-4)
    parts = [set(c.members) for c in report.clusters]
    assert nx.community.modularity(g, parts, weight=None) == pytest.approx(0.419790, abs=1e-6)


def test_same_seed_same_clusters() -> None:
    g, edges = karate()
    assert (
        analyse_clusters(g, edges, seed=7).membership
        == analyse_clusters(g, edges, seed=7).membership
    )


def test_planted_clusters_are_recovered() -> None:
    rng = random.Random(5)
    groups = [list(range(k * 20, k * 20 + 20)) for k in range(5)]
    edges = []
    for members in groups:
        for a in members:
            for b in rng.sample(members, 6):
                if a != b:
                    edges.append((a, b, 1.0))
    edges += [(0, 20, 1.0), (40, 60, 1.0), (61, 80, 1.0)]
    report = analyse_clusters(range(100), edges, seed=1)
    found = sorted(sorted(c.members) for c in report.clusters)
    assert found == groups


def test_participation_coefficient_by_hand() -> None:
    # two triangles joined by 3-4: node 3 has 2 ties home, 1 away -> 1 - (4/9 + 1/9) = 4/9
    edges = [
        (1, 2, 1.0),
        (1, 3, 1.0),
        (2, 3, 1.0),
        (4, 5, 1.0),
        (4, 6, 1.0),
        (5, 6, 1.0),
        (3, 4, 1.0),
    ]
    report = analyse_clusters([1, 2, 3, 4, 5, 6, 7], edges)
    assert report.participation[3] == pytest.approx(4 / 9, abs=1e-12)
    assert report.participation[1] == 0.0
    assert report.participation[7] == 0.0  # isolated contact
    assert {b.contact_id for b in report.brokers} == {3, 4}
    assert report.brokers[0].betweenness == pytest.approx(6.0)  # {1,2} x {4,5,6} pass through 3
    capped = analyse_clusters([1, 2, 3, 4, 5, 6], edges, betweenness_max_edges=3)
    assert not capped.betweenness_computed
    assert all(b.betweenness is None for b in capped.brokers)


def test_fragile_bridge_is_a_cluster_reached_through_one_person() -> None:
    edges = [
        (1, 2, 1.0),
        (1, 3, 1.0),
        (2, 3, 1.0),
        (4, 5, 1.0),
        (4, 6, 1.0),
        (5, 6, 1.0),
        (3, 4, 1.0),
    ]
    labels = {1: ["Acme", "Tech"], 2: ["Acme"], 3: ["Tech"], 4: ["Globex"], 5: ["Globex"]}
    report = analyse_clusters(range(1, 7), edges, active={1, 2, 5}, labels=labels)
    assert len(report.fragile_bridges) == 1
    bridge = report.fragile_bridges[0]
    assert (bridge.via_contact, bridge.cluster_size, bridge.label) == (5, 3, "Globex")
    by_label = {c.label: c for c in report.clusters}
    assert by_label["Acme"].label_share == pytest.approx(2 / 3)
    assert by_label["Acme"].active_members == (1, 2)


def test_empty_network() -> None:
    report = analyse_clusters([], [])
    assert report.clusters == [] and report.modularity == 0.0
