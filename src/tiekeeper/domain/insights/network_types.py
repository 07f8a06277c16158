"""Operational, personal and strategic networks (Ibarra & Hunter 2007), INSIGHTS.md section 7.

Operational: getting today's work done. Personal: development, support, outside the organization.
Strategic: future priorities and stakeholders. The warning thresholds are product choices.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final, Literal

NetworkType = Literal["strategic", "operational", "personal"]
TYPES: Final[tuple[NetworkType, ...]] = ("strategic", "operational", "personal")

MIN_STRATEGIC_SHARE: Final = 0.15  # product choice: under 15 % of typed contacts is "few"
MIN_STRATEGIC_ACTIVE_SHARE: Final = 0.5  # product choice: under half of them active is "inactive"


@dataclass(frozen=True, slots=True)
class NetworkBalance:
    """Shares over contacts with a known type, over active ties, and warnings."""

    n_contacts: int
    n_typed: int
    coverage: float
    shares: dict[NetworkType, float]
    active_shares: dict[NetworkType, float]
    strategic_active_share: float | None  # of strategic ties, how many are active
    warnings: list[str] = field(default_factory=list)


def network_balance(contacts: Iterable[tuple[NetworkType | None, bool]]) -> NetworkBalance:
    """Shares of each type from (type or None, is the tie active) pairs, with warnings."""
    counts = dict.fromkeys(TYPES, 0)
    active = dict.fromkeys(TYPES, 0)
    n = 0
    for kind, is_active in contacts:
        n += 1
        if kind is None:
            continue
        counts[kind] += 1
        active[kind] += int(is_active)
    typed = sum(counts.values())
    n_active = sum(active.values())
    shares = {t: counts[t] / typed if typed else 0.0 for t in TYPES}
    active_shares = {t: active[t] / n_active if n_active else 0.0 for t in TYPES}
    strategic_active = active["strategic"] / counts["strategic"] if counts["strategic"] else None
    warnings: list[str] = []
    if typed and shares["strategic"] < MIN_STRATEGIC_SHARE:
        warnings.append(
            f"Only {round(100 * shares['strategic'])} % of your contacts are strategic (people "
            "tied to where you want to go). Add one or two this quarter. (Threshold "
            f"{round(100 * MIN_STRATEGIC_SHARE)} % is a rule of thumb of this app.)"
        )
    if strategic_active is not None and strategic_active < MIN_STRATEGIC_ACTIVE_SHARE:
        warnings.append(
            f"Only {active['strategic']} of your {counts['strategic']} strategic ties are active. "
            "Strategic ties pay off only when kept warm: reach out to one this week. (Threshold "
            f"{round(100 * MIN_STRATEGIC_ACTIVE_SHARE)} % is a rule of thumb of this app.)"
        )
    return NetworkBalance(
        n_contacts=n,
        n_typed=typed,
        coverage=typed / n if n else 0.0,
        shares=shares,
        active_shares=active_shares,
        strategic_active_share=strategic_active,
        warnings=warnings,
    )
