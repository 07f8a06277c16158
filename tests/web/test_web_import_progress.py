"""The import runs after the answer and the page follows it: while it runs, /import/{id} shows
how far it is and reloads itself (no script needed); a second press starts nothing; a refusal
at import time is shown, with nothing written."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient
from test_web_pages_import import text, upload
from webforms import everyone, token

from tiekeeper.web.pages import imports as page
from tiekeeper.web.uploads import Upload, Uploads, uploads_of


def the_upload(client: TestClient, at: str) -> tuple[Uploads, Upload]:
    request: Any = type("R", (), {"app": client.app})()
    uploads = uploads_of(request)
    owner = client.app.state.store.owner_id  # type: ignore[attr-defined]
    return uploads, uploads.get(owner, at.rsplit("/", 1)[1])


def test_while_it_runs_the_page_shows_how_far_and_reloads(client: TestClient) -> None:
    at = upload(client)
    uploads, up = the_upload(client, at)
    assert uploads.claim(up)  # as the import does when it starts
    up.progress = {"phase": "writing", "done": 1200, "total": 30000}
    uploads.write(up)
    shown = client.get(at)
    assert '<meta http-equiv="refresh" content="1">' in shown.text
    assert "Writing: 1,200 of 30,000" in text(shown.text)
    assert '<progress id="import-progress" max="30000" value="1200">' in shown.text
    again = client.post(at, data={"csrf": token(client)}, follow_redirects=False)
    assert again.status_code == 303  # a second press starts nothing: it shows the progress
    assert everyone(client) == []


def test_the_import_notes_its_progress_as_it_goes(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = upload(client)
    notes: list[dict[str, Any] | None] = []
    real_write = Uploads.write

    def recording(self: Uploads, u: Upload) -> None:
        notes.append(copy.deepcopy(u.progress))
        real_write(self, u)

    monkeypatch.setattr(Uploads, "write", recording)
    monkeypatch.setattr(page, "PROGRESS_EVERY", 0.0)
    client.post(at, data={"csrf": token(client)})
    phases = [n["phase"] for n in notes if n]
    assert phases[0] == "starting" and "reading" in phases
    assert notes[-1] is None  # done: no progress left behind
    assert "Done: 2 people added" in text(client.get(at).text)
    assert len(everyone(client)) == 2


def test_a_refusal_at_import_time_is_shown_and_nothing_is_written(client: TestClient) -> None:
    at = upload(client)
    _, up = the_upload(client, at)
    Path(up.path).write_bytes(b"not a vcard at all\x00")  # changed between the two steps
    client.post(at, data={"csrf": token(client)})
    shown = client.get(at)
    assert "The import was refused:" in text(shown.text) and "Nothing was written" in shown.text
    assert "Import 2 people" not in shown.text  # no button to press again
    assert everyone(client) == []


def test_an_import_whose_process_died_can_be_started_again(client: TestClient) -> None:
    """Its marker stops being touched: after STALLED_AFTER the page says so and Import runs it."""
    import os
    import time

    from tiekeeper.web import uploads as module

    at = upload(client)
    uploads, up = the_upload(client, at)
    assert uploads.claim(up)  # a worker started it ...
    up.progress = {"phase": "writing", "done": 10, "total": 30000}
    uploads.write(up)
    assert "Writing: 10 of 30,000" in text(client.get(at).text)  # ... and is still beating
    marker = uploads.root / up.id / ".importing"
    old = time.time() - module.STALLED_AFTER - 1
    os.utime(marker, (old, old))  # ... then died: nothing touched it since
    shown = client.get(at).text
    assert "The import stopped before it finished" in text(shown) and "refresh" not in shown
    assert 'action="/import/' in shown and everyone(client) == []
    client.post(at, data={"csrf": token(client)})  # Import again: taken over, run to the end
    assert "Done: 2 people added" in text(client.get(at).text)
    assert len(everyone(client)) == 2


def test_a_running_import_beats_so_it_is_never_taken_for_a_dead_one(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tiekeeper.web import uploads as module

    at = upload(client)
    beats: list[str] = []
    monkeypatch.setattr(page, "HEARTBEAT", 0.01)
    real_beat, real_run = Uploads.beat, page.run_import

    def beating(self: Uploads, u: Upload) -> None:
        beats.append(u.id)
        real_beat(self, u)

    def slow(*args: Any, **kwargs: Any) -> Any:
        import time

        time.sleep(0.2)  # one long step with no progress note
        return real_run(*args, **kwargs)

    monkeypatch.setattr(Uploads, "beat", beating)
    monkeypatch.setattr(page, "run_import", slow)
    client.post(at, data={"csrf": token(client)})
    assert len(beats) >= 3 and module.STALLED_AFTER > 10 * module.HEARTBEAT
    assert "Done: 2 people added" in text(client.get(at).text)
