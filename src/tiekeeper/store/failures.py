"""Database errors a user can do something about, as the exception tree's errors: a locked
SQLite file (another tiekeeper is writing), a database that cannot be reached or opened, and a
number too large for its column (an id past 2**63 typed at a door that does not bound it)."""

from __future__ import annotations

from sqlalchemy.exc import DatabaseError, DataError, OperationalError

from tiekeeper.domain.errors import Busy, InvalidInput, SetupError, TiekeeperError
from tiekeeper.domain.limits import MAX_ID

BUSY_MESSAGE = "another tiekeeper is writing; try again"
_LOCKED = ("database is locked", "database table is locked", "database schema is locked")


def is_locked(exc: BaseException) -> bool:
    """True for SQLite's "database is locked" (the busy timeout ran out)."""
    return isinstance(exc, OperationalError) and any(m in str(exc.orig) for m in _LOCKED)


def is_out_of_range(exc: BaseException) -> bool:
    """A number past what the column holds: PostgreSQL refuses one past its integer (2**31-1
    for counts, 2**63-1 for ids), SQLite's driver one past 2**63-1 (it cannot even bind it)."""
    if isinstance(exc, OverflowError):
        return "SQLite INTEGER" in str(exc)
    return isinstance(exc, DataError) and "out of range" in str(exc.orig)


def _first_line(exc: DatabaseError) -> str:
    text = str(exc.orig).strip() or type(exc.orig).__name__
    return text.splitlines()[0].strip().removeprefix("connection failed: ")


def user_error(exc: BaseException, where: str | None = None) -> TiekeeperError | None:
    """The user-facing error for a database failure, else None (a bug: let it show).

    `where` names the database (a URL without its password) for errors met while opening it."""
    if is_locked(exc):
        return Busy(BUSY_MESSAGE)
    if is_out_of_range(exc):
        # Both backends alike: an id past MAX_ID matches nothing, whatever the column allows.
        return InvalidInput(f"a number is too large (ids and counts go up to {MAX_ID})")
    if where is None or not isinstance(exc, DatabaseError):
        return None
    if isinstance(exc, OperationalError):
        return SetupError(f"cannot open {where} ({_first_line(exc)})")
    if "not a database" in str(exc.orig):
        return SetupError(f"{where} is not a tiekeeper database ({_first_line(exc)})")
    return None
