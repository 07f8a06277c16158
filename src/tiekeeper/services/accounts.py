"""Accounts for the multi-user server: passwords (argon2id), browser sessions and API tokens.

In single-user local mode nobody logs in: everything runs as the account named "local"."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Final

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from tiekeeper.domain.dates import parse_when
from tiekeeper.domain.errors import InvalidInput, NotFound, PermissionDenied
from tiekeeper.store.accounts import AccountStore, TokenRow

MIN_PASSWORD: Final = 10
SESSION_DAYS: Final = 30
TOKEN_PREFIX: Final = "tk_"
SCOPES: Final = ("api", "calendar", "dav")


def server_hasher() -> PasswordHasher:
    """argon2id with the library's current recommended parameters (RFC 9106)."""
    return PasswordHasher()


_hasher = server_hasher()
# Verifying against this when the name is unknown keeps both failures equally slow.
_DUMMY = _hasher.hash(secrets.token_hex(16))


def digest(secret: str) -> str:
    """What is stored of a session or API token: its SHA-256 (they are 256-bit random)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def _check_name(name: str) -> str:
    clean = name.strip()
    if not clean or len(clean) > 200 or any(c.isspace() for c in clean):
        raise InvalidInput("use 1-200 characters without spaces", field="account", value=name)
    return clean


def _check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(f"use at least {MIN_PASSWORD} characters", field="password")
    return password


def add_account(accounts: AccountStore, name: str, password: str, now: datetime) -> int:
    """A new account that can log in; its data starts empty."""
    return accounts.create(_check_name(name), _hasher.hash(_check_password(password)), now)


def set_password(accounts: AccountStore, name: str, password: str) -> int:
    """Change the password and log the account out everywhere (its API tokens stay: revoke
    those with revoke_api_token); the number of sessions ended."""
    found = accounts.find(name)
    if found is None:
        raise NotFound(f"no account named {name!r}")
    return accounts.change_password(found.id, _hasher.hash(_check_password(password)))


def _verified(accounts: AccountStore, name: str, password: str) -> int:
    """The account id when the password is right; one message for every failure."""
    found = accounts.find(name.strip())
    try:
        if found is None or found.password_hash is None:
            _hasher.verify(_DUMMY, password)
            raise VerificationError
        _hasher.verify(found.password_hash, password)
    except (VerificationError, InvalidHashError):
        raise PermissionDenied("wrong account name or password") from None
    if _hasher.check_needs_rehash(found.password_hash):
        accounts.set_password(found.id, _hasher.hash(password))
    return found.id


@dataclass(frozen=True)
class Session:
    token: str
    account_id: int
    expires: datetime


def log_in(accounts: AccountStore, name: str, password: str, now: datetime) -> Session:
    """A browser session (a random token; only its digest is stored) for SESSION_DAYS."""
    account_id = _verified(accounts, name, password)
    token = secrets.token_urlsafe(32)
    expires = now + timedelta(days=SESSION_DAYS)
    accounts.add_session(account_id, digest(token), now, expires)
    return Session(token, account_id, expires)


def session_account(accounts: AccountStore, token: str, now: datetime) -> int | None:
    return accounts.session_owner(digest(token), now) if token else None


def log_out(accounts: AccountStore, token: str) -> None:
    accounts.drop_session(digest(token))


def new_api_token(
    accounts: AccountStore,
    name: str,
    label: str,
    now: datetime,
    scope: str = "api",
    expires: datetime | None = None,
) -> str:
    """A token (shown once: only its digest is kept) for the API, for the calendar feed only
    (calendar apps keep it in the feed's URL, so it opens nothing else), or an app password for
    CardDAV/CalDAV (`dav`, phones); refused from `expires` on when given."""
    if scope not in SCOPES:
        raise InvalidInput(f"{scope!r} is not api, calendar or dav", field="scope", value=scope)
    if expires is not None and expires <= now:
        raise InvalidInput("the expiry must be in the future", field="expires", value=expires)
    found = accounts.find(name)
    if found is None:
        raise NotFound(f"no account named {name!r}")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    accounts.add_token(found.id, label.strip() or scope, scope, digest(token), now, expires)
    return token


_SPAN = re.compile(r"(\d{1,9})\s*([dwy])", re.IGNORECASE | re.ASCII)  # int() takes it
_SPAN_DAYS: Final = {"d": 1, "w": 7, "y": 365}


def token_expiry(text: str, now: datetime) -> datetime:
    """`90d`, `12w`, `1y` from now, or a day (ISO or words, `in 3 months`) at 00:00 UTC."""
    span = _SPAN.fullmatch(text.strip())
    if span:
        days = int(span.group(1)) * _SPAN_DAYS[span.group(2).lower()]
        if not 0 < days <= 36500:
            raise InvalidInput("use 1 day to 100 years", field="expires", value=text)
        return now + timedelta(days=days)
    day = parse_when(text, now.astimezone(UTC).date(), field="expires")
    return datetime.combine(day, time(0, 0), tzinfo=UTC)


def token_account(
    accounts: AccountStore, token: str, now: datetime, scope: str = "api"
) -> int | None:
    """The account of a live token of `scope`, None for anything else."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    return accounts.token_owner(digest(token), scope, now)


def dav_login(
    accounts: AccountStore, name: str, secret: str, now: datetime, *, password_ok: bool = True
) -> int | None:
    """The account a CardDAV/CalDAV client logs in as: the account's name with one of its
    `dav` app passwords, or (with `password_ok`, the multi-user server) its password; None
    for anything else (an API or calendar token opens no address book)."""
    if secret.startswith(TOKEN_PREFIX):
        found = accounts.find(name.strip())
        owner = token_account(accounts, secret, now, "dav")
        return owner if found is not None and owner == found.id else None
    if not password_ok:
        return None
    try:
        return _verified(accounts, name, secret)
    except PermissionDenied:
        return None


def api_tokens(accounts: AccountStore, name: str) -> list[TokenRow]:
    found = accounts.find(name)
    if found is None:
        raise NotFound(f"no account named {name!r}")
    return accounts.tokens(found.id)


def revoke_api_token(accounts: AccountStore, name: str, token_id: int) -> None:
    found = accounts.find(name)
    if found is None or not accounts.revoke_token(found.id, token_id):
        raise NotFound(f"no token {token_id} for account {name!r}")


# What a person deleting an account recognises, in this order (the other tables go unnamed).
_LABELS = (
    ("people", "person", "people"),
    ("interactions", "interaction", "interactions"),
    ("reminders", "follow-up", "follow-ups"),
    ("organizations", "organization", "organizations"),
    ("events", "event", "events"),
    ("goals", "goal", "goals"),
    ("opportunities", "opportunity", "opportunities"),
    ("posts", "post", "posts"),
    ("trash", "thing in the trash", "things in the trash"),
)


@dataclass(frozen=True)
class AccountContents:
    id: int
    name: str
    rows: dict[str, int]  # table -> rows the account owns there

    def summary(self) -> str:
        """'12 people, 40 interactions, 3 follow-ups' (or 'no data')."""
        parts = [
            f"{n} {one if n == 1 else many}"
            for table, one, many in _LABELS
            if (n := self.rows.get(table, 0))
        ]
        return ", ".join(parts) or "no data"


def account_contents(accounts: AccountStore, name: str) -> AccountContents:
    """What deleting the account would take with it."""
    found = accounts.find(name)
    if found is None:
        raise NotFound(f"no account named {name!r}")
    return AccountContents(found.id, found.name, accounts.owned_rows(found.id))


def delete_account(accounts: AccountStore, name: str) -> AccountContents:
    """Delete an account and every row it owns (people, interactions, settings, sessions, API
    tokens, the trash...), for good and in one transaction; other accounts are not touched."""
    found = accounts.find(name)
    if found is None:
        raise NotFound(f"no account named {name!r}")
    return AccountContents(found.id, found.name, accounts.delete(found.id))
