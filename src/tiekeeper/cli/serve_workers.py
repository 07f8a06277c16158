"""Several worker processes on one port, each listening on a socket of its own (SO_REUSEPORT).

uvicorn's own `--workers` shares one listening socket among the workers: whichever wakes first
accepts every connection waiting, and a keep-alive connection stays with the worker it landed
on. With 50 clients on 2 workers, one worker held 47 of the connections while the other idled
(bench/bench_server.py). With a socket each, bound by this process to the same port, Linux
spreads new connections evenly over them. uvicorn does not offer that yet (encode/uvicorn#2472),
so this module is the small supervisor around uvicorn's `Server`: it starts the workers, starts
again one that dies (on its same socket: nothing queued there is lost), and stops them all on
SIGINT or SIGTERM, each finishing the requests under way. Elsewhere than Linux (no such
spreading), `serve` keeps uvicorn's own supervisor."""

from __future__ import annotations

import logging
import multiprocessing
import signal
import socket
import sys
import threading
from multiprocessing.context import SpawnProcess
from typing import Any

log = logging.getLogger("tiekeeper")
RESTART_PAUSE = 1.0  # seconds between looks at the workers (and before starting one again)
STOP_SECONDS = 30.0  # a worker still finishing its requests after this long is killed
_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def spreads_connections() -> bool:
    """Whether the kernel spreads connections over sockets sharing a port (Linux)."""
    return sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to host:port that others of this user may bind too. OSError (the port is
    taken by another program, say) comes here, before any worker starts."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def run_workers(factory: str, workers: int, host: str, port: int, **options: Any) -> None:
    """Serve the app `factory` builds (an import string, as uvicorn takes) from `workers`
    processes until SIGINT or SIGTERM; `options` go to each worker's uvicorn.Config."""
    sockets = [listening_socket(host, port) for _ in range(workers)]
    context = multiprocessing.get_context("spawn")
    stop = threading.Event()

    def start(sock: socket.socket) -> SpawnProcess:
        process = context.Process(target=_worker, args=(factory, sock, options), daemon=False)
        process.start()
        return process

    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in _STOP_SIGNALS}
    processes = [start(sock) for sock in sockets]
    try:
        while not stop.wait(RESTART_PAUSE):
            for i, process in enumerate(processes):
                if not process.is_alive() and not stop.is_set():
                    log.warning("worker %s ended (exit %s); starting it again",
                                process.pid, process.exitcode)  # fmt: skip
                    processes[i] = start(sockets[i])
    finally:
        for process in processes:
            process.terminate()  # SIGTERM: uvicorn answers what it has started, then exits
        for process in processes:
            process.join(STOP_SECONDS)
            if process.is_alive():
                process.kill()
                process.join()
        for sock in sockets:
            sock.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _worker(factory: str, sock: socket.socket, options: dict[str, Any]) -> None:
    """One worker process: uvicorn serving the app on its own socket."""
    import uvicorn

    config = uvicorn.Config(factory, factory=True, **options)
    uvicorn.Server(config).run(sockets=[sock])
