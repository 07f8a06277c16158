"""Column reads for the network insights: a million interactions and hundreds of thousands of
"knows" edges as numpy arrays.

At 1,000,000 rows, making Python objects was the cost, not the query: SQLAlchemy's per-row
handling (Row objects, date parsing) took longer than the query, and even the driver's plain
tuples took as long again as the query. So these reads make none: the database computes integers
only (a day as date.toordinal(), texts as small codes from a known vocabulary, several numbers
packed into one when they fit) and aggregates them into a single comma-separated text, which
numpy parses in one call. Hand-written SQL on the unit of work's connection (same transaction),
for SQLite and PostgreSQL, always filtered by owner.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

import numpy as np
import numpy.typing as npt
from sqlalchemy import Connection, func, select

from tiekeeper.domain.insights.tie_strength import INITIATORS
from tiekeeper.domain.model import CHANNELS
from tiekeeper.store import tables as t
from tiekeeper.store.people import _chunks

IntArray = npt.NDArray[np.int64]
# date.toordinal() in SQL: SQLite's julianday of a date is N.5 with N - 1721424 the ordinal;
# PostgreSQL's `day - DATE '0001-01-01'` is the ordinal - 1.
_DAY_SQL: Final = {
    "sqlite": "(CAST(julianday(i.occurred_on) AS INTEGER) - 1721424)",
    "postgresql": "(i.occurred_on - DATE '0001-01-01' + 1)",
}
DAY_BITS: Final = 22  # date(9999, 12, 31).toordinal() < 2**22
# Two ids pack into one signed 64-bit number as offsets from the owner's lowest: an account's
# ids lie in a block of its own (store/ids.py), far above 2**31, but close to each other.
ID_BITS: Final = 31
KNOWS_SOURCES: Final = ("entered", "introduction")  # the usual values of knows.source


@dataclass(frozen=True, slots=True)
class InteractionColumns:
    """One row per (interaction, person): equal-length arrays, in the database's order.

    `day` is date.toordinal(); `channel` indexes `channels` (raw texts: the usual vocabulary,
    then any other found); `initiated` indexes tie_strength.INITIATORS, len(INITIATORS) for any
    other value."""

    person: IntArray
    day: IntArray
    channel: IntArray
    initiated: IntArray
    channels: tuple[str, ...]

    def __len__(self) -> int:
        return int(self.person.size)


@dataclass(frozen=True, slots=True)
class KnowsColumns:
    """Stored "knows" edges: a, b, strength and `source` indexing `sources` (the raw texts)."""

    a: IntArray
    b: IntArray
    strength: IntArray
    source: IntArray
    sources: tuple[str, ...]


def _case(column: str, vocabulary: Sequence[str]) -> str:
    """SQL giving the index of `column` in `vocabulary`, len(vocabulary) for anything else."""
    whens = " ".join(f"WHEN ? THEN {code}" for code in range(len(vocabulary)))
    return f"CASE {column} {whens} ELSE {len(vocabulary)} END"


class RawAnalytics:
    """Array reads behind the insights, always filtered by owner."""

    def __init__(self, conn: Connection, owner_id: int) -> None:
        self.conn = conn
        self.owner_id = owner_id

    def _values(self, sql: str, params: Sequence[Any]) -> list[Any]:
        """The first column of `sql` (with ? placeholders), on the raw DBAPI cursor."""
        if self.conn.dialect.paramstyle != "qmark":
            sql = sql.replace("?", "%s")
        cursor = self.conn.connection.cursor()
        try:
            cursor.execute(sql, tuple(params))
            return [row[0] for row in cursor.fetchall()]
        finally:
            cursor.close()

    def _numbers(self, exprs: Sequence[str], tail: str, params: Sequence[Any]) -> IntArray:
        """The integer expressions `exprs` over the rows of `SELECT ... {tail}`, as an
        (rows, len(exprs)) array, in the order the database visits the rows."""
        row = " || ',' || ".join(f"CAST({e} AS TEXT)" for e in exprs)
        sqlite = self.conn.dialect.name == "sqlite"
        agg = f"group_concat({row}, ',')" if sqlite else f"string_agg({row}, ',')"
        found = self._values(f"SELECT {agg} {tail}", params)
        text = found[0] if found else None
        if not text:
            return np.zeros((0, len(exprs)), dtype=np.int64)
        return np.fromstring(text, dtype=np.int64, sep=",").reshape(-1, len(exprs))

    def _person_ids(self) -> tuple[int, int]:
        """The owner's lowest and highest person id ((0, 0) without people)."""
        P = t.people.c
        low, high = self.conn.execute(
            select(func.min(P.id), func.max(P.id)).where(P.owner_id == self.owner_id)
        ).one()
        return (0, 0) if low is None else (int(low), int(high))

    def _others(self, table: str, column: str, vocabulary: Sequence[str]) -> list[str]:
        """Distinct values of `column` outside `vocabulary`, sorted."""
        marks = ", ".join("?" * len(vocabulary))
        sql = (
            f"SELECT DISTINCT {column} FROM {table} "
            f"WHERE owner_id = ? AND {column} NOT IN ({marks})"
        )
        return sorted(self._values(sql, [self.owner_id, *vocabulary]))

    def _param_day(self, day: date) -> Any:
        # SQLite stores dates as ISO text (what SQLAlchemy's Date type writes)
        return day.isoformat() if self.conn.dialect.name == "sqlite" else day

    def interaction_columns(
        self, until: date, ids: Sequence[int] | None = None
    ) -> InteractionColumns:
        """Every (person, day, channel, initiator) of interactions up to `until` (of `ids`)."""
        channels = list(CHANNELS)
        cols = self._interactions(until, ids, channels)
        if np.any(cols.channel == len(channels)):  # some channel outside the usual vocabulary
            channels += self._others(t.interactions.name, "channel", channels)
            cols = self._interactions(until, ids, channels)
        return cols

    def _interactions(
        self, until: date, ids: Sequence[int] | None, channels: Sequence[str]
    ) -> InteractionColumns:
        """One number per row, ((person * 2^22 + day) * 2^c + channel) * 4 + initiator, or the
        person as a number of its own when it does not fit in the bits left."""
        ch_bits = len(channels).bit_length()  # code len(channels): any other channel
        low_bits = DAY_BITS + ch_bits + 2
        day = _DAY_SQL.get(self.conn.dialect.name, _DAY_SQL["postgresql"])
        low = (
            f"({day} * {1 << ch_bits} + {_case('i.channel', channels)}) * 4 "
            f"+ {_case('i.initiated_by', INITIATORS)}"
        )
        if ids is None:
            base, top = self._person_ids()
        else:
            base, top = min(ids, default=0), max(ids, default=0)
        packed = low_bits < 63 and top - base < 1 << (63 - low_bits)
        exprs = [
            f"(CAST(ip.person_id AS BIGINT) - {base}) * {1 << low_bits} + {low}"
            if packed
            else "ip.person_id"
        ]
        exprs += [] if packed else [low]
        tail = (
            f"FROM {t.interaction_people.name} ip "
            f"JOIN {t.interactions.name} i ON i.id = ip.interaction_id "
            "WHERE ip.owner_id = ? AND i.occurred_on <= ?"
        )
        params = [*channels, *INITIATORS, self.owner_id, self._param_day(until)]
        chunks: list[list[int]] = [] if ids is None else list(_chunks(sorted(set(ids)), 900))
        if ids is None:
            parts = [self._numbers(exprs, tail, params)]
        else:
            parts = [
                self._numbers(
                    exprs, f"{tail} AND ip.person_id IN ({', '.join('?' * len(c))})", params + c
                )
                for c in chunks
            ]
        table = np.concatenate(parts) if parts else np.zeros((0, len(exprs)), dtype=np.int64)
        lows = table[:, 0] & ((1 << low_bits) - 1) if packed else table[:, 1]
        return InteractionColumns(
            person=(table[:, 0] >> low_bits) + base if packed else table[:, 0],
            day=lows >> (ch_bits + 2),
            channel=(lows >> 2) & ((1 << ch_bits) - 1),
            initiated=lows & 3,
            channels=tuple(channels),
        )

    def knows_columns(self) -> KnowsColumns:
        """Every stored "knows" edge of the owner."""
        sources = list(KNOWS_SOURCES)
        edges = self._knows(sources)
        if np.any(edges.source == len(sources)):  # some source outside the usual values
            sources += self._others(t.knows.name, "source", sources)
            edges = self._knows(sources)
        return edges

    def _knows(self, sources: Sequence[str]) -> KnowsColumns:
        """(a * 2^31 + b, strength * k + source) per edge when ids fit 31 bits, else apart."""
        k = len(sources) + 1
        tail = f"FROM {t.knows.name} WHERE owner_id = ?"
        detail = f"strength * {k} + {_case('source', sources)}"
        base, top = self._person_ids()
        if top - base < 1 << ID_BITS:
            pair = (
                f"(CAST(person_a_id AS BIGINT) - {base}) * {1 << ID_BITS} + (person_b_id - {base})"
            )
            table = self._numbers([pair, detail], tail, [*sources, self.owner_id])
            a = (table[:, 0] >> ID_BITS) + base
            b = (table[:, 0] & ((1 << ID_BITS) - 1)) + base
        else:
            table = self._numbers(
                ["person_a_id", "person_b_id", detail], tail, [*sources, self.owner_id]
            )
            a, b = table[:, 0], table[:, 1]
        # floor division and modulo undo strength * k + code for any integer strength
        return KnowsColumns(a, b, table[:, -1] // k, table[:, -1] % k, tuple(sources))


def knows_columns_of(edges: Sequence[tuple[int, int, int, str]]) -> KnowsColumns:
    """KnowsColumns of (a, b, strength, source) rows already read."""
    names = tuple(dict.fromkeys(e[3] for e in edges))
    code = {name: i for i, name in enumerate(names)}

    def column(values: list[int]) -> IntArray:
        return np.array(values, dtype=np.int64).reshape(-1)

    return KnowsColumns(
        column([e[0] for e in edges]),
        column([e[1] for e in edges]),
        column([e[2] for e in edges]),
        column([code[e[3]] for e in edges]),
        names,
    )
