from datetime import date, timedelta

import pytest

from tiekeeper.domain.errors import InvalidInput, NotFound
from tiekeeper.services.agenda import today_agenda
from tiekeeper.services.opportunities import (
    add_opportunity,
    list_opportunities,
    move_opportunity,
    show_opportunity,
)
from tiekeeper.services.people import PersonChanges, add_person
from tiekeeper.store.uow import Store

TODAY = date(2026, 11, 26)


def person(store: Store, name: str, **kw: object) -> int:
    p = add_person(store.uow(), PersonChanges(name=name, **kw), TODAY)  # type: ignore[arg-type]
    assert p.id is not None
    return p.id


def _today(store: Store, day: date = TODAY) -> list[tuple[str, str, str]]:
    return [(i.kind, i.person_name, i.reason) for i in today_agenda(store.uow(), day).items]


def test_a_next_step_via_someone_shows_on_today_with_its_reason(store: Store) -> None:
    person(store, "Ana Lima")
    v = add_opportunity(store.uow(), "Acme", "Designer", TODAY, "referral", "ana lima",
                        "send portfolio", "tomorrow")  # fmt: skip
    assert v.opportunity.stage == "idea" and v.opportunity.source == "referral"
    assert v.reminder is not None and v.reminder_person == "Ana Lima"
    assert _today(store) == []  # due tomorrow, not yet
    assert _today(store, TODAY + timedelta(days=1)) == [
        ("next-step", "Ana Lima", "next step due today: send portfolio (Designer at Acme)")
    ]
    assert _today(store, TODAY + timedelta(days=3))[0][2].startswith("next step 2 days overdue")


def test_a_next_step_without_a_date_is_due_today(store: Store) -> None:
    person(store, "Ana", company="Acme")
    add_opportunity(store.uow(), "Acme", "Designer", TODAY, next_text="call Ana")
    assert [k for k, _, _ in _today(store)] == ["next-step"]


def test_without_via_the_best_tied_contact_at_the_company_gets_the_next_step(
    store: Store,
) -> None:
    person(store, "Distant", company="Acme", closeness=1)
    person(store, "Close", company="Acme", closeness=5)
    v = add_opportunity(store.uow(), "acme", "PM", TODAY, next_text="ask for a referral")
    assert v.reminder_person == "Close"
    assert v.organization == "Acme"


def test_with_nobody_at_the_company_the_next_step_is_kept_without_a_reminder(
    store: Store,
) -> None:
    v = add_opportunity(store.uow(), "Initech", "PM", TODAY, "hidden", None, "find a contact")
    assert v.reminder is None
    assert _today(store) == []
    [listed] = list_opportunities(store.uow())
    assert (listed.opportunity.next_step, listed.opportunity.next_step_on) == (
        "find a contact",
        TODAY,
    )


def test_moving_with_a_new_next_step_replaces_the_reminder(store: Store) -> None:
    person(store, "Ana")
    v = add_opportunity(store.uow(), "Acme", "PM", TODAY, via="Ana", next_text="send CV")
    assert v.opportunity.id is not None and v.reminder is not None
    moved = move_opportunity(store.uow(), v.opportunity.id, "reached out", TODAY,
                             "ask about the team", "in 3 days")  # fmt: skip
    assert moved.opportunity.stage == "reached-out" and moved.backwards_from is None
    assert moved.reminder is not None and moved.reminder.id != v.reminder.id
    due = TODAY + timedelta(days=3)
    assert [r for _, _, r in _today(store, due)] == [
        "next step due today: ask about the team (PM at Acme)"
    ]


def test_moving_without_a_next_step_keeps_the_current_one(store: Store) -> None:
    person(store, "Ana")
    v = add_opportunity(store.uow(), "Acme", "PM", TODAY, via="Ana", next_text="send CV")
    assert v.opportunity.id is not None and v.reminder is not None
    moved = move_opportunity(store.uow(), v.opportunity.id, "talked", TODAY)
    assert moved.reminder is not None and moved.reminder.id == v.reminder.id


def test_moving_backwards_is_allowed_and_reported(store: Store) -> None:
    v = add_opportunity(store.uow(), "Acme", "PM", TODAY)
    assert v.opportunity.id is not None
    move_opportunity(store.uow(), v.opportunity.id, "applied", TODAY)
    back = move_opportunity(store.uow(), v.opportunity.id, "talked", TODAY)
    assert back.opportunity.stage == "talked"
    assert back.backwards_from == "applied"


def test_closing_an_opportunity_takes_its_next_step_off_today(store: Store) -> None:
    person(store, "Ana")
    v = add_opportunity(store.uow(), "Acme", "PM", TODAY, via="Ana", next_text="send CV")
    assert v.opportunity.id is not None
    closed = move_opportunity(store.uow(), v.opportunity.id, "closed", TODAY)
    assert closed.reminder is None and closed.opportunity.next_step is None
    assert _today(store) == []
    with pytest.raises(InvalidInput, match="closed"):
        move_opportunity(store.uow(), v.opportunity.id, "closed", TODAY, "one more thing")


@pytest.mark.parametrize(
    ("stage", "next_text", "next_date", "field"),
    [
        ("hired", None, None, "stage"),
        ("talked", None, "tomorrow", "next-date"),
        ("talked", "call", "someday", "next-date"),
    ],
)
def test_a_bad_move_changes_nothing(
    store: Store, stage: str, next_text: str | None, next_date: str | None, field: str
) -> None:
    person(store, "Ana")
    v = add_opportunity(store.uow(), "Acme", "PM", TODAY, via="Ana", next_text="send CV")
    assert v.opportunity.id is not None
    with pytest.raises(InvalidInput) as err:
        move_opportunity(store.uow(), v.opportunity.id, stage, TODAY, next_text, next_date)
    assert err.value.field == field
    after = show_opportunity(store.uow(), v.opportunity.id)
    assert (after.opportunity, after.reminder) == (v.opportunity, v.reminder)


def test_a_bad_opportunity_writes_nothing(store: Store) -> None:
    for kwargs, error in [
        ({"source": "headhunter"}, InvalidInput),
        ({"via": "Nobody"}, NotFound),
        ({"next_date": "tomorrow"}, InvalidInput),
    ]:
        with pytest.raises(error):
            add_opportunity(store.uow(), "Acme", "PM", TODAY, **kwargs)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="role"):
        add_opportunity(store.uow(), "Acme", "  ", TODAY)
    assert list_opportunities(store.uow()) == []
    with pytest.raises(NotFound):
        show_opportunity(store.uow(), 1)


def test_the_list_is_in_stage_order_and_filters_by_stage(store: Store) -> None:
    ids = []
    for role in ("A", "B", "C"):
        oid = add_opportunity(store.uow(), "Acme", role, TODAY).opportunity.id
        assert oid is not None
        ids.append(oid)
    move_opportunity(store.uow(), ids[0], "offer", TODAY)
    move_opportunity(store.uow(), ids[1], "applied", TODAY)
    assert [v.opportunity.role for v in list_opportunities(store.uow())] == ["C", "B", "A"]
    assert [v.opportunity.role for v in list_opportunities(store.uow(), "Applied")] == ["B"]
    with pytest.raises(InvalidInput, match="stage"):
        list_opportunities(store.uow(), "nope")
