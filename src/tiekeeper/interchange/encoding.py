"""Bytes to text: BOM first, then strict UTF-8, then one deliberate fallback.

"Try codecs until nothing raises" picks the wrong one (a Shift_JIS file decodes without error
as UTF-16), so the order is fixed: a BOM decides; otherwise NUL bytes mean BOM-less UTF-16
(every other byte NUL) or binary junk; otherwise strict UTF-8, line by line for tables, so one
stray byte costs its own line and not the whole file; otherwise Shift_JIS only when it decodes
strictly *and* reads as Japanese (kana present, nearly every non-ASCII character Japanese);
otherwise cp1252.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class Decoded:
    """A decoded text file; `bad_lines` are the 1-based lines that were not valid in `encoding`
    (decoded with replacement characters so the table keeps its shape, never to be imported)."""

    text: str
    encoding: str
    bad_lines: frozenset[int] = frozenset()


def utf16_without_bom(data: bytes) -> str | None:
    """The UTF-16 codec of BOM-less text that is mostly ASCII (every other byte NUL), or None."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_nuls = sample[0 : pairs * 2 : 2].count(0)
    odd_nuls = sample[1 : pairs * 2 : 2].count(0)
    if odd_nuls >= 0.6 * pairs and even_nuls <= 0.05 * pairs:
        name = "utf-16-le"
    elif even_nuls >= 0.6 * pairs and odd_nuls <= 0.05 * pairs:
        name = "utf-16-be"
    else:
        return None
    try:
        data[: len(data) - len(data) % 2].decode(name)
    except UnicodeDecodeError:
        return None
    return name


def decode_table(data: bytes, *, file: str, fallback: str = "cp1252") -> Decoded:
    """Decode a text file; a few lines that are not UTF-8 in an otherwise UTF-8 file are
    reported in `bad_lines` instead of re-decoding the whole file in the fallback codec."""
    found = bom_encoding(data)
    if found is not None:
        return Decoded(decode_text(data, file=file, fallback=fallback), found[0])
    if b"\x00" in data:
        name = utf16_without_bom(data)
        if name is None:
            decode_text(data, file=file)  # raises: binary junk
            raise AssertionError("unreachable")
        return Decoded(data[: len(data) - len(data) % 2].decode(name), name)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    lines = data.splitlines(keepends=True)
    utf8_lines: list[str] = []
    bad: set[int] = set()
    multibyte = 0
    for number, raw in enumerate(lines, 1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            bad.add(number)
            line = raw.decode("utf-8", errors="replace")
        else:
            multibyte += not raw.isascii()
        utf8_lines.append(line)
    # Evidence of UTF-8 (valid multi-byte lines) outweighing the bad lines: a UTF-8 file with a
    # stray byte. Otherwise the file is in a legacy code page as a whole.
    if multibyte and multibyte >= len(bad):
        return Decoded("".join(utf8_lines), "utf-8", frozenset(bad))
    text = decode_fallback(data, fallback)
    return Decoded(text, "legacy")


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
