"""The keep-in-touch cadences set per tag (`tiekeeper cadence --tag TAG EVERY`), for Settings."""

from __future__ import annotations

from dataclasses import dataclass

from tiekeeper.store.uow import UnitOfWork


@dataclass(frozen=True)
class TagCadence:
    tag: str
    cadence_days: int


def list_tag_cadences(uow: UnitOfWork) -> list[TagCadence]:
    """Every tag with a cadence, by tag."""
    with uow:
        found = uow.people.tag_cadences()
    return [TagCadence(tag, days) for tag, days in sorted(found.items())]
