"""A zip posing as a LinkedIn export (2 MB holding a 2 GiB Connections.csv) ran 88 s into a
MemoryError traceback. It is refused at once, with one line naming the file and the member."""

from __future__ import annotations

import io
import struct
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tiekeeper.cli.app import app
from tiekeeper.domain.errors import InvalidInput
from tiekeeper.interchange.zipped import ZipReader

GIB = 1024 * 1024 * 1024
HEADER = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def bomb(member: str = "Basic_LinkedInDataExport/Connections.csv", mib: int = 2048) -> bytes:
    """A real deflate stream of `mib` MiB of empty CSV fields, made in well under a second: one
    compressed 1 MiB block, byte-aligned by a full flush, repeated."""
    chunk = b"," * (1 << 20)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    stream = block * mib + c.flush(zlib.Z_FINISH)
    size = mib << 20
    name = member.encode()
    crc = 0  # never checked: the declared size is refused before anything is unpacked
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(stream),
                        size, len(name), 0) + name  # fmt: skip
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc,
                          len(stream), size, len(name), 0, 0, 0, 0, 0, 0) + name  # fmt: skip
    offset = len(local) + len(stream)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), offset, 0)
    return local + stream + central + end


def test_the_bomb_is_what_the_issue_describes() -> None:
    data = bomb()
    assert len(data) < 3 * 1024 * 1024
    info = zipfile.ZipFile(io.BytesIO(data)).infolist()[0]
    assert info.file_size == 2 * GIB


def test_import_refuses_the_bomb_in_a_moment_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "Basic_LinkedInDataExport_11-20-2026.zip"
    path.write_bytes(bomb())
    started = time.perf_counter()
    result = CliRunner().invoke(app, ["import", str(path)])
    elapsed = time.perf_counter() - started
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert lines == [
        f"error: {path}/Basic_LinkedInDataExport/Connections.csv: says it unpacks to "
        "2,048 MiB, more than the 512 MiB a contacts file can be; tiekeeper does not unpack it"
    ]
    assert elapsed < 2.0


def test_a_member_is_cut_off_as_it_streams_past_the_cap() -> None:
    # Declared sizes can lie; reading stops as soon as what comes out passes the cap.
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("Connections.csv", HEADER * 50_000)
    with ZipReader(buf.getvalue(), "x.zip", member_cap=10 * 1024 * 1024) as archive:
        archive.member_cap = 1024 * 1024  # the header said less than the cap when it was checked
        info = archive.files()[0]
        info.file_size = 1000  # and now says less still
        with pytest.raises(InvalidInput) as caught:
            archive.read(info)
    assert "damaged" in str(caught.value) or "unpacks to more than" in str(caught.value)


def test_the_total_of_all_members_is_capped_too() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("messages.csv", b"x" * 600_000)
        z.writestr("Connections.csv", b"y" * 600_000)
    with ZipReader(buf.getvalue(), "x.zip", total_cap=1_000_000) as archive:
        first, second = archive.files()
        archive.read(first)
        with pytest.raises(InvalidInput, match="unpacks to more than"):
            archive.read(second)


def test_a_real_export_zip_still_imports(tmp_path: Path) -> None:
    fixtures = Path(__file__).parents[1] / "fixtures" / "import" / "linkedin_export"
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for f in fixtures.iterdir():
            z.write(f, f"Basic_LinkedInDataExport/{f.name}")
    result = CliRunner().invoke(app, ["import", str(path), "--json"])
    assert result.exit_code == 0, result.output
