"""A person's lists (e-mails, phones, links, tags, postal addresses, kept vCard lines) written
row by row: what a change added is inserted and what it removed is deleted, where the change
is the difference between the person as the unit of work read them and as it writes them.

Rewriting a list whole (delete all, insert all) wiped what another request added meanwhile:
20 simultaneous PATCHes each adding a tag, all answered 200, left 11 tags on SQLite and 2 on
PostgreSQL. Applying only each request's own change keeps every acknowledged write.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, insert, select, update

from tiekeeper.domain.model import Person
from tiekeeper.store import tables as t
from tiekeeper.store.ids import with_ids
from tiekeeper.store.person_cards import ADDRESS_COLUMNS
from tiekeeper.store.upsert import insert_or_skip

# (Person attribute, child table, value column)
LISTS = (
    ("emails", t.person_emails, "email"),
    ("phones", t.person_phones, "phone"),
    ("links", t.person_links, "url"),
    ("tags", t.person_tags, "tag"),
)
# Lists whose order is stored (a position column): (attribute, table, value columns)
ORDERED = (
    ("addresses", t.person_addresses, ADDRESS_COLUMNS),
    ("card_props", t.person_card_props, ("name", "line")),
)
CHUNK = 900  # ids per IN (...), under SQLite's old 999-parameter limit
Value = tuple[Any, ...]
# (person, e-mail, the person who holds it): an e-mail the database refused for this person
Taken = tuple[int, str, int]


def unique(values: Iterable[str]) -> list[str]:
    """Stripped, non-empty, each value once (case ignored; the first spelling wins)."""
    seen: set[str] = set()
    out: list[str] = []
    for v in values:
        v = v.strip()
        if v and v.lower() not in seen:
            seen.add(v.lower())
            out.append(v)
    return out


def stored(attr: str, values: Iterable[str]) -> list[str]:
    """A list as it is stored: e-mails lower-cased (what the unique index compares)."""
    return unique(v.strip().lower() for v in values) if attr == "emails" else unique(values)


def _ordered_values(attr: str, p: Person | None) -> list[Value]:
    if p is None:
        return []
    if attr == "addresses":
        return [tuple(getattr(a, c) for c in ADDRESS_COLUMNS) for a in p.addresses]
    return [tuple(prop) for prop in p.card_props]


def _chunks(items: Sequence[Any]) -> Iterable[list[Any]]:
    for i in range(0, len(items), CHUNK):
        yield list(items[i : i + CHUNK])


class ListWriter:
    """Writes the lists of people of one owner; `before[id]` is the person as read (None for a
    person just inserted, who has no rows yet)."""

    def __init__(self, conn: Connection, owner_id: int) -> None:
        self.conn = conn
        self.owner_id = owner_id

    def write(self, people: Sequence[Person], before: Mapping[int, Person | None]) -> list[Taken]:
        """Apply each person's change; returns the e-mails another person holds (left out)."""
        added_emails: list[tuple[int, str]] = []
        for attr, table, col in LISTS:
            gone: list[dict[str, Any]] = []
            new: list[dict[str, Any]] = []
            for p in people:
                assert p.id is not None
                old = before.get(p.id)
                was = stored(attr, getattr(old, attr)) if old is not None else []
                now = stored(attr, getattr(p, attr))
                if was == now:
                    continue
                keep, had = set(now), set(was)
                gone += [{"pid": p.id, "value": v} for v in was if v not in keep]
                new += [{"owner_id": self.owner_id, "person_id": p.id, col: v}
                        for v in now if v not in had]  # fmt: skip
            self._delete(table, col, gone)
            if new:  # in the person's order: rows are read back by id
                # A row already there (the same tag added at the same moment, an e-mail someone
                # holds) is skipped here, not an error; held e-mails are reported below.
                rows = with_ids(self.conn, table, new)
                self.conn.execute(insert_or_skip(self.conn, table), rows)
                if attr == "emails":
                    added_emails = [(row["person_id"], row["email"]) for row in new]
        for attr, table, cols in ORDERED:
            self._write_ordered(attr, table, cols, people, before)
        return self._taken(added_emails)

    def _delete(self, table: Table, col: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        c = table.c
        stmt = delete(table).where(
            c.owner_id == self.owner_id,
            c.person_id == bindparam("pid"),
            c[col] == bindparam("value"),
        )
        self.conn.execute(stmt, rows)

    def _taken(self, added: list[tuple[int, str]]) -> list[Taken]:
        if not added:
            return []
        e = t.person_emails.c
        holder: dict[str, int] = {}
        for chunk in _chunks(sorted({email for _, email in added})):
            q = select(e.email, e.person_id).where(e.owner_id == self.owner_id, e.email.in_(chunk))
            holder.update({email: pid for email, pid in self.conn.execute(q)})
        return [(pid, email, holder[email]) for pid, email in added
                if holder.get(email, pid) != pid]  # fmt: skip

    def _write_ordered(
        self,
        attr: str,
        table: Table,
        cols: Sequence[str],
        people: Sequence[Person],
        before: Mapping[int, Person | None],
    ) -> None:
        changed = [
            p
            for p in people
            if _ordered_values(attr, p) != _ordered_values(attr, before.get(p.id or 0))
        ]
        if not changed:
            return
        current = self._current(table, cols, [p.id for p in changed if p.id is not None])
        gone: list[int] = []
        moved: list[dict[str, Any]] = []
        new: list[dict[str, Any]] = []
        for p in changed:
            assert p.id is not None
            now = _ordered_values(attr, p)
            plan = _plan(_ordered_values(attr, before.get(p.id)), now, current.get(p.id, []))
            gone += plan.gone
            moved += plan.moved
            for position, value in plan.new:
                row = dict(zip(cols, value, strict=True))
                row.update(owner_id=self.owner_id, person_id=p.id, position=position)
                new.append(row)
        for chunk in _chunks(gone):
            self.conn.execute(delete(table).where(table.c.id.in_(chunk)))
        if moved:
            stmt = update(table).where(table.c.id == bindparam("rid"))
            self.conn.execute(stmt.values(position=bindparam("at")), moved)
        if new:
            self.conn.execute(insert(table), with_ids(self.conn, table, new))

    def _current(
        self, table: Table, cols: Sequence[str], ids: list[int]
    ) -> dict[int, list[tuple[int, int, Value]]]:
        """person id -> (row id, position, value) of their stored rows, in order."""
        found: dict[int, list[tuple[int, int, Value]]] = defaultdict(list)
        c = table.c
        for chunk in _chunks(ids):
            q = (
                select(c.id, c.person_id, c.position, *(c[n] for n in cols))
                .where(c.owner_id == self.owner_id, c.person_id.in_(chunk))
                .order_by(c.person_id, c.position, c.id)
            )
            for row in self.conn.execute(q):
                found[row[1]].append((row[0], row[2], tuple(row[3:])))
        return found


class _Plan:
    def __init__(self) -> None:
        self.gone: list[int] = []
        self.moved: list[dict[str, Any]] = []
        self.new: list[tuple[int, Value]] = []


def _plan(was: list[Value], now: list[Value], rows: list[tuple[int, int, Value]]) -> _Plan:
    """What to delete, insert and renumber so the stored rows show the change was -> now, while
    rows another writer added meanwhile stay (after ours), and rows already there (a merge moves
    the other person's addresses first) are not written twice."""
    plan = _Plan()
    removed = Counter(was) - Counter(now)
    added = Counter(now) - Counter(was)
    kept: list[tuple[int, int, Value]] = []
    for rid, position, value in rows:
        if removed[value] > 0:
            removed[value] -= 1
            plan.gone.append(rid)
        else:
            kept.append((rid, position, value))
    unused = list(kept)
    for at, value in enumerate(now):
        match = next((r for r in unused if r[2] == value), None)
        if match is not None:
            unused.remove(match)
            if match[1] != at:
                plan.moved.append({"rid": match[0], "at": at})
        elif added[value] > 0:  # else another writer removed it meanwhile: it stays removed
            added[value] -= 1
            plan.new.append((at, value))
    for extra, (rid, position, _) in enumerate(unused, start=len(now)):
        if position != extra:
            plan.moved.append({"rid": rid, "at": extra})
    return plan
