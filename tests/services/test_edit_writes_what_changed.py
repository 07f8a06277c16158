"""An edit writes what its change can move and no more, on both backends: a tag with a cadence
moves the check-in, another tag or field leaves it; the person's search document is rewritten
in place (same row, old words gone); an add or a log takes PostgreSQL's id lock once; a new
interaction moves the check-in from its cadence, and an older one moves nothing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest
from sqlalchemy import event, select

from tiekeeper.services.interactions import LogRequest, log_interaction
from tiekeeper.services.people import PersonChanges, add_person, edit_person, show_person
from tiekeeper.services.reminders import set_cadence
from tiekeeper.services.search import search
from tiekeeper.store import tables as t
from tiekeeper.store.uow import Store

TODAY = date(2026, 11, 26)


@contextmanager
def statements(store: Store) -> Iterator[list[str]]:
    seen: list[str] = []

    def note(*args: object) -> None:
        seen.append(str(args[2]))

    event.listen(store.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(store.engine, "before_cursor_execute", note)


def _due(store: Store, ref: str) -> date | None:
    return show_person(store.uow(), ref, TODAY).person.checkin_due_on


def test_only_a_tag_with_a_cadence_moves_the_check_in(store: Store) -> None:
    add_person(store.uow(), PersonChanges(name="Ana", connected="2026-01-01"), TODAY)
    set_cadence(store.uow(), "monthly", tag="mentor")
    assert _due(store, "Ana") is None
    edit_person(store.uow(), "Ana", PersonChanges(tags=["climbing"]), TODAY)
    assert _due(store, "Ana") is None
    edit_person(store.uow(), "Ana", PersonChanges(tags=["mentor"]), TODAY)
    assert _due(store, "Ana") == date(2026, 1, 31)
    edit_person(store.uow(), "Ana", PersonChanges(connected="2026-03-01"), TODAY)
    assert _due(store, "Ana") == date(2026, 3, 31)
    edit_person(store.uow(), "Ana", PersonChanges(cadence="weekly"), TODAY)
    assert _due(store, "Ana") == date(2026, 3, 8)
    edit_person(store.uow(), "Ana", PersonChanges(cadence="off"), TODAY)
    assert _due(store, "Ana") == date(2026, 3, 31)  # the tag's cadence again
    edit_person(store.uow(), "Ana", PersonChanges(untags=["mentor"]), TODAY)
    assert _due(store, "Ana") is None


def test_a_person_s_search_document_is_rewritten_in_place(store: Store) -> None:
    pid = add_person(store.uow(), PersonChanges(name="Ana Lim", company="Acme"), TODAY).id
    doc = select(t.search_docs.c.id, t.search_docs.c.title).where(
        t.search_docs.c.kind == "person", t.search_docs.c.ref_id == pid
    )
    with store.engine.connect() as conn:
        before = conn.execute(doc).all()
    edit_person(store.uow(), str(pid), PersonChanges(name="Ana Tanaka"), TODAY)
    with store.engine.connect() as conn:
        after = conn.execute(doc).all()
    assert len(before) == 1 and [r.id for r in after] == [before[0].id]
    assert after[0].title == "Ana Tanaka"
    assert [h.title for h in search(store.uow(), "tanaka")] == ["Ana Tanaka"]
    assert search(store.uow(), "lim") == []
    with statements(store) as seen:  # a change the document does not hold leaves it alone
        edit_person(store.uow(), str(pid), PersonChanges(closeness=4), TODAY)
    assert not [s for s in seen if "search_docs" in s]


def test_an_add_and_a_log_take_the_id_lock_once(store: Store) -> None:
    with statements(store) as seen:
        add_person(store.uow(), PersonChanges(name="Bo", company="New Co"), TODAY)
        log_interaction(
            store.uow(), LogRequest(people=["Bo"], channel="call", summary="hello"), TODAY
        )
    locks = [s for s in seen if "pg_advisory_xact_lock" in s]
    assert len(locks) == (2 if store.engine.dialect.name == "postgresql" else 0)


def test_a_new_interaction_moves_the_check_in_and_an_older_one_does_not(store: Store) -> None:
    add_person(
        store.uow(), PersonChanges(name="Cy", tags=["mentor"], connected="2026-01-01"), TODAY
    )
    set_cadence(store.uow(), "monthly", tag="mentor")
    log = LogRequest(people=["Cy"], channel="coffee", when="2026-11-20")
    log_interaction(store.uow(), log, TODAY)
    cy = show_person(store.uow(), "Cy", TODAY).person
    assert (cy.last_interaction_on, cy.checkin_due_on) == (date(2026, 11, 20), date(2026, 12, 20))
    log_interaction(
        store.uow(), LogRequest(people=["Cy"], channel="call", when="2026-10-01"), TODAY
    )
    cy = show_person(store.uow(), "Cy", TODAY).person
    assert (cy.last_interaction_on, cy.checkin_due_on) == (date(2026, 11, 20), date(2026, 12, 20))
    log_interaction(store.uow(), LogRequest(people=["Cy"], channel="call", when="today"), TODAY)
    cy = show_person(store.uow(), "Cy", TODAY).person
    assert (cy.last_interaction_on, cy.checkin_due_on) == (TODAY, date(2026, 12, 26))


def test_a_log_names_its_people_by_id_or_name_once_each(store: Store) -> None:
    from tiekeeper.domain.errors import NotFound

    ana = add_person(store.uow(), PersonChanges(name="Ana Lim"), TODAY).id
    bo = add_person(store.uow(), PersonChanges(name="Bo Ode"), TODAY).id
    logged = log_interaction(
        store.uow(), LogRequest(people=[str(bo), "ana lim", f" {bo} "], channel="call"), TODAY
    )
    assert logged.names == {bo: "Bo Ode", ana: "Ana Lim"}
    assert logged.interaction.person_ids == [bo, ana]
    for missing in ("999", "99999999999999999999"):
        with pytest.raises(NotFound, match=f"no person with id {missing}"):
            log_interaction(store.uow(), LogRequest(people=[str(ana), missing]), TODAY)
    assert len(show_person(store.uow(), str(ana), TODAY).interactions) == 1
