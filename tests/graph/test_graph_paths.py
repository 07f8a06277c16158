"""Warm paths: direct ties and you -> A -> B, ranked by the product of strengths."""

from __future__ import annotations

import pytest

from tiekeeper.graph.paths import KnowsGraph, warm_paths


def test_two_hop_paths_ranked_by_product_of_strengths() -> None:
    graph = KnowsGraph([(1, 10, 1.0), (2, 10, 0.5), (3, 11, 1.0), (10, 11, 1.0)])
    strengths = {1: 0.9, 2: 0.95, 3: 0.2, 10: 0.1}
    paths = warm_paths(graph, strengths, {10, 11})
    got = [(p.target, p.via, round(p.strength, 6)) for p in paths]
    assert got == [
        (10, 1, 0.9),
        (10, 2, 0.475),
        (11, 3, 0.2),
        (10, None, 0.1),  # the weak direct tie
        (11, 10, 0.1),  # an insider at the target company
    ]
    assert paths[0].hops == 2 and paths[3].hops == 1


def test_direct_tie_wins_a_tie_in_strength() -> None:
    graph = KnowsGraph([(1, 10, 1.0)])
    paths = warm_paths(graph, {1: 0.5, 10: 0.5}, [10])
    assert [(p.via, p.hops) for p in paths] == [(None, 1), (1, 2)]


def test_limits_weights_and_self_loops() -> None:
    graph = KnowsGraph([(1, 10, 3.0), (1, 1, 1.0), (2, 10, 1.0)])
    paths = warm_paths(graph, {1: 0.5, 2: 0.4}, [10], limit=1)
    assert len(paths) == 1 and paths[0].their_tie == 1.0 and paths[0].strength == 0.5
    assert warm_paths(graph, {1: 0.5}, [99]) == []
    assert warm_paths(graph, {1: 0.5, 2: 0.4}, [10], min_strength=0.45)[0].via == 1
    assert len(warm_paths(graph, {1: 0.5, 2: 0.4}, [10], min_strength=0.45)) == 1
    with pytest.raises(ValueError):
        KnowsGraph([(1, 2, 0.0)])
