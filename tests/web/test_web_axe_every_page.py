"""axe-core on every page of the app (issue 11), in the light and the dark scheme at 1280 and
375 px, over the demo network: no violation of any impact; and every page fits a 360 px phone
without scrolling sideways (each page is loaded once per scheme, then resized). The page list
is held to the app's routes, those with a path parameter included (an interaction, an event, a
trash entry, an import's summary...), so a new page cannot be left out."""

from __future__ import annotations

import json
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser
from test_web_browser_career_flows import ensure_profile
from test_web_browser_trash_flows import AXE

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import bench_web

# Pages that need a row: ids from the demo network are put in for {person}, {other}, ...
PAGES = [
    "/", "/upcoming", "/people", "/people?page=2", "/people/new", "/search?q=product",
    "/people/{person}", "/people/{person}/edit", "/people/{person}/delete",
    "/people/{person}/erase", "/import", "/duplicates",
    "/duplicates/merge?keep={person}&other={other}", "/export", "/trash", "/trash/empty", "/events",
    "/goals", "/review", "/insights", "/jobs", "/posts", "/me", "/me/card", "/settings",
    "/drafts/1", "/interactions/{interaction}", "/interactions/{interaction}/edit",
    "/interactions/{interaction}/delete", "/events/{event}", "/events/{event}/delete",
    "/goals/{goal}/remove", "/jobs/opportunities/{opportunity}/delete", "/posts/{post}/delete",
    "/trash/{trash}", "/import/{upload}",
]  # fmt: skip
# The route of each page with a path parameter, as bench_web.page_routes names it.
ROUTES = {
    "/people/{person}": "/people/{person}", "/people/{person}/edit": "/people/{person_id}/edit",
    "/people/{person}/delete": "/people/{person_id}/delete",
    "/people/{person}/erase": "/people/{person_id}/erase",
    "/interactions/{interaction}": "/interactions/{interaction_id}",
    "/interactions/{interaction}/edit": "/interactions/{interaction_id}/edit",
    "/interactions/{interaction}/delete": "/interactions/{interaction_id}/delete",
    "/events/{event}": "/events/{event_id}", "/events/{event}/delete": "/events/{event_id}/delete",
    "/goals/{goal}/remove": "/goals/{goal_id}/remove",
    "/jobs/opportunities/{opportunity}/delete": "/jobs/opportunities/{opportunity_id}/delete",
    "/posts/{post}/delete": "/posts/{post_id}/delete", "/trash/{trash}": "/trash/{trash_id}",
    "/import/{upload}": "/import/{upload_id}", "/drafts/1": "/drafts/{item}",
}  # fmt: skip
# GET routes of the pages that are not pages to look at (files, redirects, login).
NOT_PAGES = {"/calendar.ics", "/me/card.vcf", "/me/card.png", "/me/card.svg", "/login",
             "/logout", "/report.html", "/.well-known/carddav", "/.well-known/caldav",
             "/me/card.{kind}", "/export/{fmt}"}  # fmt: skip


def app_pages() -> set[str]:
    """Every GET route of the pages (walked as bench_web walks them)."""
    return set(bench_web.page_routes()) - NOT_PAGES


def test_every_page_is_checked() -> None:
    listed = {ROUTES.get(p, p.split("?")[0]) for p in PAGES}
    pages = app_pages()
    assert len(pages) > 30, pages  # the walk found the app's pages
    assert pages - listed == set()


def _ids(base: str) -> dict[str, str]:
    """A row of each kind from the demo network, and one trash entry made for the test."""

    def get(path: str) -> Any:
        with urllib.request.urlopen(f"{base}/api/v1/{path}") as answer:
            return json.load(answer)

    def first(path: str) -> str:
        return str(get(path)[0]["id"])

    person, other = (str(p["id"]) for p in get("people?limit=2"))
    made = urllib.request.Request(
        f"{base}/api/v1/people", data=json.dumps({"name": "Axe Trash"}).encode(),
        headers={"Content-Type": "application/json"}, method="POST",
    )  # fmt: skip
    with urllib.request.urlopen(made) as answer:
        doomed = json.load(answer)["id"]
    gone = urllib.request.Request(f"{base}/api/v1/people/{doomed}", method="DELETE")
    with urllib.request.urlopen(gone) as answer:
        trash = str(json.load(answer)["trash_id"])
    interaction = str(get(f"people/{person}")["interactions"][0]["id"])
    return {"person": person, "other": other, "interaction": interaction, "trash": trash,
            "event": first("events"), "goal": first("goals"), "post": first("posts"),
            "opportunity": first("opportunities")}  # fmt: skip


def _upload(page: Any) -> str:
    """A small vCard through the import form: the address of its dry-run summary."""
    page.goto("/import")
    vcf = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Axe Import\r\nEND:VCARD\r\n"
    page.set_input_files("input[type=file]", files=[
        {"name": "axe.vcf", "mimeType": "text/vcard", "buffer": vcf}
    ])  # fmt: skip
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_url("**/import/*")
    return str(page.url).rsplit("/", 1)[1]


@pytest.fixture(scope="module")
def urls(live_server: str) -> list[str]:
    ids = _ids(live_server)
    return [p.format(**ids) if "{upload}" not in p else p for p in PAGES]


def _pages(chromium: Browser, live_server: str, urls: list[str], **options: Any) -> Iterator[Any]:
    """Each page in a new browser context with `options`, once the profile has a name (the card
    page needs one) and a file was uploaded (its summary page needs one)."""
    # The app's Content-Security-Policy rightly refuses the injected script: bypassed here.
    context = chromium.new_context(base_url=live_server, bypass_csp=True, **options)
    try:
        page = context.new_page()
        ensure_profile(page)
        upload = _upload(page)
        for url in urls:
            url = url.replace("{upload}", upload)
            assert page.goto(url).status == 200, url  # type: ignore[union-attr]
            yield url, page
    finally:
        context.close()


WIDTHS = (1280, 375)  # axe at each; each page is loaded once and resized
PHONE = 360  # the narrowest phone each page must fit without scrolling sideways


@pytest.mark.skipif(not AXE.exists(), reason=f"axe-core not installed ({AXE}): npm i axe-core")
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_on_any_page_and_each_fits_a_phone(
    chromium: Browser, live_server: str, urls: list[str], scheme: str
) -> None:
    script = AXE.read_text(encoding="utf-8")
    found: dict[tuple[str, int], list[str]] = {}
    wider: dict[str, tuple[int, int]] = {}
    checked = 0
    view = {"width": WIDTHS[0], "height": 800}
    for url, page in _pages(chromium, live_server, urls, viewport=view, color_scheme=scheme):
        page.add_script_tag(content=script)
        for width in WIDTHS:
            # media queries apply on resize as on load; axe reads the layout afresh each run
            page.set_viewport_size({"width": width, "height": 800})
            result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
            checked += 1
            if result["violations"]:
                found[url, width] = [f"{v['impact']}: {v['id']}" for v in result["violations"]]
        page.set_viewport_size({"width": PHONE, "height": 740})
        wide, visible = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if wide > visible:
            wider[url] = (wide, visible)
    assert checked == len(PAGES) * len(WIDTHS)
    assert found == {}
    assert wider == {}
