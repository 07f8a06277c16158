"""The owner's own profile: who "me" is, for the pitch, the business card and comparisons."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any


@dataclass
class Profile:
    """The user's own contact details (every field optional until set)."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    headline: str | None = None
    company: str | None = None
    position: str | None = None
    industry: str | None = None
    function: str | None = None
    location: str | None = None
    linkedin_url: str | None = None
    pitch: str | None = None

    @classmethod
    def from_fields(cls, row: Mapping[str, Any] | None) -> Profile:
        """A profile from stored fields (unknown keys ignored; None gives an empty profile)."""
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in (row or {}).items() if k in names})

    def is_empty(self) -> bool:
        return all(getattr(self, f.name) in (None, "") for f in fields(self))


def split_name(full: str) -> tuple[str, str]:
    """(family, given) for a vCard N: the last word is taken as the family name."""
    parts = full.split()
    if len(parts) < 2:
        return full.strip(), ""
    return parts[-1], " ".join(parts[:-1])
