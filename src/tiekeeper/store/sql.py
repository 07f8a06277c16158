"""Plain SQL shared by both ways of reaching the database.

The reads behind `tiekeeper today` are written once, as portable SQL with `:name` parameters,
and run either on SQLAlchemy's connection (any database, inside a unit of work) or straight on
the standard library's sqlite3 (store/light.py): importing SQLAlchemy alone takes 0.2-0.4 s on
this project's 2-core reference machine, most of the 0.5 s that the daily command may take.
This module therefore imports nothing heavy; SQLAlchemy is imported only by `AlchemyRows`,
which is only built where SQLAlchemy is already loaded.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from functools import lru_cache
from typing import Any, Protocol

Params = Mapping[str, Any]
_PARAM = re.compile(r"(?<![:\w]):(\w+)")
CHUNK = 900  # ids per IN list: under SQLite's old 999-variable limit


class Rows(Protocol):
    """Runs one SQL statement with `:name` parameters; list values expand to IN lists."""

    dialect: str

    def fetch(self, sql: str, params: Params | None = None) -> list[tuple[Any, ...]]: ...

    def run(self, sql: str, params: Params | None = None) -> None: ...


def expand(sql: str, params: Params | None, dialect: str = "sqlite") -> tuple[str, dict[str, Any]]:
    """`x IN :ids` with ids=[1, 2] becomes `x IN (:ids_0, :ids_1)`; on PostgreSQL `x = ANY(:ids)`
    with the list bound as one array, so the statement is the same whatever the list's length
    (psycopg then parses it once and prepares it on the server, and SQLAlchemy compiles it once).
    An empty list is refused: no portable SQL reads the same under IN and NOT IN (`NOT IN (NULL)`
    drops every row), so callers leave the condition out instead."""
    flat: dict[str, Any] = {}
    lists: dict[str, Sequence[Any]] = {}
    for key, value in (params or {}).items():
        if isinstance(value, list | tuple | set | frozenset):
            lists[key] = list(value)
        else:
            flat[key] = value
    if not lists:
        return sql, flat
    if dialect == "postgresql":
        sql, used = _postgres_lists(sql, tuple(lists))
        for name in used:
            if not lists[name]:
                raise ValueError(f"empty list for :{name}")
            flat[name] = lists[name]
        return sql, flat

    def placeholder(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in lists:
            return m.group(0)
        values = lists[name]
        if not values:
            raise ValueError(f"empty list for :{name}")
        for i, v in enumerate(values):
            flat[f"{name}_{i}"] = v
        return "(" + ", ".join(f":{name}_{i}" for i in range(len(values))) + ")"

    return _PARAM.sub(placeholder, sql), flat


_IN_LIST = re.compile(r"\b(NOT\s+)?IN\s+:(\w+)\b", re.IGNORECASE)
_IN_ARRAY = re.compile(r"(?:ANY|ALL)\(:\w+\)")


@lru_cache(maxsize=1024)
def _postgres_lists(sql: str, names: tuple[str, ...]) -> tuple[str, frozenset[str]]:
    """`sql` with `IN :name` as `= ANY(:name)` and `NOT IN :name` as `<> ALL(:name)` for the
    list parameters `names`, and the names it uses; a list anywhere else is refused rather than
    guessed at."""
    used: set[str] = set()

    def array(m: re.Match[str]) -> str:
        name = m.group(2)
        if name not in names:
            return m.group(0)
        used.add(name)
        return f"<> ALL(:{name})" if m.group(1) else f"= ANY(:{name})"

    out = _IN_LIST.sub(array, sql)
    elsewhere = {m.group(1) for m in _PARAM.finditer(_IN_ARRAY.sub("", out))} & set(names)
    if elsewhere:
        raise ValueError(f"list parameters outside IN: {sorted(elsewhere)} in {sql}")
    return out, frozenset(used)


def renamed(sql: str, suffix: str) -> str:
    """`sql` with each `:name` parameter as `:name<suffix>` (statements joined in one union)."""
    return _PARAM.sub(lambda m: f":{m.group(1)}{suffix}", sql)


def chunks(values: Iterable[int], size: int = CHUNK) -> Iterator[list[int]]:
    """Sorted distinct ids in runs of `size` (one IN list each)."""
    ordered = sorted(set(values))
    for i in range(0, len(ordered), size):
        yield ordered[i : i + size]


def as_date(value: Any) -> date | None:
    """A DATE column's value: sqlite3 gives ISO text, the drivers behind SQLAlchemy a date."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


class SqliteRows:
    """`Rows` on a standard-library sqlite3 connection (dates go in as ISO text, the way
    SQLAlchemy stores them in SQLite)."""

    dialect = "sqlite"

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    @staticmethod
    def _bind(params: dict[str, Any]) -> dict[str, Any]:
        return {k: v.isoformat() if isinstance(v, date) else v for k, v in params.items()}

    def fetch(self, sql: str, params: Params | None = None) -> list[tuple[Any, ...]]:
        text, flat = expand(sql, params)
        return self.conn.execute(text, self._bind(flat)).fetchall()

    def run(self, sql: str, params: Params | None = None) -> None:
        text, flat = expand(sql, params)
        self.conn.execute(text, self._bind(flat))


class AlchemyRows:
    """`Rows` on a SQLAlchemy connection (inside a unit of work, on any database)."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self.dialect = str(conn.dialect.name)

    def _execute(self, sql: str, params: Params | None) -> Any:
        statement, flat = expand(sql, params, self.dialect)
        if self.dialect == "sqlite":  # SQLite stores dates as ISO text; compare text with text
            flat = SqliteRows._bind(flat)
        return self.conn.execute(_text(statement), flat)

    def fetch(self, sql: str, params: Params | None = None) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self._execute(sql, params)]

    def run(self, sql: str, params: Params | None = None) -> None:
        self._execute(sql, params)


@lru_cache(maxsize=1024)
def _text(statement: str) -> Any:
    """The statement as SQLAlchemy text, made once per statement (finding its parameters is 7 µs
    a time; Today runs 18)."""
    from sqlalchemy import text

    return text(statement)


def as_rows(conn: Any) -> Rows:
    """`conn` itself when it is already `Rows`, else a SQLAlchemy connection wrapped as one:
    repositories built by `uow.repo(Cls)` receive the unit's SQLAlchemy connection, those built
    by the light store (store/light.py) receive `SqliteRows`."""
    if isinstance(conn, SqliteRows | AlchemyRows):
        return conn
    return AlchemyRows(conn)
