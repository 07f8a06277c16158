"""Issue 10: a search hit on an interaction on the Search page was a bare summary that led
nowhere; it now shows the day and links each person's page."""

from __future__ import annotations

from starlette.testclient import TestClient
from webforms import add


def test_an_interaction_hit_shows_its_day_and_links_its_people(sqlite_client: TestClient) -> None:
    ada = add(sqlite_client, name="Ada Lovelace")
    bob = add(sqlite_client, name="Bob Babbage")
    logged = sqlite_client.post("/api/v1/interactions", json={"people": [str(ada), str(bob)],
                       "when": "2026-11-20", "summary": "Engines talk"})  # fmt: skip
    assert logged.status_code == 201, logged.text
    page = sqlite_client.get("/search?q=engines")
    assert page.status_code == 200
    assert "Engines talk" in page.text and "2026-11-20" in page.text
    assert f'<a href="/people/{ada}">Ada Lovelace</a>' in page.text
    assert f'<a href="/people/{bob}">Bob Babbage</a>' in page.text
