"""Bulk writes for big batches (imports, the demo and benchmark networks): executemany in chunks
and one pass to recompute derived columns, instead of a round trip per row."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, bindparam, func, select, text, update

from tiekeeper.domain.cadence import checkin_due, effective_cadence
from tiekeeper.domain.model import Interaction, Person, name_key
from tiekeeper.store import tables as t
from tiekeeper.store.people import PeopleRepository, _chunks
from tiekeeper.store.search import fold
from tiekeeper.store.writes import insert_many

P = t.people.c
CHUNK = 5000


class BulkWriter:
    def __init__(self, conn: Connection, owner_id: int, people: PeopleRepository) -> None:
        self.conn = conn
        self.owner_id = owner_id
        self.people = people

    def _advance_sequence(self, table: Any) -> None:
        """Explicit ids bypass PostgreSQL's serial sequence; move it past the largest id so the
        next ordinary insert does not collide."""
        if self.conn.dialect.name == "postgresql":
            self.conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"COALESCE((SELECT max(id) FROM {table.name}), 0) + 1, false)"
                )
            )

    def _next_id(self, table: Any) -> int:
        return (
            int(self.conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()) + 1
        )

    def add_people(self, batch: Sequence[Person]) -> list[int]:
        """Insert many people with explicit ids (so children need no round trip); returns ids."""
        first = self._next_id(t.people)
        own = self.owner_id
        rows, emails, phones, links, tags, docs = [], [], [], [], [], []
        orgs: dict[str, int | None] = {}
        for offset, p in enumerate(batch):
            pid = first + offset
            p.id = pid
            key = name_key(p.company) if p.company else ""
            if key not in orgs:
                orgs[key] = self.people.organization_id(p.company, p.industry)
            row = self.people._row_values_no_org(p)
            row.update(id=pid, owner_id=own, organization_id=orgs[key])
            tag_cad = self.people.tag_cadences()
            cadence = effective_cadence(
                p.cadence_days, [tag_cad[g] for g in p.tags if g in tag_cad]
            )
            row["checkin_cadence_days"] = cadence
            row["checkin_due_on"] = p.checkin_due_on = checkin_due(
                cadence, None, p.connected_on or p.created_on
            )
            rows.append(row)
            emails += [{"owner_id": own, "person_id": pid, "email": e.lower()} for e in p.emails]
            phones += [{"owner_id": own, "person_id": pid, "phone": x} for x in p.phones]
            links += [{"owner_id": own, "person_id": pid, "url": x} for x in p.links]
            tags += [{"owner_id": own, "person_id": pid, "tag": x} for x in dict.fromkeys(p.tags)]
            docs.append(self.people.search_doc(p))
        for table, data in (
            (t.people, rows),
            (t.person_emails, emails),
            (t.person_phones, phones),
            (t.person_links, links),
            (t.person_tags, tags),
        ):
            for i in range(0, len(data), CHUNK):
                insert_many(self.conn, table, data[i : i + CHUNK])
        for i in range(0, len(docs), CHUNK):
            self.people.search.put_many("person", docs[i : i + CHUNK])
        self._advance_sequence(t.people)
        return [first + i for i in range(len(batch))]

    def add_interactions(
        self,
        batch: Iterable[Interaction],
        names: dict[int, str],
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """Insert many interactions with their people, topics and favours; returns the count."""
        next_id = self._next_id(t.interactions)
        own = self.owner_id
        buf: dict[str, list[dict[str, Any]]] = defaultdict(list)
        count = 0

        def flush() -> None:
            for table, key in (
                (t.interactions, "ix"),
                (t.interaction_people, "ip"),
                (t.interaction_topics, "tp"),
                (t.favours, "fv"),
                (t.search_docs, "doc"),
            ):
                if buf[key]:
                    insert_many(self.conn, table, buf[key])
            buf.clear()
            if progress:
                progress(count)

        for ix in batch:
            iid = next_id + count
            ix.id = iid
            count += 1
            buf["ix"].append(
                {
                    "id": iid,
                    "owner_id": own,
                    "occurred_on": ix.occurred_on,
                    "channel": ix.channel,
                    "initiated_by": str(ix.initiated_by),
                    "summary": ix.summary,
                }
            )
            pids = list(dict.fromkeys(ix.person_ids))
            buf["ip"] += [{"owner_id": own, "interaction_id": iid, "person_id": p} for p in pids]
            topics = list(dict.fromkeys(ix.topics))
            buf["tp"] += [{"owner_id": own, "interaction_id": iid, "topic": tp} for tp in topics]
            buf["fv"] += [
                {
                    "owner_id": own,
                    "interaction_id": iid,
                    "person_id": f.person_id,
                    "direction": f.direction,
                    "kind": f.kind,
                    "note": f.note,
                }
                for f in ix.favours
            ]
            title = ix.summary or ix.channel
            body = " ".join([title, *(names.get(p, "") for p in pids), *topics, ix.channel])
            buf["doc"].append(
                {
                    "owner_id": own,
                    "kind": "interaction",
                    "ref_id": iid,
                    "title": title,
                    "body": fold(body),
                }
            )
            if count % CHUNK == 0:
                flush()
        flush()
        self._advance_sequence(t.interactions)
        return count

    def refresh_all_derived(self) -> None:
        """Recompute last_interaction_on and checkin_due_on for every person of the owner."""
        ip, it = t.interaction_people.c, t.interactions.c
        last = dict(
            self.conn.execute(
                select(ip.person_id, func.max(it.occurred_on))
                .join(t.interactions, it.id == ip.interaction_id)
                .where(ip.owner_id == self.owner_id)
                .group_by(ip.person_id)
            ).all()
        )
        tag_cad = self.people.tag_cadences()
        tags: dict[int, list[int]] = defaultdict(list)
        if tag_cad:
            tg = t.person_tags.c
            for pid, tag in self.conn.execute(
                select(tg.person_id, tg.tag).where(tg.owner_id == self.owner_id)
            ):
                if tag in tag_cad:
                    tags[pid].append(tag_cad[tag])
        updates = []
        for r in self.conn.execute(
            select(
                P.id,
                P.cadence_days,
                P.connected_on,
                P.created_on,
                P.last_interaction_on,
                P.checkin_due_on,
                P.checkin_cadence_days,
            ).where(P.owner_id == self.owner_id)
        ):
            last_on: date | None = last.get(r.id)
            cadence = effective_cadence(r.cadence_days, tags.get(r.id, []))
            due = checkin_due(cadence, last_on, r.connected_on or r.created_on)
            if (last_on, due, cadence) != (
                r.last_interaction_on,
                r.checkin_due_on,
                r.checkin_cadence_days,
            ):
                updates.append({"pid": r.id, "last": last_on, "due": due, "cad": cadence})
        stmt = (
            update(t.people)
            .where(P.id == bindparam("pid"))
            .values(
                last_interaction_on=bindparam("last"),
                checkin_due_on=bindparam("due"),
                checkin_cadence_days=bindparam("cad"),
            )
        )
        for chunk in _chunks(list(range(len(updates))), CHUNK):
            self.conn.execute(stmt, [updates[i] for i in chunk])
