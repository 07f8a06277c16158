from datetime import date, timedelta

import pytest

from tiekeeper.domain.errors import InvalidInput, NotFound
from tiekeeper.services.interactions import LogRequest, log_interaction, parse_favour
from tiekeeper.services.people import PersonChanges, add_person, show_person
from tiekeeper.store.uow import Store

TODAY = date(2026, 11, 26)


def test_logging_restarts_the_cadence_and_records_everything(store: Store) -> None:
    add_person(
        store.uow(), PersonChanges(name="Ana", cadence="monthly", connected="2025-01-01"), TODAY
    )
    add_person(store.uow(), PersonChanges(name="Bo"), TODAY)
    done = log_interaction(
        store.uow(),
        LogRequest(
            people=["ana", "bo"],
            when="3 days ago",
            channel="coffee",
            by="them",
            topics=["career change", "hiring"],
            summary="Talked about her move",
            gave=["introduction to Cy"],
            received=["advice on pricing"],
            follow_up="in 1 week",
            action="send the deck",
        ),
        TODAY,
    )
    ix = done.interaction
    assert ix.occurred_on == TODAY - timedelta(days=3)
    assert len(ix.person_ids) == 2 and ix.initiated_by == "them"
    assert done.reminder is not None and done.reminder.due_on == TODAY + timedelta(days=7)
    view = show_person(store.uow(), "ana", TODAY)
    assert view.person.last_interaction_on == TODAY - timedelta(days=3)
    assert view.person.checkin_due_on == TODAY - timedelta(days=3) + timedelta(days=30)
    logged = view.interactions[0]
    assert logged.topics == ["career change", "hiring"]
    assert {
        (f.direction, f.kind, f.note) for f in logged.favours if f.person_id == view.person.id
    } == {("given", "introduction", "to Cy"), ("received", "advice", "on pricing")}
    assert [r.action for r in view.reminders] == ["send the deck"]


def test_an_older_interaction_does_not_move_the_last_contact_back(store: Store) -> None:
    add_person(store.uow(), PersonChanges(name="Ana", cadence="weekly"), TODAY)
    log_interaction(store.uow(), LogRequest(["Ana"], when="2026-11-20"), TODAY)
    log_interaction(store.uow(), LogRequest(["Ana"], when="2026-01-01"), TODAY)
    p = show_person(store.uow(), "Ana", TODAY).person
    assert p.last_interaction_on == date(2026, 11, 20)
    assert p.checkin_due_on == date(2026, 11, 27)


@pytest.mark.parametrize(
    ("req", "error"),
    [
        (LogRequest(["Ana"], channel="carrier pigeon"), InvalidInput),
        (LogRequest(["Ana"], by="someone"), InvalidInput),
        (LogRequest(["Ana"], when="the other day"), InvalidInput),
        (LogRequest(["Ana"], action="call back"), InvalidInput),
        (LogRequest(["Ana", "Nobody"]), NotFound),
        (LogRequest([]), InvalidInput),
    ],
)
def test_a_bad_log_writes_nothing(store: Store, req: LogRequest, error: type[Exception]) -> None:
    add_person(store.uow(), PersonChanges(name="Ana"), TODAY)
    with pytest.raises(error):
        log_interaction(store.uow(), req, TODAY)
    with store.uow() as uow:
        assert uow.interactions.count() == 0
        assert uow.reminders.open_due_by(date(2100, 1, 1)) == []
    assert show_person(store.uow(), "Ana", TODAY).person.last_interaction_on is None


def test_favour_kinds_are_recognised() -> None:
    assert parse_favour("referral for the PM job") == ("referral", "for the PM job")
    assert parse_favour("Advice") == ("advice", None)
    assert parse_favour("helped move flat") == ("help", "helped move flat")
