from datetime import date, timedelta

import pytest

from tiekeeper.domain.errors import InvalidInput, NotFound
from tiekeeper.services.events import add_event, met_at_event
from tiekeeper.services.goals import add_goal, list_goals, remove_goal
from tiekeeper.services.interactions import LogRequest, log_interaction
from tiekeeper.services.people import PersonChanges, add_person
from tiekeeper.store.uow import Store

TODAY = date(2027, 2, 3)  # a Wednesday


def _log(store: Store, day: date, channel: str = "coffee", who: str = "Ana") -> None:
    log_interaction(store.uow(), LogRequest([who], when=day.isoformat(), channel=channel), day)


def test_monthly_informational_interviews_count_only_that_channel(store: Store) -> None:
    add_person(store.uow(), PersonChanges(name="Ana"), TODAY)
    g = add_goal(
        store.uow(),
        "informational interviews",
        "month",
        3,
        TODAY,
        channel="informational-interview",
    )
    for day in (date(2027, 1, 5), date(2027, 1, 20), date(2027, 1, 31)):
        _log(store, day, "informational-interview")
    _log(store, date(2027, 2, 1), "informational-interview")
    _log(store, date(2027, 2, 2), "coffee")
    [p] = list_goals(store.uow(), TODAY)
    assert p.goal.id == g.id and p.goal.metric == "interactions"
    assert (p.count, p.previous, p.met, p.streak, p.trend) == (1, 3, False, 1, "down")
    [jan] = list_goals(store.uow(), date(2027, 1, 31))
    assert (jan.count, jan.met, jan.streak) == (3, True, 1)


def test_one_post_a_week_counts_rows_of_the_posts_table(store: Store) -> None:
    from tiekeeper.store import tables as t
    from tiekeeper.store.ids import add_row

    add_goal(store.uow(), "one post a week", "week", 1, TODAY)
    with store.engine.begin() as conn:
        for day in (date(2027, 1, 20), date(2027, 1, 27), date(2027, 2, 1)):
            values = {"owner_id": store.owner_id, "occurred_on": day, "venue": "linkedin",
                      "topic": "x"}  # fmt: skip
            add_row(conn, t.posts, values)
    [p] = list_goals(store.uow(), TODAY)
    assert (p.goal.metric, p.count, p.met, p.streak) == ("posts", 1, True, 3)


def test_fifteen_minutes_a_day_counts_days_with_any_interaction(store: Store) -> None:
    add_person(store.uow(), PersonChanges(name="Ana"), TODAY)
    add_goal(store.uow(), "15 minutes a day", "day", 1, TODAY)
    for back in (1, 2, 2, 3, 5):
        _log(store, TODAY - timedelta(days=back))
    [p] = list_goals(store.uow(), TODAY)
    assert (p.goal.metric, p.count, p.streak, p.previous) == ("days-active", 0, 3, 1)


def test_introductions_per_event_count_people_met_at_each_event(store: Store) -> None:
    add_goal(store.uow(), "2 introductions per event", "event", 2, TODAY)
    add_event(store.uow(), "A", "2027-01-10", TODAY)
    add_event(store.uow(), "B", "2027-01-20", TODAY)
    for ev, name in (("A", "Ana"), ("A", "Bo"), ("B", "Cy"), ("B", "Di")):
        met_at_event(store.uow(), ev, name, PersonChanges(), TODAY)
    [p] = list_goals(store.uow(), TODAY)
    assert (p.goal.metric, p.count, p.met, p.streak, p.start) == (
        "introductions",
        2,
        True,
        2,
        date(2027, 1, 20),
    )


def test_new_people_are_counted_on_their_connection_day(store: Store) -> None:
    add_goal(store.uow(), "meet new people", "month", 2, TODAY)
    add_person(store.uow(), PersonChanges(name="Ana", connected="2027-02-01"), TODAY)
    add_person(store.uow(), PersonChanges(name="Bo", connected="2026-05-01"), TODAY)
    add_person(store.uow(), PersonChanges(name="Cy"), TODAY)
    [p] = list_goals(store.uow(), TODAY)
    assert (p.goal.metric, p.count, p.met) == ("new-people", 2, True)


def test_bad_goals_are_refused_and_removal_needs_a_real_id(store: Store) -> None:
    with pytest.raises(InvalidInput, match="target"):
        add_goal(store.uow(), "x", "week", 0, TODAY)
    with pytest.raises(InvalidInput, match="per"):
        add_goal(store.uow(), "x", "year", 1, TODAY)
    with pytest.raises(InvalidInput, match="title"):
        add_goal(store.uow(), " ", "week", 1, TODAY)
    assert list_goals(store.uow(), TODAY) == []
    g = add_goal(store.uow(), "calls", "week", 2, TODAY, channel="call")
    assert g.id is not None
    remove_goal(store.uow(), g.id)
    assert list_goals(store.uow(), TODAY) == []
    with pytest.raises(NotFound):
        remove_goal(store.uow(), g.id)


def _windows(monkeypatch: pytest.MonkeyPatch) -> list[tuple[date, date]]:
    """The days of every per-day count /goals reads."""
    from tiekeeper.store.goals import GoalRepository

    firsts: list[tuple[date, date]] = []
    real = GoalRepository.daily_counts

    def counting(self: GoalRepository, metric: str, channel: str | None, start: date,
                 end: date) -> dict[date, int]:  # fmt: skip
        firsts.append((start, end))
        return real(self, metric, channel, start, end)

    monkeypatch.setattr(GoalRepository, "daily_counts", counting)
    return firsts


def test_a_short_streak_reads_eight_weeks_a_long_one_all_of_them(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two years of a million interactions were most of /goals and of the review: a streak
    shorter than the first look needs no more; one as long reads the whole window again."""
    add_person(store.uow(), PersonChanges(name="Ana"), TODAY)
    add_goal(store.uow(), "coffee chats", "week", 1, TODAY, channel="coffee")
    monday = TODAY - timedelta(days=TODAY.weekday())
    for weeks_back in range(1, 4):
        _log(store, monday - timedelta(weeks=weeks_back))
    firsts = _windows(monkeypatch)
    [short] = list_goals(store.uow(), TODAY)
    sunday = monday + timedelta(days=6)
    assert short.streak == 3 and firsts == [(monday - timedelta(weeks=8), sunday)]
    for weeks_back in range(4, 13):  # twelve weeks in a row, past the first look
        _log(store, monday - timedelta(weeks=weeks_back))
    firsts.clear()
    [long] = list_goals(store.uow(), TODAY)
    assert long.streak == 12 and long.previous == 1
    # the first look, then only the days before it
    first_look, rest = monday - timedelta(weeks=8), monday - timedelta(weeks=104)
    assert firsts == [(first_look, sunday), (rest, first_look - timedelta(days=1))]
