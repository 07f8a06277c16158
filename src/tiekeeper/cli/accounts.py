"""account: the accounts of a multi-user server (`tiekeeper serve --accounts`)."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import typer

from tiekeeper.cli.common import JsonOpt, console, database, emit_json, table

if TYPE_CHECKING:
    from tiekeeper.store.accounts import AccountStore
    from tiekeeper.store.digests import DigestStore

group = typer.Typer(
    help="Accounts for the multi-user server: add, password, tokens.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
NameArg = Annotated[str, typer.Argument(help="The account's name (no spaces).", metavar="NAME")]
PasswordStdin = Annotated[
    bool,
    typer.Option("--password-stdin", help="Read the password from standard input (scripts)."),
]


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


def _accounts() -> AccountStore:
    from tiekeeper.store.accounts import AccountStore

    return AccountStore(database().engine)


def _now() -> datetime:
    from datetime import UTC

    return datetime.now(UTC)


@group.command("add")
def add(name: NameArg, password_stdin: PasswordStdin = False, json: JsonOpt = False) -> None:
    """Add an account that can log in to the server (its data starts empty)."""
    from tiekeeper.services.accounts import add_account

    account_id = add_account(_accounts(), name, _password(password_stdin), _now())
    if json:
        emit_json({"id": account_id, "name": name.strip()})
    else:
        console().print(f"Added account #{account_id} {name.strip()}")


@group.command("password")
def password(name: NameArg, password_stdin: PasswordStdin = False, json: JsonOpt = False) -> None:
    """Set an account's password (its browser sessions end; API tokens stay)."""
    from tiekeeper.services.accounts import set_password

    ended = set_password(_accounts(), name, _password(password_stdin))
    if json:
        emit_json({"name": name, "password_changed": True, "sessions_ended": ended})
        return
    console().print(f"Password of {name} changed; logged out of {ended} browser session(s)")


@group.command("list")
def list_(json: JsonOpt = False) -> None:
    """The accounts, and whether each can log in."""
    rows = _accounts().all()
    if json:
        emit_json([{"id": a.id, "name": a.name, "can_log_in": bool(a.password_hash)}
                   for a in rows])  # fmt: skip
        return
    t = table("id", "name", "can log in")
    for a in rows:
        t.add_row(str(a.id), a.name, "yes" if a.password_hash else "no")
    console().print(t)


@group.command("token")
def token(
    name: NameArg,
    label: Annotated[str, typer.Option(help="What the token is for.")] = "api",
    calendar: Annotated[
        bool,
        typer.Option("--calendar", help="A token for the calendar feed only (not the API)."),
    ] = False,
    dav: Annotated[
        bool,
        typer.Option(
            "--dav",
            help="An app password for CardDAV/CalDAV (phones, Thunderbird) only, at /dav/.",
        ),
    ] = False,
    expires: Annotated[
        str | None,
        typer.Option(
            help="Refuse the token from then on: 90d, 12w, 1y or a day (2027-06-30, in 3 months)."
        ),
    ] = None,
    json: JsonOpt = False,
) -> None:
    """Create an API token for scripts (shown once; send it as `Authorization: Bearer ...`),
    with --calendar the address of the account's calendar feed, or with --dav an app password
    for CardDAV/CalDAV (log in with the account's name and it)."""
    from tiekeeper.domain.errors import InvalidInput
    from tiekeeper.services.accounts import new_api_token, token_expiry

    if calendar and dav:
        raise InvalidInput("choose one of --calendar and --dav", field="scope")
    scope = "calendar" if calendar else "dav" if dav else "api"
    now = _now()
    until = token_expiry(expires, now) if expires else None
    value = new_api_token(_accounts(), name, label, now, scope, until)
    feed = f"/feeds/{value}/calendar.ics" if calendar else None
    if json:
        emit_json({"token": value, "label": label, "scope": scope, "feed": feed,
                   "expires_at": until.isoformat() if until else None})  # fmt: skip
    elif feed:
        console().print(f"Subscribe your calendar app to http://YOUR-SERVER{feed}")
    elif dav:
        console().print(value)
        console().print(f"Address book: http://YOUR-SERVER/dav/{name}/contacts/ (user {name})")
    else:
        console().print(value)


@group.command("tokens")
def tokens(name: NameArg, json: JsonOpt = False) -> None:
    """An account's API tokens: scope, when made, last used and when they expire (the tokens
    themselves are not kept)."""
    from tiekeeper.services.accounts import api_tokens

    rows = api_tokens(_accounts(), name)
    now = _now()
    data = [{"id": r.id, "label": r.label, "scope": r.scope,
             "created_at": r.created_at.isoformat(),
             "last_used_at": r.last_used_at.isoformat() if r.last_used_at else None,
             "expires_at": r.expires_at.isoformat() if r.expires_at else None,
             "expired": r.expires_at is not None and r.expires_at <= now}
            for r in rows]  # fmt: skip
    if json:
        emit_json(data)
        return
    t = table("id", "label", "scope", "created", "last used", "expires")
    for r in rows:
        ends = _when(r.expires_at) if r.expires_at else "never"
        if r.expires_at is not None and r.expires_at <= now:
            ends += " (expired)"
        last = _when(r.last_used_at) if r.last_used_at else "never"
        t.add_row(str(r.id), r.label, r.scope, _when(r.created_at), last, ends)
    console().print(t)


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


@group.command("revoke")
def revoke(
    name: NameArg,
    token_id: Annotated[int, typer.Argument(help="The token's id.")],
    json: JsonOpt = False,
) -> None:
    """Revoke one of an account's API tokens."""
    from tiekeeper.services.accounts import revoke_api_token

    revoke_api_token(_accounts(), name, token_id)
    if json:
        emit_json({"name": name, "id": token_id, "revoked": True})
        return
    console().print(f"Token {token_id} of {name} revoked")


def _in_use() -> str:
    """The account the other commands act as (TIEKEEPER_ACCOUNT, default local)."""
    from tiekeeper.config import load_settings

    return load_settings().account


def _can_ask() -> bool:
    """Whether a person is there to answer a question (tests pretend so)."""
    return sys.stdin.isatty()


def _confirmed(name: str, summary: str, yes: bool) -> bool:
    """--yes, or a terminal answer; the account in use and a run without terminal need --yes."""
    from tiekeeper.domain.errors import PermissionDenied

    if yes:
        return True
    if name == _in_use():
        raise PermissionDenied(
            f"{name!r} is the account in use (TIEKEEPER_ACCOUNT): deleting it deletes all your "
            f"data ({summary}); add --yes to do it"
        )
    if not _can_ask():
        raise PermissionDenied(
            f"deleting account {name!r} ({summary}) cannot be undone; add --yes to confirm "
            "(there is no terminal to ask in)"
        )
    typer.echo(f"Account {name} owns {summary}.", err=True)
    return bool(typer.confirm(f"Delete account {name} and all its data for good?", err=True))


@group.command("delete")
def delete(
    name: NameArg,
    yes: Annotated[
        bool,
        typer.Option("--yes", help="Do not ask (scripts); needed to delete the account in use."),
    ] = False,
    json: JsonOpt = False,
) -> None:
    """Delete an account and everything it owns, for good (asks first in a terminal)."""
    from tiekeeper.services.accounts import account_contents, delete_account

    accounts = _accounts()
    found = account_contents(accounts, name)
    if not _confirmed(found.name, found.summary(), yes):
        typer.echo("Nothing deleted.", err=True)
        raise typer.Exit(1)
    gone = delete_account(accounts, found.name)
    if json:
        emit_json({"deleted": True, "id": gone.id, "name": gone.name, "rows": gone.rows})
        return
    console().print(f"Deleted account #{gone.id} {gone.name} and its data: {gone.summary()}")
    if gone.name == _in_use():
        console().print(
            "It was the account in use: the next command starts an empty one"
            if gone.name == "local"
            else "It was the account in use: set TIEKEEPER_ACCOUNT to another account"
        )


# --- account digest: the account's scheduled digest (sent by `tiekeeper digest --due`) -------
def _owner_of(name: str) -> int:
    """The account's id; `local` (single-user mode) is made on first use like everywhere."""
    from tiekeeper.domain.errors import NotFound
    from tiekeeper.store.uow import UnknownAccount, account_id

    try:
        return account_id(database().engine, name.strip())
    except UnknownAccount as exc:
        raise NotFound(str(exc)) from None


@group.command("digest")
def digest(
    name: NameArg,
    daily: Annotated[
        str | None,
        typer.Option(
            "--daily", help="Send it every day at this local time (HH:MM).", metavar="TIME"
        ),
    ] = None,
    weekly: Annotated[
        str | None,
        typer.Option(
            "--weekly",
            help="Send the weekly digest on this day instead (MON..SUN), at the --daily time.",
            metavar="DAY",
        ),
    ] = None,
    to: Annotated[
        str | None, typer.Option("--to", help="Where to send it.", metavar="ADDR")
    ] = None,
    tz: Annotated[
        str | None,
        typer.Option(
            "--tz",
            help="The account's time zone (default UTC), e.g. Europe/Berlin.",
            metavar="ZONE",
        ),
    ] = None,
    off: Annotated[bool, typer.Option("--off", help="Stop sending the digest.")] = False,
    json: JsonOpt = False,
) -> None:
    """Schedule an account's digest by e-mail (sent by `tiekeeper digest --due`); without
    options, show the schedule, the latest sends and any failed one."""
    from tiekeeper.domain.errors import InvalidInput
    from tiekeeper.services.digests.schedule import set_digest, stop_digest
    from tiekeeper.store.digests import DigestStore

    digests = DigestStore(database().engine)
    owner = _owner_of(name)
    changes = [x is not None for x in (daily, weekly, to, tz)]
    if off:
        if any(changes):
            raise InvalidInput("stops the digest; give it alone", field="--off")
        had = stop_digest(digests, owner)
        if not json:
            console().print(f"Digest of {name} stopped" if had else f"{name} had no digest")
    elif any(changes):
        # --weekly with no --daily keeps the time; --daily alone makes it daily again
        day = weekly if weekly is not None else ("" if daily is not None else None)
        set_digest(digests, owner, _now(), to=to, at=daily, weekday=day, zone=tz)
    _show_digest(digests, owner, name, json, quiet=off and not json)


def _show_digest(digests: DigestStore, owner: int, name: str, json: bool, quiet: bool) -> None:
    from zoneinfo import ZoneInfo

    from tiekeeper.domain.digest_schedule import weekday_name
    from tiekeeper.services.digests.schedule import describe, digest_status, send_state

    status = digest_status(digests, owner, _now())
    s = status.schedule
    if json:
        emit_json({
            "account": name,
            "schedule": None if s is None else {
                "to": s.to, "time": s.at, "tz": s.zone, "weekday": weekday_name(s.weekday),
                "kind": "daily" if s.weekday is None else "weekly"},
            "next_at": status.next_at.isoformat() if status.next_at else None,
            "sends": [{"slot": r.slot, "to": r.to, "status": r.status, "attempts": r.attempts,
                       "tried_at": r.claimed_at.isoformat(),
                       "sent_at": r.sent_at.isoformat() if r.sent_at else None,
                       "message_id": r.message_id, "error": r.error,
                       "retry_at": r.retry_at.isoformat() if r.retry_at else None}
                      for r in status.sends],
        })  # fmt: skip
        return
    if quiet:
        return
    out = console()
    if s is None:
        out.print(f"{name} has no digest (set one: tiekeeper account digest {name} --daily "
                  "07:30 --to ADDR)")  # fmt: skip
    else:
        out.print(f"Digest of {name}: {describe(s)} to {s.to}")
        if status.next_at:
            local = status.next_at.astimezone(ZoneInfo(s.zone))
            out.print(f"Next: {local:%Y-%m-%d %H:%M} {s.zone} ({status.next_at:%H:%M} UTC)")
    for r in status.failed:
        out.print(f"[bold]NOT SENT[/bold]: the {r.slot} digest to {r.to}: {r.error} "
                  f"({send_state(r)})")  # fmt: skip
    if not status.sends:
        out.print("Nothing sent yet.")
        return
    t = table("digest", "to", "status", "tried", "message id")
    for r in status.sends:
        t.add_row(r.slot, r.to, send_state(r), _when(r.claimed_at), r.message_id or "")
    out.print(t)


def register(app: typer.Typer) -> None:
    app.add_typer(group, name="account")
