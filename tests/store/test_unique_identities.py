"""One person per e-mail and per LinkedIn URL, kept by the database (revision 0007), and edits
written row by row: two units of work that read the same person both keep their change. On
SQLite and PostgreSQL; the simultaneous-request versions are in tests/web/test_web_concurrency.py.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from tiekeeper.domain.errors import Conflict
from tiekeeper.domain.model import Person, PostalAddress
from tiekeeper.services.imports.contacts import import_file
from tiekeeper.services.people import PersonChanges, add_person, show_person
from tiekeeper.store import tables as t
from tiekeeper.store.ids import add_row
from tiekeeper.store.uow import Store

TODAY = date(2026, 11, 26)


def add(store: Store, name: str, **kw: object) -> int:
    p = add_person(store.uow(), PersonChanges(name=name, **kw), TODAY)  # type: ignore[arg-type]
    assert p.id is not None
    return p.id


def test_the_database_refuses_a_second_owner_of_an_email(store: Store) -> None:
    ana = add(store, "Ana Lima", emails=["ana@x.org"])
    with store.uow() as uow, pytest.raises(IntegrityError):
        row = {"owner_id": store.owner_id, "person_id": ana, "email": "ana@x.org"}
        add_row(uow.conn, t.person_emails, row)


def test_an_email_taken_past_the_service_check_is_a_conflict_naming_its_owner(
    store: Store,
) -> None:
    ana = add(store, "Ana Lima", emails=["ana@x.org"])
    # what a request that checked before Ana was added then writes
    taken = pytest.raises(Conflict, match=f"ana@x.org already belongs to #{ana}")
    with store.uow() as uow, taken:
        uow.people.add(Person("Ana L.", emails=[" ANA@x.org"], created_on=TODAY))
    with store.uow() as uow:
        assert uow.people.count() == 1


def test_a_linkedin_url_taken_past_the_service_check_is_a_conflict(store: Store) -> None:
    url = "https://www.linkedin.com/in/ana-lima"
    add(store, "Ana Lima", linkedin=url)
    with store.uow() as uow, pytest.raises(Conflict, match="already belongs to someone else"):
        uow.people.add(Person("Ana L.", linkedin_url=url, created_on=TODAY))
    ben = add(store, "Ben Okafor")
    with store.uow() as uow, pytest.raises(Conflict, match="already belongs to someone else"):
        p = uow.people.get(ben)
        assert p is not None
        p.linkedin_url = url
        uow.people.update(p)


def test_people_without_a_linkedin_url_do_not_clash(store: Store) -> None:
    for name in ("Ana", "Ben", "Cy"):
        add(store, name)
    with store.uow() as uow:
        assert uow.people.count() == 3


def test_two_edits_that_read_the_same_person_both_keep_their_change(store: Store) -> None:
    pid = add(store, "Ana Lima", tags=["old"], emails=["ana@x.org"], phones=["+1 555 010 2030"])
    with store.uow() as first, store.uow() as second:
        a, b = first.people.get(pid), second.people.get(pid)
        assert a is not None and b is not None
        a.tags.append("x")
        a.position = "CTO"
        first.people.update(a)
        first.commit()
        b.tags = [tg for tg in b.tags if tg != "old"] + ["y"]
        b.emails.append("ana@home.example")
        b.location = "Lisbon"
        second.people.update(b)
        second.commit()
    p = show_person(store.uow(), str(pid), TODAY).person
    assert sorted(p.tags) == ["x", "y"]  # "old" removed by the second, "x" kept from the first
    assert p.emails == ["ana@x.org", "ana@home.example"]
    assert (p.position, p.location) == ("CTO", "Lisbon")
    with store.uow() as uow:
        assert {h.ref_id for h in uow.search.query("x")} == {pid}  # the document has both


def test_addresses_change_row_by_row_and_keep_their_order(store: Store) -> None:
    home = PostalAddress("home", None, None, "1 Main St", "Porto", None, None, "Portugal")
    work = PostalAddress("work", None, None, "2 Side St", "Lisbon", None, None, "Portugal")
    pid = add(store, "Ana Lima")
    with store.uow() as uow:
        p = uow.people.get(pid)
        assert p is not None
        p.addresses = [home, work]
        uow.people.update(p)
        uow.commit()
    with store.uow() as first, store.uow() as second:
        a, b = first.people.get(pid), second.people.get(pid)
        assert a is not None and b is not None
        a.card_props = [("X-SOCIALPROFILE", "X-SOCIALPROFILE:https://x.example/ana")]
        first.people.update(a)
        first.commit()
        b.addresses = [work]  # home removed; the first's kept line stays
        second.people.update(b)
        second.commit()
    with store.uow() as uow:
        p = uow.people.get(pid)
        assert p is not None
        assert p.addresses == [work]
        assert p.card_props == [("X-SOCIALPROFILE", "X-SOCIALPROFILE:https://x.example/ana")]
        p.addresses = [home, work]
        uow.people.update(p)
        uow.commit()
        assert uow.people.get(pid).addresses == [home, work]  # type: ignore[union-attr]


def test_an_import_that_meets_a_taken_email_matches_that_person_and_does_not_fail(
    store: Store, tmp_path: Path
) -> None:
    url = "https://www.linkedin.com/in/ana-lima"
    ana = add(store, "Ana Lima", linkedin=url)
    ben = add(store, "Ben Okafor", emails=["ben@x.org"])
    csv = tmp_path / "Connections.csv"
    csv.write_text(  # Ana's profile with Ben's e-mail, and a new person with Ben's e-mail too
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        f"Ana,Lima,{url},BEN@x.org,Acme,CTO,01 Jan 2020\n"
        "Benjamin,Okafor,,ben@x.org,Acme,,01 Jan 2020\n"
    )
    s = import_file(store.uow(), csv, TODAY)
    assert (s.created, s.updated) == (0, 2)
    assert [(d.person_id, d.matches) for d in s.possible_duplicates] == [(ana, [ben])]
    with store.uow() as uow:
        e = t.person_emails.c
        owners = uow.conn.execute(select(e.person_id).where(e.email == "ben@x.org")).all()
        assert [r[0] for r in owners] == [ben]  # Ben keeps it; Ana got the rest
        assert uow.people.get(ana).position == "CTO"  # type: ignore[union-attr]
        o = t.organizations.c
        assert uow.conn.execute(select(func.count()).where(o.name_key == "acme")).scalar() == 1
