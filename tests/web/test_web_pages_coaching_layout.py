"""The coaching pages keep the promises every page makes (test_web_pages_layout.py): landmarks,
one h1, headings in order, a label for every input, real buttons, the form token on every POST
form, no inline script or style (only the app's scripts, from /static), nothing from
another host, and the "More" menu marking the page you are on."""

from __future__ import annotations

import re

import pytest
from pagerules import check_forms, check_landmarks_and_headings
from seed import DAY, interaction, person
from starlette.testclient import TestClient
from test_web_pages_layout import Page
from webforms import token

from tiekeeper.services.events import add_event, met_at_event
from tiekeeper.services.goals import add_goal
from tiekeeper.services.people import PersonChanges
from tiekeeper.services.reminders import add_follow_up
from tiekeeper.store.uow import Store


@pytest.fixture
def coaching_pages(sqlite_client: TestClient, sqlite_store: Store) -> dict[str, str]:
    c, s = sqlite_client, sqlite_store
    ana = person(s, "Ana Lima", company="Acme", needs="a designer")
    person(s, "Bo Chen", company="Acme", interests="design")
    interaction(s, [ana], when="2026-11-20", channel="coffee", topics=["career"])
    add_follow_up(s.uow(), str(ana), "today", "send the article", DAY)
    ev = add_event(s.uow(), "PyCon", "2026-11-25", DAY, goal="meet two people")
    met_at_event(s.uow(), str(ev.id), "Cy Dahl", PersonChanges(), DAY)
    coming = add_event(s.uow(), "Meetup", "2026-12-10", DAY)
    goal = add_goal(s.uow(), "coffee chats", "week", 1, DAY, channel="coffee")
    urls = ["/events", f"/events/{ev.id}", f"/events/{coming.id}", f"/events/{ev.id}/delete",
            "/goals", f"/goals/{goal.id}/remove", "/review", "/review?week=2026-11-02",
            "/insights", "/", "/drafts/1"]  # fmt: skip
    pages = {url: c.get(url).text for url in urls}
    pages["/events (refused)"] = c.post("/events", data={"csrf": token(c), "name": " "}).text
    met_again = c.post(f"/events/{ev.id}/met", data={"csrf": token(c), "person": "Cy Dahl"})
    pages["/events/{id} (refused)"] = met_again.text
    pages["/goals (refused)"] = c.post("/goals", data={"csrf": token(c), "title": "x",
                                                       "target": "0"}).text  # fmt: skip
    return pages


def test_each_page_has_landmarks_one_h1_and_ordered_headings(
    coaching_pages: dict[str, str],
) -> None:
    check_landmarks_and_headings(coaching_pages)


def test_inputs_have_labels_and_post_forms_carry_the_token(
    coaching_pages: dict[str, str], sqlite_client: TestClient
) -> None:
    posts = check_forms(coaching_pages, token(sqlite_client))
    for url, html in coaching_pages.items():
        page = Page(html)
        for area in page.all("textarea"):  # the draft, outside any form
            assert area.get("id") in page.labels, url
    assert posts >= 12


def test_no_inline_script_or_style_nothing_from_elsewhere(coaching_pages: dict[str, str]) -> None:
    for url, html in coaching_pages.items():
        page = Page(html)
        assert page.all("style") == [], url
        for script in page.all("script"):
            assert script.get("src", "").startswith("/static/"), url
        assert not re.search(r"<script(?![^>]*\ssrc=)", html), url  # no inline script
        assert not re.search(r"\sstyle=", html), url
        assert not re.search(r"\son[a-z]+=", html), url
        for tag in ("link", "img", "iframe", "source", "script"):
            for a in page.all(tag):
                ref = a.get("href") or a.get("src") or ""
                assert ref.startswith("/") and not ref.startswith("//"), (url, tag, ref)


def test_the_more_menu_links_and_marks_the_coaching_pages(coaching_pages: dict[str, str]) -> None:
    for url in ("/events", "/goals", "/review", "/insights"):
        nav = Page(coaching_pages[url]).nav
        assert url in [a["href"] for a in nav]
        assert [a["href"] for a in nav if a.get("aria-current") == "page"] == [url]
        assert '<summary class="here">More' in coaching_pages[url]


def test_the_met_form_is_sized_for_a_thumb(coaching_pages: dict[str, str], sqlite_client: TestClient
                                           ) -> None:  # fmt: skip
    html = next(v for k, v in coaching_pages.items() if re.fullmatch(r"/events/\d+", k)
                and "Met someone?" in v)  # fmt: skip
    form = html.split('class="met-form"')[1].split("</form>")[0]
    assert 'autocapitalize="words"' in form and 'class="big"' in form
    assert [n for n in re.findall(r'name="(\w+)"', form) if n != "csrf"] == [
        "person", "company", "note"]  # fmt: skip
    css = sqlite_client.get("/static/style.css").text
    assert re.search(r"button\.big \{[^}]*min-height: 3\.25rem", css)
    assert re.search(r"\.met-form input[^{]*\{[^}]*min-height: 3rem", css)
