from datetime import date

import pytest

from tiekeeper.domain.errors import Conflict, InvalidInput, NotFound
from tiekeeper.services.agenda import today_agenda
from tiekeeper.services.events import add_event, list_events, met_at_event, show_event
from tiekeeper.services.interactions import LogRequest, log_interaction
from tiekeeper.services.people import PersonChanges, add_person, show_person
from tiekeeper.store.uow import Store

EVE = date(2026, 12, 31)


def _event(store: Store, name: str = "PyCon Lisboa", goal: str | None = None) -> None:
    add_event(store.uow(), name, EVE.isoformat(), EVE, kind="conference", goal=goal)


def test_adding_an_event_parses_its_countable_goal(store: Store) -> None:
    ev = add_event(store.uow(), " Tech  Meetup ", "tomorrow", EVE, goal="meet three people")
    assert (ev.name, ev.occurred_on, ev.kind, ev.goal_target) == (
        "Tech Meetup",
        date(2027, 1, 1),
        "other",
        3,
    )
    with pytest.raises(InvalidInput, match="kind"):
        add_event(store.uow(), "X", "today", EVE, kind="party")
    with pytest.raises(InvalidInput, match="name"):
        add_event(store.uow(), "  ", "today", EVE)
    assert [s.event.name for s in list_events(store.uow())] == ["Tech Meetup"]


def test_a_new_person_met_is_created_tagged_logged_and_due_two_days_later(store: Store) -> None:
    _event(store)
    c = met_at_event(
        store.uow(),
        "pycon lisboa",
        "Cy Dias",
        PersonChanges(emails=["cy@example.com"], company="Acme"),
        EVE,
    )
    assert c.is_new and c.follow_up.due_on == date(2027, 1, 2)
    view = show_person(store.uow(), "Cy Dias", EVE)
    assert "met at PyCon Lisboa" in view.person.tags
    assert view.person.emails == ["cy@example.com"] and view.person.company == "Acme"
    assert view.person.how_met == "met at PyCon Lisboa on 2026-12-31"
    assert [(i.channel, i.occurred_on) for i in view.interactions] == [("event", EVE)]
    assert [(r.kind, r.due_on) for r in view.reminders] == [("event-follow-up", date(2027, 1, 2))]


def test_an_existing_person_met_is_resolved_not_duplicated(store: Store) -> None:
    _event(store)
    add_person(store.uow(), PersonChanges(name="Ana Lima", tags=["friend"]), EVE)
    c = met_at_event(store.uow(), "1", "ana lima", PersonChanges(), date(2027, 1, 5))
    assert not c.is_new and c.person.id == 1
    assert c.follow_up.due_on == date(2027, 1, 5)  # captured after the window: due that day
    assert show_person(store.uow(), "1", EVE).person.tags == ["friend", "met at PyCon Lisboa"]
    with pytest.raises(Conflict, match="already recorded"):
        met_at_event(store.uow(), "1", "Ana Lima", PersonChanges(), date(2027, 1, 5))


def test_the_event_follow_up_shows_on_today_with_the_event_as_its_reason(store: Store) -> None:
    _event(store)
    met_at_event(store.uow(), "PyCon Lisboa", "Cy Dias", PersonChanges(), EVE)
    assert today_agenda(store.uow(), EVE).items == []  # not on the event day itself
    items = today_agenda(store.uow(), date(2027, 1, 2)).items
    assert [(i.kind, i.person_name) for i in items] == [("event-follow-up", "Cy Dias")]
    assert items[0].reason == "met at PyCon Lisboa 2 days ago; follow up today"
    late = today_agenda(store.uow(), date(2027, 1, 4)).items
    assert late[0].reason == "met at PyCon Lisboa 4 days ago; follow-up 2 days overdue"


def test_event_show_reports_the_goal_and_who_became_a_tie(store: Store) -> None:
    _event(store, goal="introduce myself to two people")
    for name in ("Ana", "Bo", "Cy"):
        met_at_event(store.uow(), "PyCon Lisboa", name, PersonChanges(), EVE)
    log_interaction(store.uow(), LogRequest(["Bo"], when="2027-01-10", channel="coffee"), EVE)
    log_interaction(store.uow(), LogRequest(["Cy"], when="2026-12-31", channel="call"), EVE)
    v = show_event(store.uow(), "pycon")
    assert v.goal_met is True and len(v.people) == 3
    assert [(m.name, m.is_new, m.became_tie) for m in v.people] == [
        ("Ana", True, False),
        ("Bo", True, True),
        ("Cy", True, False),
    ]
    assert [(s.met, s.new) for s in list_events(store.uow())] == [(3, 3)]


def test_an_event_name_is_case_and_accent_insensitive_and_ambiguity_lists_candidates(
    store: Store,
) -> None:
    add_event(store.uow(), "Café Meetup", "2026-11-01", EVE)
    add_event(store.uow(), "Café Meetup", "2026-12-01", EVE)
    add_event(store.uow(), "Design Week", "2026-12-01", EVE)
    assert show_event(store.uow(), "design WEEK").event.id == 3
    with pytest.raises(Conflict, match=r"#1 Café Meetup \(2026-11-01\); #2"):
        show_event(store.uow(), "cafe meetup")
    with pytest.raises(NotFound):
        show_event(store.uow(), "Nope")
    with pytest.raises(NotFound):
        show_event(store.uow(), "99")


def test_capture_is_refused_before_the_event_and_leaves_nothing_behind(store: Store) -> None:
    add_event(store.uow(), "Future", "2027-02-01", EVE)
    with pytest.raises(InvalidInput, match="after today"):
        met_at_event(store.uow(), "Future", "Ana", PersonChanges(), EVE)
    _event(store)
    with pytest.raises(InvalidInput, match="email"):
        met_at_event(store.uow(), "PyCon Lisboa", "Ana", PersonChanges(emails=["bad"]), EVE)
    with pytest.raises(NotFound):
        met_at_event(store.uow(), "PyCon Lisboa", "ghost@example.com", PersonChanges(), EVE)
    assert show_event(store.uow(), "PyCon Lisboa").people == []
    with pytest.raises(NotFound):
        show_person(store.uow(), "Ana", EVE)
