"""`tiekeeper serve --workers 2` for real: the server as a subprocess over the PostgreSQL this
suite starts, a login and an API token, writes spread over both worker processes, and every
acknowledged write found in the database afterwards. Sessions, login throttling, form keys and
tokens live in the database, so it does not matter which worker a request lands on."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from tiekeeper.services.accounts import add_account, new_api_token
from tiekeeper.services.people import list_people
from tiekeeper.store.accounts import AccountStore
from tiekeeper.store.uow import Store, open_store

WORKERS = 2
WRITES = 40
PASSWORD = "correct horse battery"


@dataclass
class Server:
    port: int
    process: subprocess.Popen[str]
    token: str
    cookies: dict[str, str] = field(default_factory=dict)

    def send(
        self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], str]:
        """One request on its own connection, as separate clients would send it."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request(method, path, body, headers or {})
            resp = conn.getresponse()
            return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read().decode()
        finally:
            conn.close()

    def api(self, method: str, path: str, body: dict[str, Any], *, session: bool = False) -> int:
        auth = (
            {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
            if session
            else {"Authorization": f"Bearer {self.token}"}
        )
        headers = {"Content-Type": "application/json", **auth}
        return self.send(method, path, json.dumps(body), headers)[0]

    def workers(self) -> list[int]:
        """The worker processes' ids (the server's children started by multiprocessing's spawn;
        the resource tracker is spawned otherwise)."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
                cmdline = (stat.parent / "cmdline").read_bytes()
            except (OSError, IndexError, ValueError):
                continue
            if parent == self.process.pid and b"spawn_main" in cmdline:
                found.append(int(stat.parent.name))
        return found


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def pg_store(postgres: Any) -> Iterator[Store]:
    """A fresh migrated PostgreSQL database (from the suite's template) with one account."""
    from sqlalchemy import text

    name = f"tk_workers_{os.getpid()}"
    with postgres.admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        conn.execute(text(f"CREATE DATABASE {name} TEMPLATE tk_template STRATEGY FILE_COPY"))
    st = open_store(postgres.url(name), None)
    try:
        yield st
    finally:
        st.engine.dispose()
        with postgres.admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


@pytest.fixture
def server(pg_store: Store, tmp_path: Path) -> Iterator[Server]:
    now = datetime.now(UTC)
    accounts = AccountStore(pg_store.engine)
    add_account(accounts, "sam", PASSWORD, now)
    token = new_api_token(accounts, "sam", "workers test", now)
    port = _free_port()
    url = pg_store.engine.url.render_as_string(hide_password=False)
    env = {**os.environ, "TIEKEEPER_HOME": str(tmp_path / "home")}
    command = [sys.executable, "-c", "from tiekeeper.cli.app import main; main()", "--db", url,
               "serve", "--accounts",
               "--workers", str(WORKERS), "--port", str(port)]  # fmt: skip
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    live = Server(port, process, token)
    try:
        deadline = time.monotonic() + 90  # two fresh interpreters importing the app, on busy cores
        while len(live.workers()) < WORKERS or not _answers(live):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                out = process.communicate(timeout=30)[0]
                pytest.fail(f"the server did not start with {WORKERS} workers:\n{out}")
            time.sleep(0.2)
        yield live
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
        if process.stdout:
            process.stdout.close()


def _answers(live: Server) -> bool:
    try:
        return live.send("GET", "/api/v1/openapi.json")[0] == 200
    except OSError:
        return False


def _log_in(live: Server) -> None:
    """Through the login form, as a browser: its token, its cookie, then the session cookie."""
    status, headers, page = live.send("GET", "/login")
    assert status == 200
    csrf = re.search(r'name="csrf" value="([^"]+)"', page)
    assert csrf, page[:500]
    browser = headers["set-cookie"].split(";", 1)[0]
    form = urlencode({"name": "sam", "password": PASSWORD, "csrf": csrf.group(1), "next": "/"})
    form_headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": browser}
    status, headers, _ = live.send("POST", "/login", form, form_headers)
    assert status == 303, headers
    name, _, value = headers["set-cookie"].split(";", 1)[0].partition("=")
    live.cookies[name] = value


def test_two_workers_share_sessions_and_tokens_and_lose_no_write(
    server: Server, pg_store: Store
) -> None:
    workers = server.workers()
    assert len(workers) == WORKERS
    before = {pid: _cpu_ticks(pid) for pid in workers}
    _log_in(server)

    def add(i: int) -> tuple[str, int]:
        name = f"Worker Person {i:03d}"
        return name, server.api("POST", "/api/v1/people", {"name": name}, session=i % 2 == 0)

    with ThreadPoolExecutor(10) as pool:
        added = list(pool.map(add, range(WRITES)))
    assert [status for _, status in added] == [201] * WRITES

    def tag(item: tuple[int, str]) -> int:
        i, name = item
        body = {"tags": [f"batch-{i % 3}"]}
        return server.api("PATCH", f"/api/v1/people/{name.replace(' ', '%20')}", body)

    with ThreadPoolExecutor(10) as pool:
        tagged = list(pool.map(tag, enumerate(name for name, _ in added)))
    assert tagged == [200] * WRITES

    # every worker took part: each spent CPU on the requests
    assert all(_cpu_ticks(pid) > before[pid] for pid in workers), (before, workers)
    # every acknowledged write is in the database, read there directly
    owner = AccountStore(pg_store.engine).find("sam")
    assert owner is not None
    stored = {p.name: p.tags for p in list_people(Store(pg_store.engine, owner.id).uow())}
    for i, (name, _) in enumerate(added):
        assert stored.get(name) == [f"batch-{i % 3}"], name
    # a session opened on one worker works on every worker; so does a missing one: 401
    assert server.api("GET", "/api/v1/people?limit=1", {}, session=True) == 200
    assert server.send("GET", "/api/v1/people")[0] == 401


def _connections_by_worker(live: Server) -> dict[int, int]:
    """How many established connections to the server's port each worker holds (from /proc:
    the sockets each process has open, and the kernel's TCP table)."""
    inodes: dict[str, int] = {}
    for pid in live.workers():
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:["):
                inodes[target[8:-1]] = pid
    held = dict.fromkeys(live.workers(), 0)
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            cols = line.split()
            local_port, state, inode = int(cols[1].rsplit(":", 1)[1], 16), cols[3], cols[9]
            if local_port == live.port and state == "01" and inode in inodes:  # 01: established
                held[inodes[inode]] += 1
    return held


def test_keep_alive_connections_are_spread_over_the_workers(server: Server) -> None:
    """40 clients connecting at once and keeping their connection: each worker gets its share
    (one shared socket gave one worker 47 of 50: serve_workers.py)."""
    conns = [http.client.HTTPConnection("127.0.0.1", server.port, timeout=30) for _ in range(40)]
    try:
        for conn in conns:
            conn.connect()
        for conn in conns:
            conn.request("GET", "/api/v1/openapi.json")
            assert conn.getresponse().read()
        held = _connections_by_worker(server)
    finally:
        for conn in conns:
            conn.close()
    assert sum(held.values()) == 40, held
    # two sockets drawn by hash: fewer than 8 of 40 on one worker has odds of about 1 in 10^5
    assert min(held.values()) >= 8, held


def test_a_worker_that_dies_is_started_again(server: Server) -> None:
    first = server.workers()
    os.kill(first[0], signal.SIGKILL)
    deadline = time.monotonic() + 60
    while True:
        now = server.workers()
        if len(now) == WORKERS and first[0] not in now:
            break
        assert time.monotonic() < deadline, f"no worker replaced {first[0]}: {now}"
        time.sleep(0.2)
    # every connection is answered again, whichever socket it lands on
    statuses = [server.send("GET", "/api/v1/openapi.json")[0] for _ in range(20)]
    assert statuses == [200] * 20


def test_a_port_another_program_holds_is_one_clear_error(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {**os.environ, "TIEKEEPER_HOME": str(tmp_path / "home")}
        command = [sys.executable, "-c", "from tiekeeper.cli.app import main; main()",
                   "--db", f"sqlite:///{tmp_path / 'tk.db'}",
                   "serve", "--workers", "2", "--port", str(port)]  # fmt: skip
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert f"cannot listen on 127.0.0.1:{port}" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr
