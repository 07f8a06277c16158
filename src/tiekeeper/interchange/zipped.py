"""Reading members of a zip archive without trusting what it says about itself.

A 2 MB file can hold a 2 GiB CSV (a "zip bomb", by accident or not); unpacking it whole ran for
88 s into a MemoryError. Every member is refused when its declared size passes the cap, and read
in chunks that stop as soon as what actually comes out passes it (a header can lie).
"""

from __future__ import annotations

import io
import zipfile
import zlib

from tiekeeper.domain.errors import InvalidInput

# Far above any real export: LinkedIn's largest file (messages.csv) runs to tens of megabytes.
MEMBER_CAP = 512 * 1024 * 1024
TOTAL_CAP = 1024 * 1024 * 1024
_CHUNK = 1024 * 1024


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):,.0f} MiB"


class ZipReader:
    """The archive in `data`, opened for capped reads; errors name `file` and the member."""

    def __init__(
        self, data: bytes, file: str, member_cap: int = MEMBER_CAP, total_cap: int = TOTAL_CAP
    ) -> None:
        self.file = file
        self.member_cap = member_cap
        self.total_cap = total_cap
        self.read_so_far = 0
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, EOFError, OSError) as exc:
            raise damaged(exc, file) from exc

    def __enter__(self) -> ZipReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.archive.close()

    def files(self) -> list[zipfile.ZipInfo]:
        """The members that are files (not folders), in the archive's order."""
        return [i for i in self.archive.infolist() if not i.is_dir()]

    def read(self, info: zipfile.ZipInfo) -> bytes:
        """One member's bytes, refused past the caps (declared or as they come out)."""
        where = f"{self.file}/{info.filename}"
        if info.file_size > self.member_cap:
            raise self._too_big(where, info.file_size, "says it unpacks to")
        out = bytearray()
        try:
            with self.archive.open(info) as member:
                while chunk := member.read(_CHUNK):
                    out += chunk
                    if len(out) > self.member_cap:
                        raise self._too_big(where, len(out), "unpacks to more than")
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError) as exc:
            raise damaged(exc, self.file) from exc
        except NotImplementedError as exc:
            raise InvalidInput(f"the zip file cannot be unpacked ({exc})", file=self.file) from exc
        self.read_so_far += len(out)
        if self.read_so_far > self.total_cap:
            raise InvalidInput(
                f"the zip unpacks to more than {_mib(self.total_cap)}; "
                "tiekeeper does not unpack it (unpack it yourself and import the folder)",
                file=self.file,
            )
        return bytes(out)

    def _too_big(self, where: str, size: int, verb: str) -> InvalidInput:
        return InvalidInput(
            f"{verb} {_mib(size)}, more than the {_mib(self.member_cap)} a contacts file can "
            "be; tiekeeper does not unpack it",
            file=where,
        )


def damaged(exc: BaseException, file: str) -> InvalidInput:
    """The one message for an archive that cannot be read."""
    return InvalidInput(f"the zip file is damaged or truncated ({exc})", file=file)
