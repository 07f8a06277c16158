"""`serve --threads N`: at most N requests of a worker run at once, the others wait their turn on
the event loop (web/app.py's _lanes; the why is in bench/bench_server.py's figures)."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from starlette.testclient import TestClient

from tiekeeper.cli import serve
from tiekeeper.store.uow import Store
from tiekeeper.web.api import core
from tiekeeper.web.app import create_app

SIMULTANEOUS = 6


def _most_at_once(app: Any, monkeypatch: pytest.MonkeyPatch) -> int:
    """Send SIMULTANEOUS requests to Today at once; how many of them ran at the same moment."""
    running, most = 0, 0
    lock = threading.Lock()
    real = core.today_agenda

    def counted(*args: Any) -> Any:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(0.2)  # long enough for every request that may start to start
        try:
            return real(*args)
        finally:
            with lock:
                running -= 1

    monkeypatch.setattr(core, "today_agenda", counted)
    # as a context manager, the client runs the app's lifespan
    with TestClient(app, base_url="http://127.0.0.1") as client, ThreadPoolExecutor(9) as pool:
        answers = list(pool.map(lambda _: client.get("/api/v1/today"), range(SIMULTANEOUS)))
    assert [a.status_code for a in answers] == [200] * SIMULTANEOUS
    return most


@pytest.mark.parametrize("threads", [1, 2])
def test_no_more_requests_run_at_once_than_threads(
    store: Store, monkeypatch: pytest.MonkeyPatch, threads: int
) -> None:
    assert _most_at_once(create_app(store, threads=threads), monkeypatch) == threads


def test_without_a_bound_they_all_run_at_once(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _most_at_once(create_app(store), monkeypatch) == SIMULTANEOUS


def test_a_worker_takes_its_threads_from_serve(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(serve.ENV_THREADS, "3")
    monkeypatch.setenv(serve.ENV_HOSTS, "127.0.0.1")
    monkeypatch.delenv(serve.ENV_ACCOUNTS, raising=False)
    assert _most_at_once(serve.worker_app(store), monkeypatch) == 3


def test_the_default_depends_on_the_database(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two at once on SQLite, three on PostgreSQL (a request there also waits for the server)."""
    monkeypatch.delenv(serve.ENV_THREADS, raising=False)
    monkeypatch.setenv(serve.ENV_HOSTS, "127.0.0.1")
    monkeypatch.delenv(serve.ENV_ACCOUNTS, raising=False)
    expected = {"sqlite": 2, "postgresql": 3}[store.engine.dialect.name]
    assert _most_at_once(serve.worker_app(store), monkeypatch) == expected


def test_a_worker_puts_what_it_started_with_out_of_the_collectors_sight(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """gc.freeze() once the app is built: a full collection under load then scans only what
    requests made (bench_server: p95 218-255 ms with it on PostgreSQL, 273-348 without)."""
    import gc

    monkeypatch.setenv(serve.ENV_HOSTS, "127.0.0.1")
    monkeypatch.delenv(serve.ENV_ACCOUNTS, raising=False)
    gc.unfreeze()
    try:
        serve.worker_app(sqlite_store)
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
