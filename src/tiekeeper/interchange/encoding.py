"""Bytes to text: BOM first, then strict UTF-8, then one deliberate fallback.

"Try codecs until nothing raises" picks the wrong one (a Shift_JIS file decodes without error
as UTF-16), so the order is fixed: a BOM decides; otherwise NUL bytes mean binary junk;
otherwise strict UTF-8; otherwise Shift_JIS only when it decodes strictly *and* reads as
Japanese (kana present, nearly every non-ASCII character Japanese); otherwise cp1252.
"""

from __future__ import annotations

import codecs

from tiekeeper.domain.errors import InvalidInput

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The codec named by a leading byte-order mark and the mark's length."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def _is_japanese(chars: str) -> bool:
    kana = 0
    japanese = 0
    other = 0
    for ch in chars:
        code = ord(ch)
        if code < 0x80:
            continue
        if 0x3040 <= code <= 0x30FF:
            kana += 1
            japanese += 1
        elif 0x4E00 <= code <= 0x9FFF or 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF:
            japanese += 1
        else:
            other += 1
    return kana > 0 and japanese >= 9 * other


def decode_fallback(data: bytes, fallback: str = "cp1252") -> str:
    """Decode bytes that are not UTF-8: Shift_JIS if it plainly is Japanese, else `fallback`."""
    try:
        text = data.decode("cp932")
    except UnicodeDecodeError:
        pass
    else:
        if _is_japanese(text):
            return text
    try:
        return data.decode(fallback)
    except (UnicodeDecodeError, LookupError):
        return data.decode("latin-1")


def decode_text(data: bytes, *, file: str, fallback: str = "cp1252") -> str:
    """Decode a whole text file; binary junk raises InvalidInput naming the file."""
    found = bom_encoding(data)
    if found is not None:
        name, size = found
        try:
            return data[size:].decode(name)
        except UnicodeDecodeError as exc:
            raise InvalidInput(
                f"the file starts with a {name} byte-order mark but is not valid {name} "
                f"(byte {exc.start + size})",
                file=file,
            ) from exc
    if b"\x00" in data:
        raise InvalidInput("this is a binary file, not text (it contains NUL bytes)", file=file)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return decode_fallback(data, fallback)


def decode_value(data: bytes, charset: str | None) -> str:
    """Decode one vCard value: its CHARSET if it names a known codec, else UTF-8, else fallback."""
    if charset:
        try:
            return data.decode(charset)
        except LookupError:
            pass
        except UnicodeDecodeError:
            return data.decode(charset, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return decode_fallback(data)
