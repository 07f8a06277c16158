"""The demo shows every part of the product on its first day, whatever day that is (issue 10):
a goal with a streak, an event yesterday with people met (their follow-ups on Today) and one
coming up, a target company with warm paths, an open opportunity, a post with engagement,
people with needs, and distinct full names but for one pair of namesakes for `duplicates`."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tiekeeper.services.agenda import today_agenda
from tiekeeper.services.demo import FIRST, LAST, DemoResult, DemoSize, Names, fill_demo
from tiekeeper.services.duplicates import find_duplicates
from tiekeeper.services.events import list_events, show_event
from tiekeeper.services.goals import list_goals
from tiekeeper.services.insights.network import paths_to
from tiekeeper.services.jobs import list_targets
from tiekeeper.services.opportunities import list_opportunities
from tiekeeper.services.visibility import list_posts
from tiekeeper.store import tables as t
from tiekeeper.store.uow import Store

# A Monday and a Sunday, other months and years: the showcase follows the demo's today.
DAYS = [date(2025, 3, 10), date(2026, 12, 6)]


@pytest.fixture(params=DAYS, ids=str)
def demo(request: pytest.FixtureRequest, store: Store) -> tuple[Store, date, DemoResult]:
    day: date = request.param
    return store, day, fill_demo(store.uow(), day, DemoSize(people=120, interactions=1200))


def test_a_goal_with_a_streak_of_weeks(demo: tuple[Store, date, DemoResult]) -> None:
    st, day, _ = demo
    goals = list_goals(st.uow(), day)
    assert goals and max(g.streak for g in goals) >= 2
    [coffee] = [g for g in goals if g.goal.channel == "coffee"]
    assert coffee.goal.period == "week" and coffee.goal.target == 2 and coffee.streak >= 6


def test_an_event_yesterday_with_people_met_and_their_follow_ups_on_today(
    demo: tuple[Store, date, DemoResult],
) -> None:
    st, day, _ = demo
    events = list_events(st.uow())
    [past] = [e for e in events if e.event.occurred_on == day - timedelta(days=1)]
    view = show_event(st.uow(), str(past.event.id))
    met = {m.person_id for m in view.people}
    assert len(met) == 3 and view.goal_met
    agenda = today_agenda(st.uow(), day, 240)
    follow_ups = {i.person_id for i in agenda.items if i.kind == "event-follow-up"}
    assert follow_ups == met
    assert [e for e in events if e.event.occurred_on > day and e.event.goal]


def test_a_target_with_warm_paths_and_an_open_opportunity(
    demo: tuple[Store, date, DemoResult],
) -> None:
    st, day, made = demo
    assert made.extras is not None
    [target] = list_targets(st.uow(), day)
    assert target.organization.name == made.extras.target and target.organization.why
    assert any(c.score > 0 for c in target.people)
    found = paths_to(st.uow(), made.extras.target, day)
    assert found.paths and found.paths[0].strength > 0
    [opp] = list_opportunities(st.uow())
    assert opp.organization == made.extras.target and opp.opportunity.stage != "closed"
    assert opp.opportunity.next_step and opp.reminder is not None
    assert opp.reminder.due_on >= day


def test_a_post_with_engagement_and_people_with_needs(demo: tuple[Store, date, DemoResult]) -> None:
    st, day, _ = demo
    [post] = list_posts(st.uow())
    assert len(post.post.engaged) >= 3 and post.post.occurred_on < day
    with st.engine.connect() as conn:
        p = t.people.c
        needs = conn.execute(select(p.needs).where(p.needs.is_not(None))).scalars().all()
    assert len(needs) >= 5


def test_full_names_are_distinct_but_for_one_pair_for_duplicates(store: Store) -> None:
    made = fill_demo(store.uow(), DAYS[0])  # the demo as the README runs it
    assert made.people == 300
    with store.engine.connect() as conn:
        names = Counter(conn.execute(select(t.people.c.name)).scalars())
    shared = {n: c for n, c in names.items() if c > 1}
    assert len(shared) == 1 and list(shared.values()) == [2]
    [twin] = shared
    pairs = [p for p in find_duplicates(store.uow()) if p.a.name == p.b.name]
    assert [(p.a.name, p.b.name) for p in pairs] == [(twin, twin)]


def test_names_repeat_only_once_every_combination_is_used() -> None:
    names = Names()
    combos = len(FIRST) * len(LAST)
    first_round = [names.pick(FIRST[0], LAST[0]) for _ in range(combos)]
    assert len(set(first_round)) == combos
    assert names.pick(FIRST[0], LAST[0]) == (FIRST[0], LAST[0])  # a second round begins
