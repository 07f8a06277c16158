"""Brokerage measures: INSIGHTS.md section 1 table, Borgatti 1997, Florentine families, and
networkx (unweighted, and constraint weighted) as an independent oracle on random graphs."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.graph.brokerage import EgoMeasures, ego_measures, user_ego_measures

EGO = -1


def unweighted(pairs: list[tuple[int, int]]) -> list[tuple[int, int, float]]:
    return [(a, b, 1.0) for a, b in pairs]


TABLE = [
    # name, contacts, contact-contact edges, N, C, ES, efficiency, hierarchy, ego betweenness
    ("star", [1, 2, 3, 4], [], 4, Fraction(1, 4), 4, 1, 0, 6),
    ("path, ego in the middle", [0, 2], [], 2, Fraction(1, 2), 2, 1, 0, 1),
    ("triangle", [1, 2], [(1, 2)], 2, Fraction(9, 8), 1, Fraction(1, 2), 0, 0),
    ("K4", [1, 2, 3], [(1, 2), (1, 3), (2, 3)], 3, Fraction(25, 27), 1, Fraction(1, 3), 0, 0),
    ("two pairs", [1, 2, 3, 4], [(1, 2), (3, 4)], 4, Fraction(9, 16), 3, Fraction(3, 4), 0, 4),
    (
        "two triangles",
        [1, 2, 3, 4, 5, 6],
        [(1, 2), (1, 3), (2, 3), (4, 5), (4, 6), (5, 6)],
        6,
        Fraction(25, 54),
        4,
        Fraction(2, 3),
        0,
        9,
    ),
]


@pytest.mark.parametrize(
    ("name", "contacts", "pairs", "n", "c", "es", "eff", "h", "eb"),
    TABLE,
    ids=[t[0] for t in TABLE],
)
def test_published_table(
    name: str,
    contacts: list[int],
    pairs: list[tuple[int, int]],
    n: int,
    c: Fraction,
    es: float,
    eff: Fraction,
    h: float,
    eb: float,
) -> None:
    m = user_ego_measures(contacts, unweighted(pairs))
    assert m.n_contacts == n
    assert m.constraint == pytest.approx(float(c), abs=1e-12)
    assert m.effective_size == pytest.approx(es, abs=1e-12)
    assert m.efficiency == pytest.approx(float(eff), abs=1e-12)
    assert m.hierarchy == pytest.approx(h, abs=1e-12)
    assert m.ego_betweenness == pytest.approx(eb, abs=1e-12)
    assert m.ego_betweenness_exact


def borgatti() -> nx.Graph:
    g = nx.Graph()
    g.add_edges_from(
        [
            ("A", "B"),
            ("A", "F"),
            ("A", "G"),
            ("A", "E"),
            ("E", "G"),
            ("F", "G"),
            ("B", "G"),
            ("B", "D"),
            ("D", "G"),
            ("G", "C"),
        ]
    )
    return g


def measures_of(g: nx.Graph, node: object, weight: str | None = None) -> EgoMeasures:
    index = {v: i for i, v in enumerate(g)}
    edges = [
        (index[a], index[b], float(d.get(weight, 1) if weight else 1))
        for a, b, d in g.edges(data=True)
    ]
    return ego_measures(edges, index[node])


def test_borgatti_1997_example() -> None:
    g = borgatti()
    assert measures_of(g, "G").constraint == pytest.approx(0.400, abs=1e-3)
    assert measures_of(g, "A").constraint == pytest.approx(0.595, abs=1e-3)
    assert measures_of(g, "G").effective_size == pytest.approx(14 / 3, abs=1e-12)  # 4.67
    assert measures_of(g, "A").effective_size == pytest.approx(2.5, abs=1e-12)


def test_borgatti_weighted_constraint_matches_networkx_tests() -> None:
    g = borgatti()
    weights = {
        ("A", "B"): 2,
        ("A", "F"): 3,
        ("A", "G"): 5,
        ("A", "E"): 2,
        ("E", "G"): 8,
        ("F", "G"): 3,
        ("B", "G"): 4,
        ("B", "D"): 1,
        ("D", "G"): 3,
        ("G", "C"): 10,
    }
    nx.set_edge_attributes(g, weights, "weight")
    assert measures_of(g, "G", "weight").constraint == pytest.approx(0.299, abs=1e-3)
    assert measures_of(g, "A", "weight").constraint == pytest.approx(0.795, abs=1e-3)
    # networkx's own test values for weighted effective size (5.47, 2.47)
    assert measures_of(g, "G", "weight").effective_size == pytest.approx(5.47, abs=1e-2)
    assert measures_of(g, "A", "weight").effective_size == pytest.approx(2.47, abs=1e-2)


def test_florentine_medici() -> None:
    g = nx.florentine_families_graph()
    m = measures_of(g, "Medici")
    assert m.constraint == pytest.approx(17 / 81, abs=1e-12)
    assert m.effective_size == pytest.approx(17 / 3, abs=1e-12)
    assert m.n_contacts == 6 and m.n_ties_among_contacts == 1
    # Ridolfi and Tornabuoni know each other: they constrain the Medici most
    top = {c.contact_id for c in m.top_constraints[:2]}
    index = {v: i for i, v in enumerate(g)}
    assert top == {index["Ridolfi"], index["Tornabuoni"]}


def test_self_loops_dropped_and_parallel_edges_merged() -> None:
    clean = user_ego_measures([1, 2, 3], [(1, 2, 2.0), (2, 3, 1.0)])
    messy = user_ego_measures([1, 2, 3], [(1, 2, 1.5), (2, 1, 0.5), (3, 3, 9.0), (2, 3, 1.0)])
    assert messy == clean


def test_top_constraints_name_the_redundant_contacts() -> None:
    m = user_ego_measures([1, 2, 3, 4, 5], unweighted([(1, 2), (1, 3), (2, 3)]), top=3)
    assert [c.contact_id for c in m.top_constraints] == [1, 2, 3]
    assert sum(c.share for c in m.top_constraints) < 1.0


def test_density_in_plain_language() -> None:
    m = user_ego_measures([1, 2, 3, 4], unweighted([(1, 2), (3, 4)]))
    assert m.density == pytest.approx(2 / 6)


def test_no_contacts_and_bad_weights() -> None:
    assert user_ego_measures([], []).n_contacts == 0
    with pytest.raises(InvalidInput):
        user_ego_measures([1, 2], [(1, 2, -1.0)])


def naive_ego_betweenness(n_contacts: int, pairs: set[frozenset[int]]) -> float:
    total = 0.0
    for j, k in itertools.combinations(range(n_contacts), 2):
        if frozenset((j, k)) in pairs:
            continue
        common = sum(
            1
            for q in range(n_contacts)
            if frozenset((j, q)) in pairs and frozenset((k, q)) in pairs
        )
        total += 1 / (1 + common)
    return total


graphs = st.integers(1, 9).flatmap(
    lambda n: st.tuples(
        st.just(n),
        st.lists(
            st.tuples(st.integers(0, n - 1), st.integers(0, n - 1), st.integers(1, 5)), max_size=25
        ),
    )
)


@settings(max_examples=150, deadline=None)
@given(graphs)
def test_matches_networkx_on_random_ego_networks(
    case: tuple[int, list[tuple[int, int, int]]],
) -> None:
    n, raw = case
    edges = [(a, b, float(w)) for a, b, w in raw]
    g = nx.Graph()
    g.add_nodes_from([EGO, *range(n)])
    for j in range(n):
        g.add_edge(EGO, j, weight=1.0)
    for a, b, w in edges:
        if a != b:
            g.add_edge(a, b, weight=g.get_edge_data(a, b, {"weight": 0.0})["weight"] + w)
    ours = user_ego_measures(range(n), edges)
    # unweighted: one edge per pair (parallel edges would merge into weight 2)
    pairs = {frozenset((a, b)) for a, b, _ in edges if a != b}
    unw = user_ego_measures(range(n), [(min(pr), max(pr), 1.0) for pr in pairs])
    assert ours.constraint == pytest.approx(
        nx.constraint(g, [EGO], weight="weight")[EGO], abs=1e-12
    )
    assert unw.constraint == pytest.approx(nx.constraint(g, [EGO])[EGO], abs=1e-12)
    assert unw.effective_size == pytest.approx(nx.effective_size(g, [EGO])[EGO], abs=1e-12)
    assert ours.n_ties_among_contacts == len(pairs)
    assert ours.ego_betweenness == pytest.approx(naive_ego_betweenness(n, pairs), abs=1e-12)
    assert 0.0 <= ours.hierarchy <= 1.0 + 1e-12
    assert ours.effective_size <= n + 1e-12


@settings(max_examples=100, deadline=None)
@given(graphs)
def test_weighted_effective_size_matches_burts_formula(
    case: tuple[int, list[tuple[int, int, int]]],
) -> None:
    # Hand derivation, not networkx (its weighted effective_size has a known bug in 3.6.1).
    n, raw = case
    z: dict[tuple[int, int], float] = {}
    for a, b, w in raw:
        if a != b:
            z[(a, b)] = z.get((a, b), 0.0) + w
            z[(b, a)] = z.get((b, a), 0.0) + w
    for j in range(n):
        z[(EGO, j)] = z[(j, EGO)] = 1.0
    nodes = [EGO, *range(n)]

    def p(i: int, j: int) -> float:
        return z.get((i, j), 0.0) / sum(z.get((i, k), 0.0) for k in nodes)

    def m(j: int, q: int) -> float:
        return z.get((j, q), 0.0) / max(z.get((j, k), 0.0) for k in nodes)

    es = sum(1 - sum(p(EGO, q) * m(j, q) for q in range(n) if q != j) for j in range(n))
    ours = user_ego_measures(range(n), [(a, b, float(w)) for a, b, w in raw])
    assert ours.effective_size == pytest.approx(es, abs=1e-12)


def test_sampled_ego_betweenness_is_close_to_exact() -> None:
    g = nx.gnm_random_graph(400, 3000, seed=3)
    edges = unweighted(list(g.edges()))
    exact = user_ego_measures(range(400), edges)
    sampled = user_ego_measures(range(400), edges, max_exact_wedges=10, sample_rows=100)
    assert exact.ego_betweenness_exact and not sampled.ego_betweenness_exact
    assert sampled.ego_betweenness == pytest.approx(exact.ego_betweenness, rel=5e-3)
    assert sampled.ego_betweenness != exact.ego_betweenness
    assert math.isclose(sampled.constraint, exact.constraint)
