"""digest: the agenda as an e-mail, printed, or delivered to a real SMTP server (aiosmtpd)."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message
from typing import Any

import pytest
from aiosmtpd.controller import Controller


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], Message]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(
            (envelope.mail_from, envelope.rcpt_tos, message_from_bytes(envelope.content))
        )
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


def network(cli) -> None:  # type: ignore[no-untyped-def]
    cli("add", "Ana Lima", "--birthday", "11-26", "--date", "2026-11-26")
    cli("add", "Bo Chen", "--date", "2026-11-26")
    cli("follow-up", "Bo Chen", "2026-11-24", "--action", "send the deck")
    cli("follow-up", "Ana Lima", "2026-11-29", "--action", "book the lunch")


def test_the_daily_digest_is_printed_without_send(cli) -> None:  # type: ignore[no-untyped-def]
    network(cli)
    out = cli("digest", "--date", "2026-11-26").stdout
    assert "Subject: tiekeeper: today, Thursday 26 November" in out
    today, ahead = out.split("THE WEEK AHEAD")
    assert "Bo Chen" in today and "send the deck" in today and "birthday today" in today
    assert "Sun 29 Nov" in ahead and "book the lunch" in ahead


def test_send_delivers_it_through_the_configured_server(cli, smtp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    inbox, port = smtp
    network(cli)
    monkeypatch.setenv("TIEKEEPER_SMTP_URL", f"smtp://127.0.0.1:{port}")
    monkeypatch.setenv("TIEKEEPER_MAIL_FROM", "tiekeeper@example.com")
    out = cli("digest", "--date", "2026-11-26", "--send", "--to", "me@example.com").stdout
    assert "Sent" in out
    [(sender, rcpts, msg)] = inbox.messages
    assert (sender, rcpts) == ("tiekeeper@example.com", ["me@example.com"])
    assert msg["Subject"] == "tiekeeper: today, Thursday 26 November"
    body = msg.get_payload(decode=True).decode()  # type: ignore[union-attr]
    assert "send the deck" in body and "Ana Lima" in body


def test_the_weekly_digest_reviews_last_week(cli, smtp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    inbox, port = smtp
    network(cli)
    cli("goal", "add", "new people", "--per", "week", "--target", "2", "--metric", "new-people")
    monkeypatch.setenv("TIEKEEPER_SMTP_URL", f"smtp://127.0.0.1:{port}")
    monkeypatch.setenv("TIEKEEPER_DIGEST_TO", "me@example.com")
    cli("digest", "--weekly", "--date", "2026-11-30", "--send")
    [(_, rcpts, msg)] = inbox.messages
    body = msg.get_payload(decode=True).decode()  # type: ignore[union-attr]
    assert rcpts == ["me@example.com"] and "LAST WEEK (23 Nov to 29 Nov)" in body
    assert "new people: 2 of 2 ✓" in body and "follow-ups: 0 done, 2 missed" in body


def test_sending_without_a_server_or_recipient_is_one_clear_line(cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("TIEKEEPER_SMTP_URL", raising=False)
    monkeypatch.delenv("TIEKEEPER_DIGEST_TO", raising=False)
    assert "--to ADDR" in cli.fail("digest", "--send")
    assert "TIEKEEPER_SMTP_URL" in cli.fail("digest", "--send", "--to", "me@example.com")
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("TIEKEEPER_SMTP_URL", f"smtp://127.0.0.1:{port}")
    assert "could not send through 127.0.0.1" in cli.fail("digest", "--send", "--to", "a@b.c")
    monkeypatch.setenv("TIEKEEPER_SMTP_URL", "http://example.com")
    assert "smtp://host" in cli.fail("digest", "--send", "--to", "a@b.c")


def test_the_sent_digest_has_rfc_5322_date_and_message_id(cli, smtp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Issue 10: the digest went out without Date and Message-ID; servers and filters mark such
    mail as junk (RFC 5322 requires Date, expects Message-ID)."""
    from email.utils import parsedate_to_datetime

    inbox, port = smtp
    network(cli)
    monkeypatch.setenv("TIEKEEPER_SMTP_URL", f"smtp://127.0.0.1:{port}")
    monkeypatch.setenv("TIEKEEPER_MAIL_FROM", "Tiekeeper <tiekeeper@example.com>")
    cli("digest", "--date", "2026-11-26", "--send", "--to", "me@example.com")
    cli("digest", "--date", "2026-11-26", "--send", "--to", "me@example.com")
    first, second = (m for _, _, m in inbox.messages)
    assert parsedate_to_datetime(first["Date"]).tzinfo is not None
    assert re.fullmatch(r"<[^<>@\s]+@example\.com>", first["Message-ID"])
    assert first["Message-ID"] != second["Message-ID"]
