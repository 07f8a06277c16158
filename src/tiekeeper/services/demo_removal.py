"""Taking the demo out again: every row it made, and nothing the user made."""

from __future__ import annotations

from dataclasses import dataclass

from tiekeeper.store.demo_marks import DemoRows
from tiekeeper.store.uow import UnitOfWork


@dataclass(frozen=True)
class DemoRemoval:
    removed: bool  # False: there was no demo, and nothing changed
    people: int = 0
    interactions: int = 0
    organizations: int = 0
    kept_interactions: int = 0  # logged with demo people and someone real: kept, without the demo
    trash_entries: int = 0  # demo people deleted by hand, dropped from the trash
    showcase: int = 0  # its goals, events, posts, opportunities and target marks


def remove_demo(uow: UnitOfWork) -> DemoRemoval:
    """Remove the demo's people (and whatever is only about them: their e-mails, tags, follow-ups,
    favours, knows edges, the interactions that had nobody else), its organizations that nothing
    of the user's uses, its tag cadences the user did not change, and its showcase (the goal,
    events, post, opportunity and target it made); in one transaction.

    An interaction the user logged with a demo person and a real person stays, with the real
    person only; people, organizations, goals, events and settings the demo did not make stay."""
    with uow:
        rows = uow.repo(DemoRows)
        mark = rows.read_mark()
        if mark is None:
            return DemoRemoval(False)
        showcase = rows.remove_items(mark.items)
        ids = [pid for batch in mark.people for pid in rows.people_of(batch)]
        gone = rows.remove_people(ids)
        # The kept interactions lost a participant: their search text named the demo person.
        still_in = rows.reindex_interactions(gone.kept)
        uow.bulk.refresh_derived(still_in)
        for tag, days in mark.tag_cadences.items():
            if uow.people.tag_cadences().get(tag) == days:
                uow.people.set_tag_cadence(tag, None)  # re-derives the check-ins it applied to
        organizations = rows.remove_organizations(mark.organizations)
        trashed = rows.drop_trashed({k: v for b in mark.people for k, v in b.expected().items()})
        rows.write_mark(None)
        uow.commit()
    return DemoRemoval(True, gone.people, gone.interactions, organizations, len(gone.kept), trashed,
                       showcase)  # fmt: skip
