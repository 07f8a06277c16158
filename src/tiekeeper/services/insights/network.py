"""The shape of the network: diversity and echo chambers, network-type balance, brokerage,
clusters and fragile bridges, warm paths, and recording who knows whom.

Readings (documented product choices):
- Diversity is computed over all contacts, over active ties, and over active ties weighted by
  tie strength. Same-as-you and E-I compare with the user's profile (none without a profile).
- Uzzi & Dunlap's "introduced yourself": a key contact (a strong, active tie) counts as
  self-introduced when nobody introduced them (no introduced_by) and "how met" does not mention
  an introduction ("intro", "referred"); with no key contacts, all active ties are used.
- Warm paths: services.insights_paths (the one scale of every warm-path ranking).
- Brokerage: the user is tied to every contact with weight 1 (unweighted ego ties: a contact
  never talked to is still a contact); contact-contact ties carry the edge weights.
- Cluster labels: the company shared by at least half the members, else the industry, else the
  location, else the most common of the three (with its share).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from tiekeeper.domain.errors import InvalidInput, NotFound
from tiekeeper.domain.insights.diversity import (
    Diversity,
    EchoFlag,
    diversity,
    echo_chamber_flags,
    share_true,
)
from tiekeeper.domain.insights.network_types import NetworkBalance, NetworkType, network_balance
from tiekeeper.domain.model import name_key
from tiekeeper.graph.brokerage import EgoMeasures, user_ego_measures
from tiekeeper.graph.clusters import ClusterReport, analyse_clusters
from tiekeeper.graph.paths import WarmPath
from tiekeeper.services.insights.data import NetworkEdge, Tie, graph_edges
from tiekeeper.services.insights.paths import path_network
from tiekeeper.services.people import resolve
from tiekeeper.store.analytics import AnalyticsQueries
from tiekeeper.store.knows import KnowsRepository
from tiekeeper.store.people_reads import ProfileRow
from tiekeeper.store.uow import UnitOfWork

ATTRIBUTES: Final = (
    "industry",
    "function",
    "seniority",
    "generation",
    "location",
    "company",
    "network_type",
)
CODEBOOKS: Final = {"network_type": 3}  # closed attributes; the others use observed categories
INTRO_WORDS: Final = ("intro", "referred", "referral")
DEFAULT_KNOWS_STRENGTH: Final = 3


def _value(tie: Tie, attribute: str) -> str | None:
    return getattr(tie.person, attribute)  # type: ignore[no-any-return]


def _user_value(profile: ProfileRow | None, attribute: str) -> str | None:
    if profile is None or attribute == "network_type":
        return None
    return getattr(profile, attribute)  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class DiversityReport:
    """Per attribute: over all contacts, over active ties, and active ties weighted by strength."""

    all_contacts: dict[str, Diversity]
    active: dict[str, Diversity]
    weighted: dict[str, Diversity]
    has_profile: bool


def diversity_report(ties: Sequence[Tie], profile: ProfileRow | None) -> DiversityReport:
    """Blau, IQV, entropy, same-as-you and E-I of every attribute, three ways."""
    active = [t for t in ties if t.active]
    out: dict[str, dict[str, Diversity]] = {"all": {}, "active": {}, "weighted": {}}
    for attr in ATTRIBUTES:
        user = _user_value(profile, attr)
        k = CODEBOOKS.get(attr)
        out["all"][attr] = diversity(
            [_value(t, attr) for t in ties], user_value=user, codebook_size=k
        )
        values = [_value(t, attr) for t in active]
        out["active"][attr] = diversity(values, user_value=user, codebook_size=k)
        out["weighted"][attr] = diversity(
            values, user_value=user, codebook_size=k, weights=[t.strength.score for t in active]
        )
    return DiversityReport(out["all"], out["active"], out["weighted"], profile is not None)


def self_introduced(t: Tie) -> bool:
    """Nobody introduced them and "how met" names no introduction (Uzzi & Dunlap reading)."""
    how = (t.person.how_met or "").casefold()
    return t.person.introduced_by_id is None and not any(w in how for w in INTRO_WORDS)


def echo_flags(
    ties: Sequence[Tie], div: DiversityReport, clusters: ClusterReport | None
) -> list[EchoFlag]:
    """The echo-chamber flags over active ties."""
    active = [t for t in ties if t.active]
    key = [t for t in active if t.strength.label == "strong"] or active
    same = {a: d.same_as_user for a, d in div.active.items()}
    largest = None
    if clusters is not None and active:
        counts = Counter(clusters.membership.get(t.person.id) for t in active)
        counts.pop(None, None)
        largest = max(counts.values()) / len(active) if counts else None
    return echo_chamber_flags(
        self_introduced_share=share_true([self_introduced(t) for t in key]),
        same_as_user=same,
        own_company_share=div.active["company"].same_as_user if div.has_profile else None,
        largest_cluster_share=largest,
    )


def types_balance(ties: Sequence[Tie]) -> NetworkBalance:
    """Ibarra & Hunter's operational / personal / strategic shares."""
    known: dict[str, NetworkType] = {
        "strategic": "strategic",
        "operational": "operational",
        "personal": "personal",
    }
    pairs = [(known.get((t.person.network_type or "").strip().lower()), t.active) for t in ties]
    return network_balance(pairs)


def brokerage(ties: Mapping[int, Tie], edges: Sequence[NetworkEdge]) -> EgoMeasures:
    """The user's constraint, effective size, efficiency, hierarchy and ego betweenness."""
    return user_ego_measures(list(ties), graph_edges(edges))


def _cluster_label(members: Sequence[int], ties: Mapping[int, Tie]) -> tuple[str | None, float]:
    best: tuple[str | None, float] = (None, 0.0)
    for attr in ("company", "industry", "location"):
        counts = Counter(v for m in members if (v := _value(ties[m], attr)))
        if not counts:
            continue
        value, n = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        share = n / len(members)
        if share >= 0.5:
            return value, share
        if share > best[1]:
            best = (value, share)
    return best


def clusters(ties: Mapping[int, Tie], edges: Sequence[NetworkEdge]) -> ClusterReport:
    """Leiden clusters, brokers and fragile bridges, labelled by company/industry/location."""
    active = [pid for pid, t in ties.items() if t.active]
    raw = analyse_clusters(list(ties), graph_edges(edges), active=active)
    labelled = []
    for c in raw.clusters:
        label, share = _cluster_label(c.members, ties)
        labelled.append(type(c)(c.cluster_id, c.members, c.active_members, label, share))
    by_id = {c.cluster_id: c for c in labelled}
    bridges = [
        type(b)(b.cluster_id, b.via_contact, b.cluster_size, by_id[b.cluster_id].label)
        for b in raw.fragile_bridges
    ]
    return ClusterReport(
        raw.membership,
        labelled,
        raw.modularity,
        raw.participation,
        raw.brokers,
        raw.betweenness_computed,
        bridges,
    )


@dataclass(frozen=True, slots=True)
class PathsResult:
    """Warm paths into a target, with what the target was read as."""

    kind: str  # person | company | industry
    target: str
    targets: list[int]
    paths: list[WarmPath]
    names: dict[int, str]
    inferred: dict[tuple[int, int], bool]  # (via, target) -> the edge is inferred
    labels: Mapping[int, str]  # tie label (strong, weak, dormant, latent) of everyone on a path


def _targets(uow: UnitOfWork, text: str) -> tuple[str, list[int]]:
    q = uow.repo(AnalyticsQueries)
    ref = text.strip()
    if not ref:
        raise InvalidInput("name a person, a company or an industry", field="target", value=text)
    if ref.isdigit() or "@" in ref:
        return "person", [resolve(uow, ref)]
    orgs = q.organization_ids(name_key(ref))
    if orgs:
        return "company", q.people_in(orgs)
    in_industry = q.people_in(industry=ref)
    if in_industry:
        return "industry", in_industry
    try:
        return "person", [resolve(uow, ref)]
    except NotFound:
        raise NotFound(f"no person, company or industry matches {ref!r}") from None


def paths_to(uow: UnitOfWork, target: str, now: date, limit: int = 20) -> PathsResult:
    """The `tiekeeper paths TARGET` use case: direct ties and two-hop paths, strongest first."""
    with uow:
        kind, ids = _targets(uow, target)
        net = path_network(uow, ids, now)
        found = net.paths(ids, limit)
        flags = {(p.via, p.target): net.is_inferred(p.via, p.target) for p in found if p.via}
        names = {pid: net.ties[pid].person.name for p in found for pid in (p.target, p.via) if pid}
        labels = {
            pid: net.ties[pid].strength.label for p in found for pid in (p.target, p.via) if pid
        }
    return PathsResult(kind, target.strip(), ids, found, names, flags, labels)


def set_knows(
    uow: UnitOfWork, a: str, b: str, strength: int | None, remove: bool, today: date
) -> tuple[int, int, int | None]:
    """The `tiekeeper knows A B` use case: record (or remove) that two contacts know each other."""
    if strength is not None and not 1 <= strength <= 5:
        raise InvalidInput(f"{strength} is not between 1 and 5", field="strength", value=strength)
    if remove and strength is not None:
        raise InvalidInput("--strength and --remove do not go together", field="strength")
    with uow:
        ida, idb = resolve(uow, a), resolve(uow, b)
        if ida == idb:
            raise InvalidInput("a person cannot know themselves", field="b", value=b)
        repo = uow.repo(KnowsRepository)
        if remove:
            if repo.remove(ida, idb) == 0:
                raise NotFound(f"no recorded edge between {a!r} and {b!r}")
            uow.commit()
            return ida, idb, None
        edge = repo.add(ida, idb, strength or DEFAULT_KNOWS_STRENGTH, "entered", today)
        uow.commit()
    return ida, idb, edge.strength
