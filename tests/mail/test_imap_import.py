"""`tiekeeper import imap://...` against a real dovecot: the same headers as from a file, read
with EXAMINE and BODY.PEEK so every message is still unread afterwards."""

from __future__ import annotations

import imaplib
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.interchange.imap_in import parse_imap_url, read_imap
from tiekeeper.services.imports.mail import import_mail
from tiekeeper.services.people import PersonChanges, add_person
from tiekeeper.services.profile import update_profile
from tiekeeper.store.uow import Store

from .conftest import PASSWORD, USER, DovecotServer

TODAY = date(2026, 6, 1)
WHEN = datetime(2026, 4, 1, 9, tzinfo=UTC)


def mail(n: int, sender: str, to: str, minutes: int = 0, **headers: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, to, f"Subject {n}"
    msg["Date"] = format_datetime(WHEN + timedelta(minutes=minutes))
    msg["Message-ID"] = f"<imap{n}@example.com>"
    if n > 1:
        msg["In-Reply-To"] = msg["References"] = "<imap1@example.com>"
    for key, value in headers.items():
        msg[key.replace("_", "-")] = value
    msg.set_content(f"body {n} that must stay on the server")
    return msg


def _messages() -> list[EmailMessage]:
    return [
        mail(1, "Ana Lima <ana@example.com>", "Sam <sam@example.com>"),
        mail(2, "Sam <sam@example.com>", "ana@example.com", 30),
        mail(3, "News <news@lists.example.org>", "sam@example.com", 60, List_Id="<n.example>"),
        mail(4, "Carol <carol@design.studio>", "sam@example.com", 90),
    ]


def _url(server: DovecotServer, mailbox: str = "INBOX") -> str:
    return f"imap://{USER}@127.0.0.1:{server.port}/{mailbox}"


def _flags(server: DovecotServer, mailbox: str = "INBOX") -> list[bytes]:
    conn = imaplib.IMAP4("127.0.0.1", server.port)
    try:
        conn.login(USER, PASSWORD)
        conn.select(mailbox, readonly=True)
        _, data = conn.fetch("1:*", "(FLAGS)")
        return [item for item in data if isinstance(item, bytes)]
    finally:
        conn.logout()


@pytest.fixture
def sam(store: Store) -> Store:
    update_profile(store.uow(), add_emails=["sam@example.com"])
    add_person(store.uow(), PersonChanges(name="Ana Lima", emails=["ana@example.com"]), TODAY)
    return store


def test_an_imap_mailbox_is_imported_and_every_message_is_still_unread(
    imap: DovecotServer, sam: Store
) -> None:
    imap.deliver(_messages())
    s = import_mail(sam.uow(), _url(imap), TODAY, password=PASSWORD, subjects=True, tz=UTC)
    assert (s.messages, s.interactions_created, s.skipped) == (4, 1, {"mailing list": 1})
    with sam.uow() as uow:
        [ix] = uow.interactions.for_person(1)
    assert (ix.occurred_on, ix.channel, ix.initiated_by, ix.summary) == (
        date(2026, 4, 1), "email", "them", "Subject 1",
    )  # fmt: skip
    flags = _flags(imap)
    assert len(flags) == 4 and not any(b"\\Seen" in f for f in flags), flags
    on_disk = [p.name for p in (imap.maildir / "cur").iterdir()] + [
        p.name for p in (imap.maildir / "new").iterdir()
    ]
    assert len(on_disk) == 4 and not any(n.partition(":2,")[2].count("S") for n in on_disk)
    again = import_mail(sam.uow(), _url(imap), TODAY, password=PASSWORD, tz=UTC)
    assert (again.interactions_created, again.already_imported) == (0, 1)


def test_only_the_named_headers_are_fetched_never_a_body(imap: DovecotServer) -> None:
    imap.deliver(_messages()[:1])
    [h] = list(read_imap(parse_imap_url(_url(imap)), PASSWORD))
    assert (h.sender and h.sender.email, h.subject, h.position) == (
        "ana@example.com",
        "Subject 1",
        1,
    )


def test_another_folder_is_named_in_the_address(imap: DovecotServer, sam: Store) -> None:
    imap.deliver([mail(1, "sam@example.com", "Ana <ana@example.com>")], folder="Sent")
    s = import_mail(sam.uow(), _url(imap, "Sent"), TODAY, password=PASSWORD, tz=UTC)
    assert s.interactions_created == 1


def test_a_wrong_password_is_one_clear_error_and_nothing_is_written(
    imap: DovecotServer, sam: Store
) -> None:
    imap.deliver(_messages())
    with pytest.raises(InvalidInput, match=r"127\.0\.0\.1.*refused the login"):
        import_mail(sam.uow(), _url(imap), TODAY, password="wrong")
    with sam.uow() as uow:
        assert uow.interactions.count() == 0


def test_a_missing_mailbox_and_a_dead_server_are_named(imap: DovecotServer, sam: Store) -> None:
    with pytest.raises(InvalidInput, match="no mailbox named 'Archive'"):
        import_mail(sam.uow(), _url(imap, "Archive"), TODAY, password=PASSWORD)
    with pytest.raises(InvalidInput, match="cannot reach the server"):
        import_mail(sam.uow(), f"imap://{USER}@127.0.0.1:1/INBOX", TODAY, password=PASSWORD)


def test_a_password_in_the_address_is_refused_before_connecting() -> None:
    with pytest.raises(InvalidInput, match="TIEKEEPER_IMAP_PASSWORD") as exc:
        parse_imap_url("imaps://sam:hunter2@mail.example.com/INBOX")
    assert "hunter2" not in str(exc.value)
    assert parse_imap_url("imaps://sam%40corp@mail.example.com").shown == (
        "imaps://sam@corp@mail.example.com:993/INBOX"
    )


def test_the_cli_takes_the_password_from_the_environment_and_never_stores_it(
    imap: DovecotServer, monkeypatch: pytest.MonkeyPatch, _isolated_home: Path
) -> None:
    from tiekeeper.cli.app import app

    imap.deliver(_messages())
    runner = CliRunner()
    assert runner.invoke(app, ["me", "--email", "sam@example.com"]).exit_code == 0
    assert runner.invoke(app, ["add", "Ana Lima", "--email", "ana@example.com"]).exit_code == 0
    monkeypatch.delenv("TIEKEEPER_IMAP_PASSWORD", raising=False)
    refused = runner.invoke(app, ["import", _url(imap)])
    assert refused.exit_code == 1 and "TIEKEEPER_IMAP_PASSWORD" in refused.stderr
    monkeypatch.setenv("TIEKEEPER_IMAP_PASSWORD", PASSWORD)
    done = runner.invoke(app, ["import", _url(imap), "--date", "2026-06-01", "--json"])
    assert done.exit_code == 0, done.output
    assert '"interactions_created": 1' in done.stdout
    assert PASSWORD.encode() not in (_isolated_home / "tiekeeper.db").read_bytes()
