"""Postal addresses from the address columns of Google, Outlook and Thunderbird CSVs."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tiekeeper.interchange.records import PostalAddress
from tiekeeper.interchange.tabular import Columns, cell

_GOOGLE = re.compile(r"address (\d+) - (.+)")
_GOOGLE_PARTS = {
    "street": "street",
    "city": "city",
    "po box": "po_box",
    "region": "region",
    "postal code": "postcode",
    "country": "country",
    "extended address": "extended",
    "formatted": "formatted",
    "type": "kind",
    "label": "kind",
}
# Outlook (English names; localized ones are translated before this) and Thunderbird.
_PREFIXED: dict[str, tuple[str, str]] = {}
for _prefix, _kind in (("business", "work"), ("home", "home"), ("other", "other")):
    for _suffix, _part in (
        ("street", "street"),
        ("street 2", "street"),
        ("street 3", "street"),
        ("city", "city"),
        ("state", "region"),
        ("postal code", "postcode"),
        ("country/region", "country"),
        ("country", "country"),
    ):
        _PREFIXED[f"{_prefix} {_suffix}"] = (_kind, _part)
    _PREFIXED[f"{_prefix} address po box"] = (_kind, "po_box")
for _prefix, _kind in (("home", "home"), ("work", "work")):
    for _suffix, _part in (
        ("address", "street"),
        ("address 2", "street"),
        ("city", "city"),
        ("state", "region"),
        ("zipcode", "postcode"),
        ("country", "country"),
    ):
        _PREFIXED[f"{_prefix} {_suffix}"] = (_kind, _part)


@dataclass(frozen=True, slots=True)
class _Group:
    kind: str | None  # a fixed kind (Outlook, Thunderbird) ...
    kind_index: int | None  # ... or the column that holds it (Google's "Address 1 - Type")
    parts: tuple[tuple[str, int], ...]  # (PostalAddress field or "formatted", column)


class AddressColumns:
    """Finds a header's address column groups and reads each row's addresses from them."""

    def __init__(self, cols: Columns) -> None:
        google: dict[str, list[tuple[str, int]]] = {}
        fixed: dict[str, list[tuple[str, int]]] = {}
        for name, index in sorted(cols.index.items(), key=lambda kv: kv[1]):
            match = _GOOGLE.fullmatch(name)
            if match and match.group(2) in _GOOGLE_PARTS:
                google.setdefault(match.group(1), []).append((_GOOGLE_PARTS[match.group(2)], index))
            elif name in _PREFIXED:
                kind, part = _PREFIXED[name]
                fixed.setdefault(kind, []).append((part, index))
        groups: list[_Group] = []
        for parts in google.values():
            kind_index = next((i for p, i in parts if p == "kind"), None)
            groups.append(_Group(None, kind_index, tuple((p, i) for p, i in parts if p != "kind")))
        groups.extend(_Group(kind, None, tuple(parts)) for kind, parts in fixed.items())
        self.groups = groups
        self.used = frozenset(
            [i for g in groups for _, i in g.parts]
            + [g.kind_index for g in groups if g.kind_index is not None]
        )

    def read(self, row: Sequence[str]) -> list[PostalAddress]:
        """The row's non-empty addresses, in header order."""
        found: list[PostalAddress] = []
        for group in self.groups:
            values: dict[str, list[str]] = {}
            for part, index in group.parts:
                value = cell(row, index)
                if value:
                    values.setdefault(part, []).append(value)
            formatted = values.pop("formatted", None)
            if not values and formatted:
                values["street"] = formatted  # only the one-line form was exported
            if not values:
                continue
            kind = group.kind or _label(cell(row, group.kind_index))
            found.append(
                PostalAddress(
                    kind=kind,
                    po_box=_one(values, "po_box"),
                    extended=_one(values, "extended"),
                    street=_one(values, "street", "\n"),
                    city=_one(values, "city"),
                    region=_one(values, "region"),
                    postcode=_one(values, "postcode"),
                    country=_one(values, "country"),
                )
            )
        return found


def _one(values: dict[str, list[str]], part: str, sep: str = " ") -> str | None:
    parts = values.get(part)
    return sep.join(parts) if parts else None


def _label(value: str | None) -> str | None:
    """Google's `* Home` / `Work` labels as a lower-case kind."""
    if not value:
        return None
    text = value.lstrip("* ").strip().lower()
    return text or None


def location_of(addresses: Sequence[PostalAddress]) -> str | None:
    """`City, Country` of the first address that has either."""
    for address in addresses:
        parts = [p for p in (address.city, address.country) if p]
        if parts:
            return ", ".join(parts)
    return None
