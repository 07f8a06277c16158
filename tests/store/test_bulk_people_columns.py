"""The bulk writers store exactly what the one-at-a-time paths store: add_people builds its rows
column by column, and insert_columns leaves out columns that are NULL in every row and packs
many rows into one statement (with the full-text trigger still firing for each of them)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from tiekeeper.domain.dates import PartialDate
from tiekeeper.domain.model import Person
from tiekeeper.store import tables as t
from tiekeeper.store.uow import Store
from tiekeeper.store.writes import insert_columns


def everything(name: str) -> Person:
    """A person with every field and list filled."""
    return Person(
        name=name,
        emails=["Kim@Example.org", "kim@work.example"],
        phones=["+1 555 010 9999"],
        links=["https://kim.example"],
        linkedin_url="https://www.linkedin.com/in/kim-ito",
        company="Umbrella Labs",
        position="CTO",
        industry="Biotech",
        function="Engineering",
        seniority="C-level",
        location="Osaka",
        generation="X",
        tags=["mentors", "friends", "mentors"],
        how_met="conference",
        network_type="strategic",
        closeness=4,
        interests="go",
        working_on="vaccines",
        how_to_help="intros",
        needs="funding",
        notes="tea, not coffee",
        birthday=PartialDate(2, 29, 1984),
        started_on=date(2019, 3, 4),
        connected_on=date(2020, 5, 6),
        cadence_days=45,
        is_kin=True,
        do_not_suggest=True,
        created_on=date(2026, 1, 2),
    )


def stored(store: Store, pid: int) -> dict[str, Any]:
    """The person's row without its id, with children and search document."""
    with store.uow() as uow:
        row = uow.conn.execute(select(t.people).where(t.people.c.id == pid)).one()._asdict()
        del row["id"]
        for table, col in (
            (t.person_emails, "email"),
            (t.person_phones, "phone"),
            (t.person_links, "url"),
            (t.person_tags, "tag"),
        ):
            order = table.c.id if "id" in table.c else table.c[col]
            q = select(table.c[col]).where(table.c.person_id == pid).order_by(order)
            row[table.name] = [r[0] for r in uow.conn.execute(q)]
        d = t.search_docs.c
        q = select(d.title, d.body).where(d.kind == "person", d.ref_id == pid)
        row["doc"] = tuple(uow.conn.execute(q).one())
        return row


def test_bulk_added_people_are_stored_exactly_like_people_added_one_by_one(store: Store) -> None:
    with store.uow() as uow:
        uow.people.set_tag_cadence("friends", 30)
        one = uow.people.add(everything("Kim Ito"))
        plain = uow.people.add(Person("Lee Park", created_on=date(2026, 1, 2)))
        uow.commit()
    one_by_one = stored(store, one), stored(store, plain)
    with store.uow() as uow:  # an e-mail and a LinkedIn URL belong to one person only
        uow.people.delete(one)
        uow.commit()
    with store.uow() as uow:
        many = uow.bulk.add_people(
            [everything("Kim Ito"), Person("Lee Park", created_on=date(2026, 1, 2))]
        )
        uow.commit()
    assert (stored(store, many[0]), stored(store, many[1])) == one_by_one
    with store.uow() as uow:
        # Everything the bulk path wrote is searchable, like the single path's.
        assert {h.ref_id for h in uow.search.query("vaccines")} == {many[0]}


def test_many_rows_in_few_statements_keep_every_value_and_every_search_document(
    store: Store,
) -> None:
    count = 4500  # more than one multi-row statement holds
    with store.uow() as uow:
        uow.search.put_many(
            "organization", [(i, f"Org {i}", [None, f"token{i}x"]) for i in range(1, count + 1)]
        )
        insert_columns(
            uow.conn,
            t.organizations,
            {
                "owner_id": [1] * 3,
                "name": ["A", "B", "C"],
                "name_key": ["a", "b", "c"],
                "industry": [None, None, None],  # NULL everywhere: left out, still NULL
                "is_target": [True, False, True],
                "why": [None, "reasons", None],
            },
        )
        uow.commit()
    with store.uow() as uow:
        for i in (1, 2000, 2001, count):
            assert [h.ref_id for h in uow.search.query(f"token{i}x")] == [i]
        o = t.organizations.c
        rows = uow.conn.execute(
            select(o.name, o.industry, o.is_target, o.why).order_by(o.name)
        ).all()
        assert [tuple(r) for r in rows] == [
            ("A", None, True, None),
            ("B", None, False, "reasons"),
            ("C", None, True, None),
        ]
