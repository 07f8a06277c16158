"""Stable keys of imported things (a calendar occurrence, a mail thread-day), shared by every
history import.

A key row remembers which interaction an occurrence became and a fingerprint of what was
written. Three promises rest on it:
- re-importing creates nothing: a key already there is never imported again;
- an edited interaction is not overwritten: `edited()` compares the interaction's current
  content with the fingerprint taken when it was written;
- a deleted interaction stays deleted: the key survives with `interaction_id` None (the foreign
  key is ON DELETE SET NULL), so a re-import still finds it and skips it.

Usage inside an open unit of work::

    keys = uow.repo(ImportKeyRepository)
    known = keys.lookup("calendar", candidate_keys)          # key -> ImportedKey
    changed = keys.edited(known)                              # keys the user edited
    keys.record("calendar", {k: ImportedKey(ix.id, fingerprint(ix))}, now)
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, delete, insert, select

from tiekeeper.domain.model import Favour, Interaction
from tiekeeper.store import tables as t
from tiekeeper.store.sql import CHUNK

K = t.import_keys.c
I = t.interactions.c  # noqa: E741
SOURCES = ("calendar", "mail")


@dataclass(frozen=True)
class ImportedKey:
    """What a key became: its interaction (None once deleted) and the fingerprint written."""

    interaction_id: int | None
    fingerprint: str


def fingerprint(ix: Interaction) -> str:
    """A digest of everything a user can change on an interaction (day, channel, who started
    it, summary, people, topics, favours): equal digests mean nobody touched it."""
    favours = sorted(f"{f.person_id}:{f.direction}:{f.kind}:{f.note or ''}" for f in ix.favours)
    parts = [
        "v1",
        ix.occurred_on.isoformat(),
        ix.channel,
        str(ix.initiated_by),
        ix.summary or "",
        ",".join(str(p) for p in sorted(set(ix.person_ids))),
        "\x1f".join(sorted(ix.topics)),
        "\x1f".join(favours),
    ]
    return hashlib.sha256("\x1e".join(parts).encode("utf-8")).hexdigest()


def _runs(values: Iterable[str]) -> Iterator[list[str]]:
    ordered = sorted(set(values))
    for i in range(0, len(ordered), CHUNK):
        yield ordered[i : i + CHUNK]


class ImportKeyRepository:
    def __init__(self, conn: Connection, owner_id: int) -> None:
        self.conn = conn
        self.owner_id = owner_id

    def lookup(self, source: str, keys: Iterable[str]) -> dict[str, ImportedKey]:
        """The keys among `keys` already imported from `source`, with what they became."""
        found: dict[str, ImportedKey] = {}
        for run in _runs(keys):
            q = select(K.key, K.interaction_id, K.fingerprint).where(
                K.owner_id == self.owner_id, K.source == source, K.key.in_(run)
            )
            for key, iid, fp in self.conn.execute(q):
                found[key] = ImportedKey(iid, fp)
        return found

    def record(self, source: str, entries: Mapping[str, ImportedKey], at: datetime) -> None:
        """Remember keys (replacing rows for keys already there) as imported at `at`."""
        if source not in SOURCES:
            raise ValueError(f"unknown import source {source!r}")
        for run in _runs(entries):
            self.conn.execute(
                delete(t.import_keys).where(
                    K.owner_id == self.owner_id, K.source == source, K.key.in_(run)
                )
            )
            rows = [
                {"owner_id": self.owner_id, "source": source, "key": k,
                 "interaction_id": entries[k].interaction_id,
                 "fingerprint": entries[k].fingerprint, "imported_at": at}
                for k in run
            ]  # fmt: skip
            self.conn.execute(insert(t.import_keys), rows)

    def edited(self, known: Mapping[str, ImportedKey]) -> set[str]:
        """The keys whose interaction still exists and no longer matches its fingerprint."""
        by_id = {v.interaction_id: k for k, v in known.items() if v.interaction_id is not None}
        now = self.current_fingerprints(by_id)
        return {by_id[i] for i, fp in now.items() if fp != known[by_id[i]].fingerprint}

    def current_fingerprints(self, ids: Iterable[int]) -> dict[int, str]:
        """The fingerprint of each existing interaction's content now (missing ids left out)."""
        out: dict[int, str] = {}
        ordered = sorted(set(ids))
        for i in range(0, len(ordered), CHUNK):
            for ix in self._load(ordered[i : i + CHUNK]):
                assert ix.id is not None
                out[ix.id] = fingerprint(ix)
        return out

    def _load(self, ids: list[int]) -> list[Interaction]:
        people: dict[int, list[int]] = defaultdict(list)
        topics: dict[int, list[str]] = defaultdict(list)
        favours: dict[int, list[Favour]] = defaultdict(list)
        ip, tc, fc = t.interaction_people.c, t.interaction_topics.c, t.favours.c
        for iid, pid in self.conn.execute(
            select(ip.interaction_id, ip.person_id).where(ip.interaction_id.in_(ids))
        ):
            people[iid].append(pid)
        for iid, topic in self.conn.execute(
            select(tc.interaction_id, tc.topic).where(tc.interaction_id.in_(ids))
        ):
            topics[iid].append(topic)
        for f in self.conn.execute(select(t.favours).where(fc.interaction_id.in_(ids))):
            favours[f.interaction_id].append(Favour(f.person_id, f.direction, f.kind, f.note))
        q = select(I.id, I.occurred_on, I.channel, I.initiated_by, I.summary).where(
            I.owner_id == self.owner_id, I.id.in_(ids)
        )
        return [
            Interaction(r.occurred_on, people[r.id], r.channel, r.initiated_by, r.summary,
                        topics[r.id], favours[r.id], id=r.id)
            for r in self.conn.execute(q)
        ]  # fmt: skip
