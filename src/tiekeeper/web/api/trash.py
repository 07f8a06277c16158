"""Deleting through the API: to the trash, back out of it, and erasing for good."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import AwareDatetime, field_validator

from tiekeeper.services import trash
from tiekeeper.web.deps import EventPath, IdPath, PersonPath, StoreDep
from tiekeeper.web.schema_types import AGE
from tiekeeper.web.schemas import Out


async def get_now(request: Request) -> datetime:  # async: no thread for a clock (web/deps.py)
    now: datetime = request.app.state.now()
    return now


NowDep = Annotated[datetime, Depends(get_now)]
router = APIRouter(tags=["trash"])


class DeletedOut(Out):
    trash_id: int
    kind: str
    id: int
    label: str


class TrashEntryOut(Out):
    trash_id: int
    kind: str
    id: int
    label: str
    deleted_at: AwareDatetime

    @field_validator("deleted_at", mode="before")
    @classmethod
    def _in_utc(cls, value: object) -> object:
        """Times are kept in UTC; SQLite hands them back without the zone (RFC 3339 needs it)."""
        if isinstance(value, datetime) and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class RestoredOut(Out):
    trash_id: int
    kind: str
    label: str
    people: list[int]
    interactions: list[int]
    not_restored: int


class ErasedOut(Out):
    id: int
    name: str
    trash_entries_dropped: int


class EmptiedOut(Out):
    erased: int


def _deleted(d: trash.Deleted) -> dict[str, Any]:
    return {"trash_id": d.trash_id, "kind": d.kind, "id": d.ref_id, "label": d.label}


@router.delete("/people/{person}", response_model=DeletedOut)
def delete_person(person: PersonPath, store: StoreDep, now: NowDep) -> dict[str, Any]:
    """Move a person to the trash (interactions shared with others stay, without them)."""
    [done] = trash.delete_people(store.uow(), [person], now)
    return _deleted(done)


@router.post("/people/{person}/erase", response_model=ErasedOut)
def erase_person(person: PersonPath, store: StoreDep) -> dict[str, Any]:
    """Remove a person and everything only about them for good (not to the trash)."""
    pid, name, dropped = trash.erase_person(store.uow(), person)
    return {"id": pid, "name": name, "trash_entries_dropped": dropped}


@router.delete("/interactions/{interaction_id}", response_model=DeletedOut)
def delete_interaction(interaction_id: IdPath, store: StoreDep, now: NowDep) -> dict[str, Any]:
    """Move an interaction to the trash."""
    return _deleted(trash.delete_interaction(store.uow(), interaction_id, now))


@router.delete("/events/{event}", response_model=DeletedOut)
def delete_event(event: EventPath, store: StoreDep, now: NowDep) -> dict[str, Any]:
    """Move an event to the trash (the people met stay)."""
    return _deleted(trash.delete_event(store.uow(), event, now))


@router.delete("/opportunities/{opportunity_id}", response_model=DeletedOut)
def delete_opportunity(opportunity_id: IdPath, store: StoreDep, now: NowDep) -> dict[str, Any]:
    """Move an opportunity to the trash."""
    return _deleted(trash.delete_opportunity(store.uow(), opportunity_id, now))


@router.delete("/posts/{post_id}", response_model=DeletedOut)
def delete_post(post_id: IdPath, store: StoreDep, now: NowDep) -> dict[str, Any]:
    """Move a post to the trash."""
    return _deleted(trash.delete_post(store.uow(), post_id, now))


@router.get("/trash", response_model=list[TrashEntryOut])
def get_trash(store: StoreDep, now: NowDep) -> list[dict[str, Any]]:
    """What was deleted in the last 30 days, newest first."""
    return [
        {"trash_id": e.id, "kind": e.kind, "id": e.ref_id, "label": e.label,
         "deleted_at": e.deleted_at}
        for e in trash.list_trash(store.uow(), now)
    ]  # fmt: skip


@router.post("/trash/{trash_id}/restore", response_model=RestoredOut)
def restore(trash_id: IdPath, store: StoreDep) -> dict[str, Any]:
    """Put a deleted thing back exactly as it was (a merge: both people, as before)."""
    done = trash.restore(store.uow(), trash_id)
    return {"trash_id": trash_id, "kind": done.entry.kind, "label": done.entry.label,
            "people": done.people, "interactions": done.interactions,
            "not_restored": done.not_restored}  # fmt: skip


@router.delete("/trash", response_model=EmptiedOut)
def empty(
    store: StoreDep,
    now: NowDep,
    older_than: Annotated[
        str | None,
        Query(pattern=AGE, description="only what was deleted before this age: 30d, 2w, 12h"),
    ] = None,
) -> dict[str, Any]:
    """Erase what is in the trash for good."""
    age = trash.parse_age(older_than) if older_than else None
    return {"erased": trash.empty_trash(store.uow(), now, age)}
