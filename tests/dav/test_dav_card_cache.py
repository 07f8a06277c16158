"""The card cache (services/dav_cards.CardCache over store/person_states.py and
store/change_probe.py) never serves a stale card: whatever is edited on a person's card, by this
process or another one on the same database, the next address book has the new card, exactly
as one written from scratch; and while nothing changes, the same cards come back unread."""

from __future__ import annotations

from datetime import UTC, date, datetime

from tiekeeper.services.people import PersonChanges, add_person, edit_person
from tiekeeper.services.sync.cards import CardCache, address_book
from tiekeeper.services.trash import delete_people
from tiekeeper.store.people import PersonFilter
from tiekeeper.store.uow import Store, open_store

TODAY = date(2026, 12, 2)
NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
# Every field a card shows, one edit each
EDITS = [
    PersonChanges(name="Ana Lima-Souza"),
    PersonChanges(emails=["ana@work.example"]),
    PersonChanges(phones=["+351 21 000 0001"]),
    PersonChanges(links=["https://ana.example"]),
    PersonChanges(tags=["pycon"]),
    PersonChanges(company="Acme"),
    PersonChanges(position="CTO"),
    PersonChanges(location="Lisbon"),
    PersonChanges(birthday="1990-04-01"),
    PersonChanges(linkedin="https://www.linkedin.com/in/ana-lima"),
    PersonChanges(note="met at PyCon"),
    PersonChanges(remove_emails=["ana@example.com"]),
]


def test_every_card_field_edit_reaches_the_cached_book(store: Store) -> None:
    add_person(store.uow(), PersonChanges(name="Ana Lima", emails=["ana@example.com"]), TODAY)
    add_person(store.uow(), PersonChanges(name="Bo Chen"), TODAY)
    cache = CardCache()
    before = address_book(store.uow(), cache)
    other = open_store(store.engine.url.render_as_string(hide_password=False))  # "another process"
    try:
        for n, change in enumerate(EDITS):
            writer = other if n % 2 else store
            with writer.uow() as uow:
                name = next(
                    p.name for p in uow.people.find(PersonFilter()) if p.name.startswith("Ana")
                )
            edit_person(writer.uow(), name, change, TODAY)
            cached = address_book(store.uow(), cache)
            assert cached == address_book(store.uow()), change  # as written from scratch
            assert cached != before, change
            before = cached
        assert address_book(store.uow(), cache) == before  # nothing changed: the same cards
        delete_people(other.uow(), ["Bo Chen"], NOW)
        assert [c.text for c in address_book(store.uow(), cache).values()] == [
            c.text for c in address_book(store.uow()).values()
        ]
        assert len(address_book(store.uow(), cache)) == 1
    finally:
        other.engine.dispose()
