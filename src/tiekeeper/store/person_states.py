"""A fingerprint of each person's rows, without building Person objects: what the DAV card
cache (services/sync/cards.py) compares to know whose card to write again.

Writing every card of 30,000 people on each CardDAV request took seconds; reading the rows back
as Person objects alone took 3.8 s. The raw rows a card is written from (the person's card
columns, their organization's name, their lists), hashed per person, change whenever anything
on their card changes (at times when it does not: the card is then written again with the same
text and ETag). One query per table for the whole owner, or per chunk of ids: ~0.4 s for
30,000 people on SQLite."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, select

from tiekeeper.store import tables as t

CHUNK = 900  # ids per IN (...), under SQLite's old 999-parameter limit
P = t.people.c
# The person's own columns a card is written from (interchange/vcard_out.py, vcard_kept.py):
# reading all forty took half the time. A card written from another column must add it here.
CARD_COLUMNS = (
    P.id,
    P.name,
    P.position,
    P.location,
    P.notes,
    P.linkedin_url,
    P.birthday_month,
    P.birthday_day,
    P.birthday_year,
)
# Every table a person's card reads, with its order (the order of a list is on the card too).
_LISTS: tuple[tuple[Any, tuple[str, ...]], ...] = (
    (t.person_emails, ("id",)),
    (t.person_phones, ("id",)),
    (t.person_links, ("id",)),
    (t.person_tags, ("tag",)),
    (t.person_addresses, ("position",)),
    (t.person_card_props, ("position",)),
)


_first = itemgetter(0)


class PersonStates:
    """Built on a unit of work's connection (`uow.repo(PersonStates)`)."""

    def __init__(self, conn: Connection, owner_id: int) -> None:
        self.conn = conn
        self.owner_id = owner_id

    def of(self, ids: Sequence[int] | None = None) -> dict[int, int]:
        """person id -> fingerprint, for these people (every one of the owner when None); a
        person who is not there is left out."""
        org = t.organizations.c
        base = select(*CARD_COLUMNS, org.name).outerjoin(
            t.organizations, org.id == P.organization_id
        )
        people: dict[int, tuple[Any, ...]] = {}
        for q in self._scoped(base, P.id, ids):
            people.update((r[0], r) for r in _raw(self.conn, q))
        lists: list[dict[int, int]] = []
        for table, order in _LISTS:
            cols = [c for c in table.c if c.name not in ("owner_id", "id")]
            q = select(*cols).order_by(table.c.person_id, *(table.c[o] for o in order))
            hashed: dict[int, int] = {}
            for part in self._scoped(q, table.c.person_id, ids, table):
                # rows come by person: one hash per person's run of rows
                hashed.update(
                    (pid, hash(tuple(run))) for pid, run in groupby(_raw(self.conn, part), _first)
                )
            lists.append(hashed)
        return {pid: hash((row, *(h.get(pid) for h in lists))) for pid, row in people.items()}

    def _scoped(
        self, q: Any, key: Any, ids: Sequence[int] | None, table: Any = None
    ) -> Iterable[Any]:
        owned = q.where((table.c if table is not None else P).owner_id == self.owner_id)
        if ids is None:
            yield owned
            return
        for i in range(0, len(ids), CHUNK):
            yield owned.where(key.in_(list(ids[i : i + CHUNK])))


def _raw(conn: Connection, q: Any) -> list[tuple[Any, ...]]:
    """The rows as the driver gives them: SQLAlchemy's per-row processing (dates from text,
    Row objects) was most of the time, and a fingerprint needs none of it."""
    compiled = q.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    params: Any = compiled.params
    if compiled.positional:
        params = tuple(params[name] for name in compiled.positiontup or ())
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(str(compiled), params)
        return [tuple(r) for r in cursor.fetchall()]
    finally:
        cursor.close()
