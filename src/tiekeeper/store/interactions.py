"""Interactions with their people, topics and favours."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import (
    Connection,
    Text,
    bindparam,
    cast,
    delete,
    func,
    insert,
    literal,
    null,
    select,
    union_all,
    update,
)

from tiekeeper.domain.model import Favour, Interaction
from tiekeeper.store import tables as t
from tiekeeper.store.agenda_queries import last_topics
from tiekeeper.store.by_people import Scope, owner_param, scoped, who
from tiekeeper.store.ids import add_row, with_ids
from tiekeeper.store.owner_scan import owner_is
from tiekeeper.store.people import PeopleRepository
from tiekeeper.store.search import SearchIndex

I = t.interactions.c  # noqa: E741
IP = t.interaction_people.c


Rows = list[dict[str, Any]]


def child_rows(owner_id: int, iid: int, ix: Interaction) -> tuple[Rows, Rows, Rows]:
    """The interaction_people, interaction_topics and favours rows of one interaction (people
    and topics once each, in the order given)."""
    own = owner_id
    pids = dict.fromkeys(ix.person_ids)
    topics = dict.fromkeys(tp.strip() for tp in ix.topics if tp.strip())
    return (
        [{"owner_id": own, "interaction_id": iid, "person_id": p} for p in pids],
        [{"owner_id": own, "interaction_id": iid, "topic": tp} for tp in topics],
        [{"owner_id": own, "interaction_id": iid, "person_id": f.person_id,
          "direction": f.direction, "kind": f.kind, "note": f.note} for f in ix.favours],
    )  # fmt: skip


def search_doc(ix: Interaction, names: dict[int, str]) -> tuple[int, str, list[str | None]]:
    """The searchable text of an interaction: summary (or channel), people, topics, channel."""
    assert ix.id is not None
    people = " ".join(names.get(p, "") for p in dict.fromkeys(ix.person_ids))
    topics = " ".join(dict.fromkeys(tp.strip() for tp in ix.topics if tp.strip()))
    return ix.id, ix.summary or ix.channel, [people, topics, ix.channel]


class InteractionRepository:
    def __init__(
        self, conn: Connection, owner_id: int, search: SearchIndex, people: PeopleRepository
    ) -> None:
        self.conn = conn
        self.owner_id = owner_id
        self.search = search
        self.people = people

    def add(self, ix: Interaction, names: dict[int, str] | None = None) -> int:
        """Insert an interaction; moves each person's last-interaction day and check-in forward.
        `names`: its people's names, when the caller has read them already."""
        iid = int(
            add_row(
                self.conn,
                t.interactions,
                dict(
                    owner_id=self.owner_id,
                    occurred_on=ix.occurred_on,
                    channel=ix.channel,
                    initiated_by=str(ix.initiated_by),
                    summary=ix.summary,
                ),
            )
        )
        ix.id = iid
        linked, topics, favours = child_rows(self.owner_id, iid, ix)
        pids = [r["person_id"] for r in linked]
        for table, rows in (
            (t.interaction_people, linked),
            (t.interaction_topics, topics),
            (t.favours, favours),
        ):
            if rows:
                self.conn.execute(insert(table), with_ids(self.conn, table, rows))
        if names is None:
            names = self.people.names(pids)
        self.search.put_many("interaction", [search_doc(ix, names)])
        self.people.touch_interaction(pids, ix.occurred_on)
        return iid

    def for_person(self, person_id: int, limit: int = 20) -> list[Interaction]:
        """The person's most recent interactions, newest first."""
        params = {"owner": self.owner_id, "pid": person_id, "limit": limit}
        return self._with_children(list(self.conn.execute(_for_person_statement(), params)))

    def load(self, ids: Sequence[int]) -> list[Interaction]:
        """Full interactions for ids, in the given order."""
        wanted = list(dict.fromkeys(ids))
        found: dict[int, Any] = {}
        for scope, params in scoped(self.owner_id, wanted):
            found.update((r.id, r) for r in self.conn.execute(_rows_statement(scope), params))
        return self._with_children([found[i] for i in wanted if i in found])

    def _with_children(self, rows: list[Any]) -> list[Interaction]:
        """The interactions of these rows, in their order, with their people, topics and
        favours (one statement for all three)."""
        people: dict[int, list[int]] = defaultdict(list)
        topics: dict[int, list[str]] = defaultdict(list)
        favours: dict[int, list[Favour]] = defaultdict(list)
        for scope, params in scoped(self.owner_id, [r.id for r in rows]):
            params.pop("owner")
            for part, iid, pid, a, b, c, _ in self.conn.execute(_children_statement(scope), params):
                if part == 0:
                    people[iid].append(pid)
                elif part == 1:
                    topics[iid].append(a)
                else:
                    favours[iid].append(Favour(pid, a, b, c))
        return [
            Interaction(
                occurred_on=r.occurred_on,
                person_ids=sorted(people[r.id]),
                channel=r.channel,
                initiated_by=r.initiated_by,
                summary=r.summary,
                topics=sorted(topics[r.id]),
                favours=favours[r.id],
                id=r.id,
            )
            for r in rows
        ]

    def last_topics(self, person_ids: Sequence[int], per_person: int = 2) -> dict[int, list[str]]:
        """The topics of each person's most recent interaction that had topics."""
        return last_topics(self.conn, self.owner_id, person_ids, per_person)

    def count(self) -> int:
        q = select(func.count()).select_from(t.interactions).where(I.owner_id == self.owner_id)
        return int(self.conn.execute(q).scalar_one())

    def reassign(self, from_person: int, to_person: int) -> None:
        """Move every interaction of one person to another (merging duplicates)."""
        mine = select(IP.interaction_id).where(IP.person_id == to_person)
        self.conn.execute(
            delete(t.interaction_people).where(
                IP.person_id == from_person, IP.interaction_id.in_(mine)
            )
        )
        self.conn.execute(
            update(t.interaction_people)
            .where(IP.owner_id == self.owner_id, IP.person_id == from_person)
            .values(person_id=to_person)
        )
        self.conn.execute(
            update(t.favours)
            .where(t.favours.c.owner_id == self.owner_id, t.favours.c.person_id == from_person)
            .values(person_id=to_person)
        )


@cache
def _for_person_statement() -> Any:
    """A person's interactions (:pid, :owner), newest first, at most :limit (built once)."""
    return (
        select(t.interactions)
        .join(t.interaction_people, IP.interaction_id == I.id)
        .where(IP.owner_id == owner_param(), IP.person_id == bindparam("pid", type_=t.Id))
        .order_by(I.occurred_on.desc(), I.id.desc())
        .limit(bindparam("limit"))
    )


@cache
def _rows_statement(scope: Scope) -> Any:
    """Interactions rows by id (built once per scope)."""
    return select(t.interactions).where(owner_is(I.owner_id, owner_param()), who(I.id, scope))


@cache
def _children_statement(scope: Scope) -> Any:
    """(part, interaction id, person id, a, b, c, ordinal) of some interactions: their people
    (part 0), topics (1: a) and favours (2: direction, kind, note, in the order written), in
    one union built once per scope."""
    tc, fc = t.interaction_topics.c, t.favours.c
    no_id, no_text = cast(null(), t.Id), cast(null(), Text)
    parts = [
        select(literal(0).label("part"), IP.interaction_id.label("iid"), IP.person_id.label("pid"),
               no_text.label("a"), no_text.label("b"), no_text.label("c"),
               no_id.label("ordinal")).where(who(IP.interaction_id, scope)),
        select(literal(1), tc.interaction_id, no_id, tc.topic, no_text, no_text, no_id)
        .where(who(tc.interaction_id, scope)),
        select(literal(2), fc.interaction_id, fc.person_id, fc.direction, fc.kind, fc.note, fc.id)
        .where(who(fc.interaction_id, scope)),
    ]  # fmt: skip
    u = union_all(*parts).subquery()
    return select(*u.c).order_by(u.c.part, u.c.ordinal)
