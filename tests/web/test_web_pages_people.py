"""The People list, a person's page, and its forms: log an interaction, add a follow-up."""

from __future__ import annotations

import re
from typing import Any

import pytest
from starlette.testclient import TestClient
from webforms import add, alerts, token


def person(client: TestClient, pid: int) -> dict[str, Any]:
    found: dict[str, Any] = client.get(f"/api/v1/people/{pid}").json()
    return found


def names_listed(html: str) -> list[str]:
    return re.findall(r'<a class="who" href="/people/\d+">([^<]+)</a>', html)


def test_people_lists_everyone_by_name_with_links(client: TestClient) -> None:
    bo = add(client, name="Bo Chen", company="Acme", position="CTO", tags=["mentor"])
    add(client, name="Ada Lovelace")
    page = client.get("/people")
    assert page.status_code == 200
    assert names_listed(page.text) == ["Ada Lovelace", "Bo Chen"]
    assert f'href="/people/{bo}"' in page.text
    assert "CTO at Acme" in page.text
    assert '<span class="tag">mentor</span>' in page.text
    assert '<h2 id="list-title">2 people</h2>' in page.text


def test_people_filters_narrow_the_list(sqlite_client: TestClient) -> None:
    add(sqlite_client, name="Ada", tags=["mentor"], company="Acme", network_type="strategic")
    add(sqlite_client, name="Bo", tags=["friend"], company="Acme", network_type="personal")
    add(sqlite_client, name="Cy", company="Globex", cadence="weekly", connected="2026-01-01")
    get = sqlite_client.get
    assert names_listed(get("/people?tag=mentor").text) == ["Ada"]
    assert names_listed(get("/people?company=acme").text) == ["Ada", "Bo"]
    assert names_listed(get("/people?type=personal").text) == ["Bo"]
    overdue = get("/people?overdue=1").text
    assert names_listed(overdue) == ["Cy"]
    assert "check-in due since" in overdue
    assert 'id="filters-overdue" name="overdue" value="1" checked' in overdue
    assert names_listed(get("/people?tag=mentor&company=Globex").text) == []
    assert "Nobody matches these filters." in get("/people?tag=nobody").text


def test_an_unknown_network_type_is_shown_next_to_the_filter(sqlite_client: TestClient) -> None:
    page = sqlite_client.get("/people?type=family")
    assert page.status_code == 422
    assert alerts(page.text) == [
        "Network type: &#39;family&#39; is not one of: strategic, operational, personal"
    ]


def test_a_person_page_shows_every_field_that_is_set(client: TestClient) -> None:
    intro = add(client, name="Grace Hopper")
    ada = add(
        client,
        name="Ada Lovelace",
        emails=["ada@example.com"],
        phones=["+44 20 1234"],
        company="Analytical Engines",
        position="Programmer",
        location="London",
        tags=["mentor", "math"],
        network_type="strategic",
        closeness=4,
        birthday="12-10",
        cadence="quarterly",
        how_met="at a salon",
        introduced_by=str(intro),
        linkedin="https://www.linkedin.com/in/ada",
        note="likes poetry",
    )
    page = client.get(f"/people/{ada}")
    assert page.status_code == 200
    text = page.text
    assert "<h1>Ada Lovelace</h1>" in text
    assert '<a href="mailto:ada@example.com">ada@example.com</a>' in text
    assert '<a href="tel:+44201234">+44 20 1234</a>' in text
    assert '<a href="/people?tag=mentor">mentor</a>' in text
    assert f'<a href="/people/{intro}">Grace Hopper</a>' in text
    assert '<a href="https://www.linkedin.com/in/ada">' in text
    for shown in (
        "Programmer at Analytical Engines · London",
        "Strategic",
        "4 of 5",
        "at a salon",
        "likes poetry",
        "10 December (next: Thu 10 Dec 2026)",
        "quarterly",
    ):
        assert shown in text, shown
    assert "Industry" not in text  # not set, not shown


def test_a_person_page_shows_interactions_and_open_follow_ups(sqlite_client: TestClient) -> None:
    ada = add(sqlite_client, name="Ada")
    bo = add(sqlite_client, name="Bo")
    logged = sqlite_client.post(
        "/api/v1/interactions",
        json={
            "people": [str(ada), str(bo)],
            "when": "2026-11-20",
            "channel": "coffee",
            "topics": ["engines", "poetry"],
            "summary": "talked engines",
            "follow_up": "2026-11-30",
            "action": "send the notes",
        },
    )
    assert logged.status_code == 201
    rid = logged.json()["follow_up"]["id"]
    page = sqlite_client.get(f"/people/{ada}").text
    assert "<strong>Fri 20 Nov 2026</strong>" in page and "</a> · coffee" in page
    assert "talked engines" in page
    assert '<span class="tag">engines</span><span class="tag">poetry</span>' in page
    assert f'With <a href="/people/{bo}">Bo</a>' in page
    assert "<strong>Mon 30 Nov 2026</strong>" in page and "— send the notes" in page
    assert f'action="/follow-ups/{rid}/snooze"' in page


def test_a_person_can_be_opened_by_e_mail(sqlite_client: TestClient) -> None:
    add(sqlite_client, name="Ada", emails=["ada@example.com"])
    assert "<h1>Ada</h1>" in sqlite_client.get("/people/ada@example.com").text


def test_an_unknown_person_is_not_found(sqlite_client: TestClient) -> None:
    page = sqlite_client.get("/people/999")
    assert page.status_code == 404
    assert alerts(page.text) == ["no person with id 999"]


def test_the_log_form_records_the_interaction_and_its_follow_up(client: TestClient) -> None:
    ada = add(client, name="Ada")
    add(client, name="Bo Chen")
    sent = client.post(
        f"/people/{ada}/interactions",
        data={
            "csrf": token(client),
            "when": "2026-11-25",
            "channel": "video",
            "by": "them",
            "summary": "planned the talk",
            "topics": "talks, engines",
            "also_with": "Bo Chen",
            "gave": "introduction to Grace",
            "follow_up": "2026-12-02",
            "action": "send slides",
        },
        follow_redirects=False,
    )
    assert sent.status_code == 303
    assert sent.headers["location"] == f"/people/{ada}?notice=logged#interactions"
    data = person(client, ada)
    (ix,) = data["interactions"]
    assert (ix["date"], ix["channel"], ix["initiated_by"], ix["summary"]) == (
        "2026-11-25",
        "video",
        "them",
        "planned the talk",
    )
    assert sorted(ix["topics"]) == ["engines", "talks"]
    assert [p["name"] for p in ix["people"]] == ["Ada", "Bo Chen"]
    assert {(f["direction"], f["kind"], f["note"]) for f in ix["favours"]} == {
        ("given", "introduction", "to Grace")
    }
    assert [(r["due_on"], r["action"]) for r in data["follow_ups"]] == [
        ("2026-12-02", "send slides")
    ]
    page = client.get(sent.headers["location"]).text
    assert "Interaction logged." in page and "planned the talk" in page


@pytest.mark.parametrize(
    ("typed", "message", "field"),
    [
        (
            {"also_with": "Nobody Known"},
            "Also with: no person matches &#39;Nobody Known&#39;",
            "also_with",
        ),
        ({"when": "someday"}, "Date: &#39;someday&#39; is not a date", "when"),
        ({"channel": "pigeon"}, "Channel: &#39;pigeon&#39; is not one of", "channel"),
        (
            {"action": "send slides"},
            "Follow up on: give a date for the follow-up action",
            "follow_up",
        ),
    ],
    ids=["unknown person", "bad date", "bad channel", "action without date"],
)
def test_a_refused_log_form_comes_back_with_the_reason_and_changes_nothing(
    sqlite_client: TestClient, typed: dict[str, str], message: str, field: str
) -> None:
    ada = add(sqlite_client, name="Ada")
    before = sqlite_client.get("/api/v1/people").json(), person(sqlite_client, ada)
    form = {
        "csrf": token(sqlite_client),
        "when": "2026-11-25",
        "channel": "call",
        "summary": "what I typed",
    } | typed
    page = sqlite_client.post(f"/people/{ada}/interactions", data=form)
    assert page.status_code == 422
    (alert,) = alerts(page.text)
    assert alert.startswith(message)
    assert f'id="log-{field}"' in page.text
    invalid = re.search(rf'id="log-{field}"[^>]*aria-invalid="true"', page.text)
    assert invalid, "the field is marked invalid"
    assert ">what I typed</textarea>" in page.text
    assert (sqlite_client.get("/api/v1/people").json(), person(sqlite_client, ada)) == before


@pytest.mark.parametrize("sent", [{}, {"csrf": "forged"}], ids=["no token", "wrong token"])
def test_a_log_form_without_its_token_is_refused(
    sqlite_client: TestClient, sent: dict[str, str]
) -> None:
    ada = add(sqlite_client, name="Ada")
    token(sqlite_client)
    page = sqlite_client.post(f"/people/{ada}/interactions", data=sent | {"summary": "x"})
    assert page.status_code == 403
    assert person(sqlite_client, ada)["interactions"] == []


def test_the_follow_up_form_adds_one(client: TestClient) -> None:
    ada = add(client, name="Ada")
    sent = client.post(
        f"/people/{ada}/follow-ups",
        data={"csrf": token(client), "when": "2026-12-24", "action": "send a card"},
        follow_redirects=False,
    )
    assert sent.status_code == 303
    assert sent.headers["location"] == f"/people/{ada}?notice=follow-up#follow-ups"
    assert [(r["due_on"], r["action"]) for r in person(client, ada)["follow_ups"]] == [
        ("2026-12-24", "send a card")
    ]


def test_a_bad_follow_up_date_comes_back_with_the_reason(sqlite_client: TestClient) -> None:
    ada = add(sqlite_client, name="Ada")
    page = sqlite_client.post(
        f"/people/{ada}/follow-ups",
        data={"csrf": token(sqlite_client), "when": "soonish", "action": "send a card"},
    )
    assert page.status_code == 422
    assert alerts(page.text)[0].startswith("Due: &#39;soonish&#39; is not a date")
    assert 'name="action" value="send a card"' in page.text
    assert person(sqlite_client, ada)["follow_ups"] == []


def test_a_follow_up_form_from_another_site_is_refused(sqlite_client: TestClient) -> None:
    ada = add(sqlite_client, name="Ada")
    page = sqlite_client.post(
        f"/people/{ada}/follow-ups",
        data={"csrf": token(sqlite_client), "when": "2026-12-24"},
        headers={"origin": "http://attacker.test"},
    )
    assert page.status_code == 403
    assert person(sqlite_client, ada)["follow_ups"] == []
