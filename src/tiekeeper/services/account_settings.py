"""What an account changes about itself from the server's Settings page: its password (the
current one asked first) and its API and calendar tokens, by account id (the logged-in one)."""

from __future__ import annotations

from datetime import datetime

from tiekeeper.domain.errors import NotFound
from tiekeeper.services.accounts import (
    _verified,
    api_tokens,
    new_api_token,
    revoke_api_token,
    set_password,
    token_expiry,
)
from tiekeeper.store.accounts import AccountStore, TokenRow


def account_name(accounts: AccountStore, account_id: int) -> str:
    """The name of the account with this id."""
    found = next((a.name for a in accounts.all() if a.id == account_id), None)
    if found is None:
        raise NotFound(f"no account with id {account_id}")
    return found


def change_own_password(accounts: AccountStore, account_id: int, current: str, new: str) -> int:
    """Change the password once the current one is given (a session left open on a shared
    computer cannot take the account over); ends every session. The sessions ended."""
    name = account_name(accounts, account_id)
    _verified(accounts, name, current)
    return set_password(accounts, name, new)


def own_tokens(accounts: AccountStore, account_id: int) -> list[TokenRow]:
    """The account's API and calendar tokens (never their values: only digests are kept)."""
    return api_tokens(accounts, account_name(accounts, account_id))


def make_token(
    accounts: AccountStore,
    account_id: int,
    label: str,
    now: datetime,
    scope: str = "api",
    expires: str | None = None,
) -> str:
    """A new token of `scope` (shown once); `expires` as `90d`, `12w`, `1y` or a day."""
    until = token_expiry(expires, now) if expires and expires.strip() else None
    name = account_name(accounts, account_id)
    return new_api_token(accounts, name, label, now, scope, until)


def revoke_token(accounts: AccountStore, account_id: int, token_id: int) -> None:
    """Revoke one of the account's own tokens (another account's answers NotFound)."""
    revoke_api_token(accounts, account_name(accounts, account_id), token_id)
