"""Mail and calendars through the import page and the API (issue 12: "the web app's import page
accepts the same files"): an mbox, an .ics and a Google Takeout zip holding both are checked
first (nothing written), then imported, each part summarised; the addresses the user writes to
most are offered with checkboxes; and on the multi-user server all of it is the account's own."""

from __future__ import annotations

import io
import mailbox
import re
import zipfile
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from seed import person
from starlette.testclient import TestClient
from test_web_career_guarded import server  # noqa: F401  (two accounts, logged in)
from webforms import token

from tiekeeper.services.profile import update_profile
from tiekeeper.store.accounts import AccountStore
from tiekeeper.store.uow import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
CALENDAR_ZIP = FIXTURES / "ics" / "takeout-20261126T101500Z-001.zip"
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
SECRET = "correct horse battery"


def mbox_bytes(tmp_path: Path, to_zoe: int = 3) -> bytes:
    """Sam writes to Ana (in tiekeeper) and to Zoe (not), who answers once."""
    box = mailbox.mbox(tmp_path / "sent.mbox")
    letters = [("sam@example.com", "Ana Lima <ana@example.com>", 0)]
    letters += [("sam@example.com", "Zoe Quinn <zoe@new.example>", d) for d in range(to_zoe)]
    for n, (sender, to, days) in enumerate(letters):
        msg = EmailMessage()
        msg["From"], msg["To"], msg["Subject"] = sender, to, "Hello"
        msg["Date"] = format_datetime(datetime(2026, 10, 1, 9, tzinfo=UTC) + timedelta(days=days))
        msg["Message-ID"] = f"<h{n}@example.com>"
        msg.set_content("a body that is never read")
        box.add(msg)
    box.close()
    return (tmp_path / "sent.mbox").read_bytes()


def takeout(tmp_path: Path) -> bytes:
    """A Google Takeout zip with the mailbox and the calendars side by side."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z, zipfile.ZipFile(CALENDAR_ZIP) as cal:
        z.writestr("Takeout/Mail/All mail Including Spam and Trash.mbox", mbox_bytes(tmp_path))
        for name in cal.namelist():
            z.writestr(name, cal.read(name))
    return out.getvalue()


def me_and_friends(store: Store) -> None:
    update_profile(store.uow(), name="Sam Rivera", add_emails=["sam@example.com"])
    person(store, "Ana Lima", emails=["ana@example.com"])
    person(store, "Bo Chen", emails=["bo@nimbus.example"])
    person(store, "Carla Diaz", emails=["carla@acme.example"])


def interactions(store: Store) -> int:
    with store.uow() as uow:
        return uow.interactions.count()


def upload(client: TestClient, data: bytes, name: str) -> str:
    files = {"file": (name, data, "application/octet-stream")}
    sent = client.post("/import", data={"csrf": token(client), "format": "auto"}, files=files,
                       follow_redirects=False)  # fmt: skip
    assert sent.status_code == 303, sent.text
    return str(sent.headers["location"])


def words(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_mailbox_is_checked_then_imported_through_the_page(
    client: TestClient, store: Store, tmp_path: Path
) -> None:
    me_and_friends(store)
    at = upload(client, mbox_bytes(tmp_path), "sent.mbox")
    shown = words(client.get(at).text)
    assert "What the import would do" in shown
    assert "4 messages read 1 conversations to log 0 already here 0 left out" in shown
    assert "3 letters were with addresses that belong to nobody in tiekeeper yet" in shown
    assert interactions(store) == 0  # the dry run wrote nothing
    client.post(at, data={"csrf": token(client)})
    done = words(client.get(at).text)
    assert "Done: 1 conversation logged from your mail" in done
    assert interactions(store) == 1
    assert "sent.mbox" in done and "/tmp" not in client.get(at).text


def test_a_takeout_zip_with_mail_and_calendars_imports_both(
    client: TestClient, store: Store, tmp_path: Path
) -> None:
    me_and_friends(store)
    at = upload(client, takeout(tmp_path), "takeout-001.zip")
    page = client.get(at).text
    assert '<h2 class="part">Mail</h2>' in page and '<h2 class="part">Calendar</h2>' in page
    assert "mail and calendar" in words(page)
    assert interactions(store) == 0
    client.post(at, data={"csrf": token(client)})
    done = words(client.get(at).text)
    assert "logged from your mail" in done and "logged from your calendar" in done
    from_mail_and_calendar = interactions(store)
    assert from_mail_and_calendar > 1
    again = upload(client, takeout(tmp_path), "takeout-001.zip")
    client.post(again, data={"csrf": token(client)})
    assert interactions(store) == from_mail_and_calendar  # nothing twice


def test_the_api_answers_each_kind_with_its_own_summary(
    client: TestClient, store: Store, tmp_path: Path
) -> None:
    me_and_friends(store)

    def post(data: bytes, name: str, dry_run: bool = True) -> dict[str, object]:
        r = client.post("/api/v1/imports", files={"file": (name, data)},
                        data={"dry_run": str(dry_run).lower()})  # fmt: skip
        assert r.status_code == 200, r.text
        return dict(r.json())

    mail = post(mbox_bytes(tmp_path), "sent.mbox")
    assert mail["format"] == "mail" and mail["messages"] == 4 and mail["source"] == "sent.mbox"
    calendar = post(CALENDAR_ZIP.read_bytes(), "cal.zip")
    assert calendar["format"] == "calendar" and int(str(calendar["occurrences"])) > 0
    both = post(takeout(tmp_path), "takeout.zip", dry_run=False)
    assert both["format"] == "several"
    assert [p["format"] for p in both["parts"]] == ["mail", "calendar"]  # type: ignore[attr-defined]
    assert interactions(store) > 0
    bad = client.post("/api/v1/imports", files={"file": ("x.mbox", b"From nobody\nnot mail")})
    assert bad.status_code == 422 and bad.json()["error"]["message"].startswith("x.mbox: ")


def test_addresses_written_to_often_are_offered_with_checkboxes(
    client: TestClient, store: Store, tmp_path: Path
) -> None:
    me_and_friends(store)
    at = upload(client, mbox_bytes(tmp_path), "sent.mbox")
    client.post(at, data={"csrf": token(client)})
    page = client.get("/import").text
    assert 'name="email" value="zoe@new.example"' in page and "Zoe Quinn" in page
    assert 'value="ana@example.com"' not in page  # already someone
    none = client.post("/import/suggested", data={"csrf": token(client)})
    assert none.status_code == 422 and "tick at least one" in none.text
    added = client.post("/import/suggested", data={"csrf": token(client),
                        "email": ["zoe@new.example"]}, follow_redirects=False)  # fmt: skip
    assert added.status_code == 303 and "suggested-added" in added.headers["location"]
    assert "Zoe Quinn" in {p["name"] for p in client.get("/api/v1/people").json()}
    assert 'value="zoe@new.example"' not in client.get("/import").text
    forged = client.post("/import/suggested", data={"csrf": "forged", "email": ["x@y.example"]})
    assert forged.status_code in (400, 403)


def test_mail_uploads_and_suggestions_are_the_accounts_own(
    server: tuple[TestClient, TestClient, Store, AccountStore],  # noqa: F811
    tmp_path: Path,
) -> None:
    ana_browser, bo, ana, _ = server
    me_and_friends(ana)
    at = upload(ana_browser, mbox_bytes(tmp_path), "sent.mbox")
    assert bo.get(at).status_code == 404
    assert bo.post(at, data={"csrf": token(bo)}).status_code == 404
    ana_browser.post(at, data={"csrf": token(ana_browser)})
    assert "zoe@new.example" in ana_browser.get("/import").text
    assert "zoe@new.example" not in bo.get("/import").text
    refused = bo.post("/import/suggested", data={"csrf": token(bo), "email": ["zoe@new.example"]})
    assert refused.status_code == 404  # in none of bo's mail
    assert "Zoe Quinn" not in {p["name"] for p in bo.get("/api/v1/people").json()}
