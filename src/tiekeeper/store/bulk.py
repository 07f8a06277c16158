"""Bulk writes for big batches (imports, the demo and benchmark networks): executemany in chunks
and one pass to recompute derived columns, instead of a round trip per row."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from operator import attrgetter
from typing import Any

from sqlalchemy import Connection, bindparam, func, select, update
from sqlalchemy.exc import IntegrityError

from tiekeeper.domain.cadence import checkin_due, effective_cadence
from tiekeeper.domain.errors import Conflict
from tiekeeper.domain.model import Interaction, Person, name_key
from tiekeeper.store import tables as t
from tiekeeper.store.ids import next_ids
from tiekeeper.store.interactions import child_rows, search_doc
from tiekeeper.store.people import _SCALARS, PeopleRepository, _chunks, _mmdd
from tiekeeper.store.person_cards import insert_cards
from tiekeeper.store.search_sql import doc_body
from tiekeeper.store.writes import insert_columns, insert_many

P = t.people.c
CHUNK = 5000


class BulkWriter:
    def __init__(self, conn: Connection, owner_id: int, people: PeopleRepository) -> None:
        self.conn = conn
        self.owner_id = owner_id
        self.people = people

    def add_people(self, batch: Sequence[Person]) -> list[int]:
        """Insert many people with explicit ids (so children need no round trip); returns ids.

        Built column by column: the same values PeopleRepository.add writes, without a dict per
        person (tests/store/test_bulk_people_columns.py keeps the two in step)."""
        if not batch:
            return []
        n = len(batch)
        first = next_ids(self.conn, t.people, self.owner_id, n)
        ids = list(range(first, first + n))
        own = self.owner_id
        orgs: dict[str | None, int | None] = {}
        for p in batch:  # a company is named by many people: resolve each spelling once
            if p.company not in orgs:
                orgs[p.company] = self.people.organization_id(p.company, p.industry)
        tag_cad = self.people.tag_cadences()
        cadences = [
            effective_cadence(p.cadence_days, [tag_cad[g] for g in p.tags if g in tag_cad])
            if tag_cad
            else p.cadence_days
            for p in batch
        ]
        for p, pid, cadence in zip(batch, ids, cadences, strict=True):
            p.id = pid
            p.checkin_due_on = checkin_due(cadence, None, p.connected_on or p.created_on)
        # One C-level getter per person, then columns by transposing (not 22 passes over 30,000).
        scalars = zip(*map(attrgetter(*_SCALARS), batch), strict=True)
        columns: dict[str, Sequence[Any]] = dict(zip(_SCALARS, scalars, strict=True))
        names = [p.name for p in batch]
        birthdays = [p.birthday for p in batch]
        columns.update(
            id=ids,
            owner_id=[own] * n,
            name=names,
            name_key=list(map(name_key, names)),
            organization_id=[orgs[p.company] for p in batch],
            birthday_month=[b.month if b else None for b in birthdays],
            birthday_day=[b.day if b else None for b in birthdays],
            birthday_year=[b.year if b else None for b in birthdays],
            birthday_mmdd=[b.month * 100 + b.day if b else None for b in birthdays],
            started_mmdd=list(map(_mmdd, columns["started_on"])),
            connected_mmdd=list(map(_mmdd, columns["connected_on"])),
            checkin_cadence_days=cadences,
            checkin_due_on=[p.checkin_due_on for p in batch],
        )
        try:
            self._insert_people(batch, ids, columns)
        except IntegrityError as exc:
            # The import matched every e-mail and LinkedIn URL it read against the address
            # book; one taken now was added by another request during this transaction.
            raise Conflict(
                "an e-mail or LinkedIn URL of these people was added by someone else at the same "
                "moment; nothing was written: run it again (they will be matched)"
            ) from exc
        self.people.search.put_many("person", [self.people.search_doc(p) for p in batch])
        return ids

    def _insert_people(
        self, batch: Sequence[Person], ids: list[int], columns: dict[str, Sequence[Any]]
    ) -> None:
        own = self.owner_id
        insert_columns(self.conn, t.people, columns)
        for table, col, values in (
            (
                t.person_emails,
                "email",
                lambda p: list(dict.fromkeys(e.strip().lower() for e in p.emails)),
            ),
            (t.person_phones, "phone", lambda p: p.phones),
            (t.person_links, "url", lambda p: p.links),
            (t.person_tags, "tag", lambda p: list(dict.fromkeys(p.tags))),
        ):
            pids: list[int] = []
            found: list[str] = []
            for pid, p in zip(ids, batch, strict=True):
                for value in values(p):
                    pids.append(pid)
                    found.append(value)
            child: dict[str, list[Any]] = {"owner_id": [own] * len(pids), "person_id": pids}
            child[col] = found
            insert_columns(self.conn, table, child)
        insert_cards(self.conn, own, batch)

    def add_interactions(
        self,
        batch: Iterable[Interaction],
        names: dict[int, str],
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """Insert many interactions with their people, topics and favours; returns the count."""
        # the rest of the block's ids are this unit of work's until it ends (store/ids.py)
        next_id = next_ids(self.conn, t.interactions, self.owner_id)
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
            linked, topics, favours = child_rows(own, iid, ix)
            buf["ip"] += linked
            buf["tp"] += topics
            buf["fv"] += favours
            ref_id, title, parts = search_doc(ix, names)
            buf["doc"].append(
                {"owner_id": own, "kind": "interaction", "ref_id": ref_id, "title": title,
                 "body": doc_body(title, parts)}
            )  # fmt: skip
            if count % CHUNK == 0:
                flush()
        flush()
        return count

    def refresh_all_derived(self) -> None:
        """Recompute last_interaction_on and checkin_due_on for every person of the owner."""
        self._refresh(None)

    def refresh_derived(self, ids: Iterable[int]) -> None:
        """The same for these people only (an import touches a few thousand of 30,000)."""
        for chunk in _chunks(sorted(set(ids)), 900):
            self._refresh(chunk)

    def _refresh(self, chunk: list[int] | None) -> None:
        ip, it = t.interaction_people.c, t.interactions.c
        last_q = (
            select(ip.person_id, func.max(it.occurred_on))
            .join(t.interactions, it.id == ip.interaction_id)
            .where(ip.owner_id == self.owner_id)
            .group_by(ip.person_id)
        )
        tg = t.person_tags.c
        tags_q = select(tg.person_id, tg.tag).where(tg.owner_id == self.owner_id)
        people_q = select(
            P.id,
            P.cadence_days,
            P.connected_on,
            P.created_on,
            P.last_interaction_on,
            P.checkin_due_on,
            P.checkin_cadence_days,
        ).where(P.owner_id == self.owner_id)
        if chunk is not None:
            last_q = last_q.where(ip.person_id.in_(chunk))
            tags_q = tags_q.where(tg.person_id.in_(chunk))
            people_q = people_q.where(P.id.in_(chunk))
        last = dict(self.conn.execute(last_q).all())
        tag_cad = self.people.tag_cadences()
        tags: dict[int, list[int]] = defaultdict(list)
        if tag_cad:
            for pid, tag in self.conn.execute(tags_q):
                if tag in tag_cad:
                    tags[pid].append(tag_cad[tag])
        updates = []
        for r in self.conn.execute(people_q):
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
        for i in range(0, len(updates), CHUNK):
            self.conn.execute(stmt, updates[i : i + CHUNK])
