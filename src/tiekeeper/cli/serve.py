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
) -> None:
    """Open tiekeeper in your browser: pages at http://HOST:PORT/, the API under /api/v1."""
    import uvicorn

    from tiekeeper.web.app import LOCAL_HOSTS, create_app

    hosts = {*LOCAL_HOSTS, host}
    app = create_app(store(), allowed_hosts=hosts)
    console().print(f"tiekeeper on http://{host}:{port}/  (API: /api/v1, Ctrl+C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command()(serve)
