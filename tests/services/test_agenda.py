from datetime import date

import pytest

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.services.agenda import today_agenda
from tiekeeper.services.demo import DemoSize, fill_demo
from tiekeeper.services.interactions import LogRequest, log_interaction
from tiekeeper.services.people import PersonChanges, add_person
from tiekeeper.services.reminders import add_follow_up
from tiekeeper.store.uow import Store

TODAY = date(2026, 11, 26)


def person(store: Store, name: str, **kw: object) -> None:
    add_person(store.uow(), PersonChanges(name=name, **kw), TODAY)  # type: ignore[arg-type]


def test_today_orders_follow_ups_dates_check_ins_and_a_dormant_tie(store: Store) -> None:
    person(store, "Fay", connected="2020-01-01")
    person(store, "Bea", birthday="11-26")
    person(store, "Wes", started="2021-11-26", company="Acme")
    person(store, "Cal", cadence="quarterly", connected="2020-01-01")
    person(store, "Dot", closeness=5)
    log_interaction(
        store.uow(), LogRequest(["Cal"], when="2026-07-01", topics=["the career change"]), TODAY
    )
    log_interaction(store.uow(), LogRequest(["Dot"], when="2022-05-01", topics=["sailing"]), TODAY)
    add_follow_up(store.uow(), "Fay", "2026-11-20", "send the deck", TODAY)
    agenda = today_agenda(store.uow(), TODAY, 60)
    got = [(i.kind, i.person_name) for i in agenda.items]
    assert got == [
        ("follow-up", "Fay"),
        ("birthday", "Bea"),
        ("work-anniversary", "Wes"),
        ("check-in", "Cal"),
        ("reconnect", "Dot"),
    ]
    reasons = [i.reason for i in agenda.items]
    assert reasons[0] == "follow-up 6 days overdue: send the deck"
    assert reasons[2] == "5 years at Acme today"
    assert reasons[3] == "quarterly check-in, last talked 5 months ago about the career change"
    assert "4 years ago about sailing" in reasons[4]


def test_logging_an_interaction_clears_the_check_in(store: Store) -> None:
    person(store, "Cal", cadence="monthly", connected="2026-01-01")
    assert [i.kind for i in today_agenda(store.uow(), TODAY).items] == ["check-in"]
    log_interaction(store.uow(), LogRequest(["Cal"], when="yesterday"), TODAY)
    assert today_agenda(store.uow(), TODAY).items == []


def test_a_feb_29_birthday_shows_on_feb_28_in_common_years(store: Store) -> None:
    person(store, "Leap", birthday="2000-02-29")
    assert [i.reason for i in today_agenda(store.uow(), date(2027, 2, 28)).items] == [
        "birthday today (turns 27)"
    ]
    assert today_agenda(store.uow(), date(2028, 2, 28)).items == []
    assert [i.kind for i in today_agenda(store.uow(), date(2028, 2, 29)).items] == ["birthday"]


def test_snoozed_follow_ups_wait_and_budget_is_validated(store: Store) -> None:
    with pytest.raises(InvalidInput, match="minutes"):
        today_agenda(store.uow(), TODAY, 0)


def test_the_demo_gives_a_useful_agenda_at_once(store: Store) -> None:
    result = fill_demo(store.uow(), TODAY, DemoSize(people=120, interactions=1200))
    assert result.people == 120 and result.interactions == 1200
    agenda = today_agenda(store.uow(), TODAY)
    kinds = {i.kind for i in agenda.items}
    assert "follow-up" in kinds
    assert 0 < agenda.minutes <= 15
    assert all(i.reason for i in agenda.items)
    assert today_agenda(store.uow(), TODAY, 120).left_out_count < 120


def test_the_sql_shortlist_picks_the_same_check_ins_as_ranking_them_all(store: Store) -> None:
    import random

    from tiekeeper.domain.agenda import CheckinFact, rank_checkins

    rng = random.Random(3)
    for i in range(40):
        person(store, f"P{i:02d}", cadence=rng.choice(["weekly", "monthly", "quarterly", "45d"]),
               closeness=rng.choice([None, 1, 3, 5]),
               connected=f"2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}")  # fmt: skip
    with store.uow() as uow:
        everyone = [
            CheckinFact(c.person_id, c.name, c.cadence_days, c.due_on, c.last_interaction_on,
                        c.closeness)
            for c in uow.agenda.checkins_due(TODAY)
        ]  # fmt: skip
    assert len(everyone) > 30
    expected = [c.person_id for c in rank_checkins(everyone, TODAY)[:4]]
    agenda = today_agenda(store.uow(), TODAY, 20)
    assert [i.person_id for i in agenda.items] == expected
    assert agenda.left_out == {"check-in": len(everyone) - 4}


def test_the_dormant_candidates_carry_the_same_counts_as_reading_them_apart(store: Store) -> None:
    """PeopleReads.dormant reads in one statement what the per-id reads give: the people, their
    interactions and the favours they did the user (the inputs of Today's dormant-tie pick)."""
    from collections import Counter
    from datetime import timedelta

    from tiekeeper.store.people_reads import PeopleReads

    fill_demo(store.uow(), TODAY, DemoSize(people=120, interactions=1200))
    before = TODAY - timedelta(days=90)
    with store.uow() as uow:
        q = uow.repo(PeopleReads)
        rows = q.dormant(before, TODAY, 60)
        ids = [r.person.id for r in rows]
        people = {p.id: p for p in q.people(ids)}
        counts = q.interaction_counts(ids)
        got = Counter(pid for pid, way, _ in q.favours(TODAY, ids) if way == "received")
    assert 10 < len(rows) <= 60 and sum(r.favours_received for r in rows) > 0
    assert all(r.person.last_interaction_on < before for r in rows)  # type: ignore[operator]
    closeness = [-(r.person.closeness or 0) for r in rows]
    assert closeness == sorted(closeness)  # closest first
    for r in rows:
        assert r.person == people[r.person.id]
        assert (r.interactions, r.favours_received) == (
            counts.get(r.person.id, 0),
            got[r.person.id],
        )
