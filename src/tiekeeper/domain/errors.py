"""The one exception tree: every entry point translates these once (CLI: a red line and exit 1)."""

from __future__ import annotations


class TiekeeperError(Exception):
    """Base of every error a user can cause; the message is written for the user."""


class NotFound(TiekeeperError):
    """An id, name or e-mail that matches nothing the owner has."""


class Conflict(TiekeeperError):
    """The change clashes with what is stored (a duplicate, an ambiguous name)."""


class InvalidInput(TiekeeperError):
    """A value that cannot be accepted; names the field (and file/line when there is one)."""

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        value: object = None,
        file: str | None = None,
        line: int | None = None,
    ) -> None:
        self.field = field
        self.value = value
        self.file = file
        self.line = line
        where = ""
        if file is not None:
            where = f"{file}" + (f", line {line}" if line is not None else "") + ": "
        elif line is not None:
            where = f"line {line}: "
        label = f"{field}: " if field else ""
        super().__init__(f"{where}{label}{message}")


class PermissionDenied(TiekeeperError):
    """The acting account may not touch this data."""


class SetupError(TiekeeperError):
    """A setting that cannot work (the database URL, the data directory, the account): nothing
    ran, and the message names the setting to fix."""


class Busy(TiekeeperError):
    """Another process holds the database's write lock; nothing was written, so the same command
    can simply be run again."""
