"""axe-core on every page of the app (issue 11), in the light and the dark scheme, at 1280 and
375 px, over the demo network: no violation of any impact. The page list is held to the app's
routes, so a new page cannot be left out."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

import pytest
from playwright.sync_api import Browser
from test_web_browser_career_flows import ensure_profile
from test_web_browser_trash_flows import AXE

from tiekeeper.web.app import create_app

# Pages that need a row: an id from the demo network is put in for {person}.
PAGES = [
    "/", "/upcoming", "/people", "/people?page=2", "/people/new", "/search?q=product",
    "/people/{person}", "/people/{person}/edit", "/people/{person}/delete",
    "/people/{person}/erase", "/import", "/duplicates", "/export", "/trash", "/events",
    "/goals", "/review", "/insights", "/jobs", "/posts", "/me", "/me/card", "/settings",
    "/drafts/1",
]  # fmt: skip
# GET pages without a path parameter that are not pages to look at (files, redirects, login).
NOT_PAGES = {"/calendar.ics", "/me/card.vcf", "/me/card.png", "/me/card.svg", "/login",
             "/logout", "/report.html", "/.well-known/carddav", "/.well-known/caldav"}  # fmt: skip


def app_pages() -> set[str]:
    """Every GET route of the pages without a path parameter."""
    from tiekeeper.store.uow import open_store

    app = create_app(open_store("sqlite://"))
    found = set()
    for route in app.routes:
        path, methods = getattr(route, "path", ""), getattr(route, "methods", None) or set()
        if "GET" in methods and "{" not in path and not path.startswith(("/api", "/static")):
            found.add(path)
    return found - NOT_PAGES


def test_every_page_without_a_parameter_is_checked() -> None:
    listed = {p.split("?")[0] for p in PAGES if "{" not in p}
    pages = app_pages()
    assert len(pages) > 15, pages  # the walk found the app's pages
    assert pages - listed == set()


@pytest.mark.skipif(not AXE.exists(), reason=f"axe-core not installed ({AXE}): npm i axe-core")
def test_axe_finds_no_violation_on_any_page(chromium: Browser, live_server: str) -> None:
    with urllib.request.urlopen(f"{live_server}/api/v1/people?limit=1") as answer:
        person = json.load(answer)[0]["id"]
    urls = [p.replace("{person}", str(person)) for p in PAGES]
    script = AXE.read_text(encoding="utf-8")
    found: dict[tuple[str, str, int], list[str]] = {}
    checked = 0
    for scheme in ("light", "dark"):
        for width in (1280, 375):
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
    assert checked == 4 * len(PAGES)
    assert found == {}
