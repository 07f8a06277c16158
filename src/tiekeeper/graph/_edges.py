"""Edge lists as numpy arrays: ids mapped to dense indices, self-loops dropped, parallels merged."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain

import numpy as np
import numpy.typing as npt

from tiekeeper.domain.errors import InvalidInput

Edge = tuple[int, int, float]
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Merged:
    """Undirected edges u < v over indices 0..n-1, one row per pair, weights summed."""

    n: int
    u: IntArray
    v: IntArray
    w: FloatArray


def split(edges: Iterable[Edge]) -> tuple[IntArray, IntArray, FloatArray]:
    """Columns of (a, b, weight) rows; rejects weights that are not positive numbers."""
    rows = edges if isinstance(edges, list) else list(edges)
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty.copy(), np.zeros(0, dtype=np.float64)
    if set(map(len, rows)) != {3}:
        raise InvalidInput("edges must be (a, b, weight) triples", field="edges")
    flat = chain.from_iterable(rows)
    table = np.fromiter(flat, dtype=np.float64, count=3 * len(rows)).reshape(-1, 3)
    w = table[:, 2].copy()
    if not np.all(np.isfinite(w)) or np.any(w <= 0):
        raise InvalidInput("edge weights must be positive numbers", field="weight")
    # float64 holds ids exactly up to 2**53, and every row id lies below it (store/ids.py)
    return table[:, 0].astype(np.int64), table[:, 1].astype(np.int64), w


def merge(n: int, a: IntArray, b: IntArray, w: FloatArray) -> Merged:
    """Drop self-loops and merge parallel edges (either direction) by summing weights."""
    keep = a != b
    lo = np.minimum(a[keep], b[keep])
    hi = np.maximum(a[keep], b[keep])
    keys, inverse = np.unique(lo * n + hi, return_inverse=True)
    merged = np.bincount(inverse.ravel(), weights=w[keep], minlength=keys.size)
    return Merged(n, keys // n, keys % n, merged.astype(np.float64))
