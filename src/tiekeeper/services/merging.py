"""Merge two records of one person: everything moves to KEEP, OTHER is deleted."""

from __future__ import annotations

from dataclasses import dataclass, fields

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.domain.model import Person, name_key
from tiekeeper.services.import_identity import phone_key
from tiekeeper.services.people import resolve
from tiekeeper.store.merge import MergeRepository
from tiekeeper.store.uow import UnitOfWork

_LISTS = ("emails", "phones", "links", "tags")
_NOT_MERGED = {"id", "name", "notes", "last_interaction_on", "checkin_due_on", *_LISTS}


@dataclass
class MergeResult:
    person: Person
    merged_id: int
    merged_name: str


def _add_unique(into: list[str], extra: list[str], key: object) -> None:
    seen = {key(v) for v in into}  # type: ignore[operator]
    for value in extra:
        if key(value) not in seen:  # type: ignore[operator]
            seen.add(key(value))  # type: ignore[operator]
            into.append(value)


def merge_fields(keep: Person, other: Person) -> Person:
    """KEEP's non-empty fields win, OTHER fills the gaps; lists are unioned; flags are OR-ed;
    both notes are kept (a note is free text a user wrote, never silently dropped)."""
    for f in fields(Person):
        if f.name in _NOT_MERGED:
            continue
        mine, theirs = getattr(keep, f.name), getattr(other, f.name)
        if isinstance(mine, bool):
            setattr(keep, f.name, mine or bool(theirs))
        elif mine in (None, "") and theirs not in (None, ""):
            setattr(keep, f.name, theirs)
    if other.notes and other.notes != keep.notes:
        keep.notes = f"{keep.notes}\n{other.notes}" if keep.notes else other.notes
    _add_unique(keep.emails, other.emails, str.casefold)
    _add_unique(keep.phones, other.phones, lambda v: phone_key(v) or v)
    _add_unique(keep.links, other.links, str.casefold)
    _add_unique(keep.tags, other.tags, name_key)
    if keep.introduced_by_id in (keep.id, other.id):
        keep.introduced_by_id = None
    return keep


def merge_people(uow: UnitOfWork, keep_ref: str, other_ref: str) -> MergeResult:
    """Merge OTHER into KEEP in one transaction: fields, e-mails, phones, links, tags,
    interactions, favours, reminders, events, who-knows-whom and introductions."""
    with uow:
        keep_id, other_id = resolve(uow, keep_ref), resolve(uow, other_ref)
        if keep_id == other_id:
            raise InvalidInput("KEEP and OTHER are the same person", field="other", value=other_ref)
        keep, other = uow.people.load([keep_id, other_id])
        merged = merge_fields(keep, other)
        uow.interactions.reassign(other_id, keep_id)
        uow.reminders.reassign(other_id, keep_id)
        uow.repo(MergeRepository).move_references(other_id, keep_id)
        uow.people.delete(other_id)
        uow.people.update(merged)
        uow.commit()
    return MergeResult(merged, other_id, other.name)
