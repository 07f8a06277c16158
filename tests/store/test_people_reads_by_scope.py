"""People are read by statements built once (store/by_people.py): one person by a plain
parameter, several by an IN list of at most 900 ids, every person of the owner at once. Each
way gives every list, address and kept card line in its stored order, across a chunk's edge,
and nothing of another account's."""

from __future__ import annotations

from datetime import date

from tiekeeper.domain.model import Person, PostalAddress
from tiekeeper.store.people import PersonFilter
from tiekeeper.store.sql import CHUNK
from tiekeeper.store.uow import Store, ensure_account

DAY = date(2026, 1, 1)
MANY = CHUNK + 5  # past the first chunk of ids


def _rich(i: int) -> Person:
    return Person(
        f"Rich {i:04d}",
        emails=[f"z{i}@x.org", f"a{i}@x.org"],  # stored order, not alphabetical
        phones=[f"+1 555 {i:04d}"],
        links=[f"https://example.org/{i}"],
        tags=["zeta", "alpha"],  # tags read back sorted
        addresses=[PostalAddress(kind="work", city=f"City {i}"), PostalAddress(city="Second")],
        card_props=[("X-B", f"X-B:{i}"), ("X-A", f"X-A:{i}")],
        created_on=DAY,
    )


def _expected(p: Person) -> tuple[object, ...]:
    return (p.name, p.emails, p.phones, p.links, sorted(p.tags), p.addresses, p.card_props)


def _seen(p: Person) -> tuple[object, ...]:
    return (p.name, p.emails, p.phones, p.links, p.tags, p.addresses, p.card_props)


def test_one_several_and_every_person_read_the_same(store: Store) -> None:
    rich_at = {0, 1, CHUNK - 1, CHUNK, MANY - 1}  # both sides of the chunk's edge
    batch = [_rich(i) if i in rich_at else Person(f"Plain {i:04d}", created_on=DAY)
             for i in range(MANY)]  # fmt: skip
    with store.uow() as uow:
        ids = uow.bulk.add_people(batch)
        uow.commit()
    other = Store(store.engine, ensure_account(store.engine, "other"))
    with other.uow() as uow:  # another account's person, lists and cards
        uow.bulk.add_people([_rich(9999)])
        uow.commit()
    want = {pid: _expected(p) for pid, p in zip(ids, batch, strict=True)}

    with store.uow() as uow:
        one = {pid: _seen(p) for pid in (ids[0], ids[CHUNK]) if (p := uow.people.get(pid))}
        several = {p.id: _seen(p) for p in uow.people.load(list(reversed(ids)))}
        assert [p.id for p in uow.people.load(ids[-3:])] == ids[-3:]  # in the order asked
        everyone = {p.id: _seen(p) for p in uow.people.find(PersonFilter())}
    assert one == {ids[0]: want[ids[0]], ids[CHUNK]: want[ids[CHUNK]]}
    assert several == want
    assert everyone == want  # the owner's people only: not the other account's
