"""Which messages are conversations with people, and which thread each belongs to: mailing lists,
bulk and automatic mail, no-reply senders and notes to self are not networking."""

from __future__ import annotations

import hashlib
import re

from tiekeeper.interchange.mail_in import Address, MailHeaders

# Skip reasons, as the summary names them.
MAILING_LIST = "mailing list"
BULK = "bulk mail"
AUTOMATIC = "automatic mail"
NO_REPLY = "no-reply sender"
OWN_NOTE = "your own note"
NOT_YOURS = "not from or to you"
BAD_DATE = "no readable Date"
REASONS = (MAILING_LIST, BULK, AUTOMATIC, NO_REPLY, OWN_NOTE, NOT_YOURS, BAD_DATE)

_NO_REPLY = re.compile(
    r"(no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer[-_.]?daemon|postmaster|bounces?)"
    r"([-+_.].*)?",
    re.IGNORECASE,
)


def is_no_reply(email: str) -> bool:
    """An address nobody reads (noreply@, do-not-reply@, mailer-daemon@, bounces+x@)."""
    return bool(_NO_REPLY.fullmatch(email.partition("@")[0]))


def skip_reason(h: MailHeaders, mine: set[str]) -> str | None:
    """Why this message is no conversation of the user's with people, or None when it is."""
    if h.list_id:
        return MAILING_LIST
    if (h.precedence or "").strip().lower() in ("bulk", "list", "junk"):
        return BULK
    if h.auto_submitted and h.auto_submitted.split(";")[0].strip().lower() != "no":
        return AUTOMATIC
    if h.sender is not None and is_no_reply(h.sender.email):
        return NO_REPLY
    everyone = participants(h)
    if not any(a.email in mine for a in everyone):
        return NOT_YOURS
    if all(a.email in mine for a in everyone):
        return OWN_NOTE
    if h.sent_at is None:
        return BAD_DATE
    return None


def participants(h: MailHeaders) -> list[Address]:
    """From, To and Cc, each address once, in that order."""
    seen: dict[str, Address] = {}
    for a in (*((h.sender,) if h.sender else ()), *h.to, *h.cc):
        seen.setdefault(a.email, a)
    return list(seen.values())


def message_key(h: MailHeaders) -> str:
    """The message's Message-ID, or (none given) a digest of what identifies it."""
    if h.message_id:
        return h.message_id
    sender = h.sender.email if h.sender else ""
    when = h.sent_at.isoformat() if h.sent_at else ""
    basis = f"{sender}\n{when}\n{h.subject or ''}\n{','.join(a.email for a in h.to)}"
    return "sha1:" + hashlib.sha1(basis.encode(), usedforsecurity=False).hexdigest()


def thread_key(h: MailHeaders) -> str:
    """The thread a message belongs to: the first message of its References (the one clients
    keep when they shorten the list), else the one it replies to, else itself. It depends only on
    the message, so a bigger mailbox later gives the same key."""
    if h.references:
        return h.references[0]
    return h.in_reply_to or message_key(h)


def is_reply(h: MailHeaders) -> bool:
    return bool(h.references or h.in_reply_to)
