"""Settings from the environment (TIEKEEPER_*); read only by the entry points."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from tiekeeper.domain.errors import SetupError


@dataclass(frozen=True)
class Settings:
    home: Path
    database_url: str
    account: str = "local"
    # Which setting gave the URL, so a bad one is named in the error: --db,
    # TIEKEEPER_DATABASE_URL, or TIEKEEPER_HOME (the default SQLite file in the home).
    database_setting: str = "TIEKEEPER_HOME"

    @property
    def uses_home(self) -> bool:
        """True when the database is the default SQLite file in the home."""
        return self.database_setting == "TIEKEEPER_HOME"


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
    env_url = os.environ.get("TIEKEEPER_DATABASE_URL")
    if database_url:
        url, setting = database_url, "--db"
    elif env_url:
        url, setting = env_url, "TIEKEEPER_DATABASE_URL"
    else:
        url, setting = f"sqlite:///{home / 'tiekeeper.db'}", "TIEKEEPER_HOME"
    account = os.environ.get("TIEKEEPER_ACCOUNT") or "local"
    return Settings(home=home, database_url=url, account=account, database_setting=setting)


def prepare_home(settings: Settings) -> None:
    """Create the home on first run, readable by its owner only (it holds private data); an
    unusable one raises SetupError naming TIEKEEPER_HOME."""
    if not settings.uses_home:
        return
    home = settings.home
    if home.exists() and not home.is_dir():
        raise SetupError(f"TIEKEEPER_HOME: {home} is a file, not a folder")
    if not home.exists():
        try:
            home.mkdir(parents=True, mode=0o700)
            home.chmod(0o700)  # mkdir's mode is filtered by the umask
        except OSError as exc:
            raise SetupError(f"TIEKEEPER_HOME: cannot create {home} ({exc.strerror})") from None
    if not os.access(home, os.W_OK | os.X_OK):
        raise SetupError(f"TIEKEEPER_HOME: {home} is not writable")


def load_timezone() -> tzinfo:
    """TIEKEEPER_TZ (an IANA name such as `Europe/Lisbon`), else the machine's time zone: the
    zone in which an imported meeting's day is counted."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = os.environ.get("TIEKEEPER_TZ", "").strip()
    if not name:
        return _machine_timezone()
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise SetupError(
            f"TIEKEEPER_TZ: {name!r} is not a time zone (use a name such as Europe/Lisbon)"
        ) from None


def _machine_timezone() -> tzinfo:
    """The machine's zone with its daylight-saving rules (TZ, else /etc/localtime's name); a
    fixed offset only when neither names one: last summer's meetings need last summer's offset."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    names = [os.environ.get("TZ", "").lstrip(":")]
    with contextlib.suppress(OSError):
        names.append(str(Path("/etc/localtime").resolve()).partition("zoneinfo/")[2])
    for name in names:
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    local = datetime.now().astimezone().tzinfo
    return local if local is not None else UTC
