"""What the demo created, recorded at demo time, and the statements that take exactly that out.

The record lives in the owner's `settings` (key "demo") as JSON, so no schema change is needed.
People are recognised by id *and* creation day: SQLite hands out max(id)+1, so once the newest
demo person is deleted their id is given to the next person the user adds, and an id range alone
would then take a real person with it. Every demo person's `created_on` lies at least 30 days
before the demo day while people the user adds or imports are created on the day itself, so the
pair never matches a later person."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, delete, exists, select, update

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.store import tables as t
from tiekeeper.store.interactions import InteractionRepository, search_doc
from tiekeeper.store.people import PeopleRepository, _chunks
from tiekeeper.store.search import SearchIndex
from tiekeeper.store.settings import SettingsRepository

KEY = "demo"
P = t.people.c
IP = t.interaction_people.c
D = t.search_docs.c
O = t.organizations.c  # noqa: E741


@dataclass(frozen=True)
class DemoBatch:
    """One run of the demo's people: ids first_id, first_id+1, ... created `ages` days before
    `made_on`, person by person."""

    first_id: int
    made_on: date
    ages: list[int]

    def expected(self) -> dict[int, date]:
        return {
            self.first_id + i: self.made_on - timedelta(days=a) for i, a in enumerate(self.ages)
        }


Pairs = list[tuple[int, str]]


@dataclass
class DemoItems:
    """The showcase rows (services/demo_showcase.py), each as (id, a text it was made with): ids
    are handed out again on SQLite once the newest row is deleted, and the text must match too."""

    goals: Pairs = field(default_factory=list)  # id, title
    events: Pairs = field(default_factory=list)  # id, name
    posts: Pairs = field(default_factory=list)  # id, topic
    opportunities: Pairs = field(default_factory=list)  # id, role
    targets: Pairs = field(default_factory=list)  # organization id, the demo's `why`

    def merge(self, other: DemoItems) -> DemoItems:
        return DemoItems(*(getattr(self, k) + getattr(other, k) for k in ITEM_KINDS))

    def encode(self) -> dict[str, list[list[Any]]]:
        return {k: [[i, v] for i, v in getattr(self, k)] for k in ITEM_KINDS}

    @staticmethod
    def decode(data: dict[str, Any]) -> DemoItems:
        """A record written before the showcase existed has none of these keys."""
        return DemoItems(*([(int(i), str(v)) for i, v in data.get(k, [])] for k in ITEM_KINDS))


ITEM_KINDS = ("goals", "events", "posts", "opportunities", "targets")


@dataclass
class DemoMark:
    people: list[DemoBatch] = field(default_factory=list)
    organizations: dict[int, str] = field(default_factory=dict)  # id -> name_key
    tag_cadences: dict[str, int] = field(default_factory=dict)  # only those the demo set
    items: DemoItems = field(default_factory=DemoItems)

    def merge(self, other: DemoMark) -> DemoMark:
        """Both records (the demo run again after all its people were deleted by hand)."""
        return DemoMark(
            self.people + other.people,
            {**self.organizations, **other.organizations},
            {**other.tag_cadences, **self.tag_cadences},
            self.items.merge(other.items),
        )

    def encode(self) -> str:
        return json.dumps(
            {
                "version": 1,
                "people": [[b.first_id, b.made_on.isoformat(), b.ages] for b in self.people],
                "organizations": [[i, k] for i, k in sorted(self.organizations.items())],
                "tag_cadences": self.tag_cadences,
                "items": self.items.encode(),
            },
            separators=(",", ":"),
        )

    @staticmethod
    def decode(text: str) -> DemoMark:
        try:
            data: Any = json.loads(text)
            return DemoMark(
                [DemoBatch(int(f), date.fromisoformat(d), [int(a) for a in ages])
                 for f, d, ages in data["people"]],
                {int(i): str(k) for i, k in data["organizations"]},
                {str(k): int(v) for k, v in data["tag_cadences"].items()},
                DemoItems.decode(data.get("items", {})),
            )  # fmt: skip
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise InvalidInput(
                f"the demo's record is damaged ({exc}); nothing was removed", field="settings demo"
            ) from None


@dataclass(frozen=True)
class RemovedPeople:
    people: int
    interactions: int  # those left with nobody in them
    kept: list[int]  # interactions that lost demo people but still have someone real


class DemoRows:
    """The demo's record and its removal, for one owner (`uow.repo(DemoRows)`)."""

    def __init__(self, conn: Connection, owner_id: int) -> None:
        self.conn = conn
        self.owner_id = owner_id
        self.settings = SettingsRepository(conn, owner_id)
        self.search = SearchIndex(conn, owner_id)

    def read_mark(self) -> DemoMark | None:
        text = self.settings.get(KEY)
        return None if text is None else DemoMark.decode(text)

    def write_mark(self, mark: DemoMark | None) -> None:
        self.settings.set(KEY, None if mark is None else mark.encode())

    def organization_keys(self) -> dict[int, str]:
        """Every organization of the owner: id -> name_key."""
        q = select(O.id, O.name_key).where(O.owner_id == self.owner_id)
        return {int(i): str(k) for i, k in self.conn.execute(q)}

    def people_of(self, batch: DemoBatch) -> list[int]:
        """The batch's people still here and still the ones the demo made."""
        expected = batch.expected()
        if not expected:
            return []
        q = select(P.id, P.created_on).where(
            P.owner_id == self.owner_id, P.id.between(min(expected), max(expected))
        )
        return [int(pid) for pid, made in self.conn.execute(q) if expected.get(pid) == made]

    def remove_people(self, ids: Sequence[int]) -> RemovedPeople:
        """Delete these people (their own rows go by cascade), their search documents, and every
        interaction that had them and nobody else."""
        touched: set[int] = set()
        for chunk in _chunks(sorted(ids), 900):
            q = select(IP.interaction_id).where(
                IP.owner_id == self.owner_id, IP.person_id.in_(chunk)
            )
            touched.update(int(r[0]) for r in self.conn.execute(q))
            self.conn.execute(delete(t.people).where(P.owner_id == self.owner_id, P.id.in_(chunk)))
            self._drop_docs("person", chunk)
        empty: list[int] = []
        for chunk in _chunks(sorted(touched), 900):
            someone = exists().where(IP.interaction_id == t.interactions.c.id)
            q = select(t.interactions.c.id).where(
                t.interactions.c.owner_id == self.owner_id,
                t.interactions.c.id.in_(chunk),
                ~someone,
            )
            found = [int(r[0]) for r in self.conn.execute(q)]
            if found:
                ic = t.interactions.c
                self.conn.execute(
                    delete(t.interactions).where(ic.owner_id == self.owner_id, ic.id.in_(found))
                )
                self._drop_docs("interaction", found)
            empty += found
        return RemovedPeople(len(ids), len(empty), sorted(touched - set(empty)))

    def reindex_interactions(self, ids: Sequence[int]) -> set[int]:
        """Write these interactions' search documents again (a removed person's name leaves
        them); returns the people still in them."""
        people = PeopleRepository(self.conn, self.owner_id, self.search)
        repo = InteractionRepository(self.conn, self.owner_id, self.search, people)
        left: set[int] = set()
        for chunk in _chunks(list(ids), 900):
            loaded = repo.load(chunk)
            pids = {p for ix in loaded for p in ix.person_ids}
            names = people.names(pids)
            self._drop_docs("interaction", chunk)
            self.search.put_many("interaction", [search_doc(ix, names) for ix in loaded])
            left |= pids
        return left

    def remove_items(self, items: DemoItems) -> int:
        """Delete the showcase's goals, events, posts and opportunities still as the demo made
        them (their people met, engagements and next steps go by cascade), and stop treating as
        a target a company the demo made one, unless the user has since given it a reason of
        their own. Before remove_organizations, which keeps a company an opportunity is at."""
        tables = {
            "goals": (t.goals, t.goals.c.title),
            "events": (t.events, t.events.c.name),
            "posts": (t.posts, t.posts.c.topic),
            "opportunities": (t.opportunities, t.opportunities.c.role),
        }
        removed = 0
        for kind, (table, text) in tables.items():
            for pid, value in getattr(items, kind):
                removed += self.conn.execute(
                    delete(table).where(
                        table.c.owner_id == self.owner_id, table.c.id == pid, text == value
                    )
                ).rowcount
        for org_id, why in items.targets:
            removed += self.conn.execute(
                update(t.organizations)
                .where(
                    O.owner_id == self.owner_id, O.id == org_id, O.is_target.is_(True), O.why == why
                )
                .values(is_target=False, why=None)
            ).rowcount
        return removed

    def remove_organizations(self, made: dict[int, str]) -> int:
        """Delete the demo's organizations that nothing of the user's needs: none that a person
        works at, that an opportunity is at, or that the user made a target."""
        if not made:
            return 0
        works_there = exists().where(P.owner_id == self.owner_id, P.organization_id == O.id)
        op = t.opportunities.c
        pursued = exists().where(op.owner_id == self.owner_id, op.organization_id == O.id)
        gone: list[int] = []
        for chunk in _chunks(sorted(made), 900):
            q = select(O.id, O.name_key).where(
                O.owner_id == self.owner_id,
                O.id.in_(chunk),
                O.is_target.is_(False),
                ~works_there,
                ~pursued,
            )
            gone += [int(i) for i, k in self.conn.execute(q) if made.get(int(i)) == k]
        for chunk in _chunks(gone, 900):
            self.conn.execute(
                delete(t.organizations).where(O.owner_id == self.owner_id, O.id.in_(chunk))
            )
            self._drop_docs("organization", chunk)
        return len(gone)

    def drop_trashed(self, expected: dict[int, date]) -> int:
        """Drop the trash entries that hold demo people and no one else (a demo person deleted
        by hand), so that no restore brings one back after the demo is gone."""
        tr = t.trash.c
        gone: list[int] = []
        for entry_id, payload in self.conn.execute(
            select(tr.id, tr.payload).where(tr.owner_id == self.owner_id)
        ):
            try:  # rows are encoded as in the backup: dates in ISO form
                people = json.loads(payload).get("tables", {}).get("people", [])
                held = [(int(r["id"]), str(r["created_on"])) for r in people]
            except (ValueError, TypeError, KeyError, AttributeError):
                continue  # not a snapshot this code can read: it stays
            if held and all(
                pid in expected and expected[pid].isoformat() == made for pid, made in held
            ):
                gone.append(int(entry_id))
        if gone:
            self.conn.execute(delete(t.trash).where(tr.owner_id == self.owner_id, tr.id.in_(gone)))
        return len(gone)

    def _drop_docs(self, kind: str, ref_ids: Iterable[int]) -> None:
        self.conn.execute(
            delete(t.search_docs).where(
                D.owner_id == self.owner_id, D.kind == kind, D.ref_id.in_(list(ref_ids))
            )
        )
