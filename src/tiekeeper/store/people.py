"""People and organizations: rows <-> domain objects, always within one owner."""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import (
    Connection,
    Row,
    Text,
    bindparam,
    cast,
    delete,
    func,
    insert,
    literal,
    null,
    or_,
    select,
    union_all,
    update,
)
from sqlalchemy.exc import IntegrityError

from tiekeeper.domain.cadence import checkin_due, effective_cadence
from tiekeeper.domain.dates import PartialDate
from tiekeeper.domain.errors import Conflict
from tiekeeper.domain.model import CardProp, Person, PostalAddress, name_key
from tiekeeper.store import tables as t
from tiekeeper.store.by_people import Scope, owner_param, scoped, who
from tiekeeper.store.ids import add_row, next_ids
from tiekeeper.store.owner_scan import owner_is
from tiekeeper.store.person_cards import ADDRESS_COLUMNS, read_addresses, read_card_props
from tiekeeper.store.person_lists import LISTS, ListWriter, Taken
from tiekeeper.store.search import SearchIndex
from tiekeeper.store.sql import CHUNK
from tiekeeper.store.upsert import insert_or_skip

P = t.people.c
_SCALARS = (
    "position",
    "industry",
    "function",
    "seniority",
    "location",
    "generation",
    "network_type",
    "closeness",
    "how_met",
    "introduced_by_id",
    "interests",
    "working_on",
    "how_to_help",
    "needs",
    "notes",
    "linkedin_url",
    "started_on",
    "connected_on",
    "cadence_days",
    "is_kin",
    "do_not_suggest",
    "created_on",
)


@dataclass(frozen=True)
class PersonFilter:
    tag: str | None = None
    company: str | None = None
    network_type: str | None = None
    overdue_on: date | None = None  # only people whose check-in is due on or before this day


class PeopleRepository:
    def __init__(self, conn: Connection, owner_id: int, search: SearchIndex) -> None:
        self.conn = conn
        self.owner_id = owner_id
        self.search = search
        self._tag_cadences: dict[str, int] | None = None
        # Each person as last read here: `update` writes the difference from it.
        self._read: dict[int, Person] = {}

    # --- organizations -------------------------------------------------------------------
    def organization_id(self, name: str | None, industry: str | None = None) -> int | None:
        """The id of the named organization, created on first mention (also when another
        request creates it at the same moment: the insert then does nothing)."""
        if not name or not name.strip():
            return None
        key = name_key(name)
        o = t.organizations.c
        mine = select(o.id).where(o.owner_id == self.owner_id, o.name_key == key)
        found = self.conn.execute(mine).scalar()
        if found is not None:
            return int(found)
        stmt = insert_or_skip(self.conn, t.organizations, ["owner_id", "name_key"]).values(
            id=next_ids(self.conn, t.organizations, self.owner_id),
            owner_id=self.owner_id,
            name=" ".join(name.split()),
            name_key=key,
            industry=industry,
            is_target=False,
        )
        created = self.conn.execute(stmt.returning(o.id)).scalar()
        if created is None:  # another request made it first; its row is visible now
            return int(self.conn.execute(mine).scalar_one())
        self.search.put_many("organization", [(int(created), name, [industry])])
        return int(created)

    # --- people --------------------------------------------------------------------------
    def _row_values(self, p: Person) -> dict[str, Any]:
        values = self._row_values_no_org(p)
        values["organization_id"] = self.organization_id(p.company, p.industry)
        return values

    @staticmethod
    def _row_values_no_org(p: Person) -> dict[str, Any]:
        values: dict[str, Any] = {k: getattr(p, k) for k in _SCALARS}
        values.update(
            name=p.name,
            name_key=name_key(p.name),
            birthday_month=p.birthday.month if p.birthday else None,
            birthday_day=p.birthday.day if p.birthday else None,
            birthday_year=p.birthday.year if p.birthday else None,
            birthday_mmdd=p.birthday.month * 100 + p.birthday.day if p.birthday else None,
            started_mmdd=_mmdd(p.started_on),
            connected_mmdd=_mmdd(p.connected_on),
        )
        return values

    def add(self, p: Person) -> int:
        """Insert a person with their e-mails, phones, links and tags; returns the new id.
        Conflict when their e-mail or LinkedIn URL is someone else's (also when that someone
        was added at the same moment: the database's unique indexes decide)."""
        values = self._row_values(p)
        values["owner_id"] = self.owner_id
        tag_cad = self.tag_cadences() if p.tags and p.cadence_days is None else {}
        cadence = effective_cadence(p.cadence_days, [tag_cad[g] for g in p.tags if g in tag_cad])
        values["checkin_cadence_days"] = cadence
        values["checkin_due_on"] = checkin_due(cadence, None, p.connected_on or p.created_on)
        with _taken_url(p.linkedin_url):
            pid = add_row(self.conn, t.people, dict(**values))
        p.id = pid
        p.checkin_due_on = values["checkin_due_on"]
        _refuse(ListWriter(self.conn, self.owner_id).write([p], {pid: None}))
        self.search.put_many("person", [self.search_doc(p)])
        return pid

    def update(self, p: Person) -> Person:
        """Write what changed since the person was read in this unit of work: the fields that
        differ, and each list row by row (what was added, what was removed). What another
        request changed meanwhile stays. Conflict when an e-mail or LinkedIn URL is taken.
        Returns the person as now stored, derived fields included."""
        assert p.id is not None
        mine = (P.owner_id == self.owner_id, P.id == p.id)
        # PostgreSQL: edits of one person queue here, so the search document written below is
        # built from every change before ours (SQLite's write lock does the same).
        self.conn.execute(select(P.id).where(*mine).with_for_update())
        before = self.read_as(p.id)
        values = self._changed_values(before, p) if before is not None else self._row_values(p)
        if values:
            with _taken_url(p.linkedin_url):
                self.conn.execute(update(t.people).where(*mine).values(**values))
        _refuse(ListWriter(self.conn, self.owner_id).write([p], {p.id: before}))
        if before is None or self._moves_checkin(before, p):
            self.refresh_checkin([p.id])
        stored = self.get(p.id)
        assert stored is not None  # the row is locked for this transaction
        doc = self.search_doc(stored)
        if before is None or doc != self.search_doc(before):
            self.search.put("person", *doc)
        return stored

    def _moves_checkin(self, before: Person, p: Person) -> bool:
        """Whether this change can move the person's check-in: their own cadence or the dates
        it counts from, or a tag that has a cadence. (Interactions move it too, but an edit of
        the person writes none; another request's change refreshes it itself.)"""
        if (p.cadence_days, p.connected_on, p.created_on) != (
            before.cadence_days, before.connected_on, before.created_on,
        ):  # fmt: skip
            return True
        changed_tags = set(p.tags) ^ set(before.tags)
        return bool(changed_tags) and not changed_tags.isdisjoint(self.tag_cadences())

    def read_as(self, person_id: int) -> Person | None:
        """The person as last read in this unit of work (read now if they were not)."""
        return self._read.get(person_id) or self.get(person_id)

    def _changed_values(self, before: Person, p: Person) -> dict[str, Any]:
        """The people columns p sets differently from `before`."""
        new, old = self._row_values_no_org(p), self._row_values_no_org(before)
        values = {k: v for k, v in new.items() if old[k] != v}
        if name_key(p.company or "") != name_key(before.company or ""):
            values["organization_id"] = self.organization_id(p.company, p.industry)
        return values

    def delete(self, person_id: int) -> None:
        self.conn.execute(delete(t.people).where(P.owner_id == self.owner_id, P.id == person_id))
        self.search.remove("person", person_id)
        self._read.pop(person_id, None)

    @staticmethod
    def search_doc(p: Person) -> tuple[int, str, list[str | None]]:
        """The searchable text of a person."""
        assert p.id is not None
        parts = [
            p.company,
            p.position,
            p.industry,
            p.function,
            p.location,
            p.notes,
            p.interests,
            p.working_on,
            p.how_to_help,
            p.needs,
            p.how_met,
            " ".join(p.tags),
            " ".join(p.emails),
        ]
        return p.id, p.name, parts

    def get(self, person_id: int) -> Person | None:
        people = self.load([person_id])
        return people[0] if people else None

    def load(self, ids: Sequence[int]) -> list[Person]:
        """Full Person objects (with children) for the given ids, in the given order."""
        if not ids:
            return []
        rows = [
            row
            for scope, params in scoped(self.owner_id, ids)
            for row in self.conn.execute(_people_statement(scope), params)
        ]
        found = [r.id for r in rows]
        people = self._people(rows, found)
        for pid, p in people.items():
            self._read[pid] = _copy(p)
        return [people[i] for i in ids if i in people]

    def _people(self, rows: Sequence[Row[Any]], ids: list[int]) -> dict[int, Person]:
        # Many people: one owner-wide query for the addresses and one for the kept lines beat
        # a branch of the union per 900 ids (both tables are empty for most people).
        few = len(ids) <= CHUNK
        children = self._children(ids, with_cards=few)
        if few:
            addresses, props = children.addresses, children.card_props
        else:
            addresses = read_addresses(self.conn, self.owner_id)
            props = read_card_props(self.conn, self.owner_id)
        out: dict[int, Person] = {}
        keys = rows[0]._fields if rows else ()
        for r in rows:
            p = self._to_person(dict(zip(keys, r, strict=True)), children.lists)
            p.addresses = addresses.get(r.id, [])
            p.card_props = props.get(r.id, [])
            out[r.id] = p
        return out

    def _children(self, ids: list[int], *, with_cards: bool) -> _Children:
        """The four lists of these people, and with_cards their addresses and kept vCard lines,
        in one query per 900 (one round trip, not six: a person's page and an edit read them two
        or three times)."""
        out = _Children()
        keys = [key for key, _, _ in LISTS]
        for scope, params in scoped(self.owner_id, ids):
            found = self.conn.execute(_lists_statement(scope, with_cards), params)
            for kind, pid, *values in found:
                if kind < len(LISTS):
                    out.lists[keys[kind]][pid].append(values[0])
                elif kind == _CARD:
                    out.card_props[pid].append((values[0], values[1]))
                else:
                    out.addresses[pid].append(PostalAddress(*values))
        return out

    @staticmethod
    def _to_person(d: dict[str, Any], children: dict[str, dict[int, list[str]]]) -> Person:
        """A person of a row given as a dict: a Row's attribute access, 25 times per person,
        was half the cost of reading a page of 200 people."""
        pid = d["id"]
        month = d["birthday_month"]
        birthday = PartialDate(month, d["birthday_day"], d["birthday_year"]) if month else None
        return Person(
            name=d["name"],
            id=pid,
            company=d["company"],
            birthday=birthday,
            last_interaction_on=d["last_interaction_on"],
            checkin_due_on=d["checkin_due_on"],
            emails=children["emails"].get(pid, []),
            phones=children["phones"].get(pid, []),
            links=children["links"].get(pid, []),
            tags=children["tags"].get(pid, []),
            **{k: d[k] for k in _SCALARS},
        )

    def find(self, flt: PersonFilter, limit: int | None = None, offset: int = 0) -> list[Person]:
        """People matching the filter, by name; `offset` skips the first ones (paging)."""
        q = _with_company().where(P.owner_id == self.owner_id)
        if flt.tag:
            tg = t.person_tags.c
            q = q.where(
                P.id.in_(
                    select(tg.person_id).where(tg.owner_id == self.owner_id, tg.tag == flt.tag)
                )
            )
        if flt.company:
            q = q.where(t.organizations.c.name_key == name_key(flt.company))
        if flt.network_type:
            q = q.where(P.network_type == flt.network_type)
        if flt.overdue_on:
            q = q.where(P.checkin_due_on <= flt.overdue_on)
        q = q.order_by(P.name_key, P.id)
        if limit:
            q = q.limit(limit)
        if offset:
            q = q.offset(offset)
        rows = self.conn.execute(q).all()
        return list(self._people(rows, [r.id for r in rows]).values())

    def count(self) -> int:
        return int(
            self.conn.execute(select(func.count()).where(P.owner_id == self.owner_id)).scalar_one()
        )

    # --- lookups used to resolve PERSON arguments and import identities ------------------
    def ids_by_name_key(self, key: str) -> list[int]:
        q = select(P.id).where(P.owner_id == self.owner_id, P.name_key == key).order_by(P.id)
        return [r[0] for r in self.conn.execute(q)]

    def ids_by_email(self, email: str) -> list[int]:
        e = t.person_emails.c
        q = select(e.person_id).where(e.owner_id == self.owner_id, e.email == email.strip().lower())
        return sorted({r[0] for r in self.conn.execute(q)})

    def ids_by_linkedin(self, url: str) -> list[int]:
        q = select(P.id).where(P.owner_id == self.owner_id, P.linkedin_url == url)
        return [r[0] for r in self.conn.execute(q)]

    def exists(self, person_id: int) -> bool:
        q = select(P.id).where(P.owner_id == self.owner_id, P.id == person_id)
        return self.conn.execute(q).first() is not None

    def names(self, ids: Iterable[int]) -> dict[int, str]:
        out: dict[int, str] = {}
        for scope, params in scoped(self.owner_id, sorted(set(ids))):
            out.update({r[0]: r[1] for r in self.conn.execute(_names_statement(scope), params)})
        return out

    # --- derived columns -----------------------------------------------------------------
    def set_tag_cadence(self, tag: str, days: int | None) -> list[int]:
        """Set (or clear) a tag's cadence; returns the people it applies to."""
        tc = t.tag_cadences.c
        self.conn.execute(delete(t.tag_cadences).where(tc.owner_id == self.owner_id, tc.tag == tag))
        self._tag_cadences = None
        if days is not None:
            self.conn.execute(
                insert(t.tag_cadences).values(owner_id=self.owner_id, tag=tag, cadence_days=days)
            )
        tg = t.person_tags.c
        ids = [
            r[0]
            for r in self.conn.execute(
                select(tg.person_id).where(tg.owner_id == self.owner_id, tg.tag == tag)
            )
        ]
        self.refresh_checkin(ids)
        return ids

    def tag_cadences(self) -> dict[str, int]:
        if self._tag_cadences is None:
            tc = t.tag_cadences.c
            q = select(tc.tag, tc.cadence_days).where(tc.owner_id == self.owner_id)
            self._tag_cadences = {r[0]: r[1] for r in self.conn.execute(q)}
        return self._tag_cadences

    def refresh_checkin(self, ids: Sequence[int]) -> None:
        """Recompute last_interaction_on and checkin_due_on for these people (the bulk writer's
        rule and statements: only rows that change are written)."""
        if not ids:
            return
        from tiekeeper.store.bulk import BulkWriter  # bulk builds on this repository

        BulkWriter(self.conn, self.owner_id, self).refresh_derived(ids)

    def touch_interaction(self, ids: Sequence[int], on: date) -> None:
        """A new interaction on `on`: move last_interaction_on forward where it is older, and
        the check-in with it (their cadence, kept in checkin_cadence_days, stays as it is)."""
        older = or_(P.last_interaction_on.is_(None), P.last_interaction_on < on)
        rows = self.conn.execute(
            select(P.id, P.checkin_cadence_days).where(
                P.owner_id == self.owner_id, P.id.in_(list(ids)), older
            )
        ).all()
        if not rows:
            return
        moved = [{"pid": r[0], "due": checkin_due(r[1], on, None)} for r in rows]
        # `older` again: a later interaction logged meanwhile by another request stays
        stmt = (
            update(t.people)
            .where(P.owner_id == self.owner_id, P.id == bindparam("pid"), older)
            .values(last_interaction_on=on, checkin_due_on=bindparam("due"))
        )
        self.conn.execute(stmt, moved)


def _mmdd(day: date | None) -> int | None:
    return day.month * 100 + day.day if day else None


def _copy(p: Person) -> Person:
    """p with its own lists (a service extends them in place)."""
    c = copy.copy(p)
    for attr in ("emails", "phones", "links", "tags", "addresses", "card_props"):
        setattr(c, attr, list(getattr(p, attr)))
    return c


def _refuse(taken: list[Taken]) -> None:
    """Conflict for the first e-mail that belongs to someone else."""
    if taken:
        _, email, holder = taken[0]
        raise Conflict(f"{email} already belongs to #{holder}")


@contextmanager
def _taken_url(url: str | None) -> Iterator[None]:
    """The unique index's refusal of a LinkedIn URL as Conflict (a request at the same moment
    took it; the one-at-a-time check in the service saw nothing)."""
    try:
        yield
    except IntegrityError as exc:
        if "linkedin" not in str(exc.orig).lower():
            raise
        raise Conflict(f"{url} already belongs to someone else") from None


@dataclass
class _Children:
    """What a person's rows in other tables hold, by person id."""

    lists: dict[str, dict[int, list[str]]] = field(
        default_factory=lambda: {key: defaultdict(list) for key, _, _ in LISTS}
    )
    addresses: dict[int, list[PostalAddress]] = field(default_factory=lambda: defaultdict(list))
    card_props: dict[int, list[CardProp]] = field(default_factory=lambda: defaultdict(list))


_CARD, _ADDRESS = len(LISTS), len(LISTS) + 1  # the union's kinds after the four lists


@cache
def _lists_statement(scope: Scope, with_cards: bool) -> Any:
    """(kind, person id, then the values) of some people's rows in other tables, each kind in
    its stored order: the four LISTS (one value; by row id, or by value where the table has
    none: tags), then with_cards the kept vCard lines (name, line) and the postal addresses
    (ADDRESS_COLUMNS), by position. One union, built once, its text columns padded with NULL."""
    width = len(ADDRESS_COLUMNS)
    no_text = cast(null(), Text)

    def part(kind: int, table: Any, ordinal: Any, values: list[Any]) -> Any:
        c = table.c
        padded = [cast(v, Text) for v in values] + [no_text] * (width - len(values))
        return select(
            literal(kind).label("kind"),
            c.person_id,
            ordinal.label("ordinal"),
            *(v.label(f"v{i}") for i, v in enumerate(padded)),
        ).where(owner_is(c.owner_id, owner_param()), who(c.person_id, scope))

    parts = [
        part(kind, table, table.c.id if "id" in table.c else cast(null(), t.Id), [table.c[col]])
        for kind, (_key, table, col) in enumerate(LISTS)
    ]
    if with_cards:
        C, A = t.person_card_props.c, t.person_addresses.c
        parts.append(part(_CARD, t.person_card_props, C.position, [C.name, C.line]))
        parts.append(
            part(_ADDRESS, t.person_addresses, A.position, [A[c] for c in ADDRESS_COLUMNS])
        )
    u = union_all(*parts).subquery()
    values = [u.c[f"v{i}"] for i in range(width)]
    return select(u.c.kind, u.c.person_id, *values).order_by(u.c.kind, u.c.ordinal, u.c.v0)


def _with_company() -> Any:
    """People rows with their company's name."""
    return select(t.people, t.organizations.c.name.label("company")).outerjoin(
        t.organizations, t.organizations.c.id == P.organization_id
    )


@cache
def _names_statement(scope: Scope) -> Any:
    """(id, name) of some people (built once)."""
    return select(P.id, P.name).where(owner_is(P.owner_id, owner_param()), who(P.id, scope))


@cache
def _people_statement(scope: Scope) -> Any:
    """People rows with their company's name, by id (built once)."""
    return _with_company().where(owner_is(P.owner_id, owner_param()), who(P.id, scope))


def _chunks(items: list[int], size: int) -> Iterable[list[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
