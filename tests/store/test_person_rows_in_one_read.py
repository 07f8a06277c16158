"""A person's lists, postal addresses and kept vCard lines come back as written, in their order,
whether a few people are read (one union of every table) or many (the addresses and lines then
owner-wide): on both backends."""

from __future__ import annotations

from datetime import date

from tiekeeper.domain.model import Person, PostalAddress
from tiekeeper.store.sql import CHUNK
from tiekeeper.store.uow import Store

DAY = date(2026, 12, 4)


def _full(name: str) -> Person:
    return Person(
        name,
        created_on=DAY,
        emails=[f"{name.lower()}@b.example", f"{name.lower()}@a.example"],
        phones=["+44 20 7946 0000"],
        links=["https://example.org/" + name],
        tags=["zeta", "alpha", "Mentor"],
        addresses=[
            PostalAddress(kind="work", street="1 Quay St", city="Leeds", country="UK"),
            PostalAddress(kind="home", po_box="PO 9", postcode="LS1", region=None),
        ],
        card_props=[("X-ABLABEL", "X-ABLABEL:friend"), ("NOTE", "NOTE:met; at a fair")],
    )


def test_few_and_many_people_read_the_same(store: Store) -> None:
    with store.uow() as uow:
        ana = uow.people.add(_full("Ana"))
        plain = uow.bulk.add_people([Person(f"P{i}", created_on=DAY) for i in range(CHUNK + 5)])
        uow.commit()
    with store.uow() as uow:
        one = uow.people.get(ana)
        many = {p.id: p for p in uow.people.load([ana, *plain])}
    assert one is not None and len(many) == CHUNK + 6
    assert one.emails == ["ana@b.example", "ana@a.example"]
    assert sorted(one.tags) == ["Mentor", "alpha", "zeta"]
    assert one.addresses == _full("Ana").addresses
    assert one.card_props == _full("Ana").card_props
    assert many[ana] == one
    assert all(not many[i].addresses and not many[i].card_props for i in plain)
