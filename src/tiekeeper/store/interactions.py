"""Interactions with their people, topics and favours."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from tiekeeper.domain.model import Favour, Interaction
from tiekeeper.store import tables as t
from tiekeeper.store.agenda_queries import last_topics
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
        ids = [
            r[0]
            for r in self.conn.execute(
                select(IP.interaction_id)
                .join(t.interactions, I.id == IP.interaction_id)
                .where(IP.owner_id == self.owner_id, IP.person_id == person_id)
                .order_by(I.occurred_on.desc(), I.id.desc())
                .limit(limit)
            )
        ]
        return self.load(ids)

    def load(self, ids: Sequence[int]) -> list[Interaction]:
        """Full interactions for ids, in the given order."""
        if not ids:
            return []
        rows = {
            r.id: r
            for r in self.conn.execute(
                select(t.interactions).where(
                    owner_is(I.owner_id, self.owner_id), I.id.in_(list(ids))
                )
            )
        }
        people: dict[int, list[int]] = defaultdict(list)
        topics: dict[int, list[str]] = defaultdict(list)
        favours: dict[int, list[Favour]] = defaultdict(list)
        for iid, pid in self.conn.execute(
            select(IP.interaction_id, IP.person_id).where(IP.interaction_id.in_(list(ids)))
        ):
            people[iid].append(pid)
        tc = t.interaction_topics.c
        for iid, topic in self.conn.execute(
            select(tc.interaction_id, tc.topic).where(tc.interaction_id.in_(list(ids)))
        ):
            topics[iid].append(topic)
        fc = t.favours.c
        for f in self.conn.execute(
            select(t.favours).where(fc.interaction_id.in_(list(ids))).order_by(fc.id)
        ):
            favours[f.interaction_id].append(Favour(f.person_id, f.direction, f.kind, f.note))
        return [
            Interaction(
                occurred_on=rows[i].occurred_on,
                person_ids=sorted(people[i]),
                channel=rows[i].channel,
                initiated_by=rows[i].initiated_by,
                summary=rows[i].summary,
                topics=sorted(topics[i]),
                favours=favours[i],
                id=i,
            )
            for i in ids
            if i in rows
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
