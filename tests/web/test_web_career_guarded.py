"""The import, jobs, posts, me and settings pages and their API on the multi-user server:
another account's opportunities, targets, posts, profile, settings, uploads and tokens answer
404 and never show; every new POST needs its form token and our Origin; and the pages keep the
layout promises (landmarks, one h1, labels, tokens, only scripts from /static, no inline style)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
from pagerules import check_forms, check_landmarks_and_headings
from seed import DAY, person
from starlette.testclient import TestClient
from test_web_pages_layout import Page
from webforms import token

from tiekeeper.services.accounts import add_account, api_tokens, new_api_token
from tiekeeper.services.drafts import set_template
from tiekeeper.services.jobs import add_target
from tiekeeper.services.opportunities import add_opportunity, list_opportunities
from tiekeeper.services.profile import update_profile
from tiekeeper.services.reminders import set_cadence
from tiekeeper.services.tag_cadences import list_tag_cadences
from tiekeeper.services.visibility import add_post, list_posts
from tiekeeper.store.accounts import AccountStore
from tiekeeper.store.uow import Store
from tiekeeper.web.app import create_app

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
SECRET = "correct horse battery"
VCARD = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Yan Ode\r\nEMAIL:yan@example.com\r\nEND:VCARD\r\n"


def anas_data(ana: Store) -> dict[str, int]:
    """An opportunity, a target, a post, a profile, a tag cadence and a template, all Ana's."""
    person(ana, "Ana Lima", company="Nimbus", tags=["mentor"])
    oid = add_opportunity(ana.uow(), "Nimbus", "Secret Role", DAY).opportunity.id
    org = add_target(ana.uow(), "Nimbus", "Secret plans", None).id
    post = add_post(ana.uow(), "talk", "Secret talk", DAY).post.id
    update_profile(ana.uow(), name="Ana Secret", headline="Secret headline")
    set_cadence(ana.uow(), "monthly", tag="mentor")
    set_template(ana.uow(), "birthday", "Secret greeting {first_name}")
    assert oid and org and post
    return {"opportunity": oid, "org": org, "post": post}


def posts(ids: dict[str, int], csrf: str) -> list[tuple[str, dict[str, Any]]]:
    """Every POST of these pages on someone's things, with a form that would be accepted."""
    oid, org, post = ids["opportunity"], ids["org"], ids["post"]
    return [
        (f"/jobs/opportunities/{oid}/move", {"data": {"csrf": csrf, "stage": "offer"}}),
        (f"/jobs/opportunities/{oid}/delete", {"data": {"csrf": csrf}}),
        (f"/jobs/targets/{org}/remove", {"data": {"csrf": csrf}}),
        (f"/posts/{post}/delete", {"data": {"csrf": csrf}}),
    ]


def creations(csrf: str) -> list[tuple[str, dict[str, Any]]]:
    """Every POST that makes or changes something of one's own."""
    return [
        ("/import", {"data": {"csrf": csrf}, "files": {"file": ("c.vcf", VCARD, "text/vcard")}}),
        ("/jobs/opportunities", {"data": {"csrf": csrf, "org": "Acme", "role": "Designer"}}),
        ("/jobs/targets", {"data": {"csrf": csrf, "org": "Acme"}}),
        ("/jobs/questions", {"data": {"csrf": csrf, "question": "Forged?"}}),
        ("/jobs/questions/1/remove", {"data": {"csrf": csrf}}),
        ("/jobs/interviews", {"data": {"csrf": csrf, "person": "Ana Lima"}}),
        ("/posts", {"data": {"csrf": csrf, "where": "blog", "topic": "Forged"}}),
        ("/me", {"data": {"csrf": csrf, "name": "Forged Name"}}),
        ("/me/pitch", {"data": {"csrf": csrf, "pitch": "I help forgers."}}),
        ("/settings/cadences", {"data": {"csrf": csrf, "tag": "mentor", "every": "weekly"}}),
        ("/settings/templates/birthday", {"data": {"csrf": csrf, "text": "Forged"}}),
    ]


@pytest.fixture
def server(store: Store) -> Iterator[tuple[TestClient, TestClient, Store, AccountStore]]:
    """The server with accounts ana and bo, a browser logged in as each; ana's store."""
    accounts = AccountStore(store.engine)
    ana_id = add_account(accounts, "ana", SECRET, NOW)
    add_account(accounts, "bo", SECRET, NOW)
    app = create_app(store, today=lambda: date(2026, 11, 26), now=lambda: NOW,
                     allowed_hosts=["testserver"], accounts=accounts)  # fmt: skip
    with TestClient(app) as ana, TestClient(app) as bo:
        for client, name in ((ana, "ana"), (bo, "bo")):
            login = client.get("/login").text
            csrf = login.split('name="csrf" value="')[1].split('"')[0]
            client.post("/login", data={"name": name, "password": SECRET, "csrf": csrf})
        yield ana, bo, Store(store.engine, ana_id), accounts


def test_another_accounts_things_answer_404_and_change_nothing(
    server: tuple[TestClient, TestClient, Store, AccountStore],
) -> None:
    ana_browser, bo, ana, _ = server
    ids = anas_data(ana)
    oid, post = ids["opportunity"], ids["post"]
    for url in (f"/jobs/opportunities/{oid}/delete", f"/posts/{post}/delete",
                f"/api/v1/opportunities/{oid}", "/me/card", "/me/card.svg",
                "/api/v1/me/card.vcf"):  # fmt: skip
        r = bo.get(url)
        assert r.status_code == 404, url
        assert "Secret" not in r.text and "Ana" not in r.text, url
    for url, kw in posts(ids, token(bo)):
        assert bo.post(url, **kw).status_code == 404, url
    api = [("post", f"/api/v1/opportunities/{oid}/move", {"stage": "offer"}),
           ("delete", f"/api/v1/opportunities/{oid}", None),
           ("delete", f"/api/v1/posts/{post}", None),
           ("delete", "/api/v1/targets/Nimbus", None)]  # fmt: skip
    for method, url, body in api:
        r = bo.request(method, url, json=body)
        assert r.status_code == 404, url
    [v] = list_opportunities(ana.uow())
    assert v.opportunity.stage == "idea" and len(list_posts(ana.uow())) == 1
    # an upload belongs to the account that sent it
    sent = ana_browser.post("/import", data={"csrf": token(ana_browser)},
                            files={"file": ("c.vcf", VCARD, "text/vcard")},
                            follow_redirects=False)  # fmt: skip
    at = sent.headers["location"]
    assert bo.get(at).status_code == 404
    assert bo.post(at, data={"csrf": token(bo)}).status_code == 404
    assert ana_browser.get(at).status_code == 200
    assert "Yan Ode" not in {p["name"] for p in bo.get("/api/v1/people").json()}


def test_another_accounts_things_never_show_in_listings(
    server: tuple[TestClient, TestClient, Store, AccountStore],
) -> None:
    _, bo, ana, _ = server
    anas_data(ana)
    for url in ("/jobs", "/posts", "/me", "/settings", "/api/v1/opportunities",
                "/api/v1/targets", "/api/v1/posts", "/api/v1/me", "/api/v1/cadences/tags",
                "/api/v1/templates", "/api/v1/questions"):  # fmt: skip
        r = bo.get(url)
        assert r.status_code == 200, url
        assert "Secret" not in r.text and "Nimbus" not in r.text, url
    assert bo.get("/api/v1/cadences/tags").json() == []
    # bo's changes stay bo's
    bo.post("/settings/cadences", data={"csrf": token(bo), "tag": "mentor", "every": "weekly"})
    bo.post("/jobs/questions/1/remove", data={"csrf": token(bo)})
    assert [(c.tag, c.cadence_days) for c in list_tag_cadences(ana.uow())] == [("mentor", 30)]


def test_tokens_and_passwords_are_the_accounts_own(
    server: tuple[TestClient, TestClient, Store, AccountStore],
) -> None:
    ana_browser, bo, _, accounts = server
    new_api_token(accounts, "ana", "anas script", NOW)
    [anas] = api_tokens(accounts, "ana")
    page = bo.get("/settings").text
    assert "Your account: bo" in page and "anas script" not in page
    assert (
        bo.post(f"/settings/tokens/{anas.id}/revoke", data={"csrf": token(bo)}).status_code == 404
    )
    assert bo.delete(f"/api/v1/account/tokens/{anas.id}").status_code == 404
    assert bo.get("/api/v1/account/tokens").json() == []
    assert len(api_tokens(accounts, "ana")) == 1
    made = bo.post("/settings/tokens", data={"csrf": token(bo), "label": "backup", "scope": "api"})
    value = re.search(r'<code class="secret">(tk_[\w-]+)</code>', made.text)
    assert value is not None and "shown only this once" in made.text
    assert bo.get("/settings").text.count(value.group(1)) == 0  # never shown again
    r = bo.get("/api/v1/people", headers={"authorization": f"Bearer {value.group(1)}"})
    assert r.status_code == 200
    feed = bo.post("/settings/tokens", data={"csrf": token(bo), "scope": "calendar",
                                             "label": "calendar"}).text  # fmt: skip
    url = re.search(r'<code class="secret">http://testserver(/feeds/tk_[\w-]+/calendar.ics)', feed)
    assert url is not None and bo.get(url.group(1)).status_code == 200
    [api_row] = [t for t in bo.get("/api/v1/account/tokens").json() if t["label"] == "backup"]
    gone = bo.post(f"/settings/tokens/{api_row['id']}/revoke", data={"csrf": token(bo)})
    assert "Token revoked" in gone.text
    r = bo.get("/api/v1/people", headers={"authorization": f"Bearer {value.group(1)}"})
    assert r.status_code == 401
    # the password: the current one first, then every session ends
    wrong = bo.post("/settings/password", data={"csrf": token(bo), "current": "nope nope nope",
                    "new": "a brand new secret", "repeat": "a brand new secret"})  # fmt: skip
    assert wrong.status_code == 422 and "wrong account name or password" in wrong.text
    differ = bo.post("/settings/password", data={"csrf": token(bo), "current": SECRET,
                     "new": "a brand new secret", "repeat": "another one"})  # fmt: skip
    assert differ.status_code == 422 and "differ" in differ.text
    done = bo.post("/settings/password", data={"csrf": token(bo), "current": SECRET,
                   "new": "a brand new secret", "repeat": "a brand new secret"},
                   follow_redirects=False)  # fmt: skip
    assert done.status_code == 303 and done.headers["location"] == "/login"
    assert bo.get("/settings", follow_redirects=False).status_code == 303  # logged out
    assert ana_browser.get("/settings").status_code == 200  # ana is not


def test_every_new_post_needs_the_form_token_and_our_origin(
    client: TestClient, store: Store
) -> None:
    ids = anas_data(store)
    csrf = token(client)
    for url, kw in [*posts(ids, csrf), *creations(csrf)]:
        without = {**kw, "data": {k: v for k, v in kw["data"].items() if k != "csrf"}}
        assert client.post(url, **without).status_code == 403, url
        forged = {**kw, "data": {**kw["data"], "csrf": "forged"}}
        assert client.post(url, **forged).status_code == 403, url
        cross = client.post(url, headers={"origin": "https://evil.example"}, **kw)
        assert cross.status_code == 403, url
    card = {"file": ("c.vcf", VCARD, "text/vcard")}
    sent = client.post("/import", data={"csrf": csrf}, files=card, follow_redirects=False)
    at = sent.headers["location"]
    assert client.post(at, data={}).status_code == 403
    assert (
        client.post(at, data={"csrf": csrf}, headers={"origin": "http://evil"}).status_code == 403
    )
    [v] = list_opportunities(store.uow())
    assert v.opportunity.stage == "idea" and len(list_posts(store.uow())) == 1
    assert [p["name"] for p in client.get("/api/v1/people").json()] == ["Ana Lima"]
    assert client.get("/api/v1/me").json()["name"] == "Ana Secret"
    origin = {"origin": "https://evil.example"}
    assert client.post("/api/v1/posts", json={"where": "blog", "topic": "x"},
                       headers=origin).status_code == 403  # fmt: skip


def test_account_posts_need_the_form_token_and_our_origin(
    server: tuple[TestClient, TestClient, Store, AccountStore],
) -> None:
    _, bo, _, accounts = server
    new_api_token(accounts, "bo", "mine", NOW)
    [row] = api_tokens(accounts, "bo")
    forms = [("/settings/password", {"current": SECRET, "new": "x" * 12, "repeat": "x" * 12}),
             ("/settings/tokens", {"label": "forged"}),
             (f"/settings/tokens/{row.id}/revoke", {})]  # fmt: skip
    for url, data in forms:
        assert bo.post(url, data=data).status_code == 403, url
        assert bo.post(url, data={**data, "csrf": "forged"}).status_code == 403, url
        cross = bo.post(url, data={**data, "csrf": token(bo)}, headers={"origin": "http://evil"})
        assert cross.status_code == 403, url
    assert [t.label for t in api_tokens(accounts, "bo")] == ["mine"]
    assert bo.get("/settings").status_code == 200  # the password did not change


# --- layout ---------------------------------------------------------------------------------
@pytest.fixture
def new_pages(sqlite_client: TestClient, sqlite_store: Store) -> dict[str, str]:
    c, store = sqlite_client, sqlite_store
    ids = anas_data(store)
    urls = ["/import", "/jobs", f"/jobs/opportunities/{ids['opportunity']}/delete", "/posts",
            f"/posts/{ids['post']}/delete", "/me", "/me/card", "/settings"]  # fmt: skip
    pages = {url: c.get(url).text for url in urls}
    card = {"file": ("c.vcf", VCARD, "text/vcard")}
    sent = c.post("/import", data={"csrf": token(c)}, files=card, follow_redirects=False)
    pages["/import/{id} (dry run)"] = c.get(sent.headers["location"]).text
    pages["/import/{id} (result)"] = c.post(sent.headers["location"], data={"csrf": token(c)}).text
    pages["/jobs (refused)"] = c.post("/jobs/opportunities", data={"csrf": token(c)}).text
    return pages


def test_each_page_has_landmarks_one_h1_and_ordered_headings(new_pages: dict[str, str]) -> None:
    check_landmarks_and_headings(new_pages)


def test_inputs_have_labels_and_post_forms_carry_the_token(
    new_pages: dict[str, str], sqlite_client: TestClient
) -> None:
    posts = check_forms(new_pages, token(sqlite_client))
    assert posts >= 30


def test_only_the_apps_own_script_and_no_inline_style(new_pages: dict[str, str]) -> None:
    for url, html in new_pages.items():
        page = Page(html)
        for script in page.all("script"):
            assert script.get("src", "").startswith("/static/"), (url, script)
        assert not re.search(r"<script(?![^>]*\ssrc=)", html), url  # no inline script
        assert page.all("style") == [] and not re.search(r"\sstyle=", html), url
        assert not re.search(r"\son[a-z]+=", html), url
        for tag in ("link", "img", "iframe", "source"):
            for a in page.all(tag):
                ref = a.get("href") or a.get("src") or ""
                assert ref.startswith("/") and not ref.startswith("//"), (url, tag, ref)


def test_the_more_menu_links_and_marks_the_new_pages(new_pages: dict[str, str]) -> None:
    for url in ("/import", "/jobs", "/posts", "/me", "/settings"):
        nav = Page(new_pages[url]).nav
        assert [a["href"] for a in nav if a.get("aria-current") == "page"] == [url]
        assert '<summary class="here">More' in new_pages[url]
