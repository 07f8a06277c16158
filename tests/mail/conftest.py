"""A real IMAP server for the mailbox import tests: Debian's dovecot-imapd, started once per
session on a free port as an unprivileged user (nobody, when the tests run as root), with a
passwd-file login and a Maildir the tests write into."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
USER = "sam"
PASSWORD = "correct horse battery"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _dovecot() -> str | None:
    found = shutil.which("dovecot") or "/usr/sbin/dovecot"
    imap = Path("/usr/lib/dovecot/imap")
    return found if Path(found).exists() and imap.exists() else None


CONFIG = """\
protocols = imap
listen = 127.0.0.1
base_dir = {base}/run
state_dir = {base}/state
log_path = {base}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {user}
first_valid_uid = 1
mail_location = maildir:~/Maildir
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {base}/passwd
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {base}/passwd
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service stats {{
  unix_listener stats-reader {{
    mode = 0666
  }}
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
"""


class DovecotServer:
    """One dovecot serving one user, whose Maildir is `maildir`."""

    def __init__(self, binary: str) -> None:
        self.binary = binary
        self.base = Path(tempfile.mkdtemp(prefix="tiekeeper-imap-"))
        self.base.chmod(0o755)
        self.port = _free_port()
        self.home = self.base / "home"
        self.maildir = self.home / "Maildir"
        self.as_root = os.geteuid() == 0
        self.uid = 65534 if self.as_root else os.geteuid()
        self.gid = 65534 if self.as_root else os.getegid()

    def _config(self) -> Path:
        import grp
        import pwd

        conf = self.base / "dovecot.conf"
        conf.write_text(
            CONFIG.format(
                base=self.base,
                user=pwd.getpwuid(self.uid).pw_name,
                group=grp.getgrgid(self.gid).gr_name,
                port=self.port,
            )
        )
        (self.base / "passwd").write_text(
            f"{USER}:{{PLAIN}}{PASSWORD}:{self.uid}:{self.gid}::{self.home}\n"
        )
        return conf

    def start(self) -> None:
        for sub in ("run", "state", "home"):
            (self.base / sub).mkdir()
        self.reset()
        conf = self._config()
        cmd = [self.binary, "-c", str(conf)]
        if self.as_root:  # dovecot would stay root; the brief is an unprivileged server
            cmd = ["runuser", "-u", "nobody", "--", *cmd]
            self.chown()
        # dovecot forks into the background: its output goes to a file so nothing waits on a pipe
        with (self.base / "start.log").open("wb") as out:
            subprocess.run(cmd, check=True, stdin=subprocess.DEVNULL, stdout=out, stderr=out,
                           timeout=30)  # fmt: skip
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    if s.recv(100).startswith(b"* OK"):
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"dovecot did not answer: {self.log()}")

    def chown(self) -> None:
        if not self.as_root:
            return
        for root, dirs, files in os.walk(self.base):
            for name in (*dirs, *files):
                os.chown(os.path.join(root, name), self.uid, self.gid)
        os.chown(self.base, self.uid, self.gid)

    def log(self) -> str:
        path = self.base / "dovecot.log"
        return path.read_text() if path.exists() else "(no log)"

    def reset(self) -> None:
        """An empty Maildir (the tests each write their own messages)."""
        shutil.rmtree(self.maildir, ignore_errors=True)
        for sub in ("cur", "new", "tmp"):
            (self.maildir / sub).mkdir(parents=True)
        self.chown()

    def deliver(self, messages: list[EmailMessage], folder: str = "") -> None:
        """Put messages in the Maildir's new/ (unseen), as a delivery agent would."""
        import mailbox

        box = mailbox.Maildir(self.maildir, create=False)
        if folder:
            box = box.add_folder(folder)
        for msg in messages:
            box.add(mailbox.MaildirMessage(msg))
        self.chown()

    def stop(self) -> None:
        try:
            pid_file = self.base / "run" / "master.pid"
            if pid_file.exists():
                pid = int(pid_file.read_text().split()[0])
                os.kill(pid, signal.SIGTERM)
                deadline = time.monotonic() + 10
                while time.monotonic() < deadline:
                    try:
                        os.kill(pid, 0)
                    except ProcessLookupError:
                        break
                    time.sleep(0.05)
                else:
                    os.kill(pid, signal.SIGKILL)
        finally:
            shutil.rmtree(self.base, ignore_errors=True)


@pytest.fixture(scope="session")
def dovecot_server() -> Iterator[DovecotServer]:
    binary = _dovecot()
    if binary is None:
        reason = "dovecot-imapd is not installed (Debian: apt-get install dovecot-imapd)"
        if IN_CI:
            pytest.fail(f"{reason}; CI must run the IMAP tests")
        pytest.skip(reason)
    server = DovecotServer(binary)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def imap(dovecot_server: DovecotServer) -> DovecotServer:
    """The server with an empty mailbox for this test."""
    dovecot_server.reset()
    return dovecot_server
