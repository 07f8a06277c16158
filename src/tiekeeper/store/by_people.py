"""Reads of some people's rows by statements built once per process.

Building a SQLAlchemy statement costs more than running it here: the union of a person's four
lists took a millisecond to build and a tenth of that to run, and a person's page, an edit and
an add read one person two or three times. So the per-person reads are built once, with the
owner and the people as parameters, and cached (`functools.cache`) by their scope."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Literal

from sqlalchemy import BigInteger, Boolean, any_, bindparam, true
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal

from tiekeeper.store import tables as t
from tiekeeper.store.sql import CHUNK

Scope = Literal["all", "one", "many"]  # every person of the owner, one (:pid), several (:ids)


def owner_param() -> Any:
    return bindparam("owner", type_=t.Id)


def who(col: Any, scope: Scope) -> Any:
    """The people filter on `col` for a statement of this scope (none for "all": `true()`,
    which SQLAlchemy leaves out of the WHERE)."""
    if scope == "one":  # a plain parameter: an IN list is rendered afresh at each execution
        return col == bindparam("pid", type_=t.Id)
    if scope == "many":
        return _AmongIds(col)
    return true()


class _AmongIds(ColumnElement[bool]):
    """`col` among the :ids parameter: an IN list on SQLite, `= ANY(array)` on PostgreSQL, where
    an IN list is a new statement for each length (rendered at each execution, then parsed by
    psycopg and planned by the server afresh)."""

    inherit_cache = True
    type = Boolean()
    _traverse_internals = [("col", InternalTraversal.dp_clauseelement)]  # noqa: RUF012

    def __init__(self, col: Any) -> None:
        self.col = col


@compiles(_AmongIds)
def _in_list(element: _AmongIds, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.col.in_(bindparam("ids", expanding=True)), **kw))


@compiles(_AmongIds, "postgresql")
def _any_of_array(element: _AmongIds, compiler: Any, **kw: Any) -> str:
    ids = bindparam("ids", type_=ARRAY(BigInteger()))
    return str(compiler.process(element.col == any_(ids), **kw))


def scoped(owner_id: int, ids: Sequence[int] | None) -> Iterator[tuple[Scope, dict[str, Any]]]:
    """(scope, parameters) of each read of these people: one per CHUNK ids, or one read of every
    person of the owner when `ids` is None."""
    if ids is None:
        yield "all", {"owner": owner_id}
        return
    for i in range(0, len(ids), CHUNK):
        chunk = list(ids[i : i + CHUNK])
        if len(chunk) == 1:
            yield "one", {"owner": owner_id, "pid": chunk[0]}
        else:
            yield "many", {"owner": owner_id, "ids": chunk}
