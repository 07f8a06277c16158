"""The import, jobs and me pages in a real browser (Debian's chromium, Playwright) over the demo
network: import a vCard with the dry run first, move an opportunity between stages, count a
pitch live, show the QR card on a 375 px phone; the new pages fit a phone; and, where axe-core is
installed (npm), no serious accessibility violation on them.

Each test makes what it changes (unique names) so the shared server's data stays usable."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from test_web_browser_trash_flows import IN_CI

pytestmark = pytest.mark.skipif(
    not Path("/usr/bin/chromium").exists() and not IN_CI,
    reason="Debian's chromium (/usr/bin/chromium) is not installed",
)
CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Vida Importova\r\nEMAIL:vida@import.example\r\n"
    "END:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ivo Importov\r\nTEL:+386 1 555 0199\r\n"
    "END:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:no name at all\r\nEND:VCARD\r\n"
)
NEW_PAGES = ["/import", "/jobs", "/posts", "/me", "/me/card", "/settings"]


def test_import_a_vcard_dry_run_first(browser_page: Page, tmp_path: Path) -> None:
    page = browser_page
    file = tmp_path / "phone-contacts.vcf"
    file.write_text(CARDS, encoding="utf-8")
    page.goto("/")
    page.get_by_role("navigation").get_by_text("More").click()
    page.get_by_role("navigation").get_by_role("link", name="Import").click()
    expect(page.locator("h1")).to_have_text("Import")
    page.get_by_label("File to import").set_input_files(str(file))
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator("h1")).to_have_text("What the import would do")
    expect(page.locator(".tally")).to_contain_text("2 new")
    # every tally is a whole card: the list's rule for its last row once took the last one's
    # bottom border
    sides = page.locator(".tally li").evaluate_all(
        "cards => cards.map(c => [getComputedStyle(c).borderTopWidth,"
        " getComputedStyle(c).borderBottomWidth])"
    )
    assert len(sides) == 4 and all(top == bottom == "1px" for top, bottom in sides), sides
    expect(page.get_by_role("region", name=re.compile("^Skipped"))).to_contain_text(
        "phone-contacts.vcf, row 3"
    )
    page.goto("/search?q=Importova")
    expect(page.locator("main")).not_to_contain_text("Vida Importova")  # nothing written yet
    page.go_back()
    page.get_by_role("button", name="Import 2 people").click()
    expect(page.locator("h1")).to_have_text("Imported")  # after "Importing" reloads itself
    expect(page.get_by_role("status").first).to_contain_text("2 people added")
    page.locator(".created").get_by_role("link", name="Vida Importova").click()
    expect(page.locator("h1")).to_have_text("Vida Importova")
    expect(page.locator("main")).to_contain_text("vida@import.example")


def test_move_an_opportunity_between_stages(browser_page: Page) -> None:
    page = browser_page
    page.goto("/jobs")
    page.get_by_text("Add an opportunity").click()
    page.get_by_label("Organization").fill("Boardwalk Labs")
    page.get_by_label("Role", exact=True).fill("Cartographer")
    page.get_by_role("button", name="Add opportunity").click()
    expect(page.get_by_role("status")).to_have_text("Opportunity added at Idea.")
    card = page.locator("li.opp", has_text="Cartographer")
    expect(page.locator("section.lane-idea li.opp", has_text="Cartographer")).to_have_count(1)
    card.get_by_label(re.compile("^Stage")).select_option("interview")
    card.get_by_role("button", name=re.compile("^Move")).click()
    expect(page.get_by_role("status")).to_have_text("Opportunity moved.")
    expect(page.locator("section.lane-interview li.opp", has_text="Cartographer")).to_have_count(1)
    expect(page.locator("section.lane-idea li.opp", has_text="Cartographer")).to_have_count(0)
    card = page.locator("li.opp", has_text="Cartographer")
    card.get_by_label(re.compile("^Stage")).select_option("talked")
    card.get_by_role("button", name=re.compile("^Move")).click()
    expect(page.get_by_role("status")).to_contain_text("Moved back to an earlier stage")
    expect(page.locator("section.lane-talked li.opp", has_text="Cartographer")).to_have_count(1)


def test_the_pitch_is_counted_as_you_type(browser_page: Page) -> None:
    page = browser_page
    page.goto("/me")
    pitch = page.get_by_label("Pitch", exact=True)
    pitch.fill("I help teams ship. I am looking for a new role.")
    expect(page.locator("#pitch-live")).to_have_text("11 words · about 4.4 s")
    pitch.fill("word " * 80)
    expect(page.locator("#pitch-live")).to_contain_text("80 words · about 32 s — over 75 words")
    pitch.fill("I help teams ship. I am looking for a new role.")
    page.get_by_role("button", name="Save and check").click()
    expect(page.locator("p.notice")).to_have_text("Pitch saved and checked.")
    expect(page.locator(".check").first).to_contain_text("11 words")  # the server agrees


def test_the_qr_card_on_a_phone(browser_page: Page) -> None:
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto("/me")
    page.get_by_label("Your name").fill("Phoebe Cardholder")
    page.get_by_label("Phone").fill("+44 20 7946 0123")
    page.get_by_role("button", name="Save profile").click()
    expect(page.locator("p.notice")).to_have_text("Profile saved.")
    page.get_by_role("link", name="Show my card").click()
    expect(page.locator("h1")).to_have_text("Phoebe Cardholder")
    qr = page.get_by_role("img", name=re.compile("QR code"))
    expect(qr).to_be_visible()
    # visible is not loaded; decode() waits for the pixels (wait_for_function would need eval,
    # which the page's Content-Security-Policy rightly forbids)
    loaded = qr.evaluate("img => img.decode().then(() => img.naturalWidth)")
    assert loaded > 0  # the image came through the Content-Security-Policy
    box = qr.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375
    assert box["width"] >= 250  # big enough for another phone's camera
    wide, visible = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert wide <= visible


def ensure_profile(page: Page) -> None:
    """The card page needs a name in the profile (the demo may not have one)."""
    page.goto("/me")
    if not page.get_by_label("Your name").input_value():
        page.get_by_label("Your name").fill("Sam Demo")
        page.get_by_role("button", name="Save profile").click()
        expect(page.locator("p.notice")).to_have_text("Profile saved.")


def test_the_new_pages_fit_a_phone(browser_page: Page) -> None:
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 740})
    ensure_profile(page)
    for url in NEW_PAGES:
        assert page.goto(url).status == 200, url  # type: ignore[union-attr]
        wide, visible = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert wide <= visible, (url, wide, visible)
