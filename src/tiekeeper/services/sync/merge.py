"""A three-way merge of a person's card fields: the card a phone last held (base), the card as
tiekeeper serves it now (current) and the card the phone sends (incoming).

Per field: what only one side changed is taken from that side; a field both changed takes the
incoming value (the phone's edit is the one that arrives last, so the newer one here); lists
(e-mails, phones, links, tags, addresses, kept card lines) are merged item by item: what the
phone added is added and what it removed is removed, whatever tiekeeper added stays. It is a
conflict when the incoming card lacks something tiekeeper changed since the base: then the
version tiekeeper had goes to the trash (services/sync/cards.py) so nothing is lost."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from tiekeeper.domain.model import Person

LIST_FIELDS = frozenset({"emails", "phones", "links", "tags", "addresses", "card_props"})
# Merged but no conflict of their own: the kept lines (FN, N, UID, X-...) move with the fields
# above whenever tiekeeper rewrites a card, so they would make every edit look like one.
UNNAMED = frozenset({"card_props"})


@dataclass
class Merge:
    values: dict[str, Any] = field(default_factory=dict)  # field -> the value it takes now
    conflicts: list[str] = field(default_factory=list)  # fields tiekeeper changed too


def merge_list(base: Sequence[Any], current: Sequence[Any], incoming: Sequence[Any]) -> list[Any]:
    """current without what incoming removed since base, then what incoming added."""
    kept = [x for x in current if x in incoming or x not in base]
    return kept + [x for x in incoming if x not in current and x not in base]


def merge_fields(base: Person, current: Person, incoming: Person, fields: Sequence[str]) -> Merge:
    out = Merge()
    for name in fields:
        b, c, i = getattr(base, name), getattr(current, name), getattr(incoming, name)
        if i == c:
            continue
        if c != b and name not in UNNAMED:
            out.conflicts.append(name)
        if name in LIST_FIELDS:
            merged = merge_list(b, c, i)
            if merged != list(c):
                out.values[name] = merged
        elif i != b:  # the phone changed it (alone, or both did: the phone's is the newer)
            out.values[name] = i
    return out
