"""Slowing down password guessing without letting a stranger lock the owner out.

Two counts, both in the database (store/login_failures.py), both a growing delay, never a lock:
- per account name *and* source address: the owner's own mistypes, or a stranger trying one
  name. A stranger's failures count against the stranger's address only, so they never delay
  the owner at theirs.
- per source address alone: one address guessing many names is slowed as well, and refused
  before its password is even checked (argon2id is costly; a flood must not slow other users).
"""

from __future__ import annotations

import ipaddress
import math
from datetime import datetime, timedelta
from typing import Final

from tiekeeper.domain.errors import PermissionDenied
from tiekeeper.store.login_failures import Key, LoginFailureStore

PAIR_FREE: Final = 5  # wrong passwords for one name from one address before any delay
ADDRESS_FREE: Final = 20  # wrong passwords from one address, any names, before any delay
FIRST_DELAY: Final = timedelta(seconds=30)  # then doubled at each further failure ...
MAX_DELAY: Final = timedelta(minutes=15)  # ... up to this
FORGET: Final = timedelta(hours=24)  # a count starts afresh after this long without failures
ANY_ACCOUNT: Final = ""  # the account of the per-address row (names cannot be empty)


class Throttled(PermissionDenied):
    """Too many wrong passwords lately: try again after `retry_after` seconds."""

    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(f"too many wrong passwords; try again in {_in_words(retry_after)}")


def _in_words(seconds: int) -> str:
    if seconds < 90:
        return f"{seconds} seconds"
    return f"{math.ceil(seconds / 60)} minutes"


def delay_after(failures: int, free: int) -> timedelta:
    """How long to wait after the `failures`-th wrong password: nothing for the first
    `free - 1`, then FIRST_DELAY doubling each time, never more than MAX_DELAY."""
    if failures < free:
        return timedelta(0)
    return min(FIRST_DELAY * (1 << min(failures - free, 16)), MAX_DELAY)


def source_of(host: str | None) -> str:
    """The address a count is kept for: IPv6 by its /64 (one machine usually has the whole
    network, so single addresses would be free to rotate), IPv4 as it is."""
    if not host:
        return "unknown"
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return host[:100]
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is None:
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip.ipv4_mapped if isinstance(ip, ipaddress.IPv6Address) else ip)


class LoginThrottle:
    """The counts of one server (shared by its workers through the database)."""

    def __init__(self, failures: LoginFailureStore) -> None:
        self.failures = failures

    @staticmethod
    def _keys(name: str, address: str) -> tuple[Key, Key]:
        return (name.strip().casefold()[:200], address), (ANY_ACCOUNT, address)

    def check(self, name: str, address: str, now: datetime) -> None:
        """Throttled while this name from this address, or this address, must wait."""
        until = self.failures.blocked_until(self._keys(name, address), now)
        if until is not None:
            raise Throttled(max(1, math.ceil((until - now).total_seconds())))

    def failed(self, name: str, address: str, now: datetime) -> None:
        """One more wrong password for this name from this address."""
        pair, alone = self._keys(name, address)
        forget_before = now - FORGET
        self.failures.failed(pair, now, forget_before, lambda n: delay_after(n, PAIR_FREE))
        self.failures.failed(alone, now, forget_before, lambda n: delay_after(n, ADDRESS_FREE))

    def succeeded(self, name: str, address: str, now: datetime) -> None:
        """The right password: this name from this address starts afresh. The address's own
        count stays (logging in to one's own account must not reset a guessing run)."""
        self.failures.forget(self._keys(name, address)[0])
        self.failures.tidy(now - FORGET)
