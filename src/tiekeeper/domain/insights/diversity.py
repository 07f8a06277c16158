"""Diversity of one attribute across contacts (Blau 1977; Agresti & Agresti 1978; Hill 1973;
Krackhardt & Stern 1988) and echo-chamber flags (Uzzi & Dunlap 2005), INSIGHTS.md section 4.

Shares p_k are over contacts whose value is known (`coverage` says how many that is). With weights
(tie strengths) p_k is the share of total strength; E-I then counts strength, not heads.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from tiekeeper.domain.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class Diversity:
    """Indices of one attribute; None where undefined (no known values, or K < 2)."""

    n_contacts: int
    n_known: int
    coverage: float  # n_known / n_contacts (0 with no contacts)
    shares: dict[str, float]  # value -> p_k, largest first
    categories: int  # K used for IQV and evenness (codebook size, else observed categories)
    blau: float | None
    iqv: float | None
    entropy: float | None
    evenness: float | None
    effective_entropy: float | None  # e^H
    effective_simpson: float | None  # 1 / sum p_k^2
    same_as_user: float | None  # share equal to the user's value
    ei_index: float | None  # (E - I) / (E + I), -1 all like the user, +1 none


def diversity(
    values: Sequence[str | None],
    *,
    user_value: str | None = None,
    codebook_size: int | None = None,
    weights: Sequence[float] | None = None,
) -> Diversity:
    """Blau, IQV, entropy, evenness, effective numbers, same-as-user share, E-I of one attribute."""
    if weights is not None and len(weights) != len(values):
        raise InvalidInput("one weight per contact is needed", field="weights", value=len(weights))
    if weights is not None and any(w < 0 or not math.isfinite(w) for w in weights):
        raise InvalidInput("weights must be finite and non-negative", field="weights")
    if codebook_size is not None and codebook_size < 1:
        raise InvalidInput("codebook size must be at least 1", field="codebook_size")
    mass: dict[str, float] = {}
    n_known = 0
    for i, value in enumerate(values):
        if value is None or not value.strip():
            continue
        n_known += 1
        mass[value] = mass.get(value, 0.0) + (1.0 if weights is None else weights[i])
    total = sum(mass.values())
    shares = {k: m / total for k, m in sorted(mass.items(), key=lambda kv: (-kv[1], kv[0]))}
    if total == 0.0:
        shares = {}
    k_used = codebook_size if codebook_size is not None else len(shares)
    coverage = n_known / len(values) if values else 0.0
    if not shares:
        return Diversity(len(values), n_known, coverage, {}, k_used, *(None,) * 8)
    sum_sq = sum(p * p for p in shares.values())
    entropy = -sum(p * math.log(p) for p in shares.values() if p > 0.0)
    blau = 1.0 - sum_sq
    same = shares.get(user_value) if user_value is not None else None
    if user_value is not None and same is None:
        same = 0.0
    return Diversity(
        n_contacts=len(values),
        n_known=n_known,
        coverage=coverage,
        shares=shares,
        categories=k_used,
        blau=blau,
        iqv=blau / (1.0 - 1.0 / k_used) if k_used >= 2 else None,
        entropy=entropy,
        evenness=entropy / math.log(k_used) if k_used >= 2 else None,
        effective_entropy=math.exp(entropy),
        effective_simpson=1.0 / sum_sq,
        same_as_user=same,
        # E - I over E + I with shares: (1 - s) - s = 1 - 2s.
        ei_index=None if same is None else 1.0 - 2.0 * same,
    )


# --- echo-chamber flags -------------------------------------------------------------------------

SELF_INTRODUCED_MAX: Final = 0.65  # Uzzi & Dunlap 2005: a finding
SAME_VALUE_HEURISTIC: Final = 0.70  # product heuristic
SAME_VALUE_MIN_ATTRIBUTES: Final = 2  # product heuristic
OWN_COMPANY_HEURISTIC: Final = 0.50  # product heuristic
ONE_CLUSTER_HEURISTIC: Final = 0.70  # product heuristic
ECHO_ATTRIBUTES: Final = ("industry", "function", "generation", "location")


@dataclass(frozen=True, slots=True)
class EchoFlag:
    """One warning: a research finding or a product heuristic (the app must say which)."""

    key: str
    kind: Literal["finding", "heuristic"]
    message: str
    suggestion: str
    value: float
    threshold: float
    source: str | None  # key into sources.SOURCES, None for product heuristics


def _pct(x: float) -> str:
    return f"{round(100 * x)} %"


def echo_chamber_flags(
    *,
    self_introduced_share: float | None = None,
    same_as_user: Mapping[str, float | None] | None = None,
    own_company_share: float | None = None,
    largest_cluster_share: float | None = None,
) -> list[EchoFlag]:
    """Flags over the user's active ties; pass the shares measured on active ties only."""
    flags: list[EchoFlag] = []
    if self_introduced_share is not None and self_introduced_share > SELF_INTRODUCED_MAX:
        flags.append(
            EchoFlag(
                key="self_introduced",
                kind="finding",
                message=(
                    f"You introduced yourself to {_pct(self_introduced_share)} of your key "
                    "contacts; self-made networks tend to be made of people like you."
                ),
                suggestion=(
                    "Ask two of your contacts to introduce you to someone they think you should "
                    "know, outside your usual circle."
                ),
                value=self_introduced_share,
                threshold=SELF_INTRODUCED_MAX,
                source="uzzi_dunlap2005",
            )
        )
    alike = {
        name: share
        for name, share in (same_as_user or {}).items()
        if name in ECHO_ATTRIBUTES and share is not None and share >= SAME_VALUE_HEURISTIC
    }
    if len(alike) >= SAME_VALUE_MIN_ATTRIBUTES:
        names = ", ".join(sorted(alike))
        flags.append(
            EchoFlag(
                key="same_as_you",
                kind="heuristic",
                message=(
                    f"At least {_pct(SAME_VALUE_HEURISTIC)} of your active ties share your {names} "
                    "(a rule of thumb of this app, not a research threshold)."
                ),
                suggestion=(
                    "Reconnect with or meet someone from a different "
                    f"{sorted(alike)[0]} this month."
                ),
                value=min(alike.values()),
                threshold=SAME_VALUE_HEURISTIC,
                source=None,
            )
        )
    if own_company_share is not None and own_company_share > OWN_COMPANY_HEURISTIC:
        flags.append(
            EchoFlag(
                key="own_company",
                kind="heuristic",
                message=(
                    f"{_pct(own_company_share)} of your active ties work at your company "
                    "(a rule of thumb of this app, not a research threshold)."
                ),
                suggestion="Schedule one coffee with someone outside your company this month.",
                value=own_company_share,
                threshold=OWN_COMPANY_HEURISTIC,
                source=None,
            )
        )
    if largest_cluster_share is not None and largest_cluster_share >= ONE_CLUSTER_HEURISTIC:
        flags.append(
            EchoFlag(
                key="one_cluster",
                kind="heuristic",
                message=(
                    f"{_pct(largest_cluster_share)} of your active ties sit in one cluster of "
                    "people who know each other (a rule of thumb of this app, not a research "
                    "threshold)."
                ),
                suggestion=(
                    "Revive a tie in another cluster, or join an event where that group is not."
                ),
                value=largest_cluster_share,
                threshold=ONE_CLUSTER_HEURISTIC,
                source=None,
            )
        )
    return flags


def share_true(flags: Sequence[bool | None]) -> float | None:
    """Share of True among known values (e.g. "I introduced myself"), None when none is known."""
    known = [f for f in flags if f is not None]
    return sum(known) / len(known) if known else None
