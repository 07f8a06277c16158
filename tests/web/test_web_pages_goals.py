"""Goals and the weekly review in the browser: progress this period, streak and trend; Add
(a refused value by its field), Remove after asking; the review with who to help."""

from __future__ import annotations

import re

import pytest
from seed import DAY, interaction, person
from starlette.testclient import TestClient
from webforms import alerts, token

from tiekeeper.services.goals import add_goal, list_goals
from tiekeeper.services.people import PersonChanges, edit_person
from tiekeeper.store.uow import Store


def test_a_goal_shows_its_progress_streak_and_trend(client: TestClient, store: Store) -> None:
    add_goal(store.uow(), "coffee chats", "week", 2, DAY, channel="coffee")
    ana = person(store, "Ana Lima")
    for day in ("2026-11-10", "2026-11-11", "2026-11-17", "2026-11-18", "2026-11-24"):
        interaction(store, [ana], when=day, channel="coffee")
    page = client.get("/goals").text
    assert "<strong>1 of 2</strong> interactions (coffee)" in page and "this week" in page
    assert 'max="2" value="1"' in page
    assert "2 weeks in a row" in page  # the two weeks before, both met
    assert "fewer than last week (2)" in page
    assert "Mon 23 Nov 2026 – Sun 29 Nov 2026" in page


def test_adding_a_goal_then_logging_moves_its_progress(client: TestClient, store: Store) -> None:
    form = {"csrf": token(client), "title": "meet new people", "target": "2", "per": "month",
            "channel": "", "metric": ""}  # fmt: skip
    done = client.post("/goals", data=form, follow_redirects=False)
    assert done.headers["location"] == "/goals?notice=goal-added"
    assert "Goal added" in client.get(done.headers["location"]).text
    [g] = list_goals(store.uow(), DAY)
    assert (g.goal.metric, g.goal.period, g.count) == ("new-people", "month", 0)
    person(store, "Bo Chen")
    assert "<strong>1 of 2</strong> new people" in client.get("/goals").text


def test_a_refused_goal_comes_back_by_its_field(client: TestClient, store: Store) -> None:
    csrf = token(client)
    base = {"csrf": csrf, "title": "coffee", "target": "1", "per": "week"}
    cases = [({"target": "0"}, "target"), ({"target": "many"}, "target"),
             ({"per": "fortnight"}, "per"), ({"title": " "}, "title"),
             ({"per": "event", "metric": "posts"}, "metric")]  # fmt: skip
    for change, field in cases:
        bad = client.post("/goals", data={**base, **change})
        assert bad.status_code == 422, change
        assert alerts(bad.text), change
        assert re.search(rf'id="goal-{field}"[^>]*aria-invalid="true"', bad.text), change
    assert list_goals(store.uow(), DAY) == []


def test_removing_a_goal_asks_first(client: TestClient, store: Store) -> None:
    g = add_goal(store.uow(), "coffee chats", "week", 1, DAY, channel="coffee")
    page = client.get("/goals").text
    assert f'href="/goals/{g.id}/remove"' in page
    ask = client.get(f"/goals/{g.id}/remove").text
    assert "Remove the goal “coffee chats”?" in ask and "what you logged stays" in ask
    assert len(list_goals(store.uow(), DAY)) == 1
    done = client.post(f"/goals/{g.id}/remove", data={"csrf": token(client)},
                       follow_redirects=False)  # fmt: skip
    assert done.headers["location"] == "/goals?notice=goal-removed"
    assert list_goals(store.uow(), DAY) == []
    assert client.get(f"/goals/{g.id}/remove").status_code == 404
    assert client.post(f"/goals/{g.id}/remove", data={"csrf": token(client)}).status_code == 404


def test_the_review_shows_the_week_and_who_to_help(client: TestClient, store: Store) -> None:
    add_goal(store.uow(), "coffee chats", "week", 1, DAY, channel="coffee")
    ana = person(store, "Ana Lima")
    bo = person(store, "Bo Chen", company="Nimbus", interests="hiring engineers")
    edit_person(store.uow(), str(ana), PersonChanges(needs="hiring engineers"), DAY)
    interaction(store, [ana], when="2026-11-24", channel="coffee")
    page = client.get("/review").text
    assert "<h1>This week</h1>" in page and "Mon 23 Nov 2026 – Sun 29 Nov 2026" in page
    help_box = page.split("Who can I help this week?")[1].split("<h2>")[0]
    assert f'href="/people/{ana}"' in help_box and "needs hiring engineers" in help_box
    assert f'href="/people/{bo}"' in help_box  # the contact to introduce them to
    assert "<strong>1 of 1</strong>" in page and "Reached ✓" in page
    assert "New people (2)" in page
    before = client.get("/review?week=2026-11-16").text
    assert "The week of Mon 16 Nov 2026" in before and "Week after" in before
    assert "Week after" not in page  # no review of the future
    bad = client.get("/review?week=someday")
    assert bad.status_code == 422 and alerts(bad.text)[0].startswith("Week:")


def test_a_slow_review_is_shown_at_once_after_a_change_and_says_so(
    client: TestClient, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tiekeeper.services import recomputed
    from tiekeeper.web.pages import goals as page

    monkeypatch.setattr(page, "REVIEW_SLOW", 0.0)  # as at 1,000,000 interactions
    ana = person(store, "Ana Lima")
    assert "New people (1)" in client.get("/review").text
    person(store, "Bo Chen")
    stale = client.get("/review").text
    assert "This review was worked out" in stale and "before your latest changes" in stale
    assert "New people (1)" in stale  # as it was, said so, while the new one is worked out
    recomputed.settle(store.engine)
    fresh = client.get("/review").text
    assert "New people (2)" in fresh and "before your latest changes" not in fresh
    assert f'href="/people/{ana}"' in fresh


def test_a_quick_review_is_always_fresh(client: TestClient, store: Store) -> None:
    person(store, "Ana Lima")
    assert "New people (1)" in client.get("/review").text
    person(store, "Bo Chen")
    page = client.get("/review").text  # a small network: worked out again at once
    assert "New people (2)" in page and "before your latest changes" not in page
