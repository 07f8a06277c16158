"""Settings from the environment (TIEKEEPER_*); read only by the entry points."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    home: Path
    database_url: str
    account: str = "local"


@dataclass(frozen=True)
class MailSettings:
    """Where the digest goes; nothing is sent unless smtp_url is set."""

    smtp_url: str | None
    sender: str | None
    to: str | None


def load_mail_settings() -> MailSettings:
    """TIEKEEPER_SMTP_URL, TIEKEEPER_MAIL_FROM and TIEKEEPER_DIGEST_TO (each may be unset)."""
    env = os.environ.get
    return MailSettings(
        env("TIEKEEPER_SMTP_URL") or None,
        env("TIEKEEPER_MAIL_FROM") or None,
        env("TIEKEEPER_DIGEST_TO") or None,
    )


def default_home() -> Path:
    """TIEKEEPER_HOME, else the platform's user data directory."""
    env = os.environ.get("TIEKEEPER_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("tiekeeper", appauthor=False))


def load_settings(database_url: str | None = None) -> Settings:
    """`--db` wins over TIEKEEPER_DATABASE_URL, which wins over a SQLite file in the home."""
    home = default_home()
    url = (
        database_url
        or os.environ.get("TIEKEEPER_DATABASE_URL")
        or f"sqlite:///{home / 'tiekeeper.db'}"
    )
    return Settings(
        home=home, database_url=url, account=os.environ.get("TIEKEEPER_ACCOUNT", "local")
    )
