"""The People list comes a page at a time (issue 11: "paginated or windowed, never 30,000 rows
at once"): Next and Previous keep the filters, a page past the end says so, and the API pages
with limit and offset; another account's people are on none of them."""

from __future__ import annotations

import re

import pytest
from api_accounts import two_accounts
from seed import person
from starlette.testclient import TestClient

from tiekeeper.store.uow import Store
from tiekeeper.web.pages import people as page


def names(html: str) -> list[str]:
    return re.findall(r'<a class="who" href="/people/\d+">([^<]+)</a>', html)


@pytest.fixture
def seven(store: Store, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setattr(page, "PEOPLE_LIMIT", 3)
    everyone = [f"Person {c}" for c in "ABCDEFG"]
    for name in everyone:
        person(store, name, tags=["mentor"] if name != "Person G" else [])
    return everyone


def test_the_list_comes_a_page_at_a_time_with_next_and_previous(
    client: TestClient, seven: list[str]
) -> None:
    first = client.get("/people").text
    assert names(first) == seven[:3] and "People 1 to 3" in first
    assert (
        '<a href="/people?page=2" rel="next">Next page</a>' in first and 'rel="prev"' not in first
    )
    second = client.get("/people?page=2").text
    assert names(second) == seven[3:6] and "People 4 to 6" in second
    assert 'href="/people" rel="prev"' in second and 'href="/people?page=3" rel="next"' in second
    last = client.get("/people?page=3").text
    assert names(last) == seven[6:] and 'rel="next"' not in last
    assert names(client.get("/people?page=9").text) == []


def test_the_pages_keep_the_filters(client: TestClient, seven: list[str]) -> None:
    first = client.get("/people?tag=mentor").text
    assert names(first) == seven[:3]
    assert 'href="/people?tag=mentor&amp;page=2" rel="next"' in first
    second = client.get("/people?tag=mentor&page=2").text
    assert names(second) == seven[3:6] and 'rel="next"' not in second  # G has no tag


@pytest.mark.parametrize("bad", ["0", "-1", "x", "10001", "99999999999999999999"])
def test_a_page_that_cannot_be_is_refused(client: TestClient, bad: str) -> None:
    assert client.get(f"/people?page={bad}").status_code == 422


def test_the_api_pages_with_limit_and_offset(client: TestClient, seven: list[str]) -> None:
    got = client.get("/api/v1/people", params={"limit": 3, "offset": 3}).json()
    assert [p["name"] for p in got] == seven[3:6]
    assert client.get("/api/v1/people", params={"offset": 7}).json() == []
    assert client.get("/api/v1/people", params={"offset": -1}).status_code == 422


def test_no_page_reaches_another_accounts_people(store: Store) -> None:
    with two_accounts(store) as s:
        for n in range(5):
            person(s.stores["ana"], f"Ana's friend {n}")
        person(s.stores["bo"], "Bo's only friend")
        for offset in (0, 1, 5):
            got = s.client.get("/api/v1/people", params={"offset": offset},
                               headers=s.headers["bo"]).json()  # fmt: skip
            assert [p["name"] for p in got] == (["Bo's only friend"] if offset == 0 else [])
