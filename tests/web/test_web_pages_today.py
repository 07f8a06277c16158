"""The Today, Upcoming and Search pages, and the Done / Skip / Snooze buttons."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient
from webforms import add, alerts, token


def follow_up(client: TestClient, person: int, when: str, action: str | None = None) -> int:
    made = client.post(
        "/api/v1/follow-ups", json={"person": str(person), "when": when, "action": action}
    )
    assert made.status_code == 201, made.text
    return int(made.json()["id"])


def open_follow_ups(client: TestClient, person: int) -> list[int]:
    return [r["id"] for r in client.get(f"/api/v1/people/{person}").json()["follow_ups"]]


def test_today_lists_each_item_with_its_reason_and_links_the_person(client: TestClient) -> None:
    ada = add(client, name="Ada Lovelace")
    rid = follow_up(client, ada, "today", "send the deck")
    page = client.get("/")
    assert page.status_code == 200
    assert f'<a class="who" href="/people/{ada}">Ada Lovelace</a>' in page.text
    assert "follow-up due today: send the deck" in page.text
    assert f'action="/follow-ups/{rid}/done"' in page.text
    assert f'action="/follow-ups/{rid}/skip"' in page.text


def test_today_keeps_the_budget_asked_for(sqlite_client: TestClient) -> None:
    page = sqlite_client.get("/?minutes=40")
    assert "of 40 minutes planned" in page.text
    assert 'name="minutes" value="40"' in page.text


def test_a_bad_budget_is_shown_next_to_its_field(sqlite_client: TestClient) -> None:
    page = sqlite_client.get("/?minutes=lots")
    assert page.status_code == 422
    assert alerts(page.text) == ["Minutes: &#39;lots&#39; is not a whole number"]
    assert 'name="minutes" value="lots" aria-describedby="budget-error" aria-invalid="true"' in (
        page.text
    )
    assert "of 15 minutes planned" in page.text  # the default budget meanwhile


def test_a_budget_of_no_minutes_is_refused(sqlite_client: TestClient) -> None:
    page = sqlite_client.get("/?minutes=0")
    assert page.status_code == 422
    assert alerts(page.text) == ["Minutes: 0 is not between 1 and 480"]


def test_what_did_not_fit_links_to_upcoming(sqlite_client: TestClient) -> None:
    for name in ("Ada", "Bo", "Cy"):
        follow_up(sqlite_client, add(sqlite_client, name=name), "today")
    page = sqlite_client.get("/?minutes=5")
    assert '<a href="/upcoming">2 more did not fit</a>' in page.text


def test_done_closes_the_follow_up_and_goes_back_to_today(client: TestClient) -> None:
    ada = add(client, name="Ada")
    rid = follow_up(client, ada, "today", "send the deck")
    done = client.post(
        f"/follow-ups/{rid}/done",
        data={"csrf": token(client), "back": "/?minutes=30"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert done.headers["location"] == "/?minutes=30&notice=done"
    assert open_follow_ups(client, ada) == []
    after = client.get(done.headers["location"])
    assert "send the deck" not in after.text
    assert '<p class="notice" role="status">Follow-up marked done.</p>' in after.text


def test_skip_drops_the_follow_up(sqlite_client: TestClient) -> None:
    ada = add(sqlite_client, name="Ada")
    rid = follow_up(sqlite_client, ada, "today")
    sqlite_client.post(f"/follow-ups/{rid}/skip", data={"csrf": token(sqlite_client)})
    assert open_follow_ups(sqlite_client, ada) == []


def test_done_twice_says_why_on_the_same_page(sqlite_client: TestClient) -> None:
    rid = follow_up(sqlite_client, add(sqlite_client, name="Ada"), "today")
    csrf = token(sqlite_client)
    sqlite_client.post(f"/follow-ups/{rid}/done", data={"csrf": csrf, "back": "/"})
    again = sqlite_client.post(f"/follow-ups/{rid}/done", data={"csrf": csrf, "back": "/"})
    assert again.status_code == 422
    assert alerts(again.text) == [f"Follow-up {rid} is already done"]
    assert "<h1>Today," in again.text


@pytest.mark.parametrize("sent", [{}, {"csrf": "forged"}], ids=["no token", "wrong token"])
def test_a_button_without_its_token_is_refused(
    sqlite_client: TestClient, sent: dict[str, str]
) -> None:
    ada = add(sqlite_client, name="Ada")
    rid = follow_up(sqlite_client, ada, "today")
    token(sqlite_client)  # the browser has its cookie; the form did not come from us
    refused = sqlite_client.post(f"/follow-ups/{rid}/done", data=sent, follow_redirects=False)
    assert refused.status_code == 403
    assert open_follow_ups(sqlite_client, ada) == [rid]


def test_a_button_pressed_on_another_site_is_refused(client: TestClient) -> None:
    ada = add(client, name="Ada")
    rid = follow_up(client, ada, "today")
    refused = client.post(
        f"/follow-ups/{rid}/done",
        data={"csrf": token(client)},
        headers={"origin": "https://evil.example"},
        follow_redirects=False,
    )
    assert refused.status_code == 403
    assert open_follow_ups(client, ada) == [rid]


@pytest.mark.parametrize("back", ["https://evil.example/", "//evil.example/x", "people"])
def test_going_back_never_leaves_the_site(sqlite_client: TestClient, back: str) -> None:
    rid = follow_up(sqlite_client, add(sqlite_client, name="Ada"), "today")
    done = sqlite_client.post(
        f"/follow-ups/{rid}/done",
        data={"csrf": token(sqlite_client), "back": back},
        follow_redirects=False,
    )
    assert done.headers["location"] == "/?notice=done"


def test_snooze_hides_a_follow_up_until_the_day_given(sqlite_client: TestClient) -> None:
    ada = add(sqlite_client, name="Ada")
    rid = follow_up(sqlite_client, ada, "today", "call")
    moved = sqlite_client.post(
        f"/follow-ups/{rid}/snooze",
        data={"csrf": token(sqlite_client), "until": "2026-12-03", "back": f"/people/{ada}"},
        follow_redirects=False,
    )
    assert moved.headers["location"] == f"/people/{ada}?notice=snoozed"
    person = sqlite_client.get(f"/api/v1/people/{ada}").json()
    assert person["follow_ups"][0]["snoozed_until"] == "2026-12-03"
    assert "call" not in sqlite_client.get("/").text


def test_snoozing_into_the_past_is_shown_next_to_the_field(sqlite_client: TestClient) -> None:
    ada = add(sqlite_client, name="Ada")
    rid = follow_up(sqlite_client, ada, "today")
    before = sqlite_client.get(f"/api/v1/people/{ada}").json()
    page = sqlite_client.post(
        f"/follow-ups/{rid}/snooze",
        data={"csrf": token(sqlite_client), "until": "2026-11-01", "back": f"/people/{ada}"},
    )
    assert page.status_code == 422
    assert alerts(page.text) == [
        "Snooze until: &#39;2026-11-01&#39; is not after today (2026-11-26)"
    ]
    assert f'id="snooze-{rid}-until" name="until" value="2026-11-01"' in page.text
    assert sqlite_client.get(f"/api/v1/people/{ada}").json() == before


def test_upcoming_lists_the_coming_days_by_day(client: TestClient) -> None:
    ada = add(client, name="Ada", birthday="11-28")
    bo = add(client, name="Bo")
    follow_up(client, bo, "2026-12-01", "send notes")
    page = client.get("/upcoming")
    assert page.status_code == 200
    assert '<h2 id="day-2026-11-28">Sat 28 Nov 2026</h2>' in page.text
    assert '<h2 id="day-2026-12-01">Tue 1 Dec 2026</h2>' in page.text
    assert f'<a class="who" href="/people/{ada}">Ada</a>' in page.text
    assert "send notes" in page.text
    shorter = client.get("/upcoming?days=3")
    assert "Ada" in shorter.text and "send notes" not in shorter.text


def test_upcoming_is_shown_a_page_at_a_time_and_stays_fresh_after_a_change(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tiekeeper.web.pages import core

    monkeypatch.setattr(core, "UPCOMING_SHOWN", 2)
    people = [add(client, name=f"P{i}") for i in range(5)]
    for i, pid in enumerate(people):
        follow_up(client, pid, f"2026-12-0{i + 1}", f"task {i}")
    first = client.get("/upcoming?days=14").text
    assert "5 things in the next 14 days: 1 to 2 here." in first
    assert "task 0" in first and "task 1" in first and "task 2" not in first
    assert 'href="/upcoming?days=14&amp;page=2" rel="next"' in first and 'rel="prev"' not in first
    last = client.get("/upcoming?days=14&page=3").text
    assert "5 to 5 here" in last and "task 4" in last and "task 3" not in last
    assert 'href="/upcoming?days=14&amp;page=2" rel="prev"' in last and 'rel="next"' not in last
    follow_up(client, people[0], "2026-11-30", "task new")  # the kept list is worked out again
    assert "task new" in client.get("/upcoming?days=14").text
    assert client.get("/upcoming?page=10001").status_code == 422


@pytest.mark.parametrize("days", ["1000", "0"])
def test_a_bad_number_of_days_is_shown_next_to_its_field(
    sqlite_client: TestClient, days: str
) -> None:
    page = sqlite_client.get(f"/upcoming?days={days}")
    assert page.status_code == 422
    assert alerts(page.text) == [f"Days: {days} is not between 1 and 366"]


def test_search_finds_people_and_links_them(client: TestClient) -> None:
    ada = add(client, name="Ada Lovelace", company="Analytical Engines")
    page = client.get("/search?q=lovel")
    assert page.status_code == 200
    assert f'<a href="/people/{ada}">Ada Lovelace</a>' in page.text
    org = client.get("/search?q=analytical")
    assert '<a href="/people?company=Analytical%20Engines">Analytical Engines</a>' in org.text


def test_search_without_words_says_what_to_type(sqlite_client: TestClient) -> None:
    assert alerts(sqlite_client.get("/search").text) == []
    page = sqlite_client.get("/search?q=+")
    assert page.status_code == 422
    assert alerts(page.text) == ["Search: type something to search for"]


def test_search_says_when_nothing_matches(sqlite_client: TestClient) -> None:
    add(sqlite_client, name="Ada")
    assert "Nothing found for “zebra”" in sqlite_client.get("/search?q=zebra").text


def test_done_on_upcoming_goes_back_to_upcoming(sqlite_client: TestClient) -> None:
    ada = add(sqlite_client, name="Ada")
    rid = follow_up(sqlite_client, ada, "2026-12-01", "send notes")
    page = sqlite_client.get("/upcoming?days=10&notice=done")
    assert 'name="back" value="/upcoming?days=10"' in page.text  # the notice is not carried
    done = sqlite_client.post(
        f"/follow-ups/{rid}/done",
        data={"csrf": token(sqlite_client), "back": "/upcoming?days=10"},
        follow_redirects=False,
    )
    assert done.headers["location"] == "/upcoming?days=10&notice=done"
    assert "send notes" not in sqlite_client.get(done.headers["location"]).text
