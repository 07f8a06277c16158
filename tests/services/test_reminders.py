from datetime import date

import pytest

from tiekeeper.domain.errors import InvalidInput, NotFound
from tiekeeper.services.interactions import LogRequest, log_interaction
from tiekeeper.services.people import PersonChanges, add_person, show_person
from tiekeeper.services.reminders import (
    add_follow_up,
    close_follow_up,
    set_cadence,
    snooze_follow_up,
    upcoming,
)
from tiekeeper.store.uow import Store

TODAY = date(2026, 11, 26)


def test_follow_up_lifecycle_done_snooze_skip(store: Store) -> None:
    add_person(store.uow(), PersonChanges(name="Ana"), TODAY)
    a = add_follow_up(store.uow(), "Ana", "tomorrow", "send notes", TODAY)
    b = add_follow_up(store.uow(), "Ana", "today", None, TODAY)
    c = add_follow_up(store.uow(), "Ana", "in 3 days", None, TODAY)
    assert a.id and b.id and c.id
    snooze_follow_up(store.uow(), a.id, "in 2 weeks", TODAY)
    close_follow_up(store.uow(), b.id, "done", TODAY)
    close_follow_up(store.uow(), c.id, "skipped", TODAY)
    open_ = show_person(store.uow(), "Ana", TODAY).reminders
    assert [(r.id, r.snoozed_until) for r in open_] == [(a.id, date(2026, 12, 10))]
    with pytest.raises(InvalidInput, match="already done"):
        close_follow_up(store.uow(), b.id, "done", TODAY)
    with pytest.raises(NotFound):
        close_follow_up(store.uow(), 999, "done", TODAY)
    with pytest.raises(InvalidInput, match="until"):
        snooze_follow_up(store.uow(), a.id, "yesterday", TODAY)


def test_a_tag_cadence_applies_to_everyone_with_the_tag(store: Store) -> None:
    for name in ("Ana", "Bo"):
        add_person(
            store.uow(), PersonChanges(name=name, tags=["mentor"], connected="2026-01-01"), TODAY
        )
    add_person(
        store.uow(),
        PersonChanges(name="Cy", tags=["mentor"], cadence="yearly", connected="2026-01-01"),
        TODAY,
    )
    result = set_cadence(store.uow(), "monthly", tag="mentor")
    assert result.people == 3
    assert show_person(store.uow(), "Ana", TODAY).person.checkin_due_on == date(2026, 1, 31)
    assert show_person(store.uow(), "Cy", TODAY).cadence_days == 365  # own cadence wins
    set_cadence(store.uow(), "off", tag="mentor")
    assert show_person(store.uow(), "Bo", TODAY).person.checkin_due_on is None
    set_cadence(store.uow(), "14d", person="Bo")
    assert show_person(store.uow(), "Bo", TODAY).person.checkin_due_on == date(2026, 1, 15)
    with pytest.raises(InvalidInput):
        set_cadence(store.uow(), "sometimes", person="Bo")


def test_upcoming_lists_dates_follow_ups_and_check_ins_in_order(store: Store) -> None:
    add_person(
        store.uow(),
        PersonChanges(name="Ana", birthday="1990-12-01", started="2020-11-28", company="Acme"),
        TODAY,
    )
    add_person(store.uow(), PersonChanges(name="Bo", cadence="weekly"), TODAY)
    log_interaction(store.uow(), LogRequest(["Bo"], when="2026-11-24"), TODAY)
    add_follow_up(store.uow(), "Ana", "2026-11-30", "call", TODAY)
    items = upcoming(store.uow(), TODAY, 7)
    assert [(u.day, u.kind, u.person_name, u.detail) for u in items] == [
        (date(2026, 11, 28), "work-anniversary", "Ana", "6 years at Acme"),
        (date(2026, 11, 30), "follow-up", "Ana", "call"),
        (date(2026, 12, 1), "birthday", "Ana", "turns 36"),
        (date(2026, 12, 1), "check-in", "Bo", "weekly check-in"),
    ]
    with pytest.raises(InvalidInput):
        upcoming(store.uow(), TODAY, 0)


def test_upcoming_lists_overdue_follow_ups_first(store: Store) -> None:
    """Issue 10: upcoming left out late follow-ups, while Today's "N more did not fit" sent the
    user there to find them."""
    add_person(store.uow(), PersonChanges(name="Ana"), TODAY)
    add_person(store.uow(), PersonChanges(name="Bo", birthday="11-27"), TODAY)
    add_follow_up(store.uow(), "Ana", "2026-11-20", "send the deck", TODAY)
    add_follow_up(store.uow(), "Bo", "2026-11-25", None, TODAY)
    items = upcoming(store.uow(), TODAY, 7)
    assert [(u.day, u.kind, u.person_name, u.detail, u.overdue_days) for u in items] == [
        (date(2026, 11, 20), "follow-up", "Ana", "send the deck (6 days overdue)", 6),
        (date(2026, 11, 25), "follow-up", "Bo", "follow up (1 day overdue)", 1),
        (date(2026, 11, 27), "birthday", "Bo", "birthday", 0),
    ]
    assert [u.kind for u in upcoming(store.uow(), TODAY, 7, overdue=False)] == ["birthday"]
