"""Tie summaries (tie_strength.TieSummary) of every person at once, from interaction columns.

The pure summarise() walks one person's facts in Python; at 1,000,000 interactions that walk
dominated `tiekeeper insights`. Here the same numbers come from numpy group-bys, and they are the
same floats, not approximations: each decay weight 2^(-age/180) is computed by the domain's own
decay() (once per distinct age), and np.bincount adds the weights of a person in row order, as
Python's sum() does over that person's facts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Final, Protocol

import numpy as np
import numpy.typing as npt

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.domain.insights.tie_strength import (
    INITIATION_SHARES,
    INITIATORS,
    MULTIPLEXITY_WINDOW_DAYS,
    TieSummary,
    decay,
)

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
DENSE_SLACK: Final = 100_000  # count in tables up to 2 x rows + this long, else sort


class InteractionArrays(Protocol):
    """Equal-length columns, one row per (interaction, person); `day` is date.toordinal(),
    `channel` indexes `channels`, `initiated` indexes INITIATORS (any other code: unknown)."""

    @property
    def person(self) -> IntArray: ...
    @property
    def day(self) -> IntArray: ...
    @property
    def channel(self) -> IntArray: ...
    @property
    def initiated(self) -> IntArray: ...
    @property
    def channels(self) -> tuple[str, ...]: ...


@dataclass(frozen=True, slots=True)
class _Rows:
    person: IntArray
    day: IntArray
    channel: IntArray
    initiated: IntArray
    now: IntArray  # each row's `now` as an ordinal (a 0-d array when it is one day for all)

    def take(self, index: IntArray | None) -> _Rows:
        """These rows, or only those at `index` (None: all, without copying)."""
        if index is None:
            return self
        now = self.now if self.now.ndim == 0 else self.now[index]
        return _Rows(
            self.person[index], self.day[index], self.channel[index], self.initiated[index], now
        )


def _in_scope(rows: InteractionArrays, now: date | Mapping[int, date]) -> _Rows:
    """All rows with one day for all, else the rows of the people in the mapping, each with
    their own day."""
    if isinstance(now, date):
        return _Rows(rows.person, rows.day, rows.channel, rows.initiated, np.array(now.toordinal()))
    ids = np.array(sorted(now), dtype=np.int64)
    days = np.array([now[i].toordinal() for i in ids.tolist()], dtype=np.int64)
    kept = pos = np.zeros(0, dtype=np.int64)
    if ids.size:
        pos = np.minimum(np.searchsorted(ids, rows.person), ids.size - 1)
        kept = np.flatnonzero(ids[pos] == rows.person)
    return _Rows(
        rows.person[kept], rows.day[kept], rows.channel[kept], rows.initiated[kept], days[pos[kept]]
    )


def _subset(mask: npt.NDArray[np.bool_]) -> IntArray | None:
    """Indices where `mask` holds, None when it holds everywhere (no copy needed)."""
    return None if bool(mask.all()) else np.flatnonzero(mask)


def _dense(ids: IntArray) -> tuple[IntArray, IntArray]:
    """(sorted distinct ids, each row's index into them): np.unique(return_inverse), but
    counting instead of sorting a million rows when the ids are not too sparse. Counted from
    the lowest id: an account's ids lie close together, in a block far from 0 (store/ids.py)."""
    if not ids.size:
        return ids.copy(), ids.copy()
    base = int(ids.min())
    span = int(ids.max()) - base
    if span > 2 * ids.size + DENSE_SLACK:
        distinct, inverse = np.unique(ids, return_inverse=True)
        return distinct, inverse.ravel()
    offsets = ids - base
    present = np.zeros(span + 1, dtype=np.bool_)
    present[offsets] = True
    position = np.cumsum(present) - 1
    return np.flatnonzero(present) + base, position[offsets]


def _shares(side: int) -> FloatArray:
    return np.array([INITIATION_SHARES[who][side] for who in INITIATORS], dtype=np.float64)


def _channel_counts(pp: IntArray, channel: IntArray, names: tuple[str, ...], n: int) -> IntArray:
    """Distinct channels per person (trimmed, lower case), over the rows given."""
    same: dict[str, int] = {}
    norm = np.array([same.setdefault(c.strip().lower(), len(same)) for c in names] or [0])
    k = max(1, len(same))
    pairs = pp * k + norm[channel]
    if n * k <= 2 * pairs.size + DENSE_SLACK:
        used = np.bincount(pairs, minlength=n * k).reshape(n, k) > 0
        counts: IntArray = used.sum(axis=1)
        return counts
    return np.bincount(np.unique(pairs) // k, minlength=n)


def tie_summaries(rows: InteractionArrays, now: date | Mapping[int, date]) -> dict[int, TieSummary]:
    """Summary of every person with rows, at `now` (one day for all, or a day per person: then
    only the people in the mapping); equal to tie_strength.summarise() of their facts."""
    scoped = _in_scope(rows, now)
    people, pidx = _dense(scoped.person)
    n = int(people.size)
    n_logged = np.bincount(pidx, minlength=n)
    at = _subset(scoped.day <= scoped.now)
    past = scoped.take(at)
    pp = pidx if at is None else pidx[at]
    age = past.now - past.day
    unknown = np.flatnonzero(past.initiated >= len(INITIATORS))
    if unknown.size:
        who = int(people[pp[unknown[0]]])
        raise InvalidInput("must be me, them or mutual", field="initiated_by", value=who)
    n_past = np.bincount(pp, minlength=n)
    last = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(last, pp, age)
    first = np.full(n, -1, dtype=np.int64)
    np.maximum.at(first, pp, age)
    # each distinct age's weight computed once, by the domain's own decay()
    table = np.zeros(int(age.max(initial=-1)) + 1, dtype=np.float64)
    seen_ages = np.flatnonzero(np.bincount(age))
    table[seen_ages] = [decay(a) for a in seen_ages.tolist()]
    weight = table[age]
    activity = np.bincount(pp, weights=weight, minlength=n)
    by_me = np.bincount(pp, weights=_shares(0)[past.initiated], minlength=n)
    by_them = np.bincount(pp, weights=_shares(1)[past.initiated], minlength=n)
    window = np.flatnonzero(age <= MULTIPLEXITY_WINDOW_DAYS)
    channels = _channel_counts(pp[window], past.channel[window], rows.channels, n)
    out: dict[int, TieSummary] = {}
    columns = zip(
        people.tolist(),
        n_logged.tolist(),
        n_past.tolist(),
        last.tolist(),
        first.tolist(),
        activity.tolist(),
        by_me.tolist(),
        by_them.tolist(),
        channels.tolist(),
        strict=True,
    )
    for pid, logged, seen, lo, hi, act, me, them, k in columns:
        out[pid] = TieSummary(logged, lo, hi, act, me, them, k) if seen else TieSummary(logged)
    return out
