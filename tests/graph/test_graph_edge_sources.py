"""merge_sources gives what the former row-by-row merge of "knows" evidence gave."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from tiekeeper.graph.edge_sources import merge_sources

NAMES = ("introduction", "same-event", "entered", "introduced", "same-company", "zz-other")
STORED = frozenset({"entered", "introduction"})


def reference(
    rows: list[tuple[int, int, float, str]], known: set[int]
) -> list[tuple[int, int, float, tuple[str, ...], bool]]:
    """The former dict-of-pairs algorithm (services.insights_data.load_edges before columns)."""
    pairs: dict[tuple[int, int], list[Any]] = {}
    for a, b, w, source in rows:
        if a == b or a not in known or b not in known:
            continue
        key = (a, b) if a < b else (b, a)
        got = pairs.get(key)
        if got is None:
            pairs[key] = [w, w if source in STORED else None, (source,)]
            continue
        got[0] = max(got[0], w)
        if source in STORED:
            got[1] = w if got[1] is None else max(got[1], w)
        if source not in got[2]:
            got[2] = tuple(sorted((*got[2], source)))
    return [
        (a, b, w if stored is None else stored, src, stored is None)
        for (a, b), (w, stored, src) in sorted(pairs.items())
    ]


row = st.tuples(
    st.integers(1, 12),
    st.integers(1, 12),
    st.sampled_from([0.2, 0.4, 0.6, 0.8, 1.0]),
    st.sampled_from(NAMES),
)


@given(rows=st.lists(row, max_size=60), known=st.sets(st.integers(1, 12)))
def test_merged_edges_equal_the_row_by_row_merge(
    rows: list[tuple[int, int, float, str]], known: set[int]
) -> None:
    merged = merge_sources(
        np.array([r[0] for r in rows], dtype=np.int64),
        np.array([r[1] for r in rows], dtype=np.int64),
        np.array([r[2] for r in rows], dtype=np.float64),
        np.array([NAMES.index(r[3]) for r in rows], dtype=np.int64),
        NAMES,
        STORED,
        np.array(sorted(known), dtype=np.int64),
    )
    got = list(
        zip(
            merged.a.tolist(),
            merged.b.tolist(),
            merged.weight.tolist(),
            merged.sources,
            merged.inferred.tolist(),
            strict=True,
        )
    )
    assert got == reference(rows, known)


def test_the_stored_weight_wins_over_a_larger_inferred_one() -> None:
    merged = merge_sources(
        np.array([1, 2]),
        np.array([2, 1]),
        np.array([0.2, 0.6]),
        np.array([0, 1]),
        ("entered", "introduced"),
        STORED,
        np.array([1, 2]),
    )
    assert merged.weight.tolist() == [0.2]
    assert merged.sources == [("entered", "introduced")]
    assert merged.inferred.tolist() == [False]
