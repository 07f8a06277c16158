"""vCard bytes to logical lines: card splitting, byte-level unfolding, QP and CHARSET decoding.

Everything here works on bytes first because real files fold in the middle of UTF-8 sequences,
mix CRLF, LF and CR CR LF, use `=` soft line breaks, and give each property its own CHARSET.
"""

from __future__ import annotations

import quopri
from dataclasses import dataclass, field

from tiekeeper.interchange.encoding import bom_encoding, decode_value

BINARY = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
_BARE_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})


@dataclass(slots=True)
class Line:
    """One property with its value decoded to text (vCard escapes still in place)."""

    name: str
    value: str
    group: str | None = None
    params: dict[str, list[str]] = field(default_factory=dict)

    def param(self, key: str) -> str | None:
        values = self.params.get(key)
        return values[0] if values else None


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


def unfold(lines: list[bytes]) -> list[bytes]:
    """Logical lines: whitespace continuations joined, QP `=` soft breaks joined, junk dropped."""
    logical: list[bytes] = []
    qp_open = False
    for line in lines:
        if qp_open:
            logical[-1] = logical[-1][:-1] + line
        elif line[:1] in (b" ", b"\t") and logical:
            logical[-1] += line[1:]
        elif b":" in line:
            logical.append(line)
        else:
            continue  # blank line or unindented base64 left over from a PHOTO
        qp_open = logical[-1].endswith(b"=") and _is_qp(logical[-1])
    return logical


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


def parse_line(line: bytes) -> Line | None:
    """Decode one logical line; binary properties (photos, sounds, keys) give None."""
    split = _split_head(line)
    if split is None:
        return None
    head, value = split
    items = _split_params(head)
    full_name = items[0].decode("utf-8", errors="replace").strip()
    group, _, name = full_name.rpartition(".")
    name = name.upper()
    if name in BINARY or not name:
        return None
    params = _params(items[1:])
    encoding = (params.pop("ENCODING", [""])[0] or "").upper()
    if encoding in ("B", "BASE64"):
        return None
    charset = params.pop("CHARSET", [None])[0]
    if encoding == "QUOTED-PRINTABLE":
        decoded = decode_value(quopri.decodestring(value), charset)
        text = decoded.replace("\\", "\\\\").replace("\r\n", "\\n").replace("\n", "\\n")
        if name in ("N", "ADR", "ORG"):
            text = text.replace("\\\\;", "\\;")
    else:
        text = decode_value(value, charset)
    return Line(name=name, value=text, group=group.lower() or None, params=params)


def card_lines(physical: list[bytes]) -> list[Line]:
    return [line for line in map(parse_line, unfold(physical)) if line is not None]


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
