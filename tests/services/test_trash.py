"""Delete goes to the trash; restore puts back exactly what was there; erase is for good."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import insert, select

from tiekeeper.domain.errors import NotFound
from tiekeeper.services.events import add_event
from tiekeeper.services.interactions import LogRequest, log_interaction
from tiekeeper.services.merging import merge_people, plan_merge
from tiekeeper.services.people import PersonChanges, add_person, edit_person
from tiekeeper.services.search import search
from tiekeeper.services.trash import (
    delete_event,
    delete_interaction,
    delete_people,
    empty_trash,
    erase_person,
    list_trash,
    parse_age,
    restore,
)
from tiekeeper.store import tables as t
from tiekeeper.store.backup import BackupRepository
from tiekeeper.store.knows import KnowsRepository
from tiekeeper.store.uow import Store

TODAY = date(2026, 11, 26)
NOW = datetime(2026, 11, 26, 12, tzinfo=UTC)


def add(store: Store, name: str, **kw: Any) -> int:
    p = add_person(store.uow(), PersonChanges(name=name, **kw), TODAY)
    assert p.id is not None
    return p.id


def state(store: Store) -> tuple[dict[str, Any], list[Any], list[Any]]:
    """Every row the owner has, the search documents and the derived people columns."""
    with store.uow() as uow:
        rows = BackupRepository(uow.conn, store.owner_id).dump()
        d, p = t.search_docs.c, t.people.c
        docs = sorted(
            (r.kind, r.ref_id, r.title, r.body)
            for r in uow.conn.execute(select(t.search_docs).where(d.owner_id == store.owner_id))
        )
        derived = sorted(
            tuple(r)
            for r in uow.conn.execute(
                select(p.id, p.last_interaction_on, p.checkin_due_on, p.checkin_cadence_days)
            )
        )
    return rows, docs, derived


def network(store: Store) -> dict[str, int]:
    ana = add(store, "Ana Lima", emails=["ana@acme.com"], phones=["+1 555 0100"],
              tags=["mentor"], company="Acme", birthday="03-02", cadence="quarterly")  # fmt: skip
    bo = add(store, "Bo Chen", introduced_by=str(ana))
    cy = add(store, "Cy Diaz")
    solo = log_interaction(store.uow(), LogRequest([str(ana)], when="2026-10-01",
                           channel="coffee", topics=["sailing"], summary="Harbour walk",
                           gave=["advice"], follow_up="2026-12-01", action="send the map"),
                           TODAY)  # fmt: skip
    shared = log_interaction(store.uow(), LogRequest([str(ana), str(bo)], when="2026-11-01",
                             channel="call", summary="Plans for Lisbon"), TODAY)  # fmt: skip
    with store.uow() as uow:
        uow.repo(KnowsRepository).add(ana, cy, 2, "entered", TODAY)
        uow.commit()
    add_event(store.uow(), "PyCon", "2026-11-20", TODAY)
    assert solo.interaction.id is not None and shared.interaction.id is not None
    return {"ana": ana, "bo": bo, "cy": cy, "solo": solo.interaction.id,
            "shared": shared.interaction.id}  # fmt: skip


def test_delete_person_then_restore_gives_back_every_row(store: Store) -> None:
    ids = network(store)
    before = state(store)

    [deleted] = delete_people(store.uow(), ["Ana Lima"], NOW)

    rows, docs, _ = state(store)
    assert all(p["id"] != ids["ana"] for p in rows["people"])
    iids = {r["id"] for r in rows["interactions"]}
    assert ids["solo"] not in iids, "an interaction only about her goes with her"
    assert ids["shared"] in iids, "an interaction others were in stays"
    assert [r["person_id"] for r in rows["interaction_people"]] == [ids["bo"]]
    assert not rows["knows"] and not rows["reminders"] and not rows["person_emails"]
    bo = next(p for p in rows["people"] if p["id"] == ids["bo"])
    assert bo["introduced_by_id"] is None
    assert not [d for d in docs if "Lima" in d[2] or "Lima" in d[3]]
    assert [e.label for e in list_trash(store.uow(), NOW)] == ["Ana Lima"]

    back = restore(store.uow(), deleted.trash_id)

    assert back.people == [ids["ana"]] and back.not_restored == 0
    assert state(store) == before
    assert list_trash(store.uow(), NOW) == []
    assert next((h.kind, h.title) for h in search(store.uow(), "Lima")) == ("person", "Ana Lima")


def test_delete_interaction_then_restore(store: Store) -> None:
    ids = network(store)
    before = state(store)
    deleted = delete_interaction(store.uow(), ids["shared"], NOW)
    rows, _, derived = state(store)
    assert ids["shared"] not in {r["id"] for r in rows["interactions"]}
    bo_last = next(d for d in derived if d[0] == ids["bo"])[1]
    assert bo_last is None, "Bo's last interaction was the deleted one"
    assert "Lisbon" in deleted.label
    restore(store.uow(), deleted.trash_id)
    assert state(store) == before


def test_delete_event_then_restore_and_unknown_ids(store: Store) -> None:
    network(store)
    before = state(store)
    deleted = delete_event(store.uow(), "PyCon", NOW)
    assert not state(store)[0]["events"]
    restore(store.uow(), deleted.trash_id)
    assert state(store) == before
    with pytest.raises(NotFound):
        delete_interaction(store.uow(), 99999, NOW)
    with pytest.raises(NotFound):
        restore(store.uow(), 99999)


def test_restore_when_the_id_was_taken_meanwhile_moves_only_the_id(store: Store) -> None:
    ids = network(store)
    [deleted] = delete_people(store.uow(), [str(ids["cy"])], NOW)
    with store.uow() as uow:  # take Cy's id with a different person (SQLite reuses top ids)
        uow.conn.execute(insert(t.people).values(id=ids["cy"], owner_id=store.owner_id,
                         name="Dee Ek", name_key="dee ek", created_on=TODAY))  # fmt: skip
        uow.commit()
    back = restore(store.uow(), deleted.trash_id)
    [cy] = back.people
    assert cy != ids["cy"]
    rows = state(store)[0]
    names = {p["id"]: p["name"] for p in rows["people"]}
    assert names[cy] == "Cy Diaz" and names[ids["cy"]] == "Dee Ek"
    [edge] = rows["knows"]
    assert {edge["person_a_id"], edge["person_b_id"]} == {ids["ana"], cy}


def test_merge_is_undone_by_restoring_its_trash_entry(store: Store) -> None:
    ids = network(store)
    dup = add(store, "Ana Lima (old)", emails=["ana@home.org"], tags=["alumni"])
    log_interaction(store.uow(), LogRequest([str(dup), str(ids["cy"])], when="2026-09-01"), TODAY)
    before = state(store)

    plan = plan_merge(store.uow(), str(ids["ana"]), str(dup))
    assert plan.gained["emails"] == ["ana@home.org"] and plan.interactions == 1
    assert state(store) == before, "a plan changes nothing"

    result = merge_people(store.uow(), str(ids["ana"]), str(dup), NOW)
    assert result.trash_id is not None
    assert dup not in {p["id"] for p in state(store)[0]["people"]}
    # something added to the merged person afterwards stays with her
    later = log_interaction(store.uow(), LogRequest([str(ids["ana"])], when="2026-11-25",
                            summary="after the merge"), TODAY)  # fmt: skip

    restore(store.uow(), result.trash_id)

    rows, _docs, derived = state(store)
    assert {p["id"] for p in rows["people"]} == {p["id"] for p in before[0]["people"]}
    emails = {(r["person_id"], r["email"]) for r in rows["person_emails"]}
    assert emails == {(ids["ana"], "ana@acme.com"), (dup, "ana@home.org")}
    who = {(r["interaction_id"], r["person_id"]) for r in rows["interaction_people"]}
    assert (later.interaction.id, ids["ana"]) in who
    for name in ("person_tags", "knows", "reminders", "favours"):
        assert rows[name] == before[0][name], name
    assert next(d for d in derived if d[0] == ids["ana"])[1] == date(2026, 11, 25)


def test_erase_removes_for_good_from_trash_index_and_file(store: Store) -> None:
    ids = network(store)
    merge_people(store.uow(), str(ids["ana"]), str(ids["cy"]), NOW)  # Cy now lives in a merge
    erased_id, name, dropped = erase_person(store.uow(), "Ana Lima")
    assert (erased_id, name, dropped) == (ids["ana"], "Ana Lima", 1)
    rows, docs, _ = state(store)
    assert ids["ana"] not in {p["id"] for p in rows["people"]}
    assert not [d for d in docs if "Lima" in d[2] or "Lima" in d[3] or "Harbour" in d[2]]
    assert list_trash(store.uow(), NOW) == []
    assert ids["shared"] in {r["id"] for r in rows["interactions"]}


def test_trash_keeps_30_days_and_empty(store: Store) -> None:
    ids = network(store)
    delete_people(store.uow(), [str(ids["cy"])], NOW - timedelta(days=31))
    delete_people(store.uow(), [str(ids["bo"])], NOW - timedelta(days=3))
    assert [e.label for e in list_trash(store.uow(), NOW)] == ["Bo Chen"]
    assert empty_trash(store.uow(), NOW, older_than=parse_age("7d")) == 0
    assert empty_trash(store.uow(), NOW, older_than=parse_age("2d")) == 1
    assert list_trash(store.uow(), NOW) == []
    assert parse_age("2w") == timedelta(days=14)


def test_erase_leaves_no_trace_in_the_sqlite_file(tmp_path: Any) -> None:
    """Debian builds SQLite with secure delete on; other builds leave freed cells in the file.
    Every connection here starts with it off, as elsewhere, so only the store's own setting
    can clear them (an edit leaves an old copy of the search document behind otherwise)."""
    from sqlalchemy import event

    from tiekeeper.store.uow import open_store

    path = tmp_path / "erase.db"
    store = open_store(f"sqlite:///{path}")
    store.engine.dispose()

    def insecure(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.execute("PRAGMA secure_delete=OFF")

    event.listen(store.engine, "connect", insecure, insert=True)  # before the store's own
    network(store)
    add(store, "Zebulon Quixotic", note="Zebulonzap secret")
    for i in range(50):
        add(store, f"Filler {i}", note="x" * 200)
    edit_person(store.uow(), "Zebulon Quixotic", PersonChanges(position="Pilot"), TODAY)

    def file_bytes() -> bytes:
        store.engine.dispose()
        return b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("erase"))

    assert b"Zebulonzap" in file_bytes(), "the check below would not notice leftovers"
    erase_person(store.uow(), "Zebulon Quixotic")
    raw = file_bytes()
    assert b"Quixotic" not in raw and b"Zebulonzap" not in raw and b"quixotic" not in raw


def test_merge_carries_addresses_and_kept_card_lines_and_undo_restores_them(store: Store) -> None:
    from tiekeeper.domain.model import PostalAddress

    ids = network(store)
    dup = add(store, "Ana Lima (phone)")
    with store.uow() as uow:
        p = uow.people.load([dup])[0]
        p.addresses = [PostalAddress(kind="home", street="Rua Augusta 1", city="Lisboa")]
        p.card_props = [("X-SOCIALPROFILE", "X-SOCIALPROFILE;TYPE=twitter:https://x.com/ana")]
        uow.people.update(p)
        uow.commit()
    before = state(store)
    plan = plan_merge(store.uow(), str(ids["ana"]), str(dup))
    assert plan.gained["addresses"] == ["Rua Augusta 1, Lisboa"]
    assert plan.gained["card_props"] == ["X-SOCIALPROFILE"]
    result = merge_people(store.uow(), str(ids["ana"]), str(dup), NOW)
    assert [a.city for a in result.person.addresses] == ["Lisboa"]
    assert result.person.card_props[0][0] == "X-SOCIALPROFILE"
    assert result.trash_id is not None
    restore(store.uow(), result.trash_id)
    rows = state(store)[0]
    assert {r["person_id"] for r in rows["person_addresses"]} == {dup}
    assert {r["person_id"] for r in rows["person_card_props"]} == {dup}
    assert rows["people"] == before[0]["people"]
