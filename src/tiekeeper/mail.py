"""Sending e-mail through the SMTP server the user configured (TIEKEEPER_SMTP_URL); nothing is
sent unless it is set. Read only by the entry points.

    smtp://user:password@host:587   STARTTLS when the server offers it (port 25 or 587)
    smtps://user:password@host:465  TLS from the first byte
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from urllib.parse import unquote, urlsplit

from tiekeeper.domain.errors import InvalidInput, TiekeeperError


class MailError(TiekeeperError):
    """The SMTP server could not be reached or refused the message."""


def message(sender: str, to: str, subject: str, text: str) -> EmailMessage:
    """A plain-text message with the headers RFC 5322 requires (Date) or expects (Message-ID):
    without them many servers and spam filters mark the digest as junk."""
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, to, subject
    msg["Date"] = formatdate(localtime=True)
    # The sender's own domain, not the host name: make_msgid would look up this machine's
    # fully qualified name, which can wait on DNS and leaks the host name.
    domain = sender.rpartition("@")[2].strip(" >") or "localhost"
    msg["Message-ID"] = make_msgid("tiekeeper", domain=domain)
    msg.set_content(text, cte="quoted-printable")
    return msg


def send(url: str | None, msg: EmailMessage, timeout: float = 30.0) -> None:
    """Deliver `msg` through the server at `url` (see the module's docstring)."""
    if not url:
        raise InvalidInput("set TIEKEEPER_SMTP_URL to send mail", field="TIEKEEPER_SMTP_URL")
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise InvalidInput("use smtp://host[:port] or smtps://host[:port]",
                           field="TIEKEEPER_SMTP_URL", value=url)  # fmt: skip
    secure = parts.scheme == "smtps"
    port = parts.port or (465 if secure else 25)
    context = ssl.create_default_context()
    try:
        if secure:
            server: smtplib.SMTP = smtplib.SMTP_SSL(
                parts.hostname, port, timeout=timeout, context=context
            )
        else:
            server = smtplib.SMTP(parts.hostname, port, timeout=timeout)
        with server:
            if not secure and server.has_extn("starttls"):
                server.starttls(context=context)
            if parts.username:
                server.login(unquote(parts.username), unquote(parts.password or ""))
            server.send_message(msg)
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError(f"could not send through {parts.hostname}:{port}: {exc}") from None
