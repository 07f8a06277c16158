"""serve: the web app and the JSON API on this machine."""

from __future__ import annotations

from typing import Annotated

import typer

from tiekeeper.cli.common import console, store


def serve(
    host: Annotated[
        str, typer.Option(help="Address to listen on (local only by default).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8765,
    accounts: Annotated[
        bool,
        typer.Option(
            "--accounts",
            help="Multi-user server: everyone logs in (see `tiekeeper account add`) and sees "
            "only their own data.",
        ),
    ] = False,
    allow_host: Annotated[
        list[str] | None,
        typer.Option("--allow-host", help="Another host name the server answers to."),
    ] = None,
) -> None:
    """Open tiekeeper in your browser: pages at http://HOST:PORT/, the API under /api/v1."""
    import uvicorn

    from tiekeeper.domain.errors import InvalidInput
    from tiekeeper.store.accounts import AccountStore
    from tiekeeper.web.app import LOCAL_HOSTS, create_app

    st = store()
    users = AccountStore(st.engine) if accounts else None
    if users is not None and not any(a.password_hash for a in users.all()):
        raise InvalidInput(
            "no account can log in yet: add one with `tiekeeper account add NAME`",
            field="accounts",
        )
    hosts = {*LOCAL_HOSTS, host, *(allow_host or [])}
    app = create_app(st, allowed_hosts=hosts, accounts=users)
    mode = "accounts" if users else "local, no login"
    console().print(f"tiekeeper on http://{host}:{port}/ ({mode}; API: /api/v1; Ctrl+C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command()(serve)
