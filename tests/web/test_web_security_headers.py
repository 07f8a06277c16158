"""Issue 14: no security headers. Every response now carries a Content-Security-Policy allowing
only the app's own scripts and styles, frame-ancestors 'none', nosniff and same-origin
referrers; HSTS when served over https."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from tiekeeper.services.accounts import add_account
from tiekeeper.store.accounts import AccountStore
from tiekeeper.store.uow import Store
from tiekeeper.web.app import create_app

TEMPLATES = Path(__file__).parents[2] / "src" / "tiekeeper" / "web" / "templates"
EXPECTED = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
}


def assert_hardened(r: object, what: str) -> None:
    headers = r.headers  # type: ignore[attr-defined]
    csp = headers.get("content-security-policy", "")
    directives = dict(
        (d.split()[0], d.split()[1:]) for d in (p.strip() for p in csp.split(";")) if d
    )
    assert directives.get("frame-ancestors") == ["'none'"], (what, csp)
    assert directives.get("script-src") == ["'self'"], (what, csp)
    assert directives.get("style-src") == ["'self'"], (what, csp)
    assert directives.get("default-src") == ["'none'"], (what, csp)
    for name, value in EXPECTED.items():
        assert headers.get(name) == value, (what, name)


def test_every_kind_of_response_carries_the_headers(client: TestClient) -> None:
    made = client.post("/api/v1/people", json={"name": "Ada"})
    for what, r in {
        "page": client.get("/"),
        "person page": client.get(f"/people/{made.json()['id']}"),
        "created": made,
        "json": client.get("/api/v1/people"),
        "openapi": client.get("/api/v1/openapi.json"),
        "stylesheet": client.get("/static/style.css"),
        "calendar": client.get("/calendar.ics"),
        "not found": client.get("/people/999999"),
        "api not found": client.get("/api/v1/people/999999"),
        "invalid": client.post("/api/v1/people", json={}),
        "forged": client.post(
            "/api/v1/people", json={"name": "M"}, headers={"origin": "http://evil.example"}
        ),
        "other host": client.get("/", headers={"host": "evil.example"}),
    }.items():
        assert_hardened(r, what)
        assert "strict-transport-security" not in r.headers, what  # plain http


def test_hsts_only_over_https(store: Store) -> None:
    app = create_app(store, today=lambda: date(2026, 11, 26), allowed_hosts=["testserver"])
    with TestClient(app, base_url="https://testserver") as client:
        r = client.get("/")
        assert r.headers["strict-transport-security"] == "max-age=31536000"
        assert_hardened(r, "https page")
        assert "secure" in r.headers["set-cookie"].lower()  # the tk_csrf cookie too


def test_the_login_redirect_and_login_page_carry_the_headers(store: Store) -> None:
    now = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
    accounts = AccountStore(store.engine)
    add_account(accounts, "ana", "correct horse battery", now)
    app = create_app(store, today=lambda: date(2026, 11, 26), now=lambda: now,
                     allowed_hosts=["testserver"], accounts=accounts)  # fmt: skip
    with TestClient(app) as client:
        assert_hardened(client.get("/", follow_redirects=False), "redirect")
        assert_hardened(client.get("/login"), "login")
        assert_hardened(client.get("/api/v1/people"), "401")


INLINE = re.compile(r"<style|<script(?![^>]*\bsrc=)|\sstyle=|\son[a-z]+=|javascript:", re.I)


@pytest.mark.parametrize("template", sorted(TEMPLATES.glob("*.html")), ids=lambda p: p.name)
def test_no_template_has_inline_styles_or_scripts(template: Path) -> None:
    """The policy refuses them: they would silently do nothing in the browser."""
    assert INLINE.findall(template.read_text()) == []


def test_the_browser_applies_the_stylesheet_and_reports_no_violation(browser_page: object) -> None:
    page = browser_page
    seen: list[str] = []
    page.on("console", lambda m: seen.append(m.text))  # type: ignore[attr-defined]
    for url in ("/", "/people", "/people/new", "/upcoming", "/search?q=a"):
        page.goto(url)  # type: ignore[attr-defined]
        weight = page.evaluate(  # type: ignore[attr-defined]
            "getComputedStyle(document.querySelector('.brand')).fontWeight"
        )
        assert weight == "700", url  # style.css is in force
    assert [m for m in seen if "Content Security Policy" in m] == []
