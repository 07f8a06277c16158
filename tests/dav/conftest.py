"""A real tiekeeper server (create_app under uvicorn, on a free port of 127.0.0.1) and a real
CardDAV client (vdirsyncer, run as its own process) for the DAV tests."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from liveserve import serve_in_thread

from tiekeeper.services.accounts import add_account, new_api_token
from tiekeeper.store.accounts import AccountStore
from tiekeeper.store.uow import Store
from tiekeeper.web.app import create_app

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def _no_login_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    """Wrong logins answer at once here (the tests make many on purpose)."""
    monkeypatch.setattr("tiekeeper.dav.mount.FAILED_LOGIN_DELAY", 0.0)


@contextmanager
def serve(store: Store, *, accounts: bool = False) -> Iterator[str]:
    """create_app over `store` served until the block ends; yields the base URL."""
    users = AccountStore(store.engine) if accounts else None
    app = create_app(store, accounts=users, today=lambda: NOW.date(), now=lambda: NOW)
    with serve_in_thread(app) as url:
        yield url


def dav_token(store: Store, name: str = "local") -> str:
    """A fresh `dav` app password of account `name`."""
    return new_api_token(AccountStore(store.engine), name, "phone", NOW, "dav")


def account(store: Store, name: str) -> Store:
    """A new account that logs in with PASSWORD, as a Store acting for it."""
    owner = add_account(AccountStore(store.engine), name, PASSWORD, NOW)
    return Store(store.engine, owner)


@dataclass
class Vdir:
    """vdirsyncer pairing a folder of .vcf files (the "phone") with one address book."""

    folder: Path
    config: Path

    def run(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "vdirsyncer", "-c", str(self.config), *args],
            capture_output=True,
            text=True,
            input="y\n",
            timeout=120,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout + done.stderr

    def sync(self) -> str:
        return self.run("sync")

    def cards(self, ext: str = ".vcf") -> dict[str, str]:
        """file name -> card (or, with ext=".ics", calendar object) text."""
        return {p.name: p.read_text("utf-8") for p in sorted(self.folder.glob("*" + ext))}


@pytest.fixture
def vdir(tmp_path: Path) -> Callable[..., Vdir]:
    """A vdirsyncer set up against `url` as `user` with `password`, discovered; an address book
    by default, a calendar with kind="caldav", ext=".ics" (`name` tells several apart)."""

    def make(
        url: str, user: str, password: str, *, kind: str = "carddav", ext: str = ".vcf",
        name: str = "phone",
    ) -> Vdir:  # fmt: skip
        folder = tmp_path / name
        folder.mkdir()
        config = tmp_path / f"vdirsyncer-{name}.conf"
        config.write_text(
            f"""[general]
status_path = "{tmp_path / f"status-{name}"}/"

[pair book]
a = "phone"
b = "server"
collections = null
conflict_resolution = "b wins"

[storage phone]
type = "filesystem"
path = "{folder}/"
fileext = "{ext}"

[storage server]
type = "{kind}"
url = "{url}"
username = "{user}"
password = "{password}"
""",
            "utf-8",
        )
        made = Vdir(folder, config)
        made.run("discover")
        return made

    return make


class Dav:
    """What a DAV test needs, as one fixture: the clock, a server, app passwords, accounts."""

    now = NOW
    today = NOW.date()
    password = PASSWORD
    serve = staticmethod(serve)
    token = staticmethod(dav_token)
    account = staticmethod(account)


@pytest.fixture
def dav() -> type[Dav]:
    return Dav
