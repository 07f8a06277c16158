"""Simultaneous requests through a real server (uvicorn on a free port, real HTTP clients in
threads), on SQLite and PostgreSQL; afterwards the rows are counted in the database itself.

What must hold: every acknowledged write is there, a uniqueness rule is kept by the database
(one winner, the others 409), and a get-or-create never answers 500."""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import pytest
from liveserve import serve_in_thread
from sqlalchemy import func, select

from tiekeeper.store import tables as t
from tiekeeper.store.uow import Store
from tiekeeper.web.app import create_app

from .conftest import TODAY

CLIENTS = 20


@dataclass
class Live:
    store: Store
    port: int

    def send(self, method: str, path: str, body: dict[str, Any]) -> tuple[int, Any]:
        """One request on its own connection (as separate clients would)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request(method, path, json.dumps(body), {"Content-Type": "application/json"})
            resp = conn.getresponse()
            text = resp.read().decode()
            return resp.status, json.loads(text) if text.startswith("{") else text
        finally:
            conn.close()

    def all_at_once(self, requests: list[tuple[str, str, dict[str, Any]]]) -> list[int]:
        """Send the requests from as many threads, released together; their statuses."""
        gate = threading.Barrier(len(requests))

        def one(req: tuple[str, str, dict[str, Any]]) -> int:
            gate.wait()
            return self.send(*req)[0]

        with ThreadPoolExecutor(len(requests)) as pool:
            return list(pool.map(one, requests))

    def count(self, stmt: Any) -> int:
        with self.store.engine.connect() as conn:
            return int(conn.execute(stmt).scalar_one())


@pytest.fixture
def live(store: Store) -> Iterator[Live]:
    """The app over `store` (each backend), served by uvicorn in a thread."""
    app = create_app(store, today=lambda: TODAY, allowed_hosts=["127.0.0.1"])
    with serve_in_thread(app) as url:
        yield Live(store, int(url.rsplit(":", 1)[1]))


def test_simultaneous_tag_adds_are_all_kept(live: Live) -> None:
    status, person = live.send("POST", "/api/v1/people", {"name": "Ana Lima", "tags": ["old"]})
    assert status == 201
    pid = person["id"]
    patches = [("PATCH", f"/api/v1/people/{pid}", {"tags": [f"tag{i}"]}) for i in range(CLIENTS)]
    assert live.all_at_once(patches) == [200] * CLIENTS
    tg = t.person_tags.c
    assert live.count(select(func.count()).where(tg.person_id == pid)) == CLIENTS + 1
    status, shown = live.send("GET", f"/api/v1/people/{pid}", {})
    assert sorted(shown["tags"]) == sorted(["old", *(f"tag{i}" for i in range(CLIENTS))])
    # the search document was written after every change before it, so it has them all too
    docs = t.search_docs.c
    body = select(docs.body).where(docs.kind == "person", docs.ref_id == pid)
    with live.store.engine.connect() as conn:
        text = conn.execute(body).scalar_one()
    assert all(f"tag{i}" in text.split() for i in range(CLIENTS))


def test_simultaneous_edits_of_different_lists_keep_each_other(live: Live) -> None:
    _, person = live.send("POST", "/api/v1/people", {"name": "Ben Okafor"})
    pid = person["id"]
    changes: list[dict[str, Any]] = []
    for i in range(CLIENTS // 2):
        changes += [{"emails": [f"ben{i}@example.org"]}, {"phones": [f"+44 20 7946 00{i:02d}"]}]
    assert live.all_at_once([("PATCH", f"/api/v1/people/{pid}", c) for c in changes]) == [200] * (
        CLIENTS // 2 * 2
    )
    e, ph = t.person_emails.c, t.person_phones.c
    assert live.count(select(func.count()).where(e.person_id == pid)) == CLIENTS // 2
    assert live.count(select(func.count()).where(ph.person_id == pid)) == CLIENTS // 2


def test_simultaneous_adds_with_one_new_email_have_one_winner(live: Live) -> None:
    adds = [
        ("POST", "/api/v1/people", {"name": f"Someone {i}", "emails": ["Shared@Example.org"]})
        for i in range(CLIENTS)
    ]
    statuses = live.all_at_once(adds)
    assert sorted(statuses) == [201] + [409] * (CLIENTS - 1)
    e = t.person_emails.c
    assert live.count(select(func.count()).where(e.email == "shared@example.org")) == 1
    assert live.count(select(func.count()).select_from(t.people)) == 1  # losers left nothing


def test_simultaneous_edits_adding_one_email_to_different_people_have_one_winner(
    live: Live,
) -> None:
    ids = [live.send("POST", "/api/v1/people", {"name": f"P{i}"})[1]["id"] for i in range(CLIENTS)]
    patches = [("PATCH", f"/api/v1/people/{pid}", {"emails": ["one@example.org"]}) for pid in ids]
    assert sorted(live.all_at_once(patches)) == [200] + [409] * (CLIENTS - 1)
    e = t.person_emails.c
    assert live.count(select(func.count()).where(e.email == "one@example.org")) == 1


def test_simultaneous_adds_with_one_new_linkedin_url_have_one_winner(live: Live) -> None:
    url = "https://www.linkedin.com/in/shared-profile"
    adds = [("POST", "/api/v1/people", {"name": f"S{i}", "linkedin": url}) for i in range(CLIENTS)]
    assert sorted(live.all_at_once(adds)) == [201] + [409] * (CLIENTS - 1)
    assert live.count(select(func.count()).where(t.people.c.linkedin_url == url)) == 1


def test_simultaneous_adds_at_one_new_company_make_one_organization(live: Live) -> None:
    adds = [
        ("POST", "/api/v1/people", {"name": f"Colleague {i}", "company": "Brand New Ltd"})
        for i in range(CLIENTS)
    ]
    assert live.all_at_once(adds) == [201] * CLIENTS
    o = t.organizations.c
    assert live.count(select(func.count()).where(o.name_key == "brand new ltd")) == 1
    assert live.count(select(func.count()).select_from(t.people)) == CLIENTS
    docs = t.search_docs.c
    assert live.count(select(func.count()).where(docs.kind == "organization")) == 1
