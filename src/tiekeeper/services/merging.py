"""Merge two records of one person: everything moves to KEEP, OTHER is deleted."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import UTC, datetime

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.domain.model import Person, PostalAddress, name_key
from tiekeeper.services.imports.identity import phone_key
from tiekeeper.services.people import resolve
from tiekeeper.store.merge import MergeRepository
from tiekeeper.store.uow import UnitOfWork

_LISTS = ("emails", "phones", "links", "tags", "addresses", "card_props")
_NOT_MERGED = {"id", "name", "notes", "last_interaction_on", "checkin_due_on", *_LISTS}


@dataclass
class MergeResult:
    person: Person
    merged_id: int
    merged_name: str
    trash_id: int | None = None  # `tiekeeper trash restore` of it undoes the merge


@dataclass
class MergePlan:
    """What a merge would do, for the user to confirm before it happens."""

    keep: Person
    other: Person
    result: Person
    interactions: int  # of OTHER's, moving to KEEP
    follow_ups: int
    gained: dict[str, list[str]] = field(default_factory=dict)  # field -> values KEEP gains


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
    # OTHER's postal addresses and the card lines kept from its vCard (photo, IM, X-...) go to
    # KEEP too: a merge must not lose what an import kept.
    keep.addresses.extend(a for a in other.addresses if a not in keep.addresses)
    keep.card_props.extend(c for c in other.card_props if c not in keep.card_props)
    if keep.introduced_by_id in (keep.id, other.id):
        keep.introduced_by_id = None
    return keep


def _shown(value: object) -> str:
    if isinstance(value, PostalAddress):
        return value.one_line()
    if isinstance(value, tuple):  # a kept card line: its property name says enough
        return str(value[0])
    return str(value)


def _pair(uow: UnitOfWork, keep_ref: str, other_ref: str) -> tuple[int, int]:
    keep_id, other_id = resolve(uow, keep_ref), resolve(uow, other_ref)
    if keep_id == other_id:
        raise InvalidInput("KEEP and OTHER are the same person", field="other", value=other_ref)
    return keep_id, other_id


def plan_merge(uow: UnitOfWork, keep_ref: str, other_ref: str) -> MergePlan:
    """What `merge_people` would do, changing nothing."""
    with uow:
        keep_id, other_id = _pair(uow, keep_ref, other_ref)
        keep, other = uow.people.load([keep_id, other_id])
        before, _ = uow.people.load([keep_id, other_id])
        result = merge_fields(keep, other)
        gained: dict[str, list[str]] = {}
        for f in fields(Person):
            if f.name in ("id", "last_interaction_on", "checkin_due_on"):
                continue
            old, new = getattr(before, f.name), getattr(result, f.name)
            if old != new:
                if isinstance(new, list):
                    gained[f.name] = [_shown(v) for v in new if v not in old]
                else:
                    gained[f.name] = [str(new)]
        interactions = len(uow.interactions.for_person(other_id, limit=1_000_000))
        follow_ups = len(uow.reminders.open_for_person(other_id))
    return MergePlan(before, other, result, interactions, follow_ups, gained)


def merge_people(
    uow: UnitOfWork, keep_ref: str, other_ref: str, now: datetime | None = None
) -> MergeResult:
    """Merge OTHER into KEEP in one transaction: fields, e-mails, phones, links, tags,
    interactions, favours, reminders, events, who-knows-whom and introductions. Both people as
    they were go to the trash first, so the merge can be undone."""
    from tiekeeper.services.trash import record_merge, snapshot_for_merge

    with uow:
        keep_id, other_id = _pair(uow, keep_ref, other_ref)
        keep, other = uow.people.load([keep_id, other_id])
        before = snapshot_for_merge(uow, keep_id, other_id)
        merged = merge_fields(keep, other)
        uow.interactions.reassign(other_id, keep_id)
        uow.reminders.reassign(other_id, keep_id)
        uow.repo(MergeRepository).move_references(other_id, keep_id)
        uow.people.delete(other_id)
        uow.people.update(merged)
        label = f"merge of #{other_id} {other.name} into #{keep_id} {keep.name}"
        trash_id = record_merge(uow, before, keep_id, other_id, label, now or datetime.now(UTC))
        uow.commit()
    return MergeResult(merged, other_id, other.name, trash_id)
