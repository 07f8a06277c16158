"""Revision 0007 on a home that already holds what its unique indexes forbid: the same e-mail
on two people (in two spellings), an e-mail twice on one person, a LinkedIn URL on two people.
The upgrade goes through, keeps each value on the first person, loses nothing (the others'
notes say what went where) and names every case in a warning. SQLite and PostgreSQL."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, func, insert, select

from alembic_steps import upgrade_to
from tiekeeper.store import tables as t
from tiekeeper.store.migrate import current_revision, migrate
from tiekeeper.store.schema_head import SCHEMA_HEAD


def _at_0006(engine: Engine) -> None:
    upgrade_to(engine, "0006")


def _person(conn: Any, name: str, **kw: Any) -> int:
    # written as a home before revision 0011 would have: ids counted by the database
    top = conn.execute(select(func.coalesce(func.max(t.people.c.id), 0))).scalar_one()
    values = {"id": top + 1, "owner_id": 1, "name": name, "name_key": name.lower(),
              "created_on": date(2026, 1, 1), "is_kin": False, "do_not_suggest": False,
              **kw}  # fmt: skip
    return int(conn.execute(insert(t.people).values(**values)).inserted_primary_key[0])


def test_upgrade_keeps_each_duplicate_on_the_first_person_and_says_so(
    empty_engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    _at_0006(empty_engine)
    url = "https://www.linkedin.com/in/ana-lima"
    with empty_engine.begin() as conn:
        conn.execute(insert(t.accounts).values(id=1, name="local", created_at=datetime.now(UTC)))
        ana = _person(conn, "Ana Lima", linkedin_url=url)
        old = _person(conn, "Ana (old)", linkedin_url=url, notes="met at PyCon")
        ben = _person(conn, "Ben Okafor")
        rows = [(ana, "ana@x.org"), (old, " ANA@X.org"), (ben, "ben@x.org"), (ben, "ben@x.org"),
                (old, "old@x.org")]  # fmt: skip
        conn.execute(
            insert(t.person_emails),
            [
                {"id": i, "owner_id": 1, "person_id": p, "email": e}
                for i, (p, e) in enumerate(rows, 1)
            ],
        )
    with caplog.at_level(logging.WARNING, logger="tiekeeper"):
        migrate(empty_engine)
    assert current_revision(empty_engine) == SCHEMA_HEAD
    e, p = t.person_emails.c, t.people.c
    with empty_engine.connect() as conn:
        emails = conn.execute(select(e.person_id, e.email).order_by(e.id)).all()
        assert [tuple(r) for r in emails] == [(ana, "ana@x.org"), (ben, "ben@x.org"),
                                              (old, "old@x.org")]  # fmt: skip
        people = {r.id: r for r in conn.execute(select(p.id, p.linkedin_url, p.notes))}
    assert people[ana].linkedin_url == url and people[old].linkedin_url is None
    assert people[ana].notes is None and people[ben].notes is None
    notes = people[old].notes.splitlines()
    assert notes[0] == "met at PyCon"  # what was there stays, the new lines follow
    assert f"E-mail ana@x.org was also #{ana}'s" in notes[1]
    assert f"tiekeeper merge {ana} {old}" in notes[1]
    assert f"LinkedIn URL {url} was also #{ana}'s" in notes[2]
    warned = " ".join(r.getMessage() for r in caplog.records)
    assert f"e-mail ana@x.org: kept on #{ana}, taken from #{old}" in warned
    assert f"LinkedIn URL {url}: kept on #{ana}, taken from #{old}" in warned
    assert "ben@x.org" not in warned  # twice on one person is one value: nothing to tell


def test_upgrade_of_a_home_without_duplicates_is_silent(
    empty_engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    _at_0006(empty_engine)
    with empty_engine.begin() as conn:
        conn.execute(insert(t.accounts).values(id=1, name="local", created_at=datetime.now(UTC)))
        ana = _person(conn, "Ana Lima", linkedin_url="https://www.linkedin.com/in/ana")
        _person(conn, "Ben Okafor")
        _person(conn, "Cy Tan")  # two people without a URL do not clash
        conn.execute(
            insert(t.person_emails).values(id=1, owner_id=1, person_id=ana, email="a@x.org")
        )
    with caplog.at_level(logging.WARNING, logger="tiekeeper"):
        migrate(empty_engine)
    assert current_revision(empty_engine) == SCHEMA_HEAD
    assert not [r for r in caplog.records if r.name == "tiekeeper"]
