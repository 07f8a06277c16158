"""The network's insights through the API (= `tiekeeper insights --json`): tie strength,
diversity, network-type balance, brokerage and clusters, dormant ties to revive, giving. Each
section names its sources (keys of `references`)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from tiekeeper.services.insights.report import network_insights
from tiekeeper.services.insights.views import insights_dict
from tiekeeper.services.recomputed import kept
from tiekeeper.web.deps import StoreDep, TodayDep
from tiekeeper.web.schemas import Out

router = APIRouter(tags=["insights"])


class EdgeCountsOut(Out):
    stored: int
    inferred: int


class TieOut(Out):
    person_id: int
    name: str
    score: float | None
    label: str
    low_confidence: bool
    active: bool
    days_since_last: int | None
    interactions: int
    components: dict[str, float | None]
    weights: dict[str, float | None]
    reasons: list[str]


class TiesOut(Out):
    strong: int
    weak: int
    dormant: int
    latent: int
    low_confidence: int
    active: int
    histogram: list[int]  # ties in each tenth of tie strength, weakest first
    strongest: list[TieOut]
    sources: list[str]


class DiversityOut(Out):
    known: int
    coverage: float | None
    categories: int
    blau: float | None
    iqv: float | None
    entropy: float | None
    evenness: float | None
    effective_entropy: float | None
    effective_simpson: float | None
    same_as_user: float | None
    ei_index: float | None
    shares: dict[str, float | None]


class DiversityReportOut(Out):
    has_profile: bool
    all: dict[str, DiversityOut]
    active: dict[str, DiversityOut]
    weighted: dict[str, DiversityOut]
    sources: list[str]


class EchoFlagOut(Out):
    key: str
    kind: str
    message: str
    suggestion: str
    value: float | None
    threshold: float | None
    source: str | None


class NetworkTypesOut(Out):
    typed: int
    coverage: float | None
    shares: dict[str, float | None]
    active_shares: dict[str, float | None]
    warnings: list[str]
    sources: list[str]


class NamedTieOut(Out):
    person_id: int
    name: str


class BrokerageOut(Out):
    contacts: int
    ties_among_contacts: int
    density: float | None
    constraint: float | None
    effective_size: float | None
    efficiency: float | None
    hierarchy: float | None
    ego_betweenness: float | None
    ego_betweenness_exact: bool
    redundant_contacts: list[NamedTieOut]
    sources: list[str]


class ClusterOut(Out):
    cluster_id: int
    size: int
    active: int
    label: str | None
    label_share: float | None


class BrokerOut(NamedTieOut):
    participation: float | None


class BridgeOut(NamedTieOut):
    cluster_id: int
    cluster_size: int
    label: str | None


class ClustersOut(Out):
    count: int
    modularity: float | None
    largest: list[ClusterOut]
    brokers: list[BrokerOut]
    fragile_bridges: list[BridgeOut]
    sources: list[str]


class ReconnectOut(Out):
    person_id: int
    name: str
    score: float | None
    dormant_days: int | None
    reasons: list[str]
    last_topics: list[str]


class GivingOut(Out):
    style: str | None
    mean_share: float | None
    description: str | None
    owe_thank_you: list[NamedTieOut]
    over_give: list[NamedTieOut]
    sources: list[str]


class InsightsOut(Out):
    """= `tiekeeper insights --json`; the same content as `tiekeeper report`."""

    date: str
    contacts: int
    knows_edges: EdgeCountsOut
    ties: TiesOut
    diversity: DiversityReportOut
    echo_chamber: list[EchoFlagOut]
    network_types: NetworkTypesOut
    brokerage: BrokerageOut
    clusters: ClustersOut
    reconnect: list[ReconnectOut]
    giving: GivingOut
    references: dict[str, str]  # source key -> the full reference


@router.get("/insights", response_model=InsightsOut)
def get_insights(store: StoreDep, today: TodayDep) -> dict[str, Any]:
    """Your network in figures, each section with the research it rests on."""
    got = kept(
        store.uow(), ("insights", today), lambda uow: insights_dict(network_insights(uow, today))
    )
    return got.value
