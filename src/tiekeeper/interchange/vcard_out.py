"""vCard 3.0 out: one card per person, the bytes phones accept.

A person imported from a vCard goes out as it came in (see `kept_card`): the lines of the card are
written back verbatim, in their order, with their groups and parameters; a line that carries a
field tiekeeper models (e-mail, phone, address...) is written only while the person still has
that value, and what the person has beyond the card's lines is written from the model.

A small serializer rather than vobject: the output must be byte-exact (CRLF, folding at 75 octets
on UTF-8 character boundaries, Apple's year-less BDAY parameter, escaping inside structured N and
ORG parts), and vobject folds by characters and normalises parameters its own way. Writing ~100
lines ourselves keeps every byte under test.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from tiekeeper.domain.dates import NO_YEAR_SENTINEL, PartialDate
from tiekeeper.domain.model import Person, PostalAddress
from tiekeeper.interchange.vcard_kept import KeptCard

MAX_OCTETS = 75  # RFC 2425/6350: lines SHOULD NOT be longer than 75 octets, excluding CRLF
CRLF = "\r\n"
# A fixed namespace: UIDs are uuid5(namespace, owner + person id), so they never change across
# exports and say nothing about the person (no name, no e-mail, no host name).
UID_NAMESPACE = uuid.UUID("6f1d7c52-3b0e-5a55-9a53-2f1c9e3d4b10")


def person_uid(owner_id: int, person_id: int, kind: str = "contact") -> str:
    """A stable opaque UID for (owner, person, kind)."""
    return str(uuid.uuid5(UID_NAMESPACE, f"tiekeeper:{owner_id}:{kind}:{person_id}"))


def escape_text(value: str) -> str:
    """RFC 2426 text escaping: backslash, comma, semicolon and newlines."""
    out = value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return out.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold one logical line into CRLF-ended physical lines of at most 75 octets.

    Cuts only between characters: a UTF-8 sequence is never split (readers that unfold on text,
    not bytes, would otherwise see mojibake). Continuation lines start with one space, which
    counts toward their 75 octets.
    """
    out: list[str] = []
    current: list[str] = []
    used = 0
    limit = MAX_OCTETS
    for ch in line:
        size = len(ch.encode("utf-8"))
        if used + size > limit:
            out.append("".join(current))
            current, used, limit = [" "], 1, MAX_OCTETS
        current.append(ch)
        used += size
    out.append("".join(current))
    return "".join(part + CRLF for part in out)


def split_name(name: str) -> tuple[str, str, str]:
    """(given, additional, family): first word, middle words, last word."""
    words = name.split()
    if len(words) == 1:
        return words[0], "", ""
    return words[0], " ".join(words[1:-1]), words[-1]


def bday(birthday: PartialDate) -> str:
    """The BDAY line.

    Year-less birthdays use Apple's `BDAY;X-APPLE-OMIT-YEAR=1604:1604-MM-DD`: vCard 3.0 has no
    year-less date (`--MM-DD` is vCard 4 and is rejected or mis-read by 3.0 readers), iOS/macOS
    write and read this form, and CardDAV servers (sabre/vobject, i.e. Nextcloud) and DAVx5 on
    Android use the same mapping when converting vCard 4 to 3.0. 1604 is a leap year, so Feb 29
    stays valid.
    """
    if birthday.year is None:
        year = NO_YEAR_SENTINEL
        return f"BDAY;X-APPLE-OMIT-YEAR={year}:{year}-{birthday.month:02d}-{birthday.day:02d}"
    return f"BDAY:{birthday.isoformat()}"


def adr(a: PostalAddress) -> str:
    """The ADR line of a structured address."""
    head = f"ADR;TYPE={escape_text(a.kind).replace(':', '')}" if a.kind else "ADR"
    return head + ":" + ";".join(escape_text(x or "") for x in a.parts())


def _generated(p: Person, card: KeptCard) -> list[str]:
    """The lines of what the person has that the kept card lines do not already say."""
    lines = [f"EMAIL;TYPE=INTERNET:{escape_text(e)}" for e in card.emails]
    lines += [f"TEL:{escape_text(t)}" for t in card.phones]
    if card.company:
        lines.append(f"ORG:{escape_text(card.company)}")
    if card.position:
        lines.append(f"TITLE:{escape_text(card.position)}")
    # URLs are URI values, not text: no escaping, but a line break would end the property.
    lines += ["URL:" + " ".join(u.split()) for u in card.urls]
    if card.birthday:
        lines.append(bday(card.birthday))
    if card.tags:
        lines.append("CATEGORIES:" + ",".join(escape_text(t) for t in card.tags))
    lines += [adr(a) for a in card.addresses]
    if p.location and not p.addresses and not card.has_adr:
        lines.append(f"ADR:;;;{escape_text(p.location)};;;")
    if card.notes:
        lines.append(f"NOTE:{escape_text(card.notes)}")
    return lines


def _card_lines(p: Person, owner_id: int) -> list[str]:
    assert p.id is not None
    card = KeptCard(p)
    lines = ["BEGIN:VCARD", "VERSION:3.0"]
    if not card.has_uid:
        lines.append(f"UID:urn:uuid:{person_uid(owner_id, p.id)}")
    lines.append(card.fn or f"FN:{escape_text(p.name)}")
    if card.n is not None:
        lines.append(card.n)
    else:
        given, middle, family = split_name(p.name)
        lines.append("N:" + ";".join(escape_text(x) for x in (family, given, middle, "", "")))
    lines += card.lines
    lines += _generated(p, card)
    lines.append("END:VCARD")
    return lines


def write_vcards(people: Iterable[Person], owner_id: int) -> bytes:
    """Every person as a vCard 3.0 card: UTF-8 without BOM, CRLF, folded at 75 octets."""
    text = "".join(fold(line) for p in people for line in _card_lines(p, owner_id))
    return text.encode("utf-8")
