"""`merge KEEP OTHER` moves everything to KEEP in one transaction; `duplicates` finds pairs."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, insert, select

from tiekeeper.domain.errors import InvalidInput, NotFound
from tiekeeper.services.duplicates import find_duplicates
from tiekeeper.services.interactions import LogRequest, log_interaction
from tiekeeper.services.merging import merge_people
from tiekeeper.services.people import PersonChanges, add_person, show_person
from tiekeeper.services.search import search
from tiekeeper.store import tables as t
from tiekeeper.store.ids import add_row
from tiekeeper.store.knows import KnowsRepository
from tiekeeper.store.uow import Store

TODAY = date(2026, 11, 26)


def add(store: Store, name: str, **kw: object) -> int:
    p = add_person(store.uow(), PersonChanges(name=name, **kw), TODAY)  # type: ignore[arg-type]
    assert p.id is not None
    return p.id


def test_merge_moves_fields_lists_interactions_reminders_events_and_edges(store: Store) -> None:
    keep = add(store, "Ana Lima", emails=["ana@acme.com"], tags=["mentor"], position="CTO")
    other = add(store, "Ana Lima (old)", emails=["ana@home.org"], phones=["+1 555 010 2030"],
                tags=["alumni", "Mentor"], company="Acme", note="likes sailing",
                birthday="1990-04-15")  # fmt: skip
    bo, cy = add(store, "Bo Chen"), add(store, "Cy Diaz", introduced_by=str(other))
    call = LogRequest([str(other)], when="2026-10-01", channel="call", gave=["advice"],
                      follow_up="2026-12-01")  # fmt: skip
    log_interaction(store.uow(), call, TODAY)
    log_interaction(store.uow(), LogRequest([str(keep), str(other)], when="2026-11-01"), TODAY)
    with store.uow() as uow:
        knows = uow.repo(KnowsRepository)
        knows.add(other, bo, 2, "entered", TODAY)
        knows.add(keep, bo, 1, "entered", TODAY)
        knows.add(other, cy, 3, "entered", TODAY)
        knows.add(keep, other, 1, "entered", TODAY)
        ev = add_row(uow.conn, t.events, {"owner_id": store.owner_id, "name": "PyCon",
                                          "name_key": "pycon", "kind": "conference",
                                          "occurred_on": TODAY})  # fmt: skip
        rows = [{"owner_id": store.owner_id, "event_id": ev, "person_id": pid, "is_new": False}
                for pid in (keep, other)]  # fmt: skip
        uow.conn.execute(insert(t.event_people), rows)
        uow.commit()

    result = merge_people(store.uow(), str(keep), str(other))

    p = result.person
    assert (p.name, p.position, p.company) == ("Ana Lima", "CTO", "Acme")
    assert p.emails == ["ana@acme.com", "ana@home.org"] and p.phones == ["+1 555 010 2030"]
    assert sorted(p.tags) == ["alumni", "mentor"] and p.notes == "likes sailing"
    view = show_person(store.uow(), str(keep), TODAY)
    assert len(view.interactions) == 2 and view.person.birthday is not None
    assert [r.action for r in view.reminders] == [None] and view.reminders[0].person_id == keep
    assert view.interactions[1].favours[0].person_id == keep
    assert view.interactions[0].person_ids == [keep]  # the shared one keeps KEEP once
    assert view.person.last_interaction_on == date(2026, 11, 1)
    with store.uow() as uow:
        edges = {(e.a, e.b): e.strength for e in uow.repo(KnowsRepository).all()}
        assert edges == {tuple(sorted((keep, bo))): 2, tuple(sorted((keep, cy))): 3}
        attendees = uow.conn.execute(select(t.event_people.c.person_id)).scalars().all()
        assert attendees == [keep]
        assert uow.people.get(cy).introduced_by_id == keep  # type: ignore[union-attr]
        assert not uow.people.exists(other)
        assert uow.conn.execute(select(func.count()).select_from(t.favours)).scalar() == 1
    assert [h.ref_id for h in search(store.uow(), "sailing")] == [keep]
    assert [h.ref_id for h in search(store.uow(), "ana") if h.kind == "person"] == [keep]


def test_merging_a_person_with_themselves_is_refused(store: Store) -> None:
    pid = add(store, "Ana Lima")
    with pytest.raises(InvalidInput, match="same person"):
        merge_people(store.uow(), str(pid), "Ana Lima")


def test_merging_an_unknown_person_changes_nothing(store: Store) -> None:
    pid = add(store, "Ana Lima", emails=["a@x.org"])
    with pytest.raises(NotFound):
        merge_people(store.uow(), str(pid), "999")
    assert show_person(store.uow(), str(pid), TODAY).person.emails == ["a@x.org"]


def test_duplicates_finds_planted_pairs_and_not_unrelated_people(store: Store) -> None:
    jon = add(store, "Jon Smith", company="Acme")
    john = add(store, "John Smith", company="Acme")
    ana = add(store, "Ana Lima", phones=["+1 555 010 2030"])
    # the same phone on a second record (an e-mail can no longer be: the database refuses it)
    ana2 = add(store, "A. Lima-Santos", phones=["555-010-2030"])
    for name in ("Maria Garcia Lopez", "Bo Chen", "Bob Cheney", "Carla Smith", "John Smithers"):
        add(store, name)
    pairs = {(p.a.id, p.b.id): p for p in find_duplicates(store.uow())}
    assert set(pairs) == {(jon, john), (ana, ana2)}
    assert (
        pairs[(ana, ana2)].score == 100 and "same phone: 5550102030" in pairs[(ana, ana2)].evidence
    )
    smiths = pairs[(jon, john)]
    # a similar name at the same company is corroborated, not proven (services/duplicates.py)
    assert smiths.score == 65 and smiths.evidence == ["similar name (95%)", "same company: Acme"]


def test_duplicates_is_empty_for_distinct_people(store: Store) -> None:
    add(store, "Ana Lima")
    add(store, "Bo Chen")
    assert find_duplicates(store.uow()) == []
