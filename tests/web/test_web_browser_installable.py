"""An installable web app on a phone (issue 11): chromium reads the manifest the pages link,
finds no error in it and none that keeps it from being installed, and every icon it names loads
through the Content-Security-Policy."""

from __future__ import annotations

import json
from typing import Any

from playwright.sync_api import Page


def test_chromium_finds_the_app_installable(browser_page: Page) -> None:
    page = browser_page
    page.goto("/")
    cdp = page.context.new_cdp_session(page)
    manifest: dict[str, Any] = cdp.send("Page.getAppManifest")
    assert manifest["url"].endswith("/static/manifest.webmanifest")
    assert manifest["errors"] == []
    data = json.loads(manifest["data"])
    assert data["display"] == "standalone" and data["start_url"] == "/"
    installable: dict[str, Any] = cdp.send("Page.getInstallabilityErrors")
    errors = [e["errorId"] for e in installable["installabilityErrors"]]
    # a test browser's context is a private window, which alone never installs apps
    assert [e for e in errors if e != "in-incognito"] == [], errors
    for icon in data["icons"]:
        loaded = page.request.get(icon["src"])
        assert loaded.status == 200 and loaded.headers["content-type"] == "image/png"
        assert loaded.body()[:8] == b"\x89PNG\r\n\x1a\n"
    assert {s["url"] for s in data["shortcuts"]} >= {"/events", "/"}  # the capture, one tap away
