"""`tiekeeper insights` and `tiekeeper report`: every insight computed once, from one load."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tiekeeper.domain.insights.diversity import EchoFlag
from tiekeeper.domain.insights.network_types import NetworkBalance
from tiekeeper.domain.insights.reconnect import ReconnectSuggestion
from tiekeeper.graph.brokerage import EgoMeasures
from tiekeeper.graph.clusters import ClusterReport
from tiekeeper.services.gc_pause import cyclic_gc_paused
from tiekeeper.services.insights.data import (
    NetworkEdge,
    Tie,
    build_ties,
    load_edges,
    summaries_at,
)
from tiekeeper.services.insights.network import (
    DiversityReport,
    brokerage,
    clusters,
    diversity_report,
    echo_flags,
    types_balance,
)
from tiekeeper.services.insights.ties import (
    GivingReport,
    TieSplit,
    giving_report,
    rank_reconnect,
    tie_split,
)
from tiekeeper.store.analytics import AnalyticsQueries
from tiekeeper.store.analytics_raw import RawAnalytics
from tiekeeper.store.people_reads import ProfileRow
from tiekeeper.store.uow import UnitOfWork

RECONNECT_SHOWN = 10


@dataclass(frozen=True, slots=True)
class Insights:
    """Everything the summary and the report show."""

    day: date
    ties: dict[int, Tie]
    edges: Sequence[NetworkEdge]  # an EdgeTable: columns, objects made on demand
    profile: ProfileRow | None
    split: TieSplit
    diversity: DiversityReport
    echo: list[EchoFlag]
    balance: NetworkBalance
    ego: EgoMeasures
    clusters: ClusterReport
    reconnect: list[ReconnectSuggestion]
    giving: GivingReport


def network_insights(uow: UnitOfWork, now: date) -> Insights:
    """The `tiekeeper insights` use case: all insights at `now`, read in one transaction."""
    with cyclic_gc_paused():
        return _network_insights(uow, now)


def _network_insights(uow: UnitOfWork, now: date) -> Insights:
    with uow:
        q = uow.repo(AnalyticsQueries)
        people = q.people()
        profile = q.profile()
        rows = uow.repo(RawAnalytics).interaction_columns(now)
        ties = build_ties(people, summaries_at(rows, now), profile, now)
        edges = load_edges(uow, people)
        giving = giving_report(q.favours(now), now)
        reconnect = rank_reconnect(uow, ties, edges, giving, now, RECONNECT_SHOWN, rows)
        del rows  # the largest structure: free it before the graph work
    tie_list = list(ties.values())
    div = diversity_report(tie_list, profile)
    found = clusters(ties, edges)
    return Insights(
        day=now,
        ties=ties,
        edges=edges,
        profile=profile,
        split=tie_split(tie_list),
        diversity=div,
        echo=echo_flags(tie_list, div, found),
        balance=types_balance(tie_list),
        ego=brokerage(ties, edges),
        clusters=found,
        reconnect=reconnect,
        giving=giving,
    )


def write_report(uow: UnitOfWork, now: date, path: Path) -> Path:
    """The `tiekeeper report -o FILE` use case: one self-contained HTML file."""
    from tiekeeper.services.insights.html import render_report

    html = render_report(network_insights(uow, now))
    path.write_text(html, encoding="utf-8")
    return path
