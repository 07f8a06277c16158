"""What counts as an e-mail address. E-mails are identity keys (re-import, merge, phone sync), so a
value that is not an address (`urn:li:member:664293716`, `xxxxxxxxxxxx`) must never be stored as
one."""

from __future__ import annotations

import re

# Deliberately plain: one @, a local part without spaces or brackets, a domain of dot-separated
# labels ending in letters. Not RFC 5322's full grammar: no real address book holds quoted locals.
# Letters and digits of any script count (RFC 6531 addresses, `josé@example.com`, and IDN domains,
# `anna@münchen.de`): the add form takes them, so an import must not drop them.
_ADDRESS = re.compile(
    r"[\w!#$%&'*+/=?^`{|}~.-]+@(?:[^\W_](?:(?:[^\W_]|-){0,61}[^\W_])?\.)+"
    r"[^\W\d_](?:[^\W_]|-){0,62}"
)


def email_or_none(value: str | None) -> str | None:
    """The address, lower-cased and stripped (a `mailto:` prefix dropped), or None if `value` is
    not an e-mail address."""
    if not value:
        return None
    text = value.strip()
    if text[:7].lower() == "mailto:":
        text = text[7:]
    if len(text) > 320 or not _ADDRESS.fullmatch(text):
        return None
    local = text.partition("@")[0]
    if local.startswith(".") or local.endswith(".") or ".." in local:
        return None
    return text.lower()
