"""`tiekeeper serve` for real on a free port of 127.0.0.1, as its own process, for tests that
need a real HTTP server of their own (a server in a thread of the test process answers at half
the speed: it shares the interpreter with the test); and an app served by uvicorn in a thread,
for the browser tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _answers(url: str) -> bool:
    import http.client

    host, port = url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=5)
    try:  # closed on refusal too: an unclosed socket is a ResourceWarning, an error in the suite
        conn.request("GET", "/api/v1/openapi.json")
        return conn.getresponse().status == 200
    except OSError:
        return False
    finally:
        conn.close()


@contextmanager
def serve_in_process(
    database_url: str, home: Path, *args: str, start_within: float = 90.0
) -> Iterator[str]:
    """`tiekeeper --db DATABASE_URL serve [ARGS]` until the block ends; yields its base URL."""
    port = _free_port()
    command = [sys.executable, "-c", "from tiekeeper.cli.app import main; main()",
               "--db", database_url, "serve", "--port", str(port), *args]  # fmt: skip
    env = {**os.environ, "TIEKEEPER_HOME": str(home)}
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + start_within
        while not _answers(url):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"the server did not start:\n{process.communicate()[1]}")
            time.sleep(0.2)
        yield url
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
        if process.stderr:
            process.stderr.close()


@contextmanager
def serve_in_thread(app: Any) -> Iterator[str]:
    """`app` served by uvicorn in a thread on a free port of 127.0.0.1 until the block ends;
    yields its base URL. The socket is bound before the server starts: no race for the port."""
    import threading

    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(app, host="127.0.0.1", log_level="warning", ws="none")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(15)
        sock.close()
