"""`tiekeeper serve` starts the web app on the user's own database and answers on localhost."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_answers_the_api_and_the_pages_from_the_home_database(cli, _isolated_home: Path):  # type: ignore[no-untyped-def]
    cli("add", "Ana Lima", "--company", "Acme")
    port = free_port()
    env = dict(os.environ, TIEKEEPER_HOME=str(_isolated_home))
    env.pop("TIEKEEPER_DATABASE_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "tiekeeper", "serve", "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/v1/people", timeout=2) as r:
                    people = json.load(r)
                break
            except OSError:
                assert proc.poll() is None, proc.communicate()
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        assert [p["name"] for p in people] == ["Ana Lima"]
        with urllib.request.urlopen(f"{base}/", timeout=5) as r:
            assert "<h1>Today" in r.read().decode()
    finally:
        proc.terminate()
        proc.communicate(timeout=10)  # also closes the pipes
