"""axe-core on every page of the app (issue 11), light at 1280 px and dark at 375 px (the pages'
own axe tests take all four pairs), over the demo network: no violation of any impact. The page
list is held to the app's routes, so a new page cannot be left out."""

from __future__ import annotations

import json
import sys
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser
from test_web_browser_career_flows import ensure_profile
from test_web_browser_trash_flows import AXE

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import bench_web

# Pages that need a row: ids from the demo network are put in for {person} and {other}.
PAGES = [
    "/", "/upcoming", "/people", "/people?page=2", "/people/new", "/search?q=product",
    "/people/{person}", "/people/{person}/edit", "/people/{person}/delete",
    "/people/{person}/erase", "/import", "/duplicates",
    "/duplicates/merge?keep={person}&other={other}", "/export", "/trash", "/trash/empty", "/events",
    "/goals", "/review", "/insights", "/jobs", "/posts", "/me", "/me/card", "/settings",
    "/drafts/1",
]  # fmt: skip
# GET pages without a path parameter that are not pages to look at (files, redirects, login).
NOT_PAGES = {"/calendar.ics", "/me/card.vcf", "/me/card.png", "/me/card.svg", "/login",
             "/logout", "/report.html", "/.well-known/carddav", "/.well-known/caldav"}  # fmt: skip


def app_pages() -> set[str]:
    """Every GET route of the pages without a path parameter (walked as bench_web walks them)."""
    return {p for p in bench_web.page_routes() if "{" not in p} - NOT_PAGES


def test_every_page_without_a_parameter_is_checked() -> None:
    listed = {p.split("?")[0] for p in PAGES if "{" not in p.split("?")[0]}
    pages = app_pages()
    assert len(pages) > 15, pages  # the walk found the app's pages
    assert pages - listed == set()


@pytest.mark.skipif(not AXE.exists(), reason=f"axe-core not installed ({AXE}): npm i axe-core")
def test_axe_finds_no_violation_on_any_page(chromium: Browser, live_server: str) -> None:
    with urllib.request.urlopen(f"{live_server}/api/v1/people?limit=2") as answer:
        person, other = (p["id"] for p in json.load(answer))
    urls = [p.replace("{person}", str(person)).replace("{other}", str(other)) for p in PAGES]
    script = AXE.read_text(encoding="utf-8")
    found: dict[tuple[str, str, int], list[str]] = {}
    checked = 0
    # each scheme once at each width (light on a desk, dark on a phone, and the other way for
    # the pages' own tests): both schemes and both widths, in half the time of all four pairs
    for scheme, width in (("light", 1280), ("dark", 375)):
        # The app's Content-Security-Policy rightly refuses the injected script: bypassed here.
        context = chromium.new_context(base_url=live_server, bypass_csp=True,
                                       viewport={"width": width, "height": 800},
                                       color_scheme=scheme)  # type: ignore[arg-type]  # fmt: skip
        try:
            page = context.new_page()
            ensure_profile(page)  # the card page needs a name
            for url in urls:
                assert page.goto(url).status == 200, url  # type: ignore[union-attr]
                page.add_script_tag(content=script)
                result: dict[str, Any] = page.evaluate(
                    "axe.run(document, {resultTypes: ['violations']})"
                )
                checked += 1
                if result["violations"]:
                    found[(url, scheme, width)] = [
                        f"{v['impact']}: {v['id']}" for v in result["violations"]
                    ]
        finally:
            context.close()
    assert checked == 2 * len(PAGES)
    assert found == {}
