"""Reading the headers of e-mail, never the bodies: an mbox (also inside a Gmail Takeout zip), a
folder of .eml files, a Maildir (with its subfolders). Everything streams: an mbox is read line by
line and only one message's header block is held at a time, so a 10 GB mailbox costs no memory.
"""

from __future__ import annotations

import mailbox
import os
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.header import decode_header, make_header
from email.utils import getaddresses, parsedate_to_datetime
from itertools import chain
from pathlib import Path
from typing import IO

from tiekeeper.domain.email_address import email_or_none
from tiekeeper.domain.errors import InvalidInput

# The only headers tiekeeper reads (IMAP asks the server for exactly these).
HEADER_FIELDS = (
    "From", "To", "Cc", "Date", "Message-ID", "In-Reply-To", "References", "List-Id",
    "Auto-Submitted", "Precedence", "Subject",
)  # fmt: skip
# A header block larger than this is not a real one (a body that lost its blank line): the rest
# is treated as body rather than held in memory.
HEADER_CAP = 256 * 1024
Progress = Callable[[int, int], None]  # (done, total), in bytes or files
_WANTED = frozenset(f.lower() for f in HEADER_FIELDS)
# "Name <a@b>" or "a@b": nearly every address; anything with quotes, comments or groups goes
# through email.utils.getaddresses.
_SIMPLE = re.compile(r"\s*(?:([^<>,]*?)\s*<([^<>\s,]+)>|([^<>\s,]+))\s*")
Fields = dict[str, list[str]]


def _fields(raw: bytes) -> Fields:
    """The wanted headers of a header block, unfolded, lower-cased names -> values. Hand-split:
    the stdlib parser builds a whole Message and was most of a 100,000-message import."""
    out: Fields = {}
    name = ""
    for line in raw.decode("utf-8", "replace").splitlines():
        if line[:1] in (" ", "\t"):
            if name in _WANTED and out.get(name):
                out[name][-1] += " " + line.strip()
            continue
        key, colon, value = line.partition(":")
        name = key.strip().lower() if colon else ""
        if name in _WANTED:
            out.setdefault(name, []).append(value.strip())
    return out


@dataclass(frozen=True, slots=True)
class Address:
    email: str  # lower-cased
    name: str  # the display name, decoded; "" when there is none


@dataclass(frozen=True, slots=True)
class MailHeaders:
    """What one message's headers say, with where it was found (for messages to the user)."""

    file: str
    position: int  # the message's number in its file (an IMAP UID for a server)
    message_id: str | None
    in_reply_to: str | None
    references: tuple[str, ...]
    sender: Address | None
    to: tuple[Address, ...]
    cc: tuple[Address, ...]
    sent_at: datetime | None  # None when Date is missing or unreadable (see date_problem)
    date_problem: str | None
    subject: str | None
    list_id: str | None
    auto_submitted: str | None
    precedence: str | None

    @property
    def where(self) -> str:
        return f"{self.file}, message {self.position}"


def _text(value: object) -> str:
    """A header value as text, RFC 2047 encoded words decoded; undecodable parts kept raw."""
    raw = str(value)
    if "=?" not in raw:
        return " ".join(raw.split())
    try:
        return " ".join(str(make_header(decode_header(raw))).split())
    except (LookupError, UnicodeError, ValueError):
        return " ".join(raw.split())


def _pairs(values: list[str]) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for value in values:
        if any(c in value for c in '"()\\;:'):
            pairs += getaddresses([value])
            continue
        for part in value.split(","):
            m = _SIMPLE.fullmatch(part)
            if m is None:
                pairs += getaddresses([part])
            elif m.group(3):
                pairs.append(("", m.group(3)))
            else:
                pairs.append((m.group(1), m.group(2)))
    return pairs


def _addresses(msg: Fields, name: str) -> tuple[Address, ...]:
    out: dict[str, Address] = {}
    for display, addr in _pairs(msg.get(name.lower(), [])):
        email = email_or_none(addr)
        if email is not None and email not in out:
            out[email] = Address(email, _text(display).strip("'\" ") if display else "")
    return tuple(out.values())


def _msgid(value: object) -> str | None:
    text = str(value).strip() if value is not None else ""
    if not text:
        return None
    ids = message_ids(text)
    return ids[0] if ids else text[:400]


def message_ids(text: str) -> list[str]:
    """The <...> ids in a References or In-Reply-To value, in order."""
    out = []
    for part in text.replace(">", "> ").split():
        if part.startswith("<") and part.endswith(">") and len(part) > 2:
            out.append(part[:400])
    return out


def _date(value: object) -> tuple[datetime | None, str | None]:
    if value is None or not str(value).strip():
        return None, "Date: the header is missing"
    try:
        moment = parsedate_to_datetime(str(value))
    except (TypeError, ValueError, IndexError):
        return None, f"Date: {str(value).strip()[:80]!r} is not a date"
    if moment.tzinfo is None:  # "-0000": the time is UTC with no zone said
        moment = moment.replace(tzinfo=UTC)
    return moment, None


def _one(msg: Fields, name: str) -> str | None:
    found = msg.get(name.lower())
    return found[0] if found else None


def _optional(msg: Fields, name: str) -> str | None:
    value = _one(msg, name)
    if value is None:
        return None
    text = _text(value).strip()
    return text or None


def parse_headers(raw: bytes, file: str, position: int) -> MailHeaders:
    """One message's header block (bytes up to the blank line) as MailHeaders."""
    msg = _fields(raw)
    if not any(k in msg for k in ("from", "to", "date", "message-id")):
        raise InvalidInput(
            f"message {position} has no From, To, Date or Message-ID header: is this a mailbox?",
            file=file,
        )
    senders = _addresses(msg, "From")
    sent_at, problem = _date(_one(msg, "Date"))
    refs = tuple(message_ids(_one(msg, "References") or ""))
    return MailHeaders(
        file=file,
        position=position,
        message_id=_msgid(_one(msg, "Message-ID")),
        in_reply_to=_msgid(_one(msg, "In-Reply-To")),
        references=refs,
        sender=senders[0] if senders else None,
        to=_addresses(msg, "To"),
        cc=_addresses(msg, "Cc"),
        sent_at=sent_at,
        date_problem=problem,
        subject=_optional(msg, "Subject"),
        list_id=_optional(msg, "List-Id"),
        auto_submitted=_optional(msg, "Auto-Submitted"),
        precedence=_optional(msg, "Precedence"),
    )


def header_block(lines: Iterable[bytes]) -> bytes:
    """The header lines of a message (up to its first blank line), capped at HEADER_CAP."""
    out = bytearray()
    for line in lines:
        if not line.strip(b"\r\n"):
            break
        if len(out) < HEADER_CAP:
            out += line
    return bytes(out)


def _mbox_messages(
    stream: IO[bytes], file: str, progress: Progress | None, total: int
) -> Iterator[MailHeaders]:
    """Each message of an mbox stream: a "From " line at the start or after a blank line opens
    one (writers escape body lines that would look like it as ">From ")."""
    position = 0
    header = bytearray()
    in_header = False
    previous_blank = True
    done = 0
    for line in stream:
        done += len(line)
        if previous_blank and line.startswith(b"From "):
            if position:
                yield parse_headers(bytes(header), file, position)
            position += 1
            header.clear()
            in_header = True
            previous_blank = False
            if progress is not None and position % 500 == 0:
                progress(done, total)
            continue
        blank = not line.strip(b"\r\n")
        if in_header:
            if blank:
                in_header = False
            elif len(header) < HEADER_CAP:
                header += line
        elif not position and not blank:
            raise InvalidInput(
                "this is not an mbox mailbox (it does not begin with a 'From ' line)", file=file
            )
        previous_blank = blank
    if position:
        yield parse_headers(bytes(header), file, position)
    if progress is not None:
        progress(total, total)


def _eml(path: Path, label: str) -> MailHeaders:
    with path.open("rb") as stream:
        first = stream.readline()
        # Some tools save the mbox separator line ("From sender date") at the top of a .eml.
        head = [] if first.startswith(b"From ") else [first]
        return parse_headers(header_block(chain(head, stream)), label, 1)


def _maildir_folders(root: mailbox.Maildir) -> Iterator[tuple[str, mailbox.Maildir]]:
    yield "", root
    for name in sorted(root.list_folders()):
        for sub, box in _maildir_folders(root.get_folder(name)):
            yield (f"{name}/{sub}" if sub else name), box


def _maildir(path: Path, progress: Progress | None) -> Iterator[MailHeaders]:
    root = mailbox.Maildir(path, factory=None, create=False)
    folders = list(_maildir_folders(root))
    # Files whose names begin with a dot are no messages (the Maildir rule; mailbox lists them).
    keys = [(label, box, sorted(k for k in box.iterkeys() if not k.startswith(".")))
            for label, box in folders]  # fmt: skip
    total = sum(len(k) for *_, k in keys)
    done = 0
    for label, box, names in keys:
        for key in names:
            done += 1
            with box.get_file(key) as stream:
                raw = header_block(stream)
            where = f"{path}/{label + '/' if label else ''}{key}"
            yield parse_headers(raw, where, 1)
            if progress is not None and done % 200 == 0:
                progress(done, total)
    if progress is not None:
        progress(total, total)


def _eml_folder(path: Path, progress: Progress | None) -> Iterator[MailHeaders]:
    files = sorted(p for p in path.rglob("*") if p.suffix.lower() == ".eml" and p.is_file())
    if not files:
        raise InvalidInput("the folder holds no .eml files and is no Maildir", file=str(path))
    for done, eml in enumerate(files, 1):
        yield _eml(eml, str(eml))
        if progress is not None and done % 200 == 0:
            progress(done, len(files))
    if progress is not None:
        progress(len(files), len(files))


def _zip(path: Path, progress: Progress | None) -> Iterator[MailHeaders]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InvalidInput(f"the zip file is damaged or truncated ({exc})", file=str(path)) from exc
    with archive:
        members = [i for i in archive.infolist() if is_mail_member(i.filename)]
        if not members:
            raise InvalidInput("the zip holds no .mbox or .eml file", file=str(path))
        total = sum(i.file_size for i in members)
        done = 0
        for info in members:
            label = f"{path}/{info.filename}"
            try:
                with archive.open(info) as stream:
                    if info.filename.lower().endswith(".eml"):
                        yield parse_headers(header_block(stream), label, 1)
                    else:
                        shifted = _shifted(progress, done, total)
                        yield from _mbox_messages(stream, label, shifted, info.file_size)
            except (zipfile.BadZipFile, EOFError, OSError) as exc:
                raise InvalidInput(f"the zip member cannot be read ({exc})", file=label) from exc
            done += info.file_size


def _shifted(progress: Progress | None, before: int, total: int) -> Progress | None:
    if progress is None:
        return None
    return lambda done, _member_total: progress(before + done, total)


def is_mail_member(name: str) -> bool:
    """A zip member that holds mail (Takeout's Mail/All mail Including Spam and Trash.mbox)."""
    lowered = name.lower()
    return lowered.endswith((".mbox", ".eml")) and not lowered.startswith("__macosx/")


def is_maildir(path: Path) -> bool:
    return path.is_dir() and (path / "cur").is_dir() and (path / "new").is_dir()


def looks_like_mail(path: Path) -> bool:
    """Whether `path` is something read_mail reads (judged by kind and first bytes)."""
    if path.is_dir():
        return is_maildir(path) or any(
            p.suffix.lower() == ".eml" for p in path.iterdir() if p.is_file()
        )
    if not path.is_file():
        return False
    if path.suffix.lower() in (".mbox", ".mbx", ".eml"):
        return True
    if zipfile.is_zipfile(path):
        try:
            with zipfile.ZipFile(path) as archive:
                return any(is_mail_member(n) for n in archive.namelist())
        except (zipfile.BadZipFile, OSError):
            return False
    with path.open("rb") as stream:
        return stream.read(5) == b"From "


def read_mail(path: Path, progress: Progress | None = None) -> Iterator[MailHeaders]:
    """The headers of every message at `path`, one at a time. Raises InvalidInput naming the
    file (and message) when it is no mailbox."""
    if not path.exists():
        raise InvalidInput("no such file or folder", file=str(path))
    if is_maildir(path):
        yield from _maildir(path, progress)
    elif path.is_dir():
        yield from _eml_folder(path, progress)
    elif path.suffix.lower() == ".eml":
        yield _eml(path, str(path))
    elif zipfile.is_zipfile(path):
        yield from _zip(path, progress)
    else:
        with path.open("rb") as stream:
            yield from _mbox_messages(stream, str(path), progress, os.path.getsize(path))
