"""Clear refusals for DAV clients: Radicale answers any ValueError from a storage plugin with a
bare "400 Bad Request" (a DELETE's with a 500), so the plugin records why it refused here, and
the mount's wrapper (dav/mount.py) answers with that status and message instead.

Radicale handles a request in one thread from start to end (a2wsgi runs each WSGI call in a
worker thread), so a thread-local carries the refusal from the plugin to the wrapper."""

from __future__ import annotations

import threading
from http import HTTPStatus

from tiekeeper.domain.errors import Conflict, NotFound, PermissionDenied, TiekeeperError

_last = threading.local()


class Refused(ValueError):
    """Raised inside Radicale; what the client gets is `status` and `message`."""

    def __init__(self, status: int, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry_after = retry_after  # seconds, for a 429
        _last.refused = self


def refuse(exc: TiekeeperError) -> Refused:
    """The refusal for a service's error: 403 not allowed, 404 unknown, 409 clash, else 400."""
    status = (
        HTTPStatus.FORBIDDEN
        if isinstance(exc, PermissionDenied)
        else HTTPStatus.NOT_FOUND
        if isinstance(exc, NotFound)
        else HTTPStatus.CONFLICT
        if isinstance(exc, Conflict)
        else HTTPStatus.BAD_REQUEST
    )
    return Refused(int(status), str(exc))


def clear() -> None:
    _last.refused = None


def take() -> Refused | None:
    """The refusal recorded by this thread's request, if any (and forget it)."""
    found: Refused | None = getattr(_last, "refused", None)
    _last.refused = None
    return found
