"""Data for the page tests, made through the services (the same calls as the CLI)."""

from __future__ import annotations

from datetime import date
from typing import Any

from tiekeeper.services.interactions import LogRequest, log_interaction
from tiekeeper.services.people import PersonChanges, add_person
from tiekeeper.store.uow import Store

DAY = date(2026, 11, 26)


def person(store: Store, name: str, **fields: Any) -> int:
    """Add someone; their id."""
    added = add_person(store.uow(), PersonChanges(name=name, **fields), DAY)
    assert added.id is not None
    return added.id


def interaction(store: Store, people: list[int], **fields: Any) -> int:
    """Log an interaction with these people; its id."""
    req = LogRequest(people=[str(p) for p in people], **fields)
    ix = log_interaction(store.uow(), req, DAY).interaction
    assert ix.id is not None
    return ix.id


def twins(store: Store) -> tuple[int, int]:
    """Two records of one person: the same phone, one with an e-mail and a company."""
    a = person(store, "Ana Lima", emails=["ana@acme.example"], phones=["+1 555 0100"],
               company="Acme", tags=["mentor"])  # fmt: skip
    b = person(store, "Ana Lima", phones=["+1 555 0100"], location="Lisbon", tags=["climbing"])
    return a, b
