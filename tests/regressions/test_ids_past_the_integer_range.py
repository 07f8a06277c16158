"""Issue 14: an id above 2**31 answered 500 on PostgreSQL ("integer out of range") and one above
2**63 crashed the API, the pages and the CLI on SQLite (the driver's OverflowError). Now such an
id is 404 or 422 in the API and on the pages and one line in the CLI, on both backends: the
doors that bound ids say so (IdPath, PersonPath, resolve), and a door that does not is caught
by the store's translation (store/failures.py). A NUL in a PERSON lookup or a list filter
(500 on PostgreSQL, which refuses NUL even in a query) is 422 on both."""

from __future__ import annotations

from datetime import date

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from tiekeeper.cli.app import app as cli_app
from tiekeeper.cli.common import store as store_of_cli
from tiekeeper.store.uow import Store
from tiekeeper.web.app import create_app

TODAY = date(2026, 11, 26)
TOO_LARGE = [2**31, 2**53, 2**63, 2**64]  # 2**31: past the old integer ids, and no row


@pytest.fixture
def client(store: Store) -> TestClient:
    app = create_app(store, today=lambda: TODAY, allowed_hosts=["testserver"])
    return TestClient(app, raise_server_exceptions=False)


@pytest.mark.parametrize("n", TOO_LARGE)
def test_api_and_pages_answer_404_or_422(client: TestClient, n: int) -> None:
    with client:
        pid = client.post("/api/v1/people", json={"name": "Ana Lima"}).json()["id"]
        asked = [
            ("GET", f"/api/v1/people/{n}", None),
            ("PATCH", f"/api/v1/people/{n}", {"tags": ["x"]}),
            ("PATCH", f"/api/v1/people/{pid}", {"introduced_by": str(n)}),
            ("POST", "/api/v1/interactions", {"people": [str(n)], "channel": "call"}),
            ("POST", f"/api/v1/follow-ups/{n}/done", None),
            ("GET", f"/api/v1/interactions/{n}", None),
            ("DELETE", f"/api/v1/interactions/{n}", None),
            ("POST", f"/api/v1/trash/{n}/restore", None),
            ("GET", f"/people/{n}", None),
            ("GET", f"/people/{n}/edit", None),
            ("GET", f"/interactions/{n}", None),
            ("GET", f"/trash/{n}", None),
        ]
        for method, url, body in asked:
            r = client.request(method, url, json=body)
            assert r.status_code in (404, 422), f"{method} {url} -> {r.status_code} {r.text[:200]}"
            if url.startswith("/api/"):
                assert r.json()["error"]["message"]


@pytest.mark.parametrize("n", TOO_LARGE)
@pytest.mark.parametrize(
    "command",
    [
        ["show", "{n}"],
        ["edit", "{n}", "--tag", "x"],
        ["done", "{n}"],
        ["trash", "restore", "{n}"],
        ["interaction", "show", "{n}"],
        ["goal", "remove", "{n}"],
    ],
)
def test_cli_answers_one_line(store: Store, n: int, command: list[str]) -> None:
    url = store.engine.url.render_as_string(hide_password=False)
    args = ["--db", url, *(a.format(n=n) for a in command)]
    try:
        result = CliRunner().invoke(cli_app, args)
    finally:
        if store_of_cli.cache_info().currsize:  # the invocation's own engine, closed here
            store_of_cli().engine.dispose()
        store_of_cli.cache_clear()
    assert result.exit_code == 1, (result.exit_code, result.output, result.exception)
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    assert str(n) in lines[0] or "too large" in lines[0]


@pytest.mark.parametrize(
    "url",
    ["/people/a%00b", "/people?tag=a%00b", "/people?company=a%00b", "/api/v1/people/a%00b",
     "/api/v1/people?tag=a%00b"],
)  # fmt: skip
def test_a_nul_in_a_lookup_or_filter_is_422_on_both_backends(client: TestClient, url: str) -> None:
    with client:
        r = client.get(url)
    assert r.status_code == 422, (r.status_code, r.text[:300])
