"""How novel a contact is against the user's own profile: attribute novelty and seniority.

Kept apart from the heavy insight loaders (numpy) so Today's dormant-tie pick stays light."""

from __future__ import annotations

from typing import Final

from tiekeeper.domain.insights.reconnect import attribute_novelty, seniority_input
from tiekeeper.store.people_reads import PersonRow, ProfileRow

# Bigger is more senior; unknown labels are None (then seniority counts as "same", 0.5).
SENIORITY_LEVELS: Final = {
    "intern": 0,
    "junior": 1,
    "associate": 1,
    "entry": 1,
    "mid": 2,
    "senior": 3,
    "lead": 4,
    "manager": 4,
    "principal": 4,
    "head": 5,
    "director": 5,
    "vp": 6,
    "vice president": 6,
    "partner": 6,
    "executive": 7,
    "c-level": 7,
    "founder": 7,
}


def seniority_level(label: str | None) -> int | None:
    """A rank for a free-text seniority label, None when unknown."""
    return None if not label else SENIORITY_LEVELS.get(label.strip().casefold())


def _attrs(p: PersonRow | ProfileRow) -> tuple[str | None, ...]:
    return (p.industry, p.function, p.location, p.generation)


def novelty_inputs(p: PersonRow, profile: ProfileRow | None) -> tuple[float, float]:
    """(attribute novelty, seniority above) of one contact against the user's profile."""
    if profile is None:
        return 0.5, 0.5
    return attribute_novelty(_attrs(p), _attrs(profile)), seniority_input(
        seniority_level(p.seniority), seniority_level(profile.seniority)
    )
