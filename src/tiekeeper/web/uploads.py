"""Uploaded import files: read with a size cap (a request past it is cut off while it streams,
not after it was spooled to disk), kept in a private temporary folder between the dry run and
the import, and tied to the account that sent them.

The files live in this process (one server process; `tiekeeper serve` runs one) for an hour at
most, and at most a few per account: an upload nobody imports is not kept forever."""

from __future__ import annotations

import re
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from fastapi import Request, UploadFile
from fastapi.responses import Response
from fastapi.routing import APIRoute
from starlette.types import Message

from tiekeeper.domain.errors import InvalidInput, NotFound

MAX_UPLOAD: Final = 64 * 1024 * 1024  # a LinkedIn export of 30,000 connections is about 1 MB
KEEP_SECONDS: Final = 3600
PER_ACCOUNT: Final = 5
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
    created: list[tuple[int, str]] = field(default_factory=list)


def safe_name(name: str | None) -> str:
    """The file's own name without folders or odd characters; its ending (which says its
    format) kept."""
    base = re.split(r"[\\/]", name or "")[-1]
    clean = re.sub(r"[^\w.\- ]", "_", base).strip(" .")[-120:]
    return clean or "upload"


class Uploads:
    """The uploads of one app, by id (a random token), each readable by its owner only."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: dict[str, Upload] = {}
        self._root: Path | None = None

    def _folder(self) -> Path:
        if self._root is None or not self._root.exists():
            self._root = Path(tempfile.mkdtemp(prefix="tiekeeper-uploads-"))
        return self._root

    def save(self, owner_id: int, file: UploadFile, format: str) -> Upload:
        """Copy the uploaded file into a folder of its own (so its name says its format)."""
        with self._lock:
            self._expire(time.monotonic())
            mine = sorted((u for u in self._items.values() if u.owner_id == owner_id),
                          key=lambda u: u.made)  # fmt: skip
            for old in mine[: max(0, len(mine) - PER_ACCOUNT + 1)]:
                self._drop(old)
            uid = secrets.token_urlsafe(16)
            folder = self._folder() / uid
        folder.mkdir(mode=0o700)
        path = folder / safe_name(file.filename)
        with path.open("wb") as out:
            shutil.copyfileobj(file.file, out, _CHUNK)
        upload = Upload(uid, owner_id, safe_name(file.filename), format, path, time.monotonic())
        with self._lock:
            self._items[uid] = upload
        return upload

    def get(self, owner_id: int, upload_id: str) -> Upload:
        """The owner's upload; another account's, an unknown or an expired one is NotFound."""
        with self._lock:
            self._expire(time.monotonic())
            found = self._items.get(upload_id)
        if found is None or found.owner_id != owner_id:
            raise NotFound("no such upload: it was imported long ago or expired; upload it again")
        return found

    def done(self, upload: Upload) -> None:
        """The file was imported: it goes, the result stays (for the result page) until expiry."""
        shutil.rmtree(upload.path.parent, ignore_errors=True)

    def shown(self, upload: Upload, text: str) -> str:
        """A message about the file with the server's folder taken out."""
        return text.replace(str(upload.path.parent) + "/", "")

    def _expire(self, now: float) -> None:
        for old in [u for u in self._items.values() if now - u.made > KEEP_SECONDS]:
            self._drop(old)

    def _drop(self, upload: Upload) -> None:
        self._items.pop(upload.id, None)
        shutil.rmtree(upload.path.parent, ignore_errors=True)


def uploads_of(request: Request) -> Uploads:
    """The app's uploads (made on first use)."""
    state = request.app.state
    with _STATE_LOCK:
        found: Uploads | None = getattr(state, "import_uploads", None)
        if found is None:
            found = Uploads()
            state.import_uploads = found
    return found


_STATE_LOCK = threading.Lock()
