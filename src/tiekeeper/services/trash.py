"""Delete, take back, erase: everything deleted goes to the trash for 30 days, whole.

Deleting a person takes out their own rows and the interactions they were alone in; an interaction
shared with others stays and only loses them. A merge goes through the trash too, so restoring its
entry puts both people back as they were before the merge.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from tiekeeper.domain.errors import InvalidInput, NotFound
from tiekeeper.services.people import resolve
from tiekeeper.store.interactions import search_doc
from tiekeeper.store.opportunities import OpportunityRepository
from tiekeeper.store.posts import PostRepository
from tiekeeper.store.trash import (
    Snapshot,
    TrashEntry,
    TrashQueries,
    TrashRepository,
    key_without_person,
)
from tiekeeper.store.uow import UnitOfWork

KEEP_FOR = timedelta(days=30)
KINDS = ("person", "interaction", "event", "opportunity", "post", "merge")


@dataclass(frozen=True)
class Deleted:
    """One trash entry made by a deletion."""

    trash_id: int
    kind: str
    ref_id: int
    label: str


@dataclass(frozen=True)
class Restored:
    entry: TrashEntry
    people: list[int]
    interactions: list[int]
    not_restored: int  # rows whose parent is gone for good (e.g. an event erased since)


def _repos(uow: UnitOfWork) -> tuple[TrashRepository, TrashQueries]:
    return uow.repo(TrashRepository), uow.repo(TrashQueries)


def _person_snapshot(uow: UnitOfWork, pid: int) -> tuple[Snapshot, list[int], list[int]]:
    """Everything that goes when a person goes: their rows, and interactions only about them."""
    _, q = _repos(uow)
    solo, shared = q.interactions_of(pid)
    snap = q.snapshot("people", [pid])
    q.snapshot("interactions", solo, into=snap)
    return snap, solo, shared


def _remove_person(uow: UnitOfWork, pid: int) -> tuple[Snapshot, list[int]]:
    """Snapshot and delete one person; returns the snapshot and the shared interactions."""
    repo, _ = _repos(uow)
    snap, solo, shared = _person_snapshot(uow, pid)
    repo.remove(snap, {"interactions": solo, "people": [pid]})
    uow.search.remove("person", pid)
    uow.search.remove_many("interaction", solo)
    _reindex_interactions(uow, shared)
    return snap, shared


def delete_people(uow: UnitOfWork, refs: Sequence[str], now: datetime) -> list[Deleted]:
    """Move people to the trash, one entry each, in one transaction."""
    with uow:
        ids = list(dict.fromkeys(resolve(uow, r) for r in refs))
        out = []
        for pid, person in zip(ids, uow.people.load(ids), strict=True):
            snap, _ = _remove_person(uow, pid)
            tid = uow.repo(TrashRepository).add("person", pid, person.name, snap, now)
            out.append(Deleted(tid, "person", pid, person.name))
        uow.commit()
    return out


def person_label(uow: UnitOfWork, ref: str) -> str:
    """`#12 Ana Lima` for a PERSON argument (to ask before an erase)."""
    with uow:
        pid = resolve(uow, ref)
        return f"#{pid} {uow.people.names([pid])[pid]}"


def erase_person(uow: UnitOfWork, ref: str) -> tuple[int, str, int]:
    """Remove a person and everything only about them for good, also from the trash and the
    search index. Returns (id, name, trash entries dropped)."""
    with uow:
        pid = resolve(uow, ref)
        person = uow.people.load([pid])[0]
        repo, q = _repos(uow)
        q.zero_freed_pages()
        _remove_person(uow, pid)
        held = repo.entries_holding("people", pid)
        repo.drop(held)
        q.compact_search()
        uow.commit()
    with uow:
        uow.repo(TrashQueries).checkpoint()
    return pid, person.name, len(held)


def _reindex_interactions(uow: UnitOfWork, ids: Sequence[int]) -> None:
    ixs = uow.interactions.load(list(ids))
    if not ixs:
        return
    names = uow.people.names({p for ix in ixs for p in ix.person_ids})
    uow.search.remove_many("interaction", [ix.id for ix in ixs if ix.id is not None])
    uow.search.put_many("interaction", [search_doc(ix, names) for ix in ixs])


def _reindex_people(uow: UnitOfWork, ids: Sequence[int]) -> None:
    people = uow.people.load(list(ids))
    uow.search.remove_many("person", [p.id for p in people if p.id is not None])
    uow.search.put_many("person", [uow.people.search_doc(p) for p in people])


def delete_interaction(uow: UnitOfWork, interaction_id: int, now: datetime) -> Deleted:
    with uow:
        found = uow.interactions.load([interaction_id])
        if not found:
            raise NotFound(f"no interaction with id {interaction_id}")
        ix = found[0]
        names = uow.people.names(ix.person_ids)
        label = f"{ix.occurred_on} {ix.channel} with {', '.join(names.values()) or 'nobody'}"
        if ix.summary:
            label += f": {ix.summary}"
        deleted = _delete_rows(uow, "interaction", "interactions", interaction_id, label, now)
        uow.search.remove("interaction", interaction_id)
        uow.bulk.refresh_derived(ix.person_ids)
        uow.commit()
    return deleted


def delete_event(uow: UnitOfWork, ref: str, now: datetime) -> Deleted:
    from tiekeeper.services.events import resolve_event

    with uow:
        ev = resolve_event(uow, ref)
        assert ev.id is not None
        label = f"{ev.name} ({ev.occurred_on})"
        deleted = _delete_rows(uow, "event", "events", ev.id, label, now)
        uow.commit()
    return deleted


def delete_opportunity(uow: UnitOfWork, opportunity_id: int, now: datetime) -> Deleted:
    with uow:
        o = uow.repo(OpportunityRepository).get(opportunity_id)
        if o is None:
            raise NotFound(f"no opportunity with id {opportunity_id}")
        deleted = _delete_rows(uow, "opportunity", "opportunities", opportunity_id, o.role, now)
        uow.commit()
    return deleted


def delete_post(uow: UnitOfWork, post_id: int, now: datetime) -> Deleted:
    with uow:
        post = next((p for p in uow.repo(PostRepository).find() if p.id == post_id), None)
        if post is None:
            raise NotFound(f"no post with id {post_id}")
        label = f"{post.occurred_on} {post.venue}: {post.topic}"
        deleted = _delete_rows(uow, "post", "posts", post_id, label, now)
        uow.commit()
    return deleted


def _delete_rows(
    uow: UnitOfWork, kind: str, table: str, rid: int, label: str, now: datetime
) -> Deleted:
    repo, q = _repos(uow)
    snap = q.snapshot(table, [rid])
    repo.remove(snap, {table: [rid]})
    return Deleted(repo.add(kind, rid, label, snap, now), kind, rid, label)


def snapshot_for_merge(uow: UnitOfWork, keep_id: int, other_id: int) -> Snapshot:
    """Both people as they are before a merge (call inside the merge's unit of work)."""
    return uow.repo(TrashQueries).snapshot("people", [keep_id, other_id])


def record_merge(
    uow: UnitOfWork, snap: Snapshot, keep_id: int, other_id: int, label: str, now: datetime
) -> int:
    return uow.repo(TrashRepository).add("merge", keep_id, label, snap, now)


def list_trash(uow: UnitOfWork, now: datetime) -> list[TrashEntry]:
    """What is in the trash, newest first (entries older than 30 days are emptied first)."""
    with uow:
        repo = uow.repo(TrashRepository)
        repo.drop_older_than(now - KEEP_FOR)
        entries = repo.entries()
        uow.commit()
    return entries


def empty_trash(uow: UnitOfWork, now: datetime, older_than: timedelta | None = None) -> int:
    """Erase for good what was deleted more than `older_than` ago (everything when None)."""
    with uow:
        repo = uow.repo(TrashRepository)
        if older_than is None:
            n = len(repo.entries())
            repo.drop([e.id for e in repo.entries()])
        else:
            n = repo.drop_older_than(now - older_than)
        uow.commit()
    return n


MAX_AGE_DAYS = 700_000  # 99999w, the most the API's pattern takes, is still a date back from now


def parse_age(text: str) -> timedelta:
    """`30d`, `2w`, `12h` -> a duration (for `trash empty --older-than`). ASCII digits only
    (`²d` is a digit to str.isdigit, not to int), and no more than the calendar holds."""
    value = text.strip().lower()
    units = {"d": 1.0, "w": 7.0, "h": 1 / 24}
    number, unit = (value[:-1], value[-1]) if value[-1:] in units else (value, "d")
    if not (number.isascii() and number.isdigit()):
        raise InvalidInput(f"{text!r} is not an age such as 30d, 2w or 12h", field="older-than")
    # Longer than MAX_AGE_DAYS is refused: `now - age` must stay a date (and int() under its
    # 4,300 digits), so the length of the digits is checked before they become a number.
    days = int(number) * units[unit] if len(number) <= 9 else float("inf")
    if days > MAX_AGE_DAYS:
        raise InvalidInput(
            f"{text!r} is too long an age (at most {MAX_AGE_DAYS} days)", field="older-than"
        )
    return timedelta(days=days)


def restore(uow: UnitOfWork, trash_id: int) -> Restored:
    """Put a trash entry back exactly as it was, and take it out of the trash."""
    with uow:
        repo, q = _repos(uow)
        found = repo.payload(trash_id)
        if found is None:
            raise NotFound(f"no trash entry {trash_id}")
        entry, snap = found
        if entry.kind == "merge":
            snap = _undo_merge_target(uow, snap, entry.ref_id)
        moved, lost = repo.put_back(snap)
        people = [moved["people"].get(i, i) for i in snap.ids("people")]
        interactions = [moved["interactions"].get(i, i) for i in snap.ids("interactions")]
        touched = {
            moved["interactions"].get(int(r["interaction_id"]), int(r["interaction_id"]))
            for r in snap.rows.get("interaction_people", [])
        }
        touched.update(interactions)
        touched_ids = [i for i in sorted(touched) if q.exists("interactions", i)]
        _reindex_people(uow, people)
        _reindex_interactions(uow, touched_ids)
        uow.bulk.refresh_derived(set(people) | set(q.participants(touched_ids)))
        repo.drop([trash_id])
        uow.commit()
    return Restored(entry, people, interactions, lost)


def _undo_merge_target(uow: UnitOfWork, before: Snapshot, keep_id: int) -> Snapshot:
    """Take the merged person out so both can come back as they were; what was added to them
    after the merge (a new interaction, tag or follow-up) is put back with them."""
    repo, q = _repos(uow)
    if not q.exists("people", keep_id):
        return before
    now = q.snapshot("people", [keep_id])
    repo.remove(now, {"people": [keep_id]})
    for name, rows in now.rows.items():
        known = {key_without_person(name, r) for r in before.rows.get(name, [])}
        before.rows[name].extend(r for r in rows if key_without_person(name, r) not in known)
    return before
