"""digest: the agenda by e-mail (schedule it with cron or a systemd timer)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import typer

from tiekeeper.cli.common import DateOpt, JsonOpt, console, database, emit_json, store, today

if TYPE_CHECKING:
    from tiekeeper.services.digests.due import Mailer, Outcome


def digest(
    weekly: Annotated[
        bool, typer.Option("--weekly", help="The week ahead and how last week went.")
    ] = False,
    to: Annotated[
        str | None, typer.Option(help="Recipient (default: TIEKEEPER_DIGEST_TO).", metavar="ADDR")
    ] = None,
    send: Annotated[
        bool, typer.Option("--send", help="Send it (through TIEKEEPER_SMTP_URL); else print it.")
    ] = False,
    minutes: Annotated[int, typer.Option(help="Today's time budget in minutes.")] = 15,
    date: DateOpt = None,
    due: Annotated[
        bool,
        typer.Option(
            "--due",
            help="Send every account's scheduled digest whose time has come (`account digest`); "
            "run it from cron every few minutes.",
        ),
    ] = False,
    now: Annotated[
        str | None,
        typer.Option(
            "--now",
            help="With --due: act as if it were this moment (ISO 8601 with its zone).",
            metavar="MOMENT",
        ),
    ] = None,
    json: JsonOpt = False,
) -> None:
    """Today's agenda and the week ahead as an e-mail (printed unless --send); with --due, every
    account's scheduled digest that is due."""
    from tiekeeper.config import load_mail_settings
    from tiekeeper.domain.errors import InvalidInput
    from tiekeeper.mail import message
    from tiekeeper.mail import send as deliver
    from tiekeeper.services.digests.compose import build_digest

    if due:
        if weekly or to or send or date:
            raise InvalidInput("sends each account's own schedule; leave out --weekly, --to, "
                               "--send and --date", field="--due")  # fmt: skip
        failed = _due(_moment(now), minutes, json)
        if failed:
            raise typer.Exit(1)
        return
    if now is not None:
        raise InvalidInput("goes with --due only", field="--now", value=now)
    kind = "weekly" if weekly else "daily"
    d = build_digest(store().uow(), today(date), kind, minutes)
    mail = load_mail_settings()
    recipient = to or mail.to
    sender = mail.sender or recipient or "tiekeeper@localhost"
    msg = message(sender, recipient or "you", d.subject, d.text)
    if not send:
        console().print(f"To: {msg['To']}\nSubject: {d.subject}\n\n{d.text.rstrip()}")
        return
    if not recipient:
        raise InvalidInput("say where to send it: --to ADDR or TIEKEEPER_DIGEST_TO", field="to")
    deliver(mail.smtp_url, msg)
    console().print(f"Sent {d.subject!r} to {recipient}")


def _moment(text: str | None) -> datetime:
    from datetime import UTC

    from tiekeeper.domain.errors import InvalidInput

    if text is None:
        return datetime.now(UTC)
    try:
        found = datetime.fromisoformat(text.strip())
    except ValueError:
        found = None
    if found is None or found.tzinfo is None:
        raise InvalidInput(f"{text!r} is not a moment with its zone (2026-11-26T07:31+01:00)",
                           field="now", value=text)  # fmt: skip
    return found.astimezone(UTC)


def _due(now: datetime, minutes: int, json: bool) -> int:
    """Send what is due; prints a line per send and returns how many failed."""
    from tiekeeper.config import load_mail_settings
    from tiekeeper.domain.errors import InvalidInput
    from tiekeeper.services.digests.due import run_due
    from tiekeeper.store.digests import DigestStore

    mail = load_mail_settings()
    if not mail.smtp_url:
        raise InvalidInput("set it to send the scheduled digests", field="TIEKEEPER_SMTP_URL")
    mailer = smtp_mailer(mail.smtp_url, mail.sender)
    done = run_due(DigestStore(database().engine), now, mailer, minutes)
    if json:
        emit_json([_outcome_json(o) for o in done])
    else:
        for o in done:
            console().print(_outcome_line(o))
        if not done:
            console().print("Nothing due.")
    return sum(not o.sent for o in done)


def smtp_mailer(smtp_url: str, sender: str | None) -> Mailer:
    """Send through `smtp_url` from `sender` (default: the recipient); returns the Message-ID."""
    from tiekeeper.mail import message, send

    def mailer(to: str, subject: str, text: str) -> str:
        msg = message(sender or to, to, subject, text)
        send(smtp_url, msg)
        return str(msg["Message-ID"])

    return mailer


def _outcome_json(o: Outcome) -> dict[str, object]:
    return {"account": o.account, "slot": o.slot, "to": o.to, "attempt": o.attempt,
            "sent": o.sent, "message_id": o.message_id, "error": o.error,
            "retry_at": o.retry_at.isoformat() if o.retry_at else None}  # fmt: skip


def _outcome_line(o: Outcome) -> str:
    if o.sent:
        return f"Sent the {o.slot} digest of {o.account} to {o.to} ({o.message_id})"
    again = (f"tried again after {o.retry_at:%Y-%m-%d %H:%M} UTC" if o.retry_at
             else "not tried again")  # fmt: skip
    return (f"FAILED: the {o.slot} digest of {o.account} to {o.to} (attempt {o.attempt}): "
            f"{o.error}; {again}")  # fmt: skip


def register(app: typer.Typer) -> None:
    app.command()(digest)
