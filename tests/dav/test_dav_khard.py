"""khard, a real address-book program, reads the folder vdirsyncer fetched from tiekeeper and
lists the right names, e-mails and phones: the cards tiekeeper serves are ones mail and phone
tools can use, not only ones a DAV client can copy."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tiekeeper.services.people import PersonChanges, add_person
from tiekeeper.store.uow import Store

Vdir = Any

PEOPLE = {
    "Ana Lima": (["ana@example.com", "ana.lima@work.example"], ["+351 21 000 0001"]),
    "Bo Chen": (["bo@example.com"], ["+1 555 010 2030", "+1 555 010 2031"]),
    "Zoë Ångström": (["zoe@example.se"], []),
}


def _khard(config: Path, *args: str) -> list[list[str]]:
    done = subprocess.run(
        [sys.executable, "-m", "khard", "-c", str(config), *args, "--parsable"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    # khard says what it searched for on a line of its own (no tab) before the rows
    return [line.split("\t") for line in done.stdout.splitlines() if "\t" in line]


def _config(tmp_path: Path, folder: Path) -> Path:
    config = tmp_path / "khard.conf"
    config.write_text(
        f"""[addressbooks]
[[tiekeeper]]
path = {folder}/

[general]
default_action = list
editor = /bin/true
merge_editor = /bin/true

[contact table]
display = formatted_name
""",
        "utf-8",
    )
    return config


def test_khard_lists_the_address_book_vdirsyncer_fetched(
    store: Store, vdir: Callable[[str, str, str], Vdir], dav: Any, tmp_path: Path
) -> None:
    for name, (emails, phones) in PEOPLE.items():
        add_person(store.uow(), PersonChanges(name=name, emails=emails, phones=phones), dav.today)
    with dav.serve(store) as base:
        phone = vdir(f"{base}/dav/local/contacts/", "local", dav.token(store))
        phone.sync()
    assert len(phone.cards()) == len(PEOPLE)
    config = _config(tmp_path, phone.folder)

    listed = _khard(config, "list")
    assert sorted(row[1] for row in listed) == sorted(PEOPLE)
    emails = {(row[1], row[0]) for row in _khard(config, "email")}
    assert emails == {(n, e) for n, (es, _) in PEOPLE.items() for e in es}
    phones = {(row[1], row[0]) for row in _khard(config, "phone")}
    assert phones == {(n, p) for n, (_, ps) in PEOPLE.items() for p in ps}
