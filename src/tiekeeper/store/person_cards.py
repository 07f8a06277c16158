"""A person's postal addresses and kept vCard lines: rows <-> domain values, set at a time.

Both tables are empty for most people (a LinkedIn import fills neither), so every write here
sends nothing when there is nothing to write; the owner-wide reads are one query per table (a few
people's rows come in the union of their lists, store/people.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from tiekeeper.domain.model import CardProp, Person, PostalAddress
from tiekeeper.store import tables as t
from tiekeeper.store.by_people import owner_param
from tiekeeper.store.ids import with_ids
from tiekeeper.store.sql import chunks

A = t.person_addresses
C = t.person_card_props
ADDRESS_COLUMNS = ("kind", "po_box", "extended", "street", "city", "region", "postcode", "country")
ROWS = 5000


def address_rows(owner_id: int, people: Iterable[Person]) -> list[dict[str, Any]]:
    """The person_addresses rows of these people (who must have ids)."""
    rows: list[dict[str, Any]] = []
    for p in people:
        for position, a in enumerate(p.addresses):
            row = {c: getattr(a, c) for c in ADDRESS_COLUMNS}
            row.update(owner_id=owner_id, person_id=p.id, position=position)
            rows.append(row)
    return rows


def card_prop_rows(owner_id: int, people: Iterable[Person]) -> list[dict[str, Any]]:
    """The person_card_props rows of these people (who must have ids)."""
    return [
        {"owner_id": owner_id, "person_id": p.id, "position": i, "name": name, "line": line}
        for p in people
        for i, (name, line) in enumerate(p.card_props)
    ]


def insert_cards(conn: Connection, owner_id: int, people: Sequence[Person]) -> None:
    """Insert the addresses and kept lines of people just written (no statement when none)."""
    for table, rows in (
        (A, address_rows(owner_id, people)),
        (C, card_prop_rows(owner_id, people)),
    ):
        for i in range(0, len(rows), ROWS):
            conn.execute(insert(table), with_ids(conn, table, rows[i : i + ROWS]))


def replace_cards(conn: Connection, owner_id: int, people: Sequence[Person]) -> None:
    """Replace the addresses and kept lines of existing people."""
    ids = [p.id for p in people if p.id is not None]
    for table in (A, C):
        for chunk in chunks(ids):
            conn.execute(
                delete(table).where(table.c.owner_id == owner_id, table.c.person_id.in_(chunk))
            )
    insert_cards(conn, owner_id, people)


@cache
def _addresses() -> Any:
    q = select(A).where(A.c.owner_id == owner_param())
    return q.order_by(A.c.person_id, A.c.position)


@cache
def _card_props(names_only: bool) -> Any:
    cols = (C.c.person_id, C.c.name) if names_only else (C.c.person_id, C.c.name, C.c.line)
    q = select(*cols).where(C.c.owner_id == owner_param())
    return q.order_by(C.c.person_id, C.c.position)


def read_addresses(conn: Connection, owner_id: int) -> dict[int, list[PostalAddress]]:
    """person id -> addresses in their order, for every person of the owner (a few people's
    come with their lists: store/people.py)."""
    found: dict[int, list[PostalAddress]] = defaultdict(list)
    for r in conn.execute(_addresses(), {"owner": owner_id}):
        found[r.person_id].append(PostalAddress(*(getattr(r, c) for c in ADDRESS_COLUMNS)))
    return found


def read_card_props(
    conn: Connection, owner_id: int, *, names_only: bool = False
) -> dict[int, list[CardProp]]:
    """person id -> kept lines in the card's order, for every person of the owner. With
    names_only the lines read as "" (an import's identity view only needs to know who has some;
    photos make the lines heavy)."""
    found: dict[int, list[CardProp]] = defaultdict(list)
    for row in conn.execute(_card_props(names_only), {"owner": owner_id}):
        found[row[0]].append((row[1], "" if names_only else row[2]))
    return found
