"""serve: the web app and the JSON API on this machine, in one process or several."""

from __future__ import annotations

import gc
import os
from typing import TYPE_CHECKING, Annotated

import typer

from tiekeeper.cli.common import console, store

if TYPE_CHECKING:
    from fastapi import FastAPI

# What each worker process needs to build the same app: uvicorn starts workers from an import
# string, so the options travel in the environment (the database URL as `serve` resolved it).
ENV_URL = "TIEKEEPER_SERVE_DATABASE_URL"
ENV_ACCOUNTS = "TIEKEEPER_SERVE_ACCOUNTS"
ENV_HOSTS = "TIEKEEPER_SERVE_HOSTS"
ENV_THREADS = "TIEKEEPER_SERVE_THREADS"
# Requests a worker runs at once (web/app.py's _lanes): on SQLite the work is all in the
# process, and two at a time answered soonest; on PostgreSQL a request also waits for the
# server's answers, and a third one runs meanwhile (bench/bench_server.py: p95 245-249 ms with
# 3, 276 with 2, 308-329 with 4).
THREADS = {"sqlite": 2}
SERVER_THREADS = 3


def default_threads(dialect: str) -> int:
    return THREADS.get(dialect, SERVER_THREADS)


FACTORY = "tiekeeper.cli.serve:worker_app"


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
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            max=64,
            help="Worker processes (sessions, throttling and tokens live in the database, so "
            "every worker sees the same ones; PostgreSQL suits more than one).",
        ),
    ] = 1,
    threads: Annotated[
        int | None,
        typer.Option(
            min=1,
            max=64,
            help="Requests each worker runs at once; the others wait their turn (more only "
            "share one Python process's time: see docs/web.md). Default: 2 on SQLite, 3 on "
            "PostgreSQL.",
            show_default=False,
        ),
    ] = None,
    proxy_headers: Annotated[
        bool,
        typer.Option(
            "--proxy-headers",
            help="Behind a TLS proxy: believe its X-Forwarded-Proto and X-Forwarded-For (the "
            "scheme and the client's address), from --forwarded-allow-ips only.",
        ),
    ] = False,
    forwarded_allow_ips: Annotated[
        str,
        typer.Option(
            "--forwarded-allow-ips",
            help="With --proxy-headers: the proxy's addresses (comma-separated) whose forwarded "
            "headers are believed.",
        ),
    ] = "127.0.0.1",
) -> None:
    """Open tiekeeper in your browser: pages at http://HOST:PORT/, the API under /api/v1."""
    import uvicorn

    from tiekeeper.cli import serve_workers
    from tiekeeper.domain.errors import InvalidInput
    from tiekeeper.store.accounts import AccountStore
    from tiekeeper.web.app import LOCAL_HOSTS

    st = store()  # opens and migrates once, here, before any worker starts
    if accounts and not any(a.password_hash for a in AccountStore(st.engine).all()):
        raise InvalidInput(
            "no account can log in yet: add one with `tiekeeper account add NAME`",
            field="accounts",
        )
    hosts = sorted({*LOCAL_HOSTS, host, *(allow_host or [])})
    os.environ[ENV_URL] = st.engine.url.render_as_string(hide_password=False)
    os.environ[ENV_ACCOUNTS] = "1" if accounts else ""
    os.environ[ENV_HOSTS] = ",".join(hosts)
    os.environ[ENV_THREADS] = str(threads or default_threads(st.engine.dialect.name))
    mode = "accounts" if accounts else "local, no login"
    many = f"; {workers} workers" if workers > 1 else ""
    base = f"http://{host}:{port}"
    out = console()
    out.print(f"tiekeeper on {base}/ ({mode}{many}; API: /api/v1; Ctrl+C to stop)")
    out.print(
        f"Phone sync (CardDAV, CalDAV): {base}/dav/ (found from the server's name too: "
        "/.well-known/carddav, /.well-known/caldav)"
    )
    # Off unless asked: uvicorn's own default believes any process on 127.0.0.1 that says
    # "X-Forwarded-Proto: https", which would send HSTS (and Secure cookies) over plain http.
    trusted = forwarded_allow_ips if proxy_headers else ""
    if workers == 1:
        uvicorn.run(worker_app(st), host=host, port=port, log_level="warning",
                    proxy_headers=proxy_headers, forwarded_allow_ips=trusted)  # fmt: skip
        return
    st.engine.dispose()  # each worker opens its own connections
    if not serve_workers.spreads_connections():
        uvicorn.run(FACTORY, factory=True, workers=workers, host=host, port=port,
                    log_level="warning", proxy_headers=proxy_headers,
                    forwarded_allow_ips=trusted)  # fmt: skip
        return
    try:
        serve_workers.run_workers(
            FACTORY, workers, host, port,
            log_level="warning", proxy_headers=proxy_headers, forwarded_allow_ips=trusted,
        )  # fmt: skip
    except OSError as exc:
        raise InvalidInput(f"cannot listen on {host}:{port}: {exc.strerror}", field="port") from exc


def worker_app(opened: object = None) -> FastAPI:
    """The app as `serve` configured it (from the environment in a worker process)."""
    from tiekeeper.config import load_settings
    from tiekeeper.store.accounts import AccountStore
    from tiekeeper.store.uow import Store, open_store
    from tiekeeper.web.app import create_app

    if isinstance(opened, Store):
        st = opened
    else:  # a worker: the same database, acting as the same TIEKEEPER_ACCOUNT
        url = os.environ[ENV_URL]
        st = open_store(url, load_settings(url).account)
    users = AccountStore(st.engine) if os.environ.get(ENV_ACCOUNTS) else None
    hosts = [h for h in os.environ.get(ENV_HOSTS, "").split(",") if h]
    threads = int(os.environ.get(ENV_THREADS) or default_threads(st.engine.dialect.name))
    app = create_app(st, allowed_hosts=hosts, accounts=users, warm_up=True, threads=threads)
    # What the import and the app made lives as long as the process: out of the collector's
    # sight, so that each full collection under load scans only what requests made.
    gc.freeze()
    return app


def register(app: typer.Typer) -> None:
    app.command()(serve)
