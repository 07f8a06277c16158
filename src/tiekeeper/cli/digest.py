"""digest: the agenda by e-mail (schedule it with cron or a systemd timer)."""

from __future__ import annotations

from typing import Annotated

import typer

from tiekeeper.cli.common import DateOpt, console, store, today


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
) -> None:
    """Today's agenda and the week ahead as an e-mail (printed unless --send)."""
    from tiekeeper.config import load_mail_settings
    from tiekeeper.domain.errors import InvalidInput
    from tiekeeper.mail import message
    from tiekeeper.mail import send as deliver
    from tiekeeper.services.digest import build_digest

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


def register(app: typer.Typer) -> None:
    app.command()(digest)
