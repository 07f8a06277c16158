"""A request that met SQLite's write lock is answered again rather than refused at once.

Two server processes (or two threads of one) writing the same SQLite file take turns at its
one write lock. SQLite's busy handler waits for it up to the busy timeout (5 s), and a writer
that holds it longer (an import, a restore, a long write of another process) outlasts that:
"database is locked". The request's transaction then rolled back and nothing was written, so
the whole request can simply run again. (PostgreSQL's deadlocks and serialization failures
end the same way: web/errors.py makes them Busy too.)

`BusyRetry` runs the app again, with the same body, while the answer is the Busy 503 that
web/errors.py gives, the request has committed nothing yet (a request that committed a first
transaction and then met the lock is never replayed: that could write twice), and the bound
has not passed. Past it the client gets the 503 (with `Retry-After`) in the error envelope;
a request answered 2xx was committed, so nothing acknowledged is lost."""

from __future__ import annotations

import asyncio
import time
from contextvars import ContextVar
from typing import Any, Final

from sqlalchemy import Engine, event
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# How long a request keeps trying (seconds, from its arrival) and the pause between tries;
# module attributes so tests can shorten them.
RETRY_SECONDS = 10.0
PAUSE_SECONDS = 0.05
# A body is kept for a replay only up to this size: API and form bodies are small; a big
# upload (an import) is not replayed, it takes the write lock before its work (write_lock.py).
MAX_REPLAY_BODY: Final = 1 << 20
SCOPE_KEY: Final = "tiekeeper.busy"


class Attempt:
    """What one run of a request did: met the lock, committed something."""

    def __init__(self) -> None:
        self.busy = False
        self.committed = False


_current: ContextVar[Attempt | None] = ContextVar("tiekeeper_busy_attempt", default=None)


def mark_busy(scope: Scope) -> None:
    """Called by the Busy error handler: this run's answer may be retried."""
    attempt = scope.get(SCOPE_KEY)
    if isinstance(attempt, Attempt):
        attempt.busy = True


def watch_commits(engine: Engine) -> None:
    """Note every commit on `engine` in the running request's Attempt (sync routes run in a
    worker thread with a copy of the request's context: the Attempt object is shared)."""
    if event.contains(engine, "commit", _on_commit):
        return
    event.listen(engine, "commit", _on_commit)


def _on_commit(_conn: Any) -> None:
    attempt = _current.get()
    if attempt is not None:
        attempt.committed = True


class BusyRetry:
    """ASGI middleware: see the module's docstring."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        deadline = time.monotonic() + RETRY_SECONDS
        body = await _read_body(scope, receive)
        while True:
            attempt = Attempt()
            replay = _replay(body, receive) if body is not None else receive
            held: list[Message] = []

            async def hold_busy(message: Message, held: list[Message] = held) -> None:
                # A 503 stays here until we know whether it is the lock's and will be retried.
                start = message["type"] == "http.response.start"
                if held or (start and message["status"] == 503):
                    held.append(message)
                    return
                await send(message)

            token = _current.set(attempt)
            try:
                await self.app({**scope, SCOPE_KEY: attempt}, replay, hold_busy)
            finally:
                _current.reset(token)
            retry = (
                attempt.busy
                and not attempt.committed
                and body is not None
                and time.monotonic() + PAUSE_SECONDS < deadline
            )
            if not retry:
                for message in held:
                    await send(message)
                return
            await asyncio.sleep(PAUSE_SECONDS)


async def _read_body(scope: Scope, receive: Receive) -> bytes | None:
    """The whole request body when it is small enough to replay, else None (and the body is
    left unread for the app). Only a declared length is trusted: a chunked body is not kept.
    Even an empty body comes as one message, read here so the app is not given it twice."""
    headers = dict(scope.get("headers") or [])
    length = headers.get(b"content-length", b"0")  # no length and no chunks: an empty body
    if b"transfer-encoding" in headers:
        return None
    try:
        size = int(length)
    except ValueError:
        return None
    if size > MAX_REPLAY_BODY:
        return None
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":  # the client went away
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive that gives `body` once, then waits on the real one (for a disconnect)."""
    sent = False

    async def again() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return again
