"""Set-at-a-time reads and writes for imports and duplicate detection: the whole address book in
a handful of queries, and batched updates, instead of a round trip per person."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, and_, bindparam, delete, select, update

from tiekeeper.domain.dates import PartialDate
from tiekeeper.domain.model import Person, name_key
from tiekeeper.store import tables as t
from tiekeeper.store.ids import with_ids
from tiekeeper.store.people import _SCALARS, PeopleRepository
from tiekeeper.store.person_cards import read_addresses, read_card_props
from tiekeeper.store.person_lists import LISTS, ListWriter
from tiekeeper.store.search import SearchIndex
from tiekeeper.store.upsert import insert_or_skip

P = t.people.c
CHUNK = 5000
_DATES = (
    "birthday_month",
    "birthday_day",
    "birthday_year",
    "last_interaction_on",
    "checkin_due_on",
)
# What an import matches on or may fill (see import_identity.FILLABLE), besides name and company.
_IDENTITY = (
    "position",
    "location",
    "notes",
    "linkedin_url",
    "connected_on",
    "birthday_month",
    "birthday_day",
    "birthday_year",
)
_key = lru_cache(maxsize=4096)(name_key)
InteractionKey = tuple[date, str, frozenset[int], str | None]


class ImportRepository:
    def __init__(self, conn: Connection, owner_id: int) -> None:
        self.conn = conn
        self.owner_id = owner_id
        self.search = SearchIndex(conn, owner_id)
        self.people = PeopleRepository(conn, owner_id, self.search)
        self.organizations_created = 0

    def kept_uids(self) -> list[tuple[int, str]]:
        """(person id, UID) of the people whose imported card had a UID line of its own (the
        export sends it out again, so a re-import finds them by it)."""
        c = t.person_card_props.c
        q = select(c.person_id, c.line).where(c.owner_id == self.owner_id, c.name == "UID")
        return [(pid, line.split(":", 1)[1]) for pid, line in self.conn.execute(q) if ":" in line]

    def snapshot(self) -> list[Person]:
        """Every person of the owner, complete, with e-mails, phones, links and tags."""
        return self._people((*_SCALARS, *_DATES), full=True)

    def identity_snapshot(self) -> list[Person]:
        """Every person with only what an import reads or fills: name, company, identifiers,
        the fillable fields and the lists. The other fields read as their defaults, so such a
        person is written back only through `load` (a re-import reads 30,000 of them and
        writes none). Kept vCard lines come as their names only: enough to tell who has them."""
        return self._people(_IDENTITY)

    def load(self, ids: Sequence[int]) -> list[Person]:
        """Complete people by id, in any number."""
        out: list[Person] = []
        for i in range(0, len(ids), 900):
            out += self.people.load(ids[i : i + 900])
        return out

    def _people(self, fields: Sequence[str], *, full: bool = False) -> list[Person]:
        children: dict[str, dict[int, list[str]]] = {}
        for key, table, col in LISTS:
            found: dict[int, list[str]] = defaultdict(list)
            order = table.c.id if "id" in table.c else table.c[col]
            q = select(table.c.person_id, table.c[col]).where(table.c.owner_id == self.owner_id)
            for pid, value in self.conn.execute(q.order_by(order)):
                found[pid].append(value)
            children[key] = found
        plain = [k for k in fields if not k.startswith("birthday_")]
        cols: list[Any] = [P.id, P.name, t.organizations.c.name.label("company"),
                           *(P[k] for k in plain), P.birthday_month, P.birthday_day,
                           P.birthday_year]  # fmt: skip
        q = (
            select(*cols)
            .outerjoin(t.organizations, t.organizations.c.id == P.organization_id)
            .where(P.owner_id == self.owner_id)
            .order_by(P.id)
        )
        keys = [c.key for c in cols[:-3]]
        b = len(keys)  # where the birthday columns start
        emails, phones, links, tags = (children[k] for k in ("emails", "phones", "links", "tags"))
        addresses = read_addresses(self.conn, self.owner_id)
        props = read_card_props(self.conn, self.owner_id, names_only=not full)
        out = []
        new = Person.__new__
        # No Row attribute access, no dict per row and no __init__: they cost seconds over
        # 30,000 people; stored rows are already valid, normalised people.
        for row in self.conn.execute(q).all():
            values = tuple(row)
            pid = values[0]
            p = new(Person)
            attrs = p.__dict__
            attrs.update(zip(keys, values, strict=False))  # birthday columns follow
            month = values[b]
            attrs["birthday"] = PartialDate(month, values[b + 1], values[b + 2]) if month else None
            attrs["emails"] = emails.get(pid, [])
            attrs["phones"] = phones.get(pid, [])
            attrs["links"] = links.get(pid, [])
            attrs["tags"] = tags.get(pid, [])
            attrs["addresses"] = addresses.get(pid, [])
            attrs["card_props"] = props.get(pid, [])
            out.append(p)
        return out

    def organization_keys(self) -> dict[str, int]:
        """name_key -> id of every organization of the owner."""
        o = t.organizations.c
        q = select(o.name_key, o.id).where(o.owner_id == self.owner_id)
        return {k: i for k, i in self.conn.execute(q)}

    def add_organizations(self, names: Iterable[str]) -> dict[str, int]:
        """Create the organizations not there yet (few inserts); returns name_key -> id for all.
        One that another request creates at the same moment is skipped, not an error."""
        known = self.organization_keys()
        new: dict[str, str] = {}
        for name in set(names):  # a company is named by many people; fold each spelling once
            key = name_key(name)
            if key and key not in known and key not in new:
                new[key] = " ".join(name.split())
        if new:
            o = t.organizations
            rows = [
                {"owner_id": self.owner_id, "name": n, "name_key": k, "is_target": False}
                for k, n in sorted(new.items())
            ]
            stmt = insert_or_skip(self.conn, o, ["owner_id", "name_key"]).returning(o.c.name_key)
            made: set[str] = set()
            for i in range(0, len(rows), CHUNK):
                batch = with_ids(self.conn, o, rows[i : i + CHUNK])
                made.update(self.conn.execute(stmt, batch).scalars())
            self.organizations_created += len(made)
            known = self.organization_keys()
            docs: list[tuple[int, str, list[str | None]]] = [
                (known[k], new[k], []) for k in sorted(made)
            ]
            self.search.put_many("organization", docs)
        return known

    def update_people(self, people: Sequence[Person]) -> None:
        """Write changed people in batches: their row, each list row by row (what the import
        added; see store/person_lists.py) and search document. People must have been read with
        `load` in this unit of work. An e-mail another person holds stays theirs: the import
        matched the record to both and reports the pair (as the identity rules do)."""
        if not people:
            return
        orgs = self.add_organizations(p.company for p in people if p.company)
        rows = []
        for p in people:
            row = self.people._row_values_no_org(p)
            row["organization_id"] = orgs.get(_key(p.company)) if p.company else None
            row["pid"] = p.id
            rows.append(row)
        values: dict[str, Any] = {k: bindparam(k) for k in rows[0] if k != "pid"}
        stmt = update(t.people).where(P.id == bindparam("pid")).values(**values)
        self._executemany(stmt, rows)
        ids = [{"pid": p.id} for p in people]
        own = self.owner_id
        read = self.people.read_as
        for i in range(0, len(people), CHUNK):
            batch = people[i : i + CHUNK]
            ListWriter(self.conn, own).write(batch, {p.id: read(p.id) for p in batch if p.id})
        d = t.search_docs.c
        gone = delete(t.search_docs).where(
            and_(d.owner_id == own, d.kind == "person", d.ref_id == bindparam("pid"))
        )
        self._executemany(gone, ids)
        docs = [self.people.search_doc(p) for p in people]
        for i in range(0, len(docs), CHUNK):
            self.search.put_many("person", docs[i : i + CHUNK])

    def _executemany(self, stmt: Any, rows: list[dict[str, Any]]) -> None:
        for i in range(0, len(rows), CHUNK):
            if rows[i : i + CHUNK]:
                self.conn.execute(stmt, rows[i : i + CHUNK])

    def interaction_keys(
        self, channels: Sequence[str], start: date, end: date
    ) -> set[InteractionKey]:
        """(day, channel, people, summary) of the interactions already logged in that window."""
        it, ip = t.interactions.c, t.interaction_people.c
        q = (
            select(it.id, it.occurred_on, it.channel, it.summary, ip.person_id)
            .join(t.interaction_people, ip.interaction_id == it.id)
            .where(
                it.owner_id == self.owner_id,
                it.channel.in_(list(channels)),
                it.occurred_on >= start,
                it.occurred_on <= end,
            )
        )
        head: dict[int, tuple[date, str, str | None]] = {}
        people: dict[int, set[int]] = defaultdict(set)
        for iid, day, channel, summary, pid in self.conn.execute(q):
            head[iid] = (day, channel, summary)
            people[iid].add(pid)
        return {(d, c, frozenset(people[i]), s) for i, (d, c, s) in head.items()}
