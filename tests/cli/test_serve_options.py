"""`tiekeeper serve` hands its proxy settings to uvicorn (off unless asked: issue 14) and says
where the DAV endpoints are next to the web address. uvicorn.run is replaced by a recorder: the
real servers are in tests/web/test_serve_proxy_headers.py."""

from __future__ import annotations

from typing import Any

import pytest
import uvicorn


def _serve_args(
    monkeypatch: pytest.MonkeyPatch, cli: Any, *args: str
) -> tuple[dict[str, Any], str]:
    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw))
    result = cli("serve", "--port", "8799", *args)
    return seen, result.output


def test_serve_passes_the_proxy_settings_to_uvicorn(
    monkeypatch: pytest.MonkeyPatch, cli: Any
) -> None:
    plain, _ = _serve_args(monkeypatch, cli)
    assert plain["proxy_headers"] is False and plain["forwarded_allow_ips"] == ""
    proxied, _ = _serve_args(
        monkeypatch, cli, "--proxy-headers", "--forwarded-allow-ips", "10.0.0.2"
    )
    assert proxied["proxy_headers"] is True and proxied["forwarded_allow_ips"] == "10.0.0.2"


def test_serve_says_where_the_dav_endpoints_are(monkeypatch: pytest.MonkeyPatch, cli: Any) -> None:
    _, output = _serve_args(monkeypatch, cli)
    lines = output.splitlines()
    assert lines[0].startswith("tiekeeper on http://127.0.0.1:8799/")
    dav = " ".join(lines[1:])
    assert "http://127.0.0.1:8799/dav/" in dav
    assert "/.well-known/carddav" in dav and "/.well-known/caldav" in dav
