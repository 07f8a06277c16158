"""An account's own digest schedule: where it goes, in which time zone, when; and what was sent
lately. The same for `tiekeeper account digest NAME`, the Settings page and the API; the owner is
always the account acting (or named by the administrator on the CLI)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tiekeeper.domain import digest_schedule as ds
from tiekeeper.domain.email_address import email_or_none
from tiekeeper.domain.errors import InvalidInput
from tiekeeper.store.digests import DigestStore, ScheduleRow, SendRow

DEFAULT_TIME = "07:30"
DEFAULT_ZONE = "UTC"
SHOWN_SENDS = 10


@dataclass(frozen=True)
class DigestStatus:
    schedule: ScheduleRow | None
    next_at: datetime | None
    sends: list[SendRow]

    @property
    def failed(self) -> list[SendRow]:
        """The sends that have not gone out (still to be retried, or given up)."""
        return [s for s in self.sends if s.status == "failed"]


def as_schedule(row: ScheduleRow) -> ds.Schedule:
    return ds.Schedule(ds.parse_time(row.at), row.zone, row.weekday)


def describe(row: ScheduleRow) -> str:
    return as_schedule(row).describe()


def _address(to: str) -> str:
    found = email_or_none(to)
    if found is None:
        raise InvalidInput(f"{to!r} is not an e-mail address", field="to", value=to)
    if not found.isascii():  # sending to it needs SMTPUTF8, which a mail server may not offer
        raise InvalidInput(f"{to!r}: a digest goes to an address of plain letters (a-z)",
                           field="to", value=to)  # fmt: skip
    return found


def set_digest(
    digests: DigestStore,
    owner_id: int,
    now: datetime,
    *,
    to: str | None = None,
    at: str | None = None,
    weekday: str | None = None,
    zone: str | None = None,
) -> ScheduleRow:
    """Set (or change part of) the account's schedule; what is not given is kept, or for a
    first schedule defaults to 07:30, every day, UTC. `weekday` "" (or "daily") makes it daily
    again. Nothing is stored unless every value is valid."""
    old = digests.schedule(owner_id)
    if to is None and old is None:
        raise InvalidInput("say where to send it (an e-mail address)", field="to")
    address = _address(to) if to is not None else old.to  # type: ignore[union-attr]
    when = ds.parse_time(at) if at is not None else ds.parse_time(old.at if old else DEFAULT_TIME)
    tz = ds.parse_zone(zone) if zone is not None else (old.zone if old else DEFAULT_ZONE)
    if weekday is None:
        day = old.weekday if old else None
    elif weekday.strip().lower() in ("", "daily", "every day"):
        day = None
    else:
        day = ds.parse_weekday(weekday)
    # Slots that passed before this moment are not sent: changing 09:00 to 07:30 at 08:00 does
    # not send a late one at once (today's already sent one stays the only one either way).
    digests.set_schedule(owner_id, address, tz, f"{when:%H:%M}", day, now)
    found = digests.schedule(owner_id)
    assert found is not None
    return found


def stop_digest(digests: DigestStore, owner_id: int) -> bool:
    """No more digests for the account (what was sent stays listed); whether it had one."""
    return digests.clear_schedule(owner_id)


def digest_status(digests: DigestStore, owner_id: int, now: datetime) -> DigestStatus:
    """The account's schedule, when the next digest goes out, and its latest sends."""
    row = digests.schedule(owner_id)
    next_at = ds.next_slot(as_schedule(row), now).moment if row else None
    return DigestStatus(row, next_at, digests.recent(owner_id, SHOWN_SENDS))


def send_state(send: SendRow) -> str:
    """One line on a send for people: sent, being sent, to be retried, or given up."""
    if send.status == "sent":
        return "sent"
    if send.status == "sending":
        return "being sent"
    if send.retry_at is not None:
        return (f"FAILED (attempt {send.attempts} of {ds.MAX_ATTEMPTS}); "
                f"tried again after {send.retry_at:%Y-%m-%d %H:%M} UTC")  # fmt: skip
    return f"FAILED after {send.attempts} attempt(s); not tried again"
