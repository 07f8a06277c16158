"""vCard bytes to logical lines: card splitting, byte-level unfolding, QP and CHARSET decoding.

Everything here works on bytes first because real files fold in the middle of UTF-8 sequences,
mix CRLF, LF and CR CR LF, use `=` soft line breaks, and give each property its own CHARSET.
"""

from __future__ import annotations

import quopri
from dataclasses import dataclass, field

from tiekeeper.interchange.encoding import bom_encoding, decode_value

_BARE_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})


@dataclass(slots=True)
class Line:
    """One property with its value decoded to text (vCard escapes still in place).

    `raw` is the line as it is kept and written back: the unfolded line itself, or, when it was
    quoted-printable or in a CHARSET other than UTF-8, the same property re-written as UTF-8 text
    (an export is UTF-8, so the old encoding parameters would be wrong there)."""

    name: str
    value: str
    group: str | None = None
    params: dict[str, list[str]] = field(default_factory=dict)
    raw: str = ""
    binary: bool = False

    def param(self, key: str) -> str | None:
        values = self.params.get(key)
        return values[0] if values else None


@dataclass(slots=True)
class CardText:
    """A card's content lines, and the lines that are not content lines (reported, not lost)."""

    lines: list[Line]
    unreadable: list[str]


def normalize_newlines(data: bytes) -> bytes:
    found = bom_encoding(data)
    if found is not None:
        name, size = found
        data = data[size:].decode(name, errors="replace").encode("utf-8")
    return data.replace(b"\r\r\n", b"\n").replace(b"\r\n", b"\n").replace(b"\r", b"\n")


def split_cards(data: bytes) -> list[list[bytes]]:
    """Physical lines of each BEGIN:VCARD..END:VCARD block (an unterminated last card counts)."""
    cards: list[list[bytes]] = []
    current: list[bytes] | None = None
    for raw in normalize_newlines(data).split(b"\n"):
        marker = raw.strip().upper()
        if marker == b"BEGIN:VCARD":
            current = []
            cards.append(current)
        elif marker == b"END:VCARD":
            current = None
        elif current is not None:
            current.append(raw)
    return cards


def _split_head(line: bytes) -> tuple[bytes, bytes] | None:
    colon = line.find(b":")
    if colon < 0:
        return None
    quote = line.find(b'"', 0, colon)
    if quote < 0:
        return line[:colon], line[colon + 1 :]
    inside = False
    for i, ch in enumerate(line):
        if ch == 0x22:
            inside = not inside
        elif ch == 0x3A and not inside:
            return line[:i], line[i + 1 :]
    return line[:colon], line[colon + 1 :]


def _is_qp(line: bytes) -> bool:
    head = _split_head(line)
    return head is not None and b"QUOTED-PRINTABLE" in head[0].upper()


def _is_base64(line: bytes) -> bool:
    head = _split_head(line)
    if head is None:
        return False
    upper = head[0].upper()
    return b"BASE64" in upper or b"ENCODING=B" in upper


def unfold(lines: list[bytes]) -> tuple[list[bytes], list[bytes]]:
    """Logical lines, and the physical lines that belong to no property.

    Folding comes first and may cut anywhere, even inside the name or the parameters (RFC 6350
    3.2, RFC 2425 5.8.1): a line starting with a space or tab continues the previous one, and a
    quoted-printable line ending in `=` continues on the next (vCard 2.1). Only then is a line
    read; one without a colon after a base64 value is more of that value (2.1 writers that do not
    indent it), any other is returned as unreadable, never glued onto a neighbour."""
    logical: list[bytes] = []
    qp_open = False
    for line in lines:
        if qp_open:
            logical[-1] = logical[-1][:-1] + line
        elif line[:1] in (b" ", b"\t") and logical:
            logical[-1] += line[1:]
        elif line.strip():
            logical.append(line)
        else:
            continue  # a blank line (the end of a 2.1 base64 value) carries nothing
        qp_open = logical[-1].endswith(b"=") and _is_qp(logical[-1])
    out: list[bytes] = []
    unreadable: list[bytes] = []
    for line in logical:
        if b":" in line:
            out.append(line)
        elif out and _is_base64(out[-1]):
            out[-1] += line.strip()
        else:
            unreadable.append(line)
    return out, unreadable


def _params(items: list[bytes]) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for raw in items:
        item = raw.decode("utf-8", errors="replace").strip()
        if not item:
            continue
        if "=" in item:
            key, _, value = item.partition("=")
            if value.startswith('"') and value.endswith('"') and len(value) >= 2:
                values = [value[1:-1]]
            else:
                values = [v.strip('"') for v in value.split(",")]
            params.setdefault(key.strip().upper(), []).extend(values)
        elif item.upper() in _BARE_ENCODINGS:
            params.setdefault("ENCODING", []).append(item.upper())
        else:
            params.setdefault("TYPE", []).append(item)
    return params


def _split_params(head: bytes) -> list[bytes]:
    if b'"' not in head:
        return head.split(b";")
    parts: list[bytes] = []
    start, inside = 0, False
    for i, ch in enumerate(head):
        if ch == 0x22:
            inside = not inside
        elif ch == 0x3B and not inside:
            parts.append(head[start:i])
            start = i + 1
    parts.append(head[start:])
    return parts


def head_text(group: str | None, name: str, params: dict[str, list[str]]) -> str:
    """`group.NAME;KEY=v1,v2` as written in a 3.0/4.0 card (values with : ; , quoted)."""
    head = f"{group}.{name}" if group else name
    for key, values in params.items():
        rendered = ",".join(f'"{v}"' if any(c in v for c in ':;,"') else v for v in values)
        head += f";{key}={rendered}"
    return head


def parse_line(line: bytes) -> Line | None:
    """Decode one logical line; None when it has no property name. Base64 values (photos,
    sounds, keys) are not decoded: they come back with `binary` set and their raw line only.
    (A 2.1 `SOUND;X-IRMC-N;CHARSET=SHIFT_JIS:` is a phonetic name in text, so the encoding
    decides, not the name.)"""
    split = _split_head(line)
    if split is None:
        return None
    head, value = split
    items = _split_params(head)
    full_name = items[0].decode("utf-8", errors="replace").strip()
    group_text, _, name = full_name.rpartition(".")
    name = name.upper()
    group = group_text.lower() or None
    if not name:
        return None
    params = _params(items[1:])
    encoding = (params.get("ENCODING", [""])[0] or "").upper()
    if encoding in ("B", "BASE64"):
        raw = line.decode("utf-8", errors="replace")
        return Line(name=name, value="", group=group, params=params, raw=raw, binary=True)
    params.pop("ENCODING", None)
    charset = params.pop("CHARSET", [None])[0]
    if encoding == "QUOTED-PRINTABLE":
        decoded = decode_value(quopri.decodestring(value), charset)
        text = decoded.replace("\\", "\\\\").replace("\r\n", "\\n").replace("\n", "\\n")
        if name in ("N", "ADR", "ORG"):
            text = text.replace("\\\\;", "\\;")
    else:
        text = decode_value(value, charset)
    if encoding == "QUOTED-PRINTABLE" or (charset and charset.upper() not in ("UTF-8", "UTF8")):
        raw = f"{head_text(group, name, params)}:{text}"
    else:
        raw = f"{head.decode('utf-8', errors='replace')}:{text}"
    return Line(name=name, value=text, group=group, params=params, raw=raw)


def card_lines(physical: list[bytes]) -> CardText:
    """The content lines of one card, plus the lines that could not be read as one."""
    logical, junk = unfold(physical)
    lines: list[Line] = []
    unreadable = [x.decode("utf-8", errors="replace") for x in junk]
    for raw in logical:
        line = parse_line(raw)
        if line is None:
            unreadable.append(raw.decode("utf-8", errors="replace"))
        else:
            lines.append(line)
    return CardText(lines, unreadable)


def unescape(text: str) -> str:
    """vCard text unescaping: \\n \\, \\; \\: \\\\ (the `\\:` is Apple's and Google's)."""
    if "\\" not in text:
        return text
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def split_escaped(text: str, sep: str) -> list[str]:
    """Split on `sep` not preceded by a backslash, then unescape each part."""
    parts: list[str] = []
    start, i = 0, 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == sep:
            parts.append(text[start:i])
            start = i + 1
        i += 1
    parts.append(text[start:])
    return [unescape(p) for p in parts]
