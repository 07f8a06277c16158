"""The pages in a real browser (Debian's chromium driven by Playwright) against a live server over
the demo network: what a user does, by keyboard and on a phone-sized screen.

The server is shared by the session; each test creates or picks what it changes (unique names,
its own follow-up) so the tests do not depend on one another or on their order."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
pytestmark = pytest.mark.skipif(
    not Path("/usr/bin/chromium").exists() and not IN_CI,
    reason="Debian's chromium (/usr/bin/chromium) is not installed",
)
TODAY = "2026-11-26"


def open_someone(page: Page, tag: str = "mentor") -> str:
    """Open the first person with `tag` from the People page; their name."""
    page.goto(f"/people?tag={tag}")
    link = page.locator("ul.people a.who").first
    name = link.inner_text()
    link.click()
    expect(page.locator("h1")).to_have_text(name)
    return name


def test_today_shows_items_with_reasons_and_a_name_opens_the_person(browser_page: Page) -> None:
    page = browser_page
    page.goto("/")
    expect(page.locator("h1")).to_have_text("Today, Thursday 26 November 2026")
    items = page.locator("ol.agenda > li")
    assert items.count() >= 1
    for i in range(items.count()):
        assert items.nth(i).locator(".reason").inner_text().strip()
    first = items.first.locator("a.who")
    name = first.inner_text()
    first.click()
    expect(page).to_have_url(re.compile(r"/people/\d+$"))
    expect(page.locator("h1")).to_have_text(name)


def test_an_interaction_logged_through_the_form_shows_on_the_person_page(
    browser_page: Page,
) -> None:
    page = browser_page
    open_someone(page)
    expect(page.get_by_label("Date", exact=True)).to_have_value(TODAY)
    page.get_by_label("Channel").select_option("coffee")
    page.get_by_label("Who reached out").select_option("them")
    page.get_by_label("Summary").fill("Browser flow: compared notes on the launch")
    page.get_by_label("Topics").fill("launch, browser tests")
    page.get_by_role("button", name="Log interaction").click()
    expect(page.get_by_role("status")).to_have_text("Interaction logged.")
    latest = page.locator("ol.interactions > li").first
    expect(latest).to_contain_text("Browser flow: compared notes on the launch")
    expect(latest).to_contain_text("coffee")
    expect(latest).to_contain_text("they reached out")
    expect(latest.locator(".tag")).to_have_text(["browser tests", "launch"])


def test_a_follow_up_marked_done_on_today_is_gone(browser_page: Page) -> None:
    page = browser_page
    name = open_someone(page, "investor")
    page.get_by_label("Due").fill(TODAY)
    page.get_by_label("Action", exact=True).fill("browser check: send the deck")
    page.get_by_role("button", name="Add follow-up").click()
    expect(page.get_by_role("status")).to_have_text("Follow-up added.")
    page.goto("/?minutes=120")
    item = page.locator("ol.agenda > li", has_text="browser check: send the deck")
    expect(item).to_contain_text(name)
    expect(item).to_contain_text("follow-up due today")
    item.get_by_role("button", name=re.compile("^Done")).click()
    expect(page.get_by_role("status")).to_have_text("Follow-up marked done.")
    expect(page).to_have_url(re.compile(r"/\?minutes=120&notice=done$"))
    expect(page.get_by_text("browser check: send the deck")).to_have_count(0)


def test_a_bad_birthday_is_named_then_fixed(browser_page: Page) -> None:
    page = browser_page
    page.goto("/")
    page.get_by_role("navigation").get_by_role("link", name="Add").click()
    expect(page.locator("h1")).to_have_text("Add a person")
    page.get_by_label("Name", exact=True).fill("Quinta Browserova")
    page.get_by_label("Company", exact=True).fill("Playwright Labs")
    page.get_by_label("Birthday", exact=True).fill("02-30")
    page.get_by_role("button", name="Add person").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Birthday")
    expect(alert).to_contain_text("02-30")
    birthday = page.get_by_label("Birthday", exact=True)
    expect(birthday).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Company", exact=True)).to_have_value("Playwright Labs")  # kept
    birthday.fill("02-28")
    page.get_by_role("button", name="Add person").click()
    expect(page.locator("h1")).to_have_text("Quinta Browserova")
    expect(page.get_by_role("status")).to_have_text("Person added.")
    expect(page.locator("dl.details")).to_contain_text("28 February")


def test_search_finds_a_person(browser_page: Page) -> None:
    page = browser_page
    page.goto("/people")
    name = page.locator("ul.people a.who").first.inner_text()
    page.get_by_role("navigation").get_by_role("link", name="Search").click()
    box = page.get_by_role("searchbox")
    box.fill(name)
    box.press("Enter")
    expect(page.locator("h2#results")).to_contain_text(name)
    page.locator("ul.hits").get_by_role("link", name=name).first.click()
    expect(page.locator("h1")).to_have_text(name)


def test_tab_reaches_the_navigation_with_a_visible_focus_outline(browser_page: Page) -> None:
    page = browser_page
    page.goto("/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.keyboard.press("Tab")
    today = page.get_by_role("navigation").get_by_role("link", name="Today")
    expect(today).to_be_focused()
    style, width = today.evaluate(
        "e => [getComputedStyle(e).outlineStyle, parseFloat(getComputedStyle(e).outlineWidth)]"
    )
    assert style != "none" and width >= 2


def test_skip_link_moves_the_focus_to_the_content(browser_page: Page) -> None:
    page = browser_page
    page.goto("/people")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_no_page_scrolls_sideways_on_a_phone(browser_page: Page) -> None:
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 740})
    open_someone(page)
    person = page.url
    for url in [
        "/",
        "/upcoming",
        "/people",
        "/people/new",
        "/search?q=a",
        person,
        person + "/edit",
    ]:
        page.goto(url)
        wide, visible = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert wide <= visible, (url, wide, visible)


def test_every_request_goes_to_the_server_itself(browser_page: Page, live_server: str) -> None:
    page = browser_page
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    open_someone(page)
    for url in ["/", "/upcoming", "/people/new", "/search?q=eng"]:
        page.goto(url)
    page.goto("/people/new")
    page.get_by_role("button", name="Add person").click()  # a refused form, re-rendered
    expect(page.get_by_role("alert")).to_contain_text("Name")
    assert len(asked) >= 8
    assert [u for u in asked if not u.startswith(live_server + "/")] == []
    assert any(u.endswith("/static/style.css") for u in asked)
