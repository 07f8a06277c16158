"""Uploaded import files: read with a size cap (a request past it is cut off while it streams,
not after it was spooled to disk), kept in a private temporary folder between the dry run and
the import, and tied to the account that sent them.

They are kept for an hour at most, and at most a few per account: an upload nobody imports is
not kept forever."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import shutil
import tempfile
import time
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Final

from fastapi import Request, UploadFile
from fastapi.responses import Response
from fastapi.routing import APIRoute
from starlette.types import Message

from tiekeeper.domain.errors import InvalidInput, NotFound, PermissionDenied

MAX_UPLOAD: Final = 64 * 1024 * 1024  # a LinkedIn export of 30,000 connections is about 1 MB
KEEP_SECONDS: Final = 3600
PER_ACCOUNT: Final = 5
# A running import touches its marker every HEARTBEAT seconds; one silent for STALLED_AFTER died
# with its process (its one transaction rolled back) and may be started again.
HEARTBEAT: Final = 5.0
STALLED_AFTER: Final = 60.0
_CHUNK: Final = 1024 * 1024


def upload_limit(request: Request) -> int:
    """The cap in bytes (tests lower it through app.state.upload_limit)."""
    limit: int = getattr(request.app.state, "upload_limit", MAX_UPLOAD)
    return limit


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):g} MB"
    return f"{n / 1024:g} KB" if n >= 1024 else f"{n} bytes"


def too_large_message(limit: int) -> str:
    """Why an upload was refused, and the way that has no cap."""
    return (
        f"the file is larger than {_size(limit)}, the most an upload may be; "
        "for a bigger export, use `tiekeeper import FILE` on the computer that holds it"
    )


class _Counted:
    """The request's body, counted as it arrives: past the cap, reading stops with an error."""

    def __init__(self, receive: Callable[[], Awaitable[Message]], limit: int) -> None:
        self._receive = receive
        self.limit = limit
        self.total = 0
        self.exceeded = False

    async def __call__(self) -> Message:
        message = await self._receive()
        if message["type"] == "http.request":
            self.total += len(message.get("body", b""))
            if self.total > self.limit:
                self.exceeded = True
                raise InvalidInput(too_large_message(self.limit), field="file")
        return message


TooLarge = Callable[[Request, int], Response]


def bounded_route(too_large: TooLarge) -> type[APIRoute]:
    """A route class whose requests may carry at most `upload_limit` bytes; a bigger one (by
    its Content-Length, or counted while it streams in) gets `too_large(request, limit)`."""

    class BoundedRoute(APIRoute):
        def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
            handler = super().get_route_handler()

            async def bounded(request: Request) -> Response:
                limit = upload_limit(request)
                declared = request.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > limit:
                    return too_large(request, limit)
                counted = _Counted(request.receive, limit)
                try:
                    return await handler(Request(request.scope, counted))
                except Exception:
                    if counted.exceeded:  # FastAPI turns a failed body read into its own 400
                        return too_large(request, limit)
                    raise

            return bounded

    return BoundedRoute


@dataclass
class Upload:
    """One uploaded file between its dry run and its import."""

    id: str
    owner_id: int
    name: str  # as the user's computer called it
    format: str
    path: Path
    made: float
    dry_run: dict[str, Any] = field(default_factory=dict)
    result: dict[str, Any] | None = None  # once imported
    progress: dict[str, Any] | None = None  # while importing: phase, done, total
    error: str | None = None  # the import was refused: why

    @property
    def finished(self) -> bool:
        return self.result is not None or self.error is not None


def safe_name(name: str | None) -> str:
    """The file's own name without folders or odd characters; its ending (which says its
    format) kept."""
    base = re.split(r"[\\/]", name or "")[-1]
    clean = re.sub(r"[^\w.\- ]", "_", base).strip(" .")[-120:]
    return clean or "upload"


_ID = re.compile(r"[A-Za-z0-9_-]{22}")
_META = "upload.json"


class Uploads:
    """The uploads of one database, by id (a random token), each readable by its owner only.

    They are folders under the machine's temporary directory, one per upload with the file and
    a small JSON of what is known about it: every worker process of `serve --workers` sees the
    same ones, so the import may run on another worker than its dry run."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _folder(self, upload_id: str) -> Path:
        return self.root / upload_id

    def save(self, owner_id: int, file: UploadFile, format: str) -> Upload:
        """Copy the uploaded file into a folder of its own (so its name says its format)."""
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        if self.root.stat().st_uid != os.getuid() or self.root.stat().st_mode & 0o077:
            # someone else's folder of that name would see the uploads
            raise PermissionDenied(f"{self.root} is not this user's private folder; remove it")
        self._expire(time.time())
        mine = sorted((u for u in self._all() if u.owner_id == owner_id), key=lambda u: u.made)
        for old in mine[: max(0, len(mine) - PER_ACCOUNT + 1)]:
            self._drop(old.id)
        uid = secrets.token_urlsafe(16)
        folder = self._folder(uid)
        folder.mkdir(mode=0o700)
        name = safe_name(file.filename)
        with (folder / name).open("wb") as out:
            shutil.copyfileobj(file.file, out, _CHUNK)
        upload = Upload(uid, owner_id, name, format, folder / name, time.time())
        self.write(upload)
        return upload

    def write(self, upload: Upload) -> None:
        """Keep what is known about an upload (its dry run, its result)."""
        meta = {k: v for k, v in asdict(upload).items() if k not in ("id", "path")}
        folder = self._folder(upload.id)
        part = folder / f".{_META}.{secrets.token_hex(4)}"
        part.write_text(json.dumps(meta), encoding="utf-8")
        os.replace(part, folder / _META)  # a reader sees the old or the new, never half

    def get(self, owner_id: int, upload_id: str) -> Upload:
        """The owner's upload; another account's, an unknown or an expired one is NotFound."""
        found = self._read(upload_id) if _ID.fullmatch(upload_id) else None
        if found is None or found.owner_id != owner_id or time.time() - found.made > KEEP_SECONDS:
            raise NotFound("no such upload: it was imported long ago or expired; upload it again")
        return found

    def claim(self, upload: Upload) -> bool:
        """Whether this request may import the file (False: another one is already at it). An
        import that stalled (its process died) is taken over: it wrote nothing."""
        marker = self._marker(upload)
        try:
            os.close(os.open(marker, os.O_CREAT | os.O_EXCL))
        except FileExistsError:
            if not self.stalled(upload):
                return False
            dead = marker.with_name(f".stalled-{secrets.token_hex(4)}")
            try:  # of two requests taking it over, the one whose rename works goes on
                os.rename(marker, dead)
            except FileNotFoundError:
                return False
            dead.unlink()
            return self.claim(upload)
        return True

    def beat(self, upload: Upload) -> None:
        """The import of this upload is still running (see `stalled`)."""
        with contextlib.suppress(FileNotFoundError):
            os.utime(self._marker(upload))

    def _marker(self, upload: Upload) -> Path:
        """Present from the moment an import of the upload starts (see `claim`)."""
        return self._folder(upload.id) / ".importing"

    def _marker_age(self, upload: Upload) -> float | None:
        try:
            return time.time() - self._marker(upload).stat().st_mtime
        except FileNotFoundError:
            return None

    def stalled(self, upload: Upload) -> bool:
        """Whether an import was started and its process stopped beating (a restart, a killed
        worker) before it finished: its transaction was rolled back, nothing was written."""
        age = self._marker_age(upload)
        return not upload.finished and age is not None and age > STALLED_AFTER

    def importing(self, upload: Upload) -> bool:
        """Whether an import of this upload was started, is running and has not finished."""
        age = self._marker_age(upload)
        return not upload.finished and age is not None and age <= STALLED_AFTER

    def done(self, upload: Upload) -> None:
        """The file was imported (or refused): it goes; what is known stays until expiry."""
        upload.path.unlink(missing_ok=True)

    def _read(self, upload_id: str) -> Upload | None:
        folder = self._folder(upload_id)
        try:
            meta = json.loads((folder / _META).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return Upload(upload_id, int(meta["owner_id"]), meta["name"], meta["format"],
                      folder / meta["name"], float(meta["made"]), meta["dry_run"],
                      meta["result"], meta.get("progress"), meta.get("error"))  # fmt: skip

    def _all(self) -> list[Upload]:
        found = (self._read(d.name) for d in self.root.iterdir() if _ID.fullmatch(d.name))
        return [u for u in found if u is not None]

    def _expire(self, now: float) -> None:
        for folder in self.root.iterdir():
            try:
                old = now - folder.stat().st_mtime > KEEP_SECONDS
            except OSError:
                continue
            if old:
                self._drop(folder.name)

    def _drop(self, upload_id: str) -> None:
        shutil.rmtree(self._folder(upload_id), ignore_errors=True)


def uploads_of(request: Request) -> Uploads:
    """The uploads of this app's database (one folder per database and user of the machine)."""
    found: Uploads | None = getattr(request.app.state, "import_uploads", None)
    if found is None:
        engine = request.app.state.store.engine
        key = hashlib.sha256(engine.url.render_as_string(hide_password=False).encode())
        folder = f"tiekeeper-uploads-{os.getuid()}-{key.hexdigest()[:16]}"
        found = Uploads(Path(tempfile.gettempdir()) / folder)
        request.app.state.import_uploads = found
    return found
