"""Issue 11's round trips in a real browser (Debian's chromium, Playwright) over the demo
network: a goal added on Goals counts an interaction logged on a person's page; someone met at
an event is on Today the next day; each export downloads from /export and goes back in (the
contacts and the calendar through the import page, the JSON backup restored into an empty home
served by another server)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from liveserve import serve_in_thread
from playwright.sync_api import Browser, Page, expect
from test_web_browser_coaching_flows import add_event
from test_web_browser_flows import open_someone
from test_web_browser_trash_flows import IN_CI

from tiekeeper.store.uow import open_store
from tiekeeper.web.app import create_app

from conftest import TODAY  # isort: skip

pytestmark = pytest.mark.skipif(
    not Path("/usr/bin/chromium").exists() and not IN_CI,
    reason="Debian's chromium (/usr/bin/chromium) is not installed",
)


def goal_count(page: Page, title: str) -> int:
    card = page.locator("article.goal", has=page.get_by_role("heading", name=title))
    found = re.match(r"(\d+) of", card.locator(".goal-count strong").inner_text())
    assert found is not None
    return int(found.group(1))


def test_a_goal_added_in_the_browser_counts_what_is_logged(browser_page: Page) -> None:
    page = browser_page
    page.goto("/goals")
    page.get_by_label("Goal", exact=True).fill("Letters to mentors")
    page.get_by_label("How many").fill("3")
    page.get_by_label("Per").select_option("week")
    page.get_by_label("Channel").select_option("letter")
    page.get_by_role("button", name="Add goal").click()
    expect(page.get_by_role("status")).to_contain_text("Goal added")
    before = goal_count(page, "Letters to mentors")
    open_someone(page)
    page.get_by_label("Channel").select_option("letter")
    page.get_by_label("Summary").fill("Round trip: a thank-you letter")
    page.get_by_role("button", name="Log interaction").click()
    expect(page.get_by_role("status")).to_have_text("Interaction logged.")
    page.goto("/goals")
    assert goal_count(page, "Letters to mentors") == before + 1
    bar = page.get_by_role("progressbar", name=re.compile("^Letters to mentors"))
    expect(bar).to_have_attribute("value", str(before + 1))


def test_someone_met_at_an_event_is_on_today_the_next_day(browser_page: Page) -> None:
    page = browser_page
    add_event(page, "Round Trip Meetup")
    page.get_by_label("Name", exact=True).fill("Tova Nextday")
    page.get_by_label("One note").fill("send the deck")
    page.get_by_role("button", name="Save this person").click()
    expect(page.locator(".met-box [role=status]")).to_contain_text("Saved: Tova Nextday")
    next_day = TODAY.toordinal() + 1
    from datetime import date

    page.goto(f"/?date={date.fromordinal(next_day).isoformat()}&minutes=240")
    item = page.locator("ol li", has_text="Tova Nextday")
    expect(item).to_contain_text("met at Round Trip Meetup")
    expect(item.get_by_role("button", name=re.compile("^Done"))).to_be_visible()


@pytest.fixture
def empty_server(tmp_path: Path) -> Iterator[str]:
    """Another server over an empty home (a new computer), on a free local port."""
    store = open_store(f"sqlite:///{tmp_path / 'empty.db'}")
    try:
        with serve_in_thread(create_app(store, today=lambda: TODAY,
                                        allowed_hosts=["127.0.0.1"])) as url:  # fmt: skip
            yield url
    finally:
        store.engine.dispose()


def download(page: Page, title: str, folder: Path) -> Path:
    page.goto("/export")
    with page.expect_download() as info:
        page.get_by_role("link", name=f"Download {title}").click()
    saved = folder / info.value.suggested_filename
    info.value.save_as(saved)
    return saved


def check_import(page: Page, file: Path) -> str:
    """The file through the import page's dry run: the summary's text."""
    page.goto("/import")
    page.get_by_label("File to import").set_input_files(str(file))
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator("h1")).to_have_text("What the import would do")
    return page.locator("main").inner_text()


def test_each_export_downloads_and_goes_back_in(
    browser_page: Page, chromium: Browser, empty_server: str, tmp_path: Path
) -> None:
    page = browser_page
    titles = ("Contacts (vCard)", "Contacts (CSV)", "Calendar (ICS)", "Complete backup (JSON)")
    files = {title: download(page, title, tmp_path) for title in titles}
    names = [f.name for f in files.values()]
    assert names[:3] == ["tiekeeper-contacts.vcf", "tiekeeper-contacts.csv",
                         "tiekeeper-calendar.ics"]  # fmt: skip
    assert re.fullmatch(r"tiekeeper-backup-\d{4}-\d\d-\d\d\.json", names[3]), names
    page.goto("/people")
    everyone = page.locator("h2#list-title").inner_text()  # "People 1 to 200" or "N people"
    for title in ("Contacts (vCard)", "Contacts (CSV)"):
        summary = check_import(page, files[title])
        new = re.search(r"(\d[\d,]*)\s+new", summary)
        here = re.search(r"(\d[\d,]*)\s+already here", summary)
        assert new is not None and here is not None, summary
        assert new.group(1) == "0" and int(here.group(1).replace(",", "")) > 100, (title, summary)
    calendar = check_import(page, files["Calendar (ICS)"])
    assert "tiekeeper-calendar.ics" in calendar and "meetings read" in calendar
    # the backup goes into an empty home elsewhere, through that server's restore form
    context = chromium.new_context(base_url=empty_server)
    try:
        other = context.new_page()
        other.goto("/export")
        other.get_by_label("Backup file").set_input_files(str(files["Complete backup (JSON)"]))
        other.get_by_role("button", name="Restore").click()
        expect(other.locator("h1")).to_have_text("People")
        expect(other.get_by_role("status")).to_contain_text("restored")
        assert other.locator("h2#list-title").inner_text() == everyone
    finally:
        context.close()
