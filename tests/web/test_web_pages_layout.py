"""What every page promises, read from its HTML: landmarks, one h1 and headings in order, a label
for every input, real buttons, the form token on every POST form, the current page marked in the
navigation, and nothing loaded from another host."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from starlette.testclient import TestClient

from tiekeeper.store.uow import Store
from tiekeeper.web.app import create_app

NAV = {
    "/": "Today",
    "/upcoming": "Upcoming",
    "/people": "People",
    "/people/new": "Add",
    "/search": "Search",
    # behind "More"
    "/events": "Events",
    "/goals": "Goals",
    "/review": "Weekly review",
    "/insights": "Insights",
    "/jobs": "Job search",
    "/posts": "Posts and talks",
    "/me": "Me and my card",
    "/import": "Import",
    "/duplicates": "Duplicates",
    "/trash": "Trash",
    "/export": "Export and backup",
    "/settings": "Settings",
}


@dataclass
class Form:
    method: str
    action: str
    fields: list[dict[str, str]] = field(default_factory=list)


class Page(HTMLParser):
    """The parts of a page the rules are about."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.labels: set[str] = set()
        self.forms: list[Form] = []
        self.nav: list[dict[str, str]] = []
        self._in_nav = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if tag == "label" and "for" in a:
            self.labels.add(a["for"])
        if tag == "form":
            self.forms.append(Form(a.get("method", "get").lower(), a.get("action", "")))
        if tag in ("input", "select", "textarea", "button") and self.forms:
            self.forms[-1].fields.append({"tag": tag} | a)
        if tag == "nav":
            self._in_nav = True
        if tag == "a" and self._in_nav:
            self.nav.append(a)

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav":
            self._in_nav = False

    def all(self, tag: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag]


@pytest.fixture
def pages(sqlite_client: TestClient) -> dict[str, str]:
    """Every page, over a person with a follow-up and an interaction."""
    c = sqlite_client
    ada = c.post("/api/v1/people", json={"name": "Ada", "birthday": "11-26"}).json()["id"]
    c.post("/api/v1/follow-ups", json={"person": str(ada), "when": "today", "action": "call"})
    c.post("/api/v1/interactions", json={"people": [str(ada)], "topics": ["engines"]})
    urls = [
        "/",
        "/upcoming",
        "/people",
        "/people/new",
        "/search",
        "/search?q=ada",
        f"/people/{ada}",
        f"/people/{ada}/edit",
        "/people?type=nope",
        "/people/999",
    ]
    return {url: c.get(url).text for url in urls}


def test_every_page_has_landmarks_and_one_h1(pages: dict[str, str]) -> None:
    for url, html in pages.items():
        page = Page(html)
        assert page.all("html")[0].get("lang") == "en", url
        assert any(m.get("name") == "viewport" for m in page.all("meta")), url
        assert len(page.all("header")) == 1 and len(page.all("main")) == 1, url
        assert page.all("nav")[0].get("aria-label") == "Main", url
        assert len(page.all("h1")) == 1, url


def test_headings_never_skip_a_level(pages: dict[str, str]) -> None:
    for url, html in pages.items():
        levels = [int(t[1]) for t, _ in Page(html).tags if t in ("h1", "h2", "h3", "h4")]
        assert levels[0] == 1, url
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1, (url, levels)


def test_every_input_has_a_label(pages: dict[str, str]) -> None:
    for url, html in pages.items():
        page = Page(html)
        for form in page.forms:
            for f in form.fields:
                if f["tag"] == "button" or f.get("type") == "hidden":
                    continue
                assert f.get("id") in page.labels, (url, f)


def test_every_button_is_a_button_and_every_post_form_carries_the_token(
    pages: dict[str, str], sqlite_client: TestClient
) -> None:
    cookie = sqlite_client.cookies.get("tk_csrf")
    assert cookie
    token = token_of(next(h for h in pages.values() if 'name="csrf"' in h))
    assert token != cookie  # signed by the server, not the cookie's value
    posts = 0
    for url, html in pages.items():
        for form in Page(html).forms:
            assert all(f.get("type") != "submit" for f in form.fields if f["tag"] == "input")
            assert any(f["tag"] == "button" for f in form.fields), (url, form.action)
            if form.method == "post":
                posts += 1
                tokens = [f["value"] for f in form.fields if f.get("name") == "csrf"]
                assert tokens == [token], (url, form.action)
    assert posts >= 8  # Done, Skip (Today, person), snooze, log, follow-up, add, edit


def test_the_navigation_marks_the_page_you_are_on(pages: dict[str, str]) -> None:
    for url, html in pages.items():
        nav = Page(html).nav
        assert [a["href"] for a in nav] == list(NAV), url
        current = [a["href"] for a in nav if a.get("aria-current") == "page"]
        path = urlsplit(url).path
        assert current == ([path] if path in NAV else []), url


def test_nothing_is_loaded_from_another_host(pages: dict[str, str]) -> None:
    for url, html in pages.items():
        page = Page(html)
        # no inline script: only the app's own small scripts, from /static
        for script in page.all("script"):
            assert script.get("src", "").startswith("/static/"), (url, script)
        for tag in ("link", "img", "iframe", "source", "video", "audio"):
            for a in page.all(tag):
                ref = a.get("href") or a.get("src") or ""
                assert ref.startswith("/") and not ref.startswith("//"), (url, tag, ref)
        for form in page.forms:
            assert form.action.startswith("/") and not form.action.startswith("//"), url


def test_the_stylesheet_is_served_by_the_app(sqlite_client: TestClient) -> None:
    css = sqlite_client.get("/static/style.css")
    assert css.status_code == 200
    assert "@import" not in css.text and "url(" not in css.text  # no fonts or images elsewhere
    assert "focus-visible" in css.text


def test_in_server_mode_a_logged_in_browser_can_log_out(sqlite_store: Store) -> None:
    from tiekeeper.services.accounts import add_account
    from tiekeeper.store.accounts import AccountStore

    now = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
    accounts = AccountStore(sqlite_store.engine)
    add_account(accounts, "ana", "correct horse battery", now)
    app = create_app(
        sqlite_store,
        today=lambda: date(2026, 11, 26),
        now=lambda: now,
        allowed_hosts=["testserver"],
        accounts=accounts,
    )
    with TestClient(app) as client:
        login = client.get("/login")
        assert 'action="/logout"' not in login.text
        csrf = login.text.split('name="csrf" value="')[1].split('"')[0]
        client.post(
            "/login", data={"name": "ana", "password": "correct horse battery", "csrf": csrf}
        )
        # logging in gives new form tokens: they are bound to the session
        csrf = client.get("/").text.split('name="csrf" value="')[1].split('"')[0]
        for url in ("/", "/people", "/people/new", "/upcoming", "/search?q=a"):
            page = client.get(url)
            assert page.status_code == 200, url
            forms = [f for f in Page(page.text).forms if f.action == "/logout"]
            assert len(forms) == 1 and forms[0].method == "post", url
            assert {"name": "csrf", "value": csrf}.items() <= forms[0].fields[0].items(), url
        client.post("/logout", data={"csrf": csrf})
        assert client.get("/", follow_redirects=False).headers["location"] == "/login?next=/"


def token_of(html: str) -> str:
    return html.split('name="csrf" value="')[1].split('"')[0]
