"""The user's own digital business card: a vCard 3.0 text and a QR code that encodes it.

The vCard follows RFC 2426: CRLF line ends, lines folded at 75 octets, `\\`, `,`, `;` and
newlines escaped. The QR code (segno, error correction M) holds the whole vCard, which phone
cameras offer to save as a contact.
"""

from __future__ import annotations

import io

import segno

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.domain.profile import Profile, split_name

QR_KINDS = ("png", "svg")


def _escape(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> list[str]:
    """Split a line into pieces of at most 75 octets without cutting a UTF-8 character."""
    pieces, current, size, limit = [], "", 0, 75
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size, limit = " ", 1, 75
        current += ch
        size += width
    pieces.append(current)
    return pieces


def vcard(profile: Profile, uid: str) -> str:
    """The profile as one vCard 3.0 (needs a name)."""
    if not profile.name:
        raise InvalidInput("your profile has no name; set it with `tiekeeper me --name`",
                           field="name")  # fmt: skip
    family, given = split_name(profile.name)
    props = [
        ("VERSION", "3.0"),
        ("UID", _escape(uid)),
        ("FN", _escape(profile.name)),
        ("N", f"{_escape(family)};{_escape(given)};;;"),
    ]
    optional = (
        ("ORG", profile.company),
        ("TITLE", profile.position),
        ("EMAIL;TYPE=INTERNET", profile.email),
        ("TEL;TYPE=CELL", profile.phone),
        ("URL", profile.linkedin_url),
        ("NOTE", profile.headline),
    )
    props += [(k, _escape(v)) for k, v in optional if v]
    if profile.location:
        props.append(("ADR;TYPE=WORK", f";;;{_escape(profile.location)};;;"))
    lines = ["BEGIN:VCARD"] + [p for k, v in props for p in _fold(f"{k}:{v}")] + ["END:VCARD"]
    return "\r\n".join(lines) + "\r\n"


def qr_code(text: str, kind: str) -> bytes:
    """A QR code image (png or svg) encoding `text`."""
    if kind not in QR_KINDS:
        raise InvalidInput(f"{kind!r} is not one of: {', '.join(QR_KINDS)}", field="qr", value=kind)
    out = io.BytesIO()
    segno.make(text, error="m", micro=False).save(out, kind=kind, scale=4, border=4)
    return out.getvalue()
