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
