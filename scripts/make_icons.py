"""Draw the web app's icons (two linked rings on the accent colour) as PNG files into
src/tiekeeper/web/static/: no image library, so the project needs none. Run once after a change:
`python scripts/make_icons.py`."""

from __future__ import annotations

import math
import struct
import zlib
from pathlib import Path

STATIC = Path(__file__).resolve().parents[1] / "src" / "tiekeeper" / "web" / "static"
ACCENT = (0x2F, 0x6F, 0x5E)  # --accent of style.css
INK = (0xFF, 0xFF, 0xFF)
SAMPLES = 3  # per axis: anti-aliased edges


def coverage(x: float, y: float, safe: float) -> float:
    """How much of the ring pair covers point (x, y) of the unit square (0..1)."""
    scale = safe  # maskable icons keep their drawing inside the middle 80 %
    cx, cy = (x - 0.5) / scale, (y - 0.5) / scale
    r, w = 0.2, 0.055
    for ox in (-0.12, 0.12):
        if abs(math.hypot(cx - ox, cy) - r) < w:
            return 1.0
    return 0.0


def draw(size: int, safe: float) -> bytes:
    rows = []
    for py in range(size):
        row = bytearray([0])  # filter: none
        for px in range(size):
            hit = 0.0
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    hit += coverage((px + (sx + 0.5) / SAMPLES) / size,
                                    (py + (sy + 0.5) / SAMPLES) / size, safe)  # fmt: skip
            a = hit / SAMPLES**2
            row += bytes(round(ACCENT[i] * (1 - a) + INK[i] * a) for i in range(3))
        rows.append(bytes(row))
    return png(size, b"".join(rows))


def png(size: int, raw: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))  # fmt: skip


def main() -> None:
    for name, size, safe in (("icon-192.png", 192, 1.0), ("icon-512.png", 512, 1.0),
                             ("icon-maskable-512.png", 512, 0.8),
                             ("apple-touch-icon.png", 180, 0.9)):  # fmt: skip
        (STATIC / name).write_bytes(draw(size, safe))
        print(STATIC / name)


if __name__ == "__main__":
    main()
