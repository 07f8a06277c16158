"""Issue 14 on PostgreSQL: two requests at the same moment adding the same two new e-mails in
opposite order ([a, b] and [b, a]) each took one row lock of the unique index and waited for
the other's: PostgreSQL broke the deadlock by failing one, which answered 500. Now a deadlock
or a serialization failure is a conflict of transactions: the loser's request (its transaction
rolled back, nothing written) runs again and meets the winner's e-mails: 409. Through a real
server (uvicorn in a thread, HTTP clients in threads); rows counted in the database."""

from __future__ import annotations

import http.client
import json
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

import pytest
from liveserve import serve_in_thread
from sqlalchemy import func, select

from tiekeeper.domain.model import Person
from tiekeeper.store import tables as t
from tiekeeper.store.ids import add_row
from tiekeeper.store.uow import Store
from tiekeeper.web.app import create_app

ROUNDS = 12  # pairs of simultaneous requests (the window is narrow: the test below forces it)


@pytest.fixture
def port(store: Store) -> Iterator[int]:
    with serve_in_thread(create_app(store, allowed_hosts=["127.0.0.1"])) as url:
        yield int(url.rsplit(":", 1)[1])


def _post(port: int, body: dict[str, Any]) -> tuple[int, Any]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(
            "POST", "/api/v1/people", json.dumps(body), {"Content-Type": "application/json"}
        )
        answer = conn.getresponse()
        return answer.status, json.loads(answer.read() or b"null")
    finally:
        conn.close()


def test_opposite_orders_of_the_same_new_emails_give_one_winner_never_500(
    store: Store, port: int
) -> None:
    results: list[tuple[int, Any]] = []
    for n in range(ROUNDS):
        a, b = f"a{n}@example.org", f"b{n}@example.org"
        bodies = [
            {"name": f"First {n}", "emails": [a, b]},
            {"name": f"Second {n}", "emails": [b, a]},
        ]
        gate = threading.Barrier(2)

        def send(body: dict[str, Any], gate: threading.Barrier = gate) -> tuple[int, Any]:
            gate.wait()
            return _post(port, body)

        with ThreadPoolExecutor(2) as pool:
            pair = list(pool.map(send, bodies))
        results += pair
        assert sorted(s for s, _ in pair) == [201, 409], pair
        [(_, won)] = [(s, body) for s, body in pair if s == 201]
        assert won["emails"] in ([a, b], [b, a])  # in the order its request gave
    e = t.person_emails.c
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(t.person_emails)).scalar_one() == (
            2 * ROUNDS
        )
        assert conn.execute(select(func.count()).select_from(t.people)).scalar_one() == ROUNDS
        holders = conn.execute(select(e.person_id, func.count()).group_by(e.person_id)).all()
    assert all(count == 2 for _, count in holders)  # each winner holds both, no loser any
    assert all(status in (201, 409) for status, _ in results)


def _waiting_on_a_lock(store: Store) -> int:
    with store.engine.connect() as conn:
        q = "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
        return int(conn.exec_driver_sql(q).scalar_one())


def test_a_request_that_postgresql_picks_to_break_a_deadlock_is_run_again(
    store: Store, port: int
) -> None:
    """The deadlock made on purpose: another writer holds b and then asks for a while the
    request holds a and waits for b. PostgreSQL fails the request's transaction (it waited
    first); it used to answer 500, now it runs again once the other writer is gone: 201."""
    if store.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one write lock: no deadlock between rows")
    other = store.uow().__enter__()
    try:
        held = Person(name="Holder", created_on=date(2026, 11, 26))
        other.people.add(held)  # holds b@example.org's index entry, uncommitted
        holder_id = held.id
        add_row(
            other.conn,
            t.person_emails,
            {"owner_id": store.owner_id, "person_id": holder_id, "email": "b@example.org"},
        )
        with ThreadPoolExecutor(2) as pool:
            asked = pool.submit(
                _post, port, {"name": "Ana", "emails": ["a@example.org", "b@example.org"]}
            )
            deadline = time.monotonic() + 20
            while _waiting_on_a_lock(store) < 1:  # the request holds a, waits for b
                assert time.monotonic() < deadline and not asked.done(), asked
                time.sleep(0.05)
            # now ask for a: a cycle; PostgreSQL fails the request (it has waited longer)
            row = {"owner_id": store.owner_id, "person_id": holder_id, "email": "a@example.org"}
            closing = pool.submit(add_row, other.conn, t.person_emails, row)
            closing.result(timeout=30)
            other.__exit__(None, None, None)  # the other writer gives up: rolled back
            status, body = asked.result(timeout=60)
    finally:
        if other.conn is not None and not other.conn.closed:
            other.__exit__(None, None, None)
    assert status == 201, body
    assert body["emails"] == ["a@example.org", "b@example.org"]
    e = t.person_emails.c
    with store.engine.connect() as conn:
        rows = conn.execute(select(e.email).order_by(e.id)).scalars().all()
    assert rows == ["a@example.org", "b@example.org"]
