"""`tiekeeper demo` says where the data is and how to take it out; `demo --remove` does it."""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import text

DAY = "2025-03-10"
SMALL = ("--people", "30", "--interactions", "200", "--date", DAY)


def test_demo_says_where_the_data_lives_and_how_to_remove_it(cli) -> None:  # type: ignore[no-untyped-def]
    out = cli("demo", *SMALL).stdout
    db = cli.home / "tiekeeper.db"
    assert f"It is stored in {db} (home: {cli.home})." in out
    assert "`tiekeeper demo --remove` takes it out again" in out
    again = cli("demo").stdout
    assert "already has the demo; `tiekeeper demo --remove` takes it out" in again


def test_demo_json_names_the_database_and_the_home(cli) -> None:  # type: ignore[no-untyped-def]
    out = cli.json("demo", *SMALL)
    assert out["database"] == str(cli.home / "tiekeeper.db")
    assert out["home"] == str(cli.home)
    assert out["remove_with"] == "tiekeeper demo --remove"


def test_remove_takes_out_the_demo_and_keeps_what_the_user_added(cli) -> None:  # type: ignore[no-untyped-def]
    cli("demo", *SMALL)
    demo_people = cli.json("list")
    partner = demo_people[0]
    mine = cli.add("Rita Realmont", "--company", demo_people[1]["company"])
    cli("log", "Rita Realmont", str(partner["id"]), "--summary", "coffee with both")
    cli("log", str(partner["id"]), "--summary", "only the demo person")

    out = cli.json("demo", "--remove")

    # 200 of history, 3 met at its event, 4 who engaged with its post, 1 with only a demo person
    assert out == {"removed": True, "people": 30, "interactions": 208,
                   "organizations": out["organizations"], "kept_interactions": 1,
                   "trash_entries": 0, "showcase": 6}  # fmt: skip
    assert [p["id"] for p in cli.json("list")] == [mine]
    shown = cli.json("show", str(mine))
    assert shown["company"] == demo_people[1]["company"]  # her company stays hers
    assert [i["summary"] for i in shown["interactions"]] == ["coffee with both"]
    assert cli.json("search", partner["name"]) == []
    assert {h["kind"] for h in cli.json("search", "Rita")} == {"person", "interaction"}


def test_removing_twice_says_so_and_changes_nothing(cli) -> None:  # type: ignore[no-untyped-def]
    cli("demo", *SMALL)
    cli.add("Rita Realmont")
    assert "Removed the demo: 30 people, 207 interactions" in cli("demo", "--remove").stdout
    before = cli.snapshot()
    assert cli("demo", "--remove").stdout == "There is no demo in this home; nothing changed.\n"
    assert cli.json("demo", "--remove") == {"removed": False, "reason": "no demo in this home"}
    assert cli.snapshot() == before


def test_remove_on_a_home_that_never_had_a_demo_changes_nothing(cli) -> None:  # type: ignore[no-untyped-def]
    cli.add("Rita Realmont")
    cli("log", "Rita Realmont", "--summary", "lunch")
    before = cli.snapshot()
    assert "no demo in this home" in cli("demo", "--remove").stdout
    assert cli.snapshot() == before


_numbers = itertools.count()


@pytest.fixture
def pg_url_with_password(postgres: Any) -> Iterator[str]:
    """A fresh PostgreSQL database; the URL carries a password (the test server trusts anyone,
    so it is accepted and must never be printed)."""
    name = f"tk_cli_{os.getpid()}_{next(_numbers)}"
    with postgres.admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name} TEMPLATE tk_template STRATEGY FILE_COPY"))
    yield postgres.url(name).replace("postgres@", "postgres:s3cret-pw@")
    with postgres.admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))


def test_demo_and_remove_on_postgresql_hide_the_password(cli, pg_url_with_password: str) -> None:  # type: ignore[no-untyped-def]
    from tiekeeper.cli.common import store

    def run(*args: str) -> Any:
        result = cli(*args)
        store().engine.dispose()  # the invocation's cached engine: close its PostgreSQL pool
        return result

    db = ("--db", pg_url_with_password)
    out = run(*db, "demo", *SMALL).stdout
    assert "s3cret-pw" not in out
    assert "It is stored in postgresql+psycopg://postgres:***@127.0.0.1:" in out
    mine = json.loads(run(*db, "add", "Rita Realmont", "--json").stdout)["id"]
    assert "Removed the demo: 30 people" in run(*db, "demo", "--remove").stdout
    listed = json.loads(run(*db, "list", "--json").stdout)
    assert [p["id"] for p in listed] == [mine]
    assert "no demo in this home" in run(*db, "demo", "--remove").stdout
