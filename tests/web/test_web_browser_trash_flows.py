"""The trash work in a real browser (Debian's chromium, Playwright) over the demo network:
delete someone and undo, merge a pair and undo, download a vCard; the new pages on a phone; and,
where axe-core is installed (npm), no serious accessibility violation on them.

Each test makes the people it changes (unique names) so the shared server's data stays usable."""

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
# axe-core from the npm registry (`npm install axe-core`), read from disk and injected by the
# test itself: the app never serves it.
AXE = Path(os.environ.get("TIEKEEPER_AXE", "node_modules/axe-core/axe.min.js"))


def add_person(page: Page, name: str, phone: str = "") -> None:
    """Add someone through the Add form; ends on their page."""
    page.goto("/people/new")
    page.get_by_label("Name", exact=True).fill(name)
    if phone:
        page.get_by_label("Phone", exact=True).fill(phone)
    page.get_by_role("button", name="Add person").click()
    expect(page.locator("h1")).to_have_text(name)


def test_delete_a_person_then_undo(browser_page: Page) -> None:
    page = browser_page
    add_person(page, "Delia Trashova")
    person_url = page.url.split("?")[0]
    page.get_by_role("link", name="Delete Delia Trashova").click()
    expect(page.locator("h1")).to_have_text("Delete Delia Trashova?")
    page.get_by_role("button", name="Move to the trash").click()
    expect(page.locator("h1")).to_have_text("Moved to the trash")
    expect(page.get_by_role("status")).to_contain_text("Delia Trashova")
    assert page.goto(person_url).status == 404  # type: ignore[union-attr]
    page.go_back()
    page.get_by_role("button", name="Undo").click()
    expect(page.locator("h1")).to_have_text("Delia Trashova")
    expect(page.get_by_role("status")).to_have_text("Put back from the trash, as it was.")
    assert page.url.split("?")[0] == person_url


def test_merge_a_pair_then_undo(browser_page: Page) -> None:
    page = browser_page
    for _ in range(2):
        add_person(page, "Merle Twinova", phone="+44 20 7946 0999")
    page.get_by_role("navigation").get_by_text("More").click()
    page.get_by_role("navigation").get_by_role("link", name="Duplicates").click()
    pair = page.locator("li.pair", has_text="Merle Twinova").first
    expect(pair).to_contain_text("Strong evidence")
    expect(pair).to_contain_text("same phone")
    pair.get_by_role("link", name=re.compile("^Review the merge")).click()
    expect(page.locator("h1")).to_have_text("Merge these two records?")
    page.get_by_role("button", name="Merge them").click()
    expect(page.locator("h1")).to_have_text("Merged")
    page.goto("/duplicates")
    expect(page.locator("li.pair", has_text="Merle Twinova")).to_have_count(0)
    page.go_back()
    page.get_by_role("button", name="Undo").click()
    expect(page.get_by_role("status")).to_have_text(
        "Merge undone: both people are back as they were."
    )
    page.goto("/duplicates")
    expect(page.locator("li.pair", has_text="Merle Twinova")).to_have_count(1)


def test_download_a_vcard_export(browser_page: Page) -> None:
    page = browser_page
    add_person(page, "Vera Cardova")
    page.goto("/export")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download Contacts (vCard)").click()
    download = info.value
    assert download.suggested_filename == "tiekeeper-contacts.vcf"
    text = Path(download.path()).read_text(encoding="utf-8")
    assert text.startswith("BEGIN:VCARD") and "FN:Vera Cardova" in text
    assert text.count("BEGIN:VCARD") > 100  # the whole demo network


def new_page_urls(page: Page) -> list[str]:
    page.goto("/search?q=coffee")
    interaction = page.locator('ul.hits a[href^="/interactions/"]').first.get_attribute("href")
    page.goto("/people")
    person = page.locator("ul.people a.who").first.get_attribute("href")
    pair = page.goto("/duplicates") and page.locator("li.pair a.button-link").first
    merge = pair.get_attribute("href") if pair else None
    return [f"{interaction}", f"{interaction}/edit", f"{interaction}/delete",
            f"{person}/delete", f"{person}/erase", "/duplicates", f"{merge}", "/export",
            "/trash", "/trash/empty"]  # fmt: skip


def test_the_new_pages_fit_a_phone_and_the_more_menu_stays_on_screen(browser_page: Page) -> None:
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 740})
    for url in new_page_urls(page):
        page.goto(url)
        wide, visible = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert wide <= visible, (url, wide, visible)
    page.get_by_role("navigation").get_by_text("More").click()
    trash = page.get_by_role("navigation").get_by_role("link", name="Trash")
    expect(trash).to_be_visible()
    box = trash.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375
    assert box["height"] >= 44  # a touch target
