"""Radicale's auth plugin over tiekeeper's accounts: the account's name with one of its `dav`
app passwords (`tiekeeper account token NAME --dav`) or, on the multi-user server, its password."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from radicale import auth as radicale_auth
from radicale import config as radicale_config

from tiekeeper.services.accounts import dav_login
from tiekeeper.store.accounts import AccountStore


class Auth(radicale_auth.BaseAuth):
    """`only` limits logins to one account (local mode: the store's owner, app passwords only)."""

    def __init__(
        self,
        configuration: radicale_config.Configuration,
        *,
        accounts: AccountStore,
        now: Callable[[], datetime],
        only: int | None = None,
    ) -> None:
        super().__init__(configuration)
        self._accounts = accounts
        self._now = now
        self._only = only

    def _login(self, login: str, password: str) -> str:
        owner = dav_login(
            self._accounts, login, password, self._now(), password_ok=self._only is None
        )
        if owner is None or (self._only is not None and owner != self._only):
            return ""
        return login.strip()
