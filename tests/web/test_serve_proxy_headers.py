"""Issue 14: behind a TLS proxy the app must see https (HSTS, Secure cookies, the Origin check)
but believe X-Forwarded-Proto only from the proxy. `serve --proxy-headers` trusts the addresses
of --forwarded-allow-ips (127.0.0.1 by default); without the flag nobody is believed (uvicorn's
own default believed any local process). Real
`tiekeeper serve` processes, real HTTP."""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from liveserve import serve_in_process

from tiekeeper.store.uow import open_store

PROXY_HOST = "crm.example.org"


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    base = tmp_path_factory.mktemp("proxy")
    url = f"sqlite:///{base / 'tiekeeper.db'}"
    open_store(url).engine.dispose()
    return url, base / "home"


def _ask(base: str, method: str = "GET", path: str = "/api/v1/people", **headers: str) -> Any:
    host, port = base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=20)
    body = b'{"name": "Ana Lima"}' if method == "POST" else None
    sent = {"Host": PROXY_HOST, "Content-Type": "application/json", **headers}
    conn.request(method, path, body=body, headers=sent)
    answer = conn.getresponse()
    answer.read()
    conn.close()
    return answer


@pytest.fixture(scope="module", params=["no flag", "trusted proxy", "other proxy"])
def served(request: pytest.FixtureRequest, database: tuple[str, Path]) -> Iterator[tuple[str, str]]:
    args = {
        "no flag": (),
        "trusted proxy": ("--proxy-headers",),  # 127.0.0.1, where the test connects from
        "other proxy": ("--proxy-headers", "--forwarded-allow-ips", "10.9.9.9"),
    }[request.param]
    url, home = database
    with serve_in_process(url, home, "--allow-host", PROXY_HOST, *args) as base:
        yield request.param, base


def test_hsts_only_when_the_trusted_proxy_says_https(served: tuple[str, str]) -> None:
    kind, base = served
    forwarded = _ask(base, **{"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"})
    plain = _ask(base)
    assert forwarded.status == plain.status == 200
    assert plain.getheader("Strict-Transport-Security") is None
    hsts = forwarded.getheader("Strict-Transport-Security")
    if kind == "trusted proxy":
        assert hsts == "max-age=31536000"
    else:
        assert hsts is None, kind
    assert forwarded.getheader("X-Content-Type-Options") == "nosniff"


def test_the_origin_check_sees_the_proxy_scheme(served: tuple[str, str]) -> None:
    """The browser's Origin is https://crm.example.org; the app must see its own request as the
    same origin only when the trusted proxy says the scheme was https."""
    kind, base = served
    answer = _ask(base, "POST", **{"Origin": f"https://{PROXY_HOST}", "X-Forwarded-Proto": "https"})
    assert answer.status == (201 if kind == "trusted proxy" else 403), kind
