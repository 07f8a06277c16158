"""Goals read only the counts they need: a filtered list measures only the goals asked for,
and two goals counting the same interactions (weekly talks and days active) share one query
yet keep their own figures."""

from __future__ import annotations

from datetime import date

from sqlalchemy import event

from tiekeeper.services.goals import add_goal, list_goals
from tiekeeper.services.interactions import LogRequest, log_interaction
from tiekeeper.services.people import PersonChanges, add_person
from tiekeeper.services.visibility import add_post
from tiekeeper.store.uow import Store

TODAY = date(2027, 2, 3)  # a Wednesday


def _counting_selects(store: Store) -> list[str]:
    seen: list[str] = []

    def keep(conn: object, cursor: object, statement: str, *_: object) -> None:
        if "count(" in statement.lower() and "group by" in statement.lower():
            seen.append(statement)

    event.listen(store.engine, "before_cursor_execute", keep)
    return seen


def test_goals_filtered_and_sharing_counts_keep_their_own_figures(store: Store) -> None:
    add_person(store.uow(), PersonChanges(name="Ana"), TODAY)
    for day in ("2027-02-01", "2027-02-01", "2027-02-02"):
        log_interaction(store.uow(), LogRequest(["Ana"], when=day, channel="call"), TODAY)
    add_post(store.uow(), "blog", "notes", TODAY, when="2027-02-02")
    talks = add_goal(store.uow(), "talk weekly", "week", 5, TODAY, metric="interactions")
    active = add_goal(store.uow(), "active days", "week", 2, TODAY, metric="days-active")
    posts = add_goal(store.uow(), "publish", "month", 1, TODAY, metric="posts")

    seen = _counting_selects(store)
    every = {p.goal.id: p.count for p in list_goals(store.uow(), TODAY)}
    assert every == {talks.id: 3, active.id: 2, posts.id: 1}
    assert len(seen) == 2  # interactions once for both goals, posts once

    seen.clear()
    [only] = list_goals(store.uow(), TODAY, metric="posts")
    assert (only.goal.id, only.count, only.met) == (posts.id, 1, True)
    assert len(seen) == 1 and "posts" in seen[0]

    [one] = list_goals(store.uow(), TODAY, goal_id=active.id)
    assert (one.goal.id, one.count, one.met) == (active.id, 2, True)
    assert list_goals(store.uow(), TODAY, goal_id=9999) == []
