"""The lossless JSON backup at the row level: every row the owner has, table by table.

Left out, because they are rebuilt on restore: `accounts` (the home belongs to whoever restores),
`search_docs` (full-text documents) and the people columns derived from interactions and
cadences (`DERIVED`). `calendar_state` is kept: after a restore SEQUENCE must not go backwards, or
subscribed calendars would ignore the next change.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Integer,
    String,
    Table,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.store import tables as t
from tiekeeper.store.calendar_state import as_utc
from tiekeeper.store.ids import account_block, block_range, next_ids
from tiekeeper.store.people import PeopleRepository

# Credentials are not data: a backup restores into another account and must not carry logins.
# The trash is a 30-day undo, not data: an erased person must not come back with a backup.
# Wrong-password counts and the server's signing key belong to the server, not to an account.
# A digest schedule and its delivery log belong to the server too: a restored backup must not
# start mailing someone's address from another account. The data revisions only key the
# server's kept results (services/recomputed.py).
EXCLUDED = frozenset({"accounts", "account_sessions", "api_tokens", "search_docs", "trash",
                      "login_failures", "server_secrets", "digest_schedules",
                      "digest_sends", "data_revisions"})  # fmt: skip
# Recomputed by BulkWriter.refresh_all_derived after a restore (the *_mmdd and name_key columns
# travel as they are: they only mirror other columns of the same row).
DERIVED = {"people": frozenset({"last_interaction_on", "checkin_due_on", "checkin_cadence_days"})}
TABLES: tuple[Table, ...] = tuple(x for x in t.metadata.sorted_tables if x.name not in EXCLUDED)
Rows = dict[str, list[dict[str, Any]]]
P = t.people.c


def columns(table: Table) -> list[Column[Any]]:
    """The columns a backup row carries, in table order."""
    skip = DERIVED.get(table.name, frozenset()) | {"owner_id"}
    return [c for c in table.columns if c.name not in skip]


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return as_utc(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _decode(col: Column[Any], value: Any) -> Any:
    """A JSON value to the column's Python type; ValueError names what is wrong."""
    if value is None:
        if not col.nullable:
            raise ValueError("must not be null")
        return None
    kind = col.type
    if isinstance(kind, DateTime):
        return as_utc(datetime.fromisoformat(_need(value, str)))
    if isinstance(kind, Date):
        return date.fromisoformat(_need(value, str))
    if isinstance(kind, Boolean):
        return _need(value, bool)
    if isinstance(kind, Integer):
        if isinstance(value, bool):
            raise ValueError(f"{value!r} is not an integer")
        return _need(value, int)
    if isinstance(kind, String):  # Text is a String
        found = _need(value, str)
        if kind.length is not None and len(found) > kind.length:
            raise ValueError(f"is longer than {kind.length} characters")
        return found
    return value


def _need(value: Any, kind: type) -> Any:
    if not isinstance(value, kind):
        raise ValueError(f"{value!r} is not a {kind.__name__}")
    return value


def decode_tables(raw: Mapping[str, Any], file: str) -> Rows:
    """Check and convert the `tables` of a backup; InvalidInput names the table and row."""
    unknown = sorted(set(raw) - {x.name for x in TABLES})
    if unknown:
        raise InvalidInput(f"unknown table {unknown[0]!r}", file=file, field="tables")
    out: Rows = {}
    for table in TABLES:
        rows = raw.get(table.name, [])
        if not isinstance(rows, list):
            raise InvalidInput("must be a list of rows", file=file, field=table.name)
        cols = columns(table)
        names = {c.name for c in cols}
        decoded: list[dict[str, Any]] = []
        for i, row in enumerate(rows, 1):
            where = f"{table.name} row {i}"
            if not isinstance(row, dict):
                raise InvalidInput("is not an object", file=file, field=where)
            if set(row) != names:
                missing, extra = sorted(names - set(row)), sorted(set(row) - names)
                what = f"missing {', '.join(missing)}" if missing else f"unknown {', '.join(extra)}"
                raise InvalidInput(what, file=file, field=where)
            try:
                decoded.append({c.name: _decode(c, row[c.name]) for c in cols})
            except ValueError as exc:
                bad = next(c.name for c in cols if not _ok(c, row[c.name]))
                raise InvalidInput(str(exc), file=file, field=f"{where}, {bad}") from exc
        out[table.name] = decoded
    _check_keys(out, file)
    return out


def _ok(col: Column[Any], value: Any) -> bool:
    try:
        _decode(col, value)
    except ValueError:
        return False
    return True


def _check_keys(rows: Rows, file: str) -> None:
    """Primary keys unique within the backup; every reference points to a row of the backup."""
    keys: dict[str, set[Any]] = {}
    for table in TABLES:
        pk = [c.name for c in table.primary_key.columns if c.name != "owner_id"]
        seen: set[tuple[Any, ...]] = set()
        for i, row in enumerate(rows[table.name], 1):
            key = tuple(row[c] for c in pk)
            if key in seen:
                raise InvalidInput(f"duplicate key {key}", file=file, field=f"{table.name} row {i}")
            seen.add(key)
        if pk == ["id"]:
            keys[table.name] = {k[0] for k in seen}
    for table in TABLES:
        for fk in _references(table):
            target = fk.column.table.name
            for i, row in enumerate(rows[table.name], 1):
                value = row[fk.parent.name]
                if value is not None and value not in keys[target]:
                    raise InvalidInput(
                        f"{fk.parent.name} {value} refers to a missing {target} row",
                        file=file,
                        field=f"{table.name} row {i}",
                    )


def _references(table: Table) -> list[Any]:
    return sorted(
        (fk for fk in table.foreign_keys if fk.column.table.name != "accounts"),
        key=lambda fk: str(fk.parent.name),
    )


class BackupRepository:
    def __init__(self, conn: Connection, owner_id: int) -> None:
        self.conn = conn
        self.owner_id = owner_id

    def dump(self) -> Rows:
        """Every backed-up row of the owner, tables in dependency order, rows by primary key."""
        out: Rows = {}
        for table in TABLES:
            cols = columns(table)
            order = [c for c in table.primary_key.columns if c.name != "owner_id"]
            q = select(*cols).where(table.c.owner_id == self.owner_id).order_by(*order)
            out[table.name] = [
                {c.name: _encode(v) for c, v in zip(cols, r, strict=True)}
                for r in self.conn.execute(q)
            ]
        return out

    def counts(self) -> dict[str, int]:
        """Rows per table the owner has (only tables that are not empty)."""
        found: dict[str, int] = {}
        for table in TABLES:
            q = select(func.count()).select_from(table).where(table.c.owner_id == self.owner_id)
            n = int(self.conn.execute(q).scalar_one())
            if n:
                found[table.name] = n
        return found

    def load(self, rows: Rows, file: str) -> None:
        """Insert decoded rows (ids kept unless another account uses them)."""
        rows = self._remap(rows)
        deferred: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for table in TABLES:
            data = rows[table.name]
            if not data:
                continue
            selfrefs = [fk.parent.name for fk in _references(table) if fk.column.table is table]
            batch = []
            for row in data:
                later = {c: row[c] for c in selfrefs if row[c] is not None}
                if later:  # the row it refers to may come later in the batch
                    deferred[table.name].append({"_id": row["id"], **later})
                batch.append({**row, **dict.fromkeys(later), "owner_id": self.owner_id})
            try:
                for i in range(0, len(batch), 5000):
                    self.conn.execute(insert(table), batch[i : i + 5000])
            except IntegrityError as exc:
                raise InvalidInput(
                    f"rows break a rule of the database: {exc.orig}", file=file, field=table.name
                ) from exc
        for name, updates in deferred.items():
            table = t.metadata.tables[name]
            for u in updates:
                values = {k: v for k, v in u.items() if k != "_id"}
                self.conn.execute(update(table).where(table.c.id == u["_id"]).values(**values))

    def _remap(self, rows: Rows) -> Rows:
        """Shift the ids of a table into the account's block (store/ids.py) when they lie
        outside it (a backup of another account, or of another server) or another row already
        has one: in a single-user home nothing moves and the round trip keeps every id."""
        first, last = block_range(account_block(self.conn, self.owner_id))
        moved: dict[str, int] = {}
        for table in TABLES:
            ids = [r["id"] for r in rows[table.name]] if "id" in table.c else []
            if not ids:
                continue
            low, high = min(ids), max(ids)
            inside = first <= low and high <= last
            clash = select(table.c.id).where(table.c.id.in_(ids)).limit(1)
            if not inside or self.conn.execute(clash).first() is not None:
                start = next_ids(self.conn, table, self.owner_id, high - low + 1)
                moved[table.name] = start - low
        if not moved:
            return rows
        out: Rows = {}
        for table in TABLES:
            shifts = {fk.parent.name: moved[fk.column.table.name] for fk in _references(table)
                      if fk.column.table.name in moved}  # fmt: skip
            if table.name in moved:
                shifts["id"] = moved[table.name]
            out[table.name] = [
                {k: (v + shifts[k] if k in shifts and v is not None else v) for k, v in r.items()}
                for r in rows[table.name]
            ]
        return out


def rebuild_search(people: PeopleRepository) -> None:
    """The full-text documents of people, organizations and interactions, as their
    repositories write them."""
    conn, owner_id, search = people.conn, people.owner_id, people.search
    ids = [r[0] for r in conn.execute(select(P.id).where(P.owner_id == owner_id).order_by(P.id))]
    for i in range(0, len(ids), 2000):
        search.put_many("person", [people.search_doc(p) for p in people.load(ids[i : i + 2000])])
    o = t.organizations.c
    orgs = conn.execute(select(o.id, o.name, o.industry).where(o.owner_id == owner_id))
    search.put_many("organization", [(r.id, r.name, [r.industry]) for r in orgs])
    names = dict(conn.execute(select(P.id, P.name).where(P.owner_id == owner_id)).all())
    ip, tc, it = t.interaction_people.c, t.interaction_topics.c, t.interactions.c
    who: dict[int, list[str]] = defaultdict(list)
    for iid, pid in conn.execute(
        select(ip.interaction_id, ip.person_id)
        .where(ip.owner_id == owner_id)
        .order_by(ip.person_id)
    ):
        who[iid].append(names[pid])
    topics: dict[int, list[str]] = defaultdict(list)
    for iid, topic in conn.execute(
        select(tc.interaction_id, tc.topic).where(tc.owner_id == owner_id).order_by(tc.topic)
    ):
        topics[iid].append(topic)
    docs = [
        (r.id, r.summary or r.channel, [" ".join(who[r.id]), " ".join(topics[r.id]), r.channel])
        for r in conn.execute(
            select(it.id, it.summary, it.channel).where(it.owner_id == owner_id).order_by(it.id)
        )
    ]
    for i in range(0, len(docs), 5000):
        search.put_many("interaction", docs[i : i + 5000])
