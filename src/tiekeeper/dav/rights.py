"""Who may do what under /dav/: Radicale's owner_only (a login reaches /NAME/ and below, never
another account's), with the read-only calendars (birthdays, events) only readable, so clients
show them read-only (DAV:current-user-privilege-set) and Radicale answers writes with 403."""

from __future__ import annotations

from radicale import pathutils
from radicale.rights import owner_only

from tiekeeper.services.sync.calendars import READ_ONLY


def read_only_calendar(path: str) -> str | None:
    """The read-only calendar `path` (a collection or an item in it) is in, if any."""
    parts = [p for p in pathutils.strip_path(path).split("/") if p]
    return parts[1] if len(parts) >= 2 and parts[1] in READ_ONLY else None


class Rights(owner_only.Rights):
    def authorization(self, user: str, user_groups: set[str], path: str) -> str:
        granted: str = super().authorization(user, user_groups, path)
        if granted and read_only_calendar(path):
            return granted.replace("w", "").replace("W", "")
        return granted
