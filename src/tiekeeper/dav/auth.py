"""Radicale's auth plugin over tiekeeper's accounts: the account's name with one of its `dav`
app passwords (`tiekeeper account token NAME --dav`) or, on the multi-user server, its password.

Wrong passwords go through the web login's throttle (services/login_throttle.py, counted in the
database per account+address and per address): guessing app passwords by phone is slowed just
as guessing the password on /login is. A throttled login is refused without its secret being
checked, whatever it is, until the delay is over: 429 with Retry-After (Radicale's own answer
would be 401, which phones take for a wrong password; the mount answers the refusal instead)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from radicale import auth as radicale_auth
from radicale import config as radicale_config

from tiekeeper.dav import refusal
from tiekeeper.services.accounts import dav_login
from tiekeeper.services.login_throttle import LoginThrottle, Throttled, source_of
from tiekeeper.store.accounts import AccountStore
from tiekeeper.store.login_failures import LoginFailureStore

log = logging.getLogger(__name__)


class Auth(radicale_auth.BaseAuth):
    """`only` limits logins to one account (local mode: the store's owner, app passwords only)."""

    def __init__(
        self,
        configuration: radicale_config.Configuration,
        *,
        accounts: AccountStore,
        now: Callable[[], datetime],
        only: int | None = None,
        throttle: LoginThrottle | None = None,
    ) -> None:
        super().__init__(configuration)
        self._accounts = accounts
        self._now = now
        self._only = only
        self._throttle = throttle or LoginThrottle(LoginFailureStore(accounts.engine))

    def _login_ext(self, login: str, password: str, context: radicale_auth.AuthContext) -> str:
        address = source_of(context.remote_addr)
        now = self._now()
        try:
            self._throttle.check(login, address, now)
        except Throttled as exc:
            log.warning("DAV login for %r from %s throttled: %s", login, address, exc)
            refusal.Refused(429, str(exc), exc.retry_after)  # recorded for the mount's answer
            return ""
        if self._login(login, password):
            self._throttle.succeeded(login, address, now)
            return login.strip()
        self._throttle.failed(login, address, now)
        return ""

    def _login(self, login: str, password: str) -> str:
        owner = dav_login(
            self._accounts, login, password, self._now(), password_ok=self._only is None
        )
        if owner is None or (self._only is not None and owner != self._only):
            return ""
        return login.strip()
