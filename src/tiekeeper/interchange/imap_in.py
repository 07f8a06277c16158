"""Reading message headers from an IMAP server, strictly read-only: the mailbox is opened with
EXAMINE (not SELECT) and headers are fetched with BODY.PEEK, so no message is marked read and no
flag changes. The password is used to log in and kept nowhere."""

from __future__ import annotations

import contextlib
import imaplib
import ipaddress
import re
import ssl
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.interchange.mail_in import HEADER_FIELDS, MailHeaders, parse_headers

Progress = Callable[[int, int], None]
BATCH = 500  # UIDs per FETCH: a few hundred kilobytes of headers per round trip
FETCH_ITEM = f"(BODY.PEEK[HEADER.FIELDS ({' '.join(f.upper() for f in HEADER_FIELDS)})])"
_UID = re.compile(rb"UID (\d+)")


@dataclass(frozen=True)
class ImapUrl:
    secure: bool  # imaps: TLS from the first byte
    user: str
    host: str
    port: int
    mailbox: str

    @property
    def shown(self) -> str:
        """The URL as messages name it (never with a password)."""
        scheme = "imaps" if self.secure else "imap"
        return f"{scheme}://{self.user}@{self.host}:{self.port}/{self.mailbox}"


def is_imap_url(text: str) -> bool:
    return text.lower().startswith(("imap://", "imaps://"))


def parse_imap_url(text: str) -> ImapUrl:
    """imap://user@host[:port]/MAILBOX (imaps:// for TLS); the mailbox defaults to INBOX."""
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in ("imap", "imaps"):
        raise InvalidInput("an IMAP address starts with imap:// or imaps://", file=text)
    shown = f"{scheme}://{parts.hostname or ''}"
    if parts.password is not None:
        raise InvalidInput(
            "put the password in TIEKEEPER_IMAP_PASSWORD (or type it when asked), not in the "
            "address: it would stay in your shell's history",
            file=shown,
        )
    if not parts.username or not parts.hostname:
        raise InvalidInput("the address needs a user and a host: imap://user@host/INBOX", file=text)
    try:
        port = parts.port or (993 if scheme == "imaps" else 143)
    except ValueError:
        raise InvalidInput("the port is not a number from 1 to 65535", file=shown) from None
    mailbox = unquote(parts.path.lstrip("/")) or "INBOX"
    return ImapUrl(scheme == "imaps", unquote(parts.username), parts.hostname, port, mailbox)


def _quoted(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _connect(url: ImapUrl, timeout: float) -> imaplib.IMAP4:
    try:
        if url.secure:
            return imaplib.IMAP4_SSL(url.host, url.port, timeout=timeout)
        conn = imaplib.IMAP4(url.host, url.port, timeout=timeout)
    except (OSError, imaplib.IMAP4.error) as exc:
        raise InvalidInput(f"cannot reach the server ({exc})", file=url.shown) from None
    if "STARTTLS" in conn.capabilities:
        try:
            conn.starttls(ssl.create_default_context())
        except (OSError, imaplib.IMAP4.error) as exc:
            raise InvalidInput(f"STARTTLS failed ({exc})", file=url.shown) from None
    elif not _is_loopback(url.host):
        conn.shutdown()
        raise InvalidInput(
            "the server offers no STARTTLS, so the password would cross the network in the "
            "clear; use imaps://",
            file=url.shown,
        )
    return conn


def _open(url: ImapUrl, password: str, timeout: float) -> tuple[imaplib.IMAP4, list[bytes]]:
    conn = _connect(url, timeout)
    try:
        conn.login(url.user, password)
    except imaplib.IMAP4.error as exc:
        conn.shutdown()
        raise InvalidInput(f"the server refused the login ({_said(exc)})", file=url.shown) from None
    status, _ = conn.select(_quoted(url.mailbox), readonly=True)  # EXAMINE: nothing changes
    if status != "OK":
        conn.logout()
        raise InvalidInput(f"there is no mailbox named {url.mailbox!r}", file=url.shown)
    status, found = conn.uid("SEARCH", "ALL")
    if status != "OK" or not found:
        conn.logout()
        raise InvalidInput("the server did not list the messages", file=url.shown)
    return conn, (found[0] or b"").split()


def _said(exc: BaseException) -> str:
    text = str(exc)
    return text[2:-1] if text.startswith(("b'", 'b"')) else text


def read_imap(
    url: ImapUrl, password: str, progress: Progress | None = None, timeout: float = 60.0
) -> Iterator[MailHeaders]:
    """The headers of every message in the URL's mailbox, fetched in batches."""
    conn, uids = _open(url, password, timeout)
    try:
        for start in range(0, len(uids), BATCH):
            batch = uids[start : start + BATCH]
            try:
                status, data = conn.uid("FETCH", b",".join(batch).decode(), FETCH_ITEM)
            except (OSError, imaplib.IMAP4.error) as exc:
                raise InvalidInput(
                    f"the server stopped answering ({exc})", file=url.shown
                ) from None
            if status != "OK":
                raise InvalidInput(f"the server refused to send headers ({data!r})", file=url.shown)
            for item in data:
                if not isinstance(item, tuple):
                    continue  # the closing ")" of each answer
                meta, raw = item
                uid = _UID.search(meta)
                yield parse_headers(raw, url.shown, int(uid.group(1)) if uid else 0)
            if progress is not None:
                progress(start + len(batch), len(uids))
    finally:
        # A connection already gone changed nothing either way.
        with contextlib.suppress(OSError, imaplib.IMAP4.error):
            conn.logout()
