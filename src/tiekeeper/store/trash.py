"""The trash: what was deleted, kept for 30 days as a snapshot of its rows.

A snapshot is found through the schema's foreign keys, so a table added later is covered without
editing this module: deleting a row takes every row that would CASCADE with it (recursively), and
remembers every reference the database would SET NULL. Restoring inserts those rows again, ids
included, and puts the nulled references back. An id that was reused in the meantime by a
different row is given a new id, and every reference in the snapshot follows it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, and_, delete, func, insert, select, update

from tiekeeper.store import tables as t
from tiekeeper.store.backup import _decode, _encode, columns
from tiekeeper.store.ids import add_row

Row = dict[str, Any]
TR = t.trash.c
# Tables whose rows are never part of a snapshot (credentials, the index, the trash itself).
_SKIP = frozenset({"accounts", "account_sessions", "api_tokens", "search_docs", "trash",
                   "login_failures", "server_secrets", "data_revisions"})  # fmt: skip
_ORDER = [x for x in t.metadata.sorted_tables if x.name not in _SKIP]
_INDEX = {x.name: i for i, x in enumerate(_ORDER)}


@dataclass
class Snapshot:
    """Rows by table (as the backup encodes them) and nulled references (table, column, value,
    primary key of the row that pointed here)."""

    rows: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    nulled: list[tuple[str, str, Any, Row]] = field(default_factory=list)
    _seen: set[tuple[str, tuple[Any, ...]]] = field(default_factory=set)

    def to_json(self) -> str:
        return json.dumps(
            {"tables": {k: v for k, v in self.rows.items() if v}, "nulled": self.nulled},
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @staticmethod
    def from_json(text: str) -> Snapshot:
        raw = json.loads(text)
        snap = Snapshot()
        for name, rows in raw.get("tables", {}).items():
            snap.rows[name] = rows
        snap.nulled = [(a, b, c, d) for a, b, c, d in raw.get("nulled", [])]
        return snap

    def ids(self, table: str) -> list[int]:
        return [int(r["id"]) for r in self.rows.get(table, [])]


def _pk(table: Table) -> list[str]:
    return [c.name for c in table.primary_key.columns if c.name != "owner_id"]


def _children(table: Table) -> list[tuple[Table, Any]]:
    """(child table, foreign key) for every foreign key that points at `table`."""
    out = []
    for child in _ORDER:
        for fk in child.foreign_keys:
            if fk.column.table is table:
                out.append((child, fk))
    return out


@dataclass(frozen=True)
class TrashEntry:
    id: int
    kind: str
    ref_id: int
    label: str
    deleted_at: datetime


class TrashRepository:
    def __init__(self, conn: Connection, owner_id: int) -> None:
        self.conn = conn
        self.owner_id = owner_id

    # --- snapshots ---------------------------------------------------------------------------

    def collect(self, snap: Snapshot, table: Table, col: Any, values: list[Any]) -> None:
        """Add to `snap` the owner's rows of `table` where `col` is in `values`, and everything
        that would go or be nulled with them."""
        if not values:
            return
        cols = columns(table)
        found: list[Row] = []
        for i in range(0, len(values), 900):
            q = select(*cols).where(table.c.owner_id == self.owner_id, col.in_(values[i : i + 900]))
            for r in self.conn.execute(q):
                row = {c.name: _encode(v) for c, v in zip(cols, r, strict=True)}
                seen = (table.name, tuple(row[k] for k in _pk(table)))
                if seen not in snap._seen:
                    snap._seen.add(seen)
                    snap.rows[table.name].append(row)
                    found.append(row)
        if not found or "id" not in table.c:
            return
        ids = [r["id"] for r in found]
        for child, fk in _children(table):
            ondelete = (fk.ondelete or "").upper()
            if ondelete == "CASCADE":
                self.collect(snap, child, fk.parent, ids)
            elif ondelete == "SET NULL":
                pk = _pk(child)
                for i in range(0, len(ids), 900):
                    q = select(fk.parent, *(child.c[k] for k in pk)).where(
                        child.c.owner_id == self.owner_id, fk.parent.in_(ids[i : i + 900])
                    )
                    for value, *key in self.conn.execute(q):
                        snap.nulled.append(
                            (child.name, fk.parent.name, value, dict(zip(pk, key, strict=True)))
                        )

    def remove(self, snap: Snapshot, roots: dict[str, list[int]]) -> None:
        """Delete the root rows (by id); the database cascades and nulls the rest."""
        for name, ids in roots.items():
            table = t.metadata.tables[name]
            for i in range(0, len(ids), 900):
                self.conn.execute(
                    delete(table).where(
                        table.c.owner_id == self.owner_id, table.c.id.in_(ids[i : i + 900])
                    )
                )

    def put_back(self, snap: Snapshot) -> tuple[dict[str, dict[int, int]], int]:
        """Insert the snapshot's rows again. Returns the ids that had to move (table -> old ->
        new) and how many rows could not come back because what they belonged to is gone.

        Works table by table, parents first, with one query per table and reference instead of
        one per row: a busy person's snapshot holds thousands of rows."""
        moved: dict[str, dict[int, int]] = defaultdict(dict)
        present: dict[str, set[int]] = {}
        lost = 0
        for table in _ORDER:
            raw_rows = snap.rows.get(table.name, [])
            if not raw_rows:
                continue
            cols = {c.name: c for c in columns(table)}
            rows = [{k: _decode(cols[k], v) for k, v in r.items() if k in cols} for r in raw_rows]
            rows, gone = self._follow_all(table, rows, moved, present)
            lost += gone
            selfref = [
                fk.parent.name
                for fk in table.foreign_keys
                if fk.column.table is table and fk.parent.name != "id"
            ]
            later: list[tuple[int, dict[str, Any]]] = []
            fresh: list[Row] = []
            if "id" in table.c:
                existing = self._existing_rows(table, [int(r["id"]) for r in rows])
            else:
                taken = self._existing_keys(table, rows)
            for row in rows:
                deferred = {c: row[c] for c in selfref if row.get(c) is not None}
                row.update(dict.fromkeys(deferred))
                if "id" not in table.c:
                    if tuple(row[k] for k in _pk(table)) not in taken:
                        fresh.append(row)
                    continue
                old = int(row["id"])
                found = existing.get(old)
                if found is None:
                    fresh.append(row)
                    if deferred:
                        later.append((old, deferred))
                    continue
                if found == {k: v for k, v in row.items() if k in found}:
                    continue  # the very row is still there (undoing a merge)
                values = {k: v for k, v in row.items() if k != "id"}
                moved[table.name][old] = add_row(
                    self.conn, table, dict(owner_id=self.owner_id, **values)
                )
                if deferred:
                    later.append((moved[table.name][old], deferred))
            for i in range(0, len(fresh), 500):
                batch = [{**r, "owner_id": self.owner_id} for r in fresh[i : i + 500]]
                self.conn.execute(insert(table), batch)
            if "id" in table.c:
                present.setdefault(table.name, set()).update(int(r["id"]) for r in fresh)
                present[table.name].update(moved[table.name].values())
            for rid, values in later:
                fixed = {k: moved[table.name].get(v, v) for k, v in values.items()}
                ok = self._present(table, list(fixed.values()), present)
                fixed = {k: (v if v in ok else None) for k, v in fixed.items()}
                self.conn.execute(update(table).where(table.c.id == rid).values(**fixed))
        for name, col, value, key in snap.nulled:
            table = t.metadata.tables[name]
            target = next(fk.column.table.name for fk in table.c[col].foreign_keys)
            value = moved[target].get(value, value)
            key = {k: moved[_target_of(table, k) or ""].get(v, v) for k, v in key.items()}
            if name in moved and "id" in key:
                key["id"] = moved[name].get(key["id"], key["id"])
            where = [table.c.owner_id == self.owner_id, table.c[col].is_(None)]
            where += [table.c[k] == v for k, v in key.items()]
            self.conn.execute(update(table).where(and_(*where)).values({col: value}))
        return moved, lost

    def _follow_all(
        self,
        table: Table,
        rows: list[Row],
        moved: dict[str, dict[int, int]],
        present: dict[str, set[int]],
    ) -> tuple[list[Row], int]:
        """Rewrite references to moved ids; a reference to a row that is gone becomes None, or
        drops the row when it cannot be None. Returns the rows kept and how many were dropped."""
        keep = rows
        for fk in table.foreign_keys:
            name, target = fk.parent.name, fk.column.table
            if target.name == "accounts" or (target is table and name != "id"):
                continue  # self-references are set after the batch
            for r in keep:
                if r.get(name) is not None:
                    r[name] = moved[target.name].get(r[name], r[name])
            wanted = list({r[name] for r in keep if r.get(name) is not None})
            ok = self._present(target, wanted, present) if target is not table else set(wanted)
            if fk.parent.nullable:
                for r in keep:
                    if r.get(name) is not None and r[name] not in ok:
                        r[name] = None
            else:
                keep = [r for r in keep if r.get(name) is None or r[name] in ok]
        return keep, len(rows) - len(keep)

    def _present(self, table: Table, ids: list[Any], cache: dict[str, set[int]]) -> set[Any]:
        """Which of `ids` the owner has in `table` (remembered for the rest of the restore)."""
        known = cache.setdefault(table.name, set())
        ask = [i for i in ids if i not in known]
        for i in range(0, len(ask), 900):
            q = select(table.c.id).where(
                table.c.owner_id == self.owner_id, table.c.id.in_(ask[i : i + 900])
            )
            known.update(int(r[0]) for r in self.conn.execute(q))
        return {i for i in ids if i in known}

    def _existing_rows(self, table: Table, ids: list[int]) -> dict[int, Row]:
        """The rows with these ids (any owner: ids are global), by id."""
        cols = columns(table)
        out: dict[int, Row] = {}
        for i in range(0, len(ids), 900):
            q = select(*cols).where(table.c.id.in_(ids[i : i + 900]))
            for r in self.conn.execute(q):
                row = {c.name: v for c, v in zip(cols, r, strict=True)}
                out[int(row["id"])] = row
        return out

    def _existing_keys(self, table: Table, rows: list[Row]) -> set[tuple[Any, ...]]:
        """The primary keys among `rows` that the owner already has (composite-key tables)."""
        pk = _pk(table)
        first = pk[0]
        values = list({r[first] for r in rows})
        out: set[tuple[Any, ...]] = set()
        for i in range(0, len(values), 900):
            q = select(*(table.c[k] for k in pk)).where(
                table.c.owner_id == self.owner_id, table.c[first].in_(values[i : i + 900])
            )
            out.update(tuple(r) for r in self.conn.execute(q))
        return out

    def add(self, kind: str, ref_id: int, label: str, snap: Snapshot, at: datetime) -> int:
        return add_row(
            self.conn,
            t.trash,
            dict(
                owner_id=self.owner_id,
                kind=kind,
                ref_id=ref_id,
                label=label[:400],
                deleted_at=at,
                payload=snap.to_json(),
            ),
        )

    def entries(self) -> list[TrashEntry]:
        q = (
            select(TR.id, TR.kind, TR.ref_id, TR.label, TR.deleted_at)
            .where(TR.owner_id == self.owner_id)
            .order_by(TR.deleted_at.desc(), TR.id.desc())
        )
        return [TrashEntry(*r) for r in self.conn.execute(q)]

    def payload(self, entry_id: int) -> tuple[TrashEntry, Snapshot] | None:
        q = select(TR.id, TR.kind, TR.ref_id, TR.label, TR.deleted_at, TR.payload).where(
            TR.owner_id == self.owner_id, TR.id == entry_id
        )
        r = self.conn.execute(q).first()
        if r is None:
            return None
        return TrashEntry(*r[:5]), Snapshot.from_json(r.payload)

    def drop(self, entry_ids: list[int]) -> None:
        if entry_ids:
            self.conn.execute(
                delete(t.trash).where(TR.owner_id == self.owner_id, TR.id.in_(entry_ids))
            )

    def drop_older_than(self, cutoff: datetime) -> int:
        q = delete(t.trash).where(TR.owner_id == self.owner_id, TR.deleted_at < cutoff)
        return int(self.conn.execute(q).rowcount or 0)

    def entries_holding(self, table: str, rid: int) -> list[int]:
        """Trash entries whose snapshot holds the row `table`.id == rid (for erase)."""
        out = []
        for r in self.conn.execute(select(TR.id, TR.payload).where(TR.owner_id == self.owner_id)):
            rows = json.loads(r.payload).get("tables", {}).get(table, [])
            if any(x.get("id") == rid for x in rows):
                out.append(int(r.id))
        return out


def _target_of(table: Table, col: str) -> str | None:
    for fk in table.c[col].foreign_keys:
        return str(fk.column.table.name)
    return None


class TrashQueries:
    """What a deletion needs to know before it snapshots (kept apart from the generic code)."""

    def __init__(self, conn: Connection, owner_id: int) -> None:
        self.conn = conn
        self.owner_id = owner_id

    def snapshot(self, table: str, ids: list[int], into: Snapshot | None = None) -> Snapshot:
        snap = into or Snapshot()
        tbl = t.metadata.tables[table]
        TrashRepository(self.conn, self.owner_id).collect(snap, tbl, tbl.c.id, ids)
        return snap

    def interactions_of(self, person_id: int) -> tuple[list[int], list[int]]:
        """(interactions the person was alone in, interactions shared with others)."""
        me, everyone = t.interaction_people.alias("me"), t.interaction_people.alias("everyone")
        q = (
            select(me.c.interaction_id, func.count(everyone.c.person_id))
            .join(everyone, everyone.c.interaction_id == me.c.interaction_id)
            .where(me.c.owner_id == self.owner_id, me.c.person_id == person_id)
            .group_by(me.c.interaction_id)
        )
        solo: list[int] = []
        shared: list[int] = []
        for iid, n in self.conn.execute(q):
            (solo if n == 1 else shared).append(int(iid))
        return solo, shared

    def participants(self, interaction_ids: list[int]) -> list[int]:
        ip = t.interaction_people.c
        out: set[int] = set()
        for i in range(0, len(interaction_ids), 900):
            q = select(ip.person_id).where(
                ip.owner_id == self.owner_id, ip.interaction_id.in_(interaction_ids[i : i + 900])
            )
            out.update(int(r[0]) for r in self.conn.execute(q))
        return sorted(out)

    def exists(self, table: str, rid: int) -> bool:
        tbl = t.metadata.tables[table]
        q = select(tbl.c.id).where(tbl.c.owner_id == self.owner_id, tbl.c.id == rid)
        return self.conn.execute(q).first() is not None

    def zero_freed_pages(self) -> None:
        """Erase: SQLite overwrites what it frees from here on, so the text is not left in the
        file's free pages."""
        from sqlalchemy import text

        if self.conn.dialect.name == "sqlite":
            self.conn.execute(text("PRAGMA secure_delete=ON"))

    def checkpoint(self) -> None:
        """Copy the write-ahead log into the file and truncate it (after an erase committed)."""
        from sqlalchemy import text

        if self.conn.dialect.name == "sqlite":
            self.conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))

    def compact_search(self) -> None:
        """Make erased text unrecoverable from the file: FTS5 keeps deleted terms in old
        segments until they are merged, and SQLite keeps freed pages until overwritten."""
        from sqlalchemy import text

        if self.conn.dialect.name == "sqlite":
            self.conn.execute(text("INSERT INTO search_fts(search_fts) VALUES('optimize')"))


def key_without_person(table: str, row: Row) -> tuple[Any, ...]:
    """A row's identity without the columns that name a person (see services.trash): a
    person's own list rows (e-mails, phones, addresses, ...) are their values, since an edit may
    rewrite them under new ids; other rows are their id, or the rest of their primary key."""
    tbl = t.metadata.tables[table]
    if table.startswith("person_"):
        return tuple(v for k, v in sorted(row.items()) if k not in ("id", "person_id"))
    if "id" in tbl.c:
        return (row["id"],)
    return tuple(
        row[k]
        for k in _pk(tbl)
        if all(fk.column.table is not t.people for fk in tbl.c[k].foreign_keys)
    )
