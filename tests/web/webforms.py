"""Helpers the web tests share (on the path through `pythonpath` in pyproject.toml)."""

from __future__ import annotations

import re
from typing import Any

from starlette.testclient import TestClient


def token(client: TestClient) -> str:
    """The form token a page hands out (the hidden field of its forms)."""
    page = client.get("/people/new")
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found, "the page has no form token"
    return found.group(1)


def add(client: TestClient, **fields: Any) -> int:
    """Add a person through the API; their id."""
    made = client.post("/api/v1/people", json=fields)
    assert made.status_code == 201, made.text
    return int(made.json()["id"])


def everyone(client: TestClient) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = client.get("/api/v1/people").json()
    return found


def alerts(html: str) -> list[str]:
    """The texts of a page's role="alert" messages."""
    return re.findall(r'role="alert"[^>]*>([^<]*)<', html)
