"""`tiekeeper account digest NAME` and `tiekeeper digest --due` through the real CLI, against a
real SMTP server (aiosmtpd); two overlapping `--due` processes on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from smtp_inbox import Inbox, free_port, smtp_server
from tiekeeper.services.digests.schedule import set_digest
from tiekeeper.store.digests import DigestStore
from tiekeeper.store.uow import Store, ensure_account

# Schedules set now start with the next slot, so the tests run `--due` as of a later morning
TOMORROW = "2099-01-01T07:31+01:00"


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    with smtp_server() as (inbox, url):
        monkeypatch.setenv("TIEKEEPER_SMTP_URL", url)
        monkeypatch.setenv("TIEKEEPER_MAIL_FROM", "tiekeeper@example.com")
        yield inbox


def test_a_schedule_is_set_shown_changed_and_stopped(cli) -> None:  # type: ignore[no-untyped-def]
    assert "local has no digest" in cli("account", "digest", "local").stdout
    out = cli("account", "digest", "local", "--daily", "07:30", "--to", "me@example.com",
              "--tz", "Europe/Berlin").stdout  # fmt: skip
    assert "every day at 07:30 (Europe/Berlin) to me@example.com" in out
    assert "Next: " in out and "Europe/Berlin" in out
    shown = cli.json("account", "digest", "local")
    assert shown["schedule"] == {"to": "me@example.com", "time": "07:30", "tz": "Europe/Berlin",
                                 "weekday": None, "kind": "daily"}  # fmt: skip
    cli("account", "digest", "local", "--weekly", "MON")
    shown = cli.json("account", "digest", "local")
    assert shown["schedule"]["weekday"] == "MON" and shown["schedule"]["time"] == "07:30"
    assert datetime.fromisoformat(shown["next_at"]).astimezone(UTC).weekday() == 0
    assert "stopped" in cli("account", "digest", "local", "--off").stdout
    assert cli.json("account", "digest", "local")["schedule"] is None


@pytest.mark.parametrize(
    ("args", "says"),
    [(["--daily", "25:00", "--to", "a@b.de"], "daily: '25:00' is not a time of day"),
     (["--daily", "seven", "--to", "a@b.de"], "daily: 'seven' is not a time of day"),
     (["--to", "a@b.de", "--tz", "Mars/Base"], "tz: 'Mars/Base' is not a time zone"),
     (["--to", "not an address"], "to: 'not an address' is not an e-mail address"),
     (["--to", "josé@example.com"], "a digest goes to an address of plain letters"),
     (["--to", "a@b.de", "--weekly", "funday"], "weekly: 'funday' is not a day of the week"),
     (["--off", "--to", "a@b.de"], "--off: stops the digest; give it alone")],
)  # fmt: skip
def test_bad_values_are_one_line_exit_1_and_change_nothing(cli, args, says) -> None:  # type: ignore[no-untyped-def]
    cli("account", "digest", "local", "--daily", "06:00", "--to", "keep@example.com")
    before = cli.json("account", "digest", "local")
    result = cli.run("account", "digest", "local", *args)
    assert result.exit_code == 1
    assert says in cli.fail("account", "digest", "local", *args)
    assert cli.json("account", "digest", "local") == before


def test_an_unknown_account_or_no_address_is_refused(cli) -> None:  # type: ignore[no-untyped-def]
    assert "to: say where to send it" in cli.fail("account", "digest", "local", "--daily", "7:30")
    result = cli.run("account", "digest", "nobody", "--to", "a@b.de")
    assert result.exit_code == 1 and "no account named 'nobody'" in result.stderr


def test_due_sends_and_a_refused_send_is_shown_and_retried(cli, smtp) -> None:  # type: ignore[no-untyped-def]
    cli("account", "digest", "local", "--daily", "07:30", "--to", "me@example.com",
        "--tz", "Europe/Berlin")  # fmt: skip
    smtp.refused.add("me@example.com")
    failed = cli.run("digest", "--due", "--now", TOMORROW)
    assert failed.exit_code == 1
    assert "FAILED: the daily 2099-01-01 digest of local to me@example.com" in failed.stdout
    assert "mailbox unavailable" in failed.stdout and "tried again after" in failed.stdout
    shown = cli("account", "digest", "local").stdout
    assert "NOT SENT" in shown and "mailbox unavailable" in shown and "FAILED" in shown
    [row] = cli.json("account", "digest", "local")["sends"]
    assert row["status"] == "failed" and row["retry_at"]
    assert cli("digest", "--due", "--now", "2099-01-01T07:32+01:00").stdout.strip() == (
        "Nothing due."
    )  # backing off
    smtp.refused.clear()
    sent = cli("digest", "--due", "--now", "2099-01-01T07:40+01:00").stdout
    assert "Sent the daily 2099-01-01 digest of local to me@example.com" in sent
    [msg] = smtp.to("me@example.com")
    [row] = cli.json("account", "digest", "local")["sends"]
    assert row["status"] == "sent" and row["attempts"] == 2
    assert row["message_id"] == msg["Message-ID"]
    assert "NOT SENT" not in cli("account", "digest", "local").stdout


def test_due_needs_a_server_and_no_one_off_options(cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("TIEKEEPER_SMTP_URL", raising=False)
    assert "TIEKEEPER_SMTP_URL" in cli.fail("digest", "--due")
    monkeypatch.setenv("TIEKEEPER_SMTP_URL", f"smtp://127.0.0.1:{free_port()}")
    assert "--due: sends each account's own schedule" in cli.fail(
        "digest", "--due", "--to", "a@b.c"
    )
    assert "--now: goes with --due only" in cli.fail("digest", "--now", TOMORROW)
    assert "now: 'soon' is not a moment" in cli.fail("digest", "--due", "--now", "soon")
    assert "is not a moment" in cli.fail("digest", "--due", "--now", "2099-01-01T07:31")


def test_an_unreachable_server_is_exit_1_and_recorded(cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    cli("account", "digest", "local", "--daily", "07:30", "--to", "me@example.com")
    monkeypatch.setenv("TIEKEEPER_SMTP_URL", f"smtp://127.0.0.1:{free_port()}")
    result = cli.run("digest", "--due", "--now", "2099-01-01T07:31Z", "--json")
    assert result.exit_code == 1
    [row] = cli.json("account", "digest", "local")["sends"]
    assert row["status"] == "failed" and "could not send through 127.0.0.1" in row["error"]


def _url(store: Store) -> str:
    return store.engine.url.render_as_string(hide_password=False)


def test_two_overlapping_due_processes_send_one_mail_per_account(store: Store) -> None:
    """Two real `tiekeeper digest --due` processes started together, on each backend."""
    digests = DigestStore(store.engine)
    names = ("ana", "bo", "cy", "dee")
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    for name in names:
        owner = ensure_account(store.engine, name)
        set_digest(digests, owner, now, to=f"{name}@example.com", at="07:30",
                   zone="Europe/Berlin")  # fmt: skip
    with smtp_server() as (inbox, url):
        inbox.delay = 0.5  # a run takes 2 s or more: the two are sending at the same time
        env = os.environ | {"TIEKEEPER_DATABASE_URL": _url(store), "TIEKEEPER_SMTP_URL": url,
                            "TIEKEEPER_MAIL_FROM": "tiekeeper@example.com"}  # fmt: skip
        cmd = [sys.executable, "-m", "tiekeeper", "digest", "--due", "--now",
               "2026-11-26T07:31+01:00"]  # fmt: skip
        runs = [subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True) for _ in range(2)]  # fmt: skip
        outs = [r.communicate(timeout=120) for r in runs]
    assert [r.returncode for r in runs] == [0, 0], outs
    sent = [line for out, _ in outs for line in out.splitlines() if line.startswith("Sent")]
    assert len(sent) == len(names), outs
    assert sorted(r for _, rcpts, _ in inbox.messages for r in rcpts) == sorted(
        f"{n}@example.com" for n in names
    )
