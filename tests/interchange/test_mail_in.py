"""The header reader: every mailbox kind, headers as real clients write them, never a body, and
clear errors for what is no mailbox."""

from __future__ import annotations

import tracemalloc
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.interchange.mail_in import Address, looks_like_mail, parse_headers, read_mail
from tiekeeper.interchange.mail_rules import is_no_reply, skip_reason, thread_key

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "mail"
MINE = {"sam@example.com"}


def _h(text: str):  # type: ignore[no-untyped-def]
    return parse_headers(text.replace("\n", "\r\n").encode(), "x.mbox", 1)


@pytest.mark.parametrize(
    ("source", "count"),
    [("conversations.mbox", 15), ("takeout.zip", 15), ("eml", 5), ("Maildir", 16)],
)
def test_every_kind_of_mailbox_is_read(source: str, count: int) -> None:
    found = list(read_mail(FIXTURES / source))
    assert len(found) == count
    first = next(h for h in found if h.message_id == "<m1.20260302@mail.example.com>")
    assert first.sender == Address("sam@example.com", "Sam Doe")
    assert first.to == (Address("ana@example.com", "Ana Lima"),)
    assert first.sent_at == datetime(2026, 3, 2, 8, 15, tzinfo=UTC)
    assert looks_like_mail(FIXTURES / source)


def test_addresses_as_clients_write_them() -> None:
    h = _h(
        'From: "Lima, Ana" <Ana@Example.com>\n'
        "To: =?utf-8?q?Carol_N=C3=BA=C3=B1ez?= <carol@design.studio>, bo@nimbus.io,\n"
        "  Dan (work) <dan@far.example>\n"
        "Cc: undisclosed-recipients:;\n"
        "Subject: =?iso-8859-1?q?Caf=E9?= and\n more\n"
        "Date: Tue, 3 Mar 2026 23:30:00 -0000\n"
    )
    assert h.sender == Address("ana@example.com", "Lima, Ana")
    assert [a.email for a in h.to] == ["carol@design.studio", "bo@nimbus.io", "dan@far.example"]
    assert h.to[0].name == "Carol Núñez" and h.cc == ()
    assert h.subject == "Café and more"
    assert h.sent_at == datetime(2026, 3, 3, 23, 30, tzinfo=UTC)


def test_raw_utf8_names_are_read_as_utf8() -> None:
    h = parse_headers("From: Zoë Brandt <zoe@example.com>\r\n".encode(), "x", 1)
    assert h.sender == Address("zoe@example.com", "Zoë Brandt")


def test_skip_rules_and_threads() -> None:
    base = "From: ana@example.com\nTo: sam@example.com\nDate: Mon, 2 Mar 2026 10:00:00 +0000\n"
    assert skip_reason(_h(base), MINE) is None
    assert skip_reason(_h(base + "List-Id: <x.example>\n"), MINE) == "mailing list"
    assert skip_reason(_h(base + "Precedence: junk\n"), MINE) == "bulk mail"
    assert skip_reason(_h(base + "Auto-Submitted: auto-generated\n"), MINE) == "automatic mail"
    assert skip_reason(_h(base + "Auto-Submitted: no\n"), MINE) is None
    assert skip_reason(_h(base.replace("To: sam", "To: bo")), MINE) == "not from or to you"
    note = "From: sam@example.com\nTo: Sam <SAM@example.com>\nDate: Mon, 2 Mar 2026 1:00 +0000\n"
    assert skip_reason(_h(note), MINE) == "your own note"
    assert [is_no_reply(e) for e in ("noreply@x.io", "do-not-reply@x.io", "bounces+12@x.io",
                                     "norah@x.io", "replies@x.io")] == [True, True, True, False,
                                                                        False]  # fmt: skip
    reply = _h(base + "References: <a@x> <b@x>\nIn-Reply-To: <b@x>\nMessage-ID: <c@x>\n")
    assert thread_key(reply) == "<a@x>"
    assert thread_key(_h(base + "Message-ID: <c@x>\n")) == "<c@x>"


def test_what_is_no_mailbox_is_named(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("just text\n")
    with pytest.raises(InvalidInput, match=r"notes\.txt: this is not an mbox"):
        list(read_mail(text))
    empty = tmp_path / "folder"
    empty.mkdir()
    with pytest.raises(InvalidInput, match=r"no \.eml files"):
        list(read_mail(empty))
    archive = tmp_path / "takeout.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("Takeout/Contacts/all.vcf", "BEGIN:VCARD\nEND:VCARD\n")
    with pytest.raises(InvalidInput, match=r"no \.mbox or \.eml"):
        list(read_mail(archive))
    with pytest.raises(InvalidInput, match="no such file"):
        list(read_mail(tmp_path / "missing.mbox"))


def test_a_big_mbox_streams_without_holding_its_messages(tmp_path: Path) -> None:
    one = (FIXTURES / "conversations.mbox").read_bytes()
    big = tmp_path / "big.mbox"
    with big.open("wb") as out:
        for _ in range(300):  # about 1.5 MB a round: the file is ~80 times the budget below
            out.write(one)
    tracemalloc.start()
    count = sum(1 for _ in read_mail(big))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 15 * 300
    assert peak < big.stat().st_size / 20, (peak, big.stat().st_size)
