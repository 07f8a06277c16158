"""Brokerage and closure of the user's ego network (Burt 1992, 2004, 2005; Borgatti 1997;
Everett & Borgatti 2005), INSIGHTS.md section 1.

The user (ego) is tied to every contact; "knows" edges tie contacts to each other. Everything is
O(E) numpy work except ego betweenness, which needs the number of common contacts of every pair of
non-adjacent contacts (sum over contacts of degree^2 work). That is exact while the number of
wedges (2-paths among contacts) is at most `max_exact_wedges`; above it, it is estimated from a
seeded sample of `sample_rows` contacts (unbiased; `ego_betweenness_exact` says which).

Contacts' own constraint would be truncated (their outside ties are unknown), so it is not offered.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from tiekeeper.graph._edges import Edge, FloatArray, IntArray, Merged, merge, split

MAX_EXACT_WEDGES: Final = 2_000_000
SAMPLE_ROWS: Final = 1_000
_CHUNK_ROWS: Final = 4_096


@dataclass(frozen=True, slots=True)
class DyadicConstraint:
    """How much one contact constrains the user: c_ij, and its share of the total C."""

    contact_id: int
    constraint: float
    share: float


@dataclass(frozen=True, slots=True)
class EgoMeasures:
    """Burt's measures for one ego; all 0 for an ego with no contacts."""

    n_contacts: int
    n_ties_among_contacts: int
    density: float  # 2t / (N(N-1)): the plain-language measure of closure
    constraint: float
    effective_size: float
    efficiency: float
    hierarchy: float
    ego_betweenness: float
    ego_betweenness_exact: bool
    top_constraints: tuple[DyadicConstraint, ...]  # the contacts who make the network redundant


def user_ego_measures(
    contacts: Iterable[int],
    edges: Iterable[Edge],
    *,
    ego_weights: Mapping[int, float] | None = None,
    top: int = 5,
    max_exact_wedges: int = MAX_EXACT_WEDGES,
    sample_rows: int = SAMPLE_ROWS,
    seed: int = 0,
) -> EgoMeasures:
    """The user's measures: ego tied to every contact (weight 1, or `ego_weights[id]`).

    Endpoints of `edges` count as contacts even when missing from `contacts`.
    """
    a, b, w = split(edges)
    ids = np.unique(np.concatenate([np.fromiter(contacts, dtype=np.int64), a, b]))
    n = int(ids.size)
    weights = np.ones(n, dtype=np.float64)
    if ego_weights:
        weights = np.fromiter((ego_weights.get(int(i), 1.0) for i in ids), np.float64, count=n)
    ego = n
    idx = np.arange(n, dtype=np.int64)
    graph = merge(
        n + 1,
        np.concatenate([np.searchsorted(ids, a), idx]),
        np.concatenate([np.searchsorted(ids, b), np.full(n, ego, dtype=np.int64)]),
        np.concatenate([w, weights]),
    )
    return _measures(graph, ego, ids, top, max_exact_wedges, sample_rows, seed)


def ego_measures(
    edges: Iterable[Edge],
    ego: int,
    *,
    top: int = 5,
    max_exact_wedges: int = MAX_EXACT_WEDGES,
    sample_rows: int = SAMPLE_ROWS,
    seed: int = 0,
) -> EgoMeasures:
    """Measures of any node `ego` of a whole graph (contacts = its neighbours; p_qj uses all of
    q's ties, as Burt and networkx do). For the user's network, use `user_ego_measures`."""
    a, b, w = split(edges)
    ids = np.unique(np.concatenate([a, b, np.array([ego], dtype=np.int64)]))
    graph = merge(int(ids.size), np.searchsorted(ids, a), np.searchsorted(ids, b), w)
    ego_index = int(np.searchsorted(ids, ego))
    return _measures(graph, ego_index, ids, top, max_exact_wedges, sample_rows, seed)


def _measures(
    g: Merged,
    ego: int,
    ids: IntArray,
    top: int,
    max_exact_wedges: int,
    sample_rows: int,
    seed: int,
) -> EgoMeasures:
    strength = np.bincount(g.u, g.w, g.n) + np.bincount(g.v, g.w, g.n)
    strongest = np.zeros(g.n)
    np.maximum.at(strongest, g.u, g.w)
    np.maximum.at(strongest, g.v, g.w)
    at_ego = (g.u == ego) | (g.v == ego)
    other = np.where(g.u[at_ego] == ego, g.v[at_ego], g.u[at_ego])
    if other.size == 0:
        return EgoMeasures(0, 0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, True, ())
    p = np.zeros(g.n)
    p[other] = g.w[at_ego] / strength[ego]
    is_contact = p > 0
    among = is_contact[g.u] & is_contact[g.v]
    u, v, w = g.u[among], g.v[among], g.w[among]
    # c_ij = (p_ij + sum_q p_iq p_qj)^2 with p_qj = z_qj / (all of q's ties)
    indirect = np.bincount(v, p[u] * w / strength[u], g.n) + np.bincount(
        u, p[v] * w / strength[v], g.n
    )
    dyadic = (p[other] + indirect[other]) ** 2
    total = float(dyadic.sum())
    # ES = sum_j [1 - sum_q p_iq m_jq], m_jq = z_jq / max_k z_jk (k includes ego)
    redundancy = np.bincount(u, p[v] * w / strongest[u], g.n) + np.bincount(
        v, p[u] * w / strongest[v], g.n
    )
    n_contacts = int(other.size)
    effective = float(n_contacts - redundancy[other].sum())
    ties = int(u.size)
    eb, exact = _ego_betweenness(g.n, is_contact, u, v, max_exact_wedges, sample_rows, seed)
    contact_ids = ids[other]
    order = np.lexsort((contact_ids, -dyadic))[: max(0, top)]
    top_list = tuple(
        DyadicConstraint(int(contact_ids[k]), float(dyadic[k]), float(dyadic[k]) / total)
        for k in order
    )
    return EgoMeasures(
        n_contacts=n_contacts,
        n_ties_among_contacts=ties,
        density=2.0 * ties / (n_contacts * (n_contacts - 1)) if n_contacts > 1 else 0.0,
        constraint=total,
        effective_size=effective,
        efficiency=effective / n_contacts,
        hierarchy=_hierarchy(dyadic, total),
        ego_betweenness=eb,
        ego_betweenness_exact=exact,
        top_constraints=top_list,
    )


def _hierarchy(dyadic: FloatArray, total: float) -> float:
    """Sum r_j ln r_j / (N ln N), r_j = c_ij / (C/N); 0 for one contact or even spread."""
    n = dyadic.size
    if n < 2:
        return 0.0
    r = dyadic / (total / n)
    # >= 0 by Jensen (the r_j average 1); clamp float noise such as -6e-17 for an even spread
    return max(0.0, float(np.sum(r * np.log(r)) / (n * np.log(n))))


def _ego_betweenness(
    n: int,
    is_contact: npt.NDArray[np.bool_],
    u: IntArray,
    v: IntArray,
    max_exact_wedges: int,
    sample_rows: int,
    seed: int,
) -> tuple[float, bool]:
    """Sum over non-adjacent contact pairs of 1 / (1 + common contacts): ego is one 2-path."""
    local = np.cumsum(is_contact) - 1
    size = int(is_contact.sum())
    lu, lv = local[u], local[v]
    ones = np.ones(2 * lu.size)
    adj = sp.csr_matrix((ones, (np.r_[lu, lv], np.r_[lv, lu])), shape=(size, size))
    pairs = size * (size - 1) / 2.0 - lu.size
    degree = np.diff(adj.indptr).astype(np.float64)
    wedges = float(np.sum(degree * (degree - 1) / 2))
    if wedges == 0:
        return pairs, True
    if wedges <= max_exact_wedges or sample_rows >= size:
        rows = np.arange(size)
        return pairs - 0.5 * _redundant_pairs(adj, rows), True
    rng = np.random.default_rng(seed)
    rows = np.sort(rng.choice(size, size=sample_rows, replace=False))
    return pairs - 0.5 * _redundant_pairs(adj, rows) * size / sample_rows, False


def _redundant_pairs(adj: sp.csr_matrix, rows: IntArray) -> float:
    """Sum over j in rows, k != j not adjacent to j, of c/(1+c), c = common neighbours of j, k."""
    total = 0.0
    for start in range(0, rows.size, _CHUNK_ROWS):
        chunk = rows[start : start + _CHUNK_ROWS]
        block = adj[chunk]
        common = (block @ adj).tocsr()
        common = (common - common.multiply(block)).tocoo()
        keep = (common.data > 0) & (common.col != chunk[common.row])
        c = common.data[keep]
        total += float(np.sum(c / (1.0 + c)))
    return total
