"""JSON shapes (stable keys) of the insights, the tie, the paths and the reconnect list."""

from __future__ import annotations

from typing import Any

from tiekeeper.domain.insights.diversity import Diversity, EchoFlag
from tiekeeper.domain.insights.giving import GivingBalance
from tiekeeper.domain.insights.reconnect import ReconnectSuggestion
from tiekeeper.domain.insights.sources import INSIGHT_SOURCES, SOURCES
from tiekeeper.services.insights.data import Tie, inferred_count
from tiekeeper.services.insights.network import PathsResult
from tiekeeper.services.insights.report import Insights
from tiekeeper.services.insights.ties import TieExplained, strongest_ties

TOP = 5


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 6)


def tie_dict(t: Tie) -> dict[str, Any]:
    """One tie: score, label, components, weights and reasons."""
    s = t.strength
    return {
        "person_id": t.person.id,
        "name": t.person.name,
        "score": _r(s.score),
        "label": s.label,
        "low_confidence": s.low_confidence,
        "active": t.active,
        "days_since_last": s.days_since_last,
        "interactions": t.n_interactions,
        "components": {
            "closeness": _r(s.closeness),
            "recency": _r(s.recency),
            "frequency": _r(s.frequency),
            "multiplexity": _r(s.multiplexity),
            "reciprocity": _r(s.reciprocity),
            "duration": _r(s.duration),
        },
        "weights": {k: _r(v) for k, v in s.weights.items()},
        "reasons": list(s.reasons),
    }


def giving_dict(b: GivingBalance) -> dict[str, Any]:
    """A decayed favour ledger with one person."""
    return {
        "given": _r(b.given),
        "received": _r(b.received),
        "balance": _r(b.balance),
        "share": _r(b.share),
        "favours_given": b.favours_given,
        "favours_received": b.favours_received,
        "over_give": b.over_give,
        "owe_thank_you": b.owe_thank_you,
    }


def explained_dict(x: TieExplained) -> dict[str, Any]:
    """`tie --json`."""
    return {
        **tie_dict(x.tie),
        "giving": giving_dict(x.giving) if x.giving else None,
        "knows": [
            {"person_id": pid, "name": name, "sources": list(src), "inferred": inferred}
            for pid, name, src, inferred in x.knows
        ],
        "last_topics": list(x.last_topics),
        "sources": list(INSIGHT_SOURCES["tie_strength"]),
    }


def diversity_dict(d: Diversity) -> dict[str, Any]:
    """One attribute's indices."""
    return {
        "known": d.n_known,
        "coverage": _r(d.coverage),
        "categories": d.categories,
        "blau": _r(d.blau),
        "iqv": _r(d.iqv),
        "entropy": _r(d.entropy),
        "evenness": _r(d.evenness),
        "effective_entropy": _r(d.effective_entropy),
        "effective_simpson": _r(d.effective_simpson),
        "same_as_user": _r(d.same_as_user),
        "ei_index": _r(d.ei_index),
        "shares": {k: _r(v) for k, v in list(d.shares.items())[:8]},
    }


def flag_dict(f: EchoFlag) -> dict[str, Any]:
    """One echo-chamber flag."""
    return {
        "key": f.key,
        "kind": f.kind,
        "message": f.message,
        "suggestion": f.suggestion,
        "value": _r(f.value),
        "threshold": f.threshold,
        "source": f.source,
    }


def reconnect_dict(s: ReconnectSuggestion, name: str) -> dict[str, Any]:
    """One dormant tie worth reviving."""
    return {
        "person_id": s.contact_id,
        "name": name,
        "score": _r(s.score),
        "dormant_days": s.dormant_days,
        "reasons": list(s.reasons),
        "last_topics": list(s.last_topics),
    }


def _names(ins: Insights, ids: list[int]) -> list[dict[str, Any]]:
    return [{"person_id": i, "name": ins.ties[i].person.name} for i in ids if i in ins.ties]


def _network(ins: Insights) -> dict[str, Any]:
    e, c = ins.ego, ins.clusters
    return {
        "brokerage": {
            "contacts": e.n_contacts,
            "ties_among_contacts": e.n_ties_among_contacts,
            "density": _r(e.density),
            "constraint": _r(e.constraint),
            "effective_size": _r(e.effective_size),
            "efficiency": _r(e.efficiency),
            "hierarchy": _r(e.hierarchy),
            "ego_betweenness": _r(e.ego_betweenness),
            "ego_betweenness_exact": e.ego_betweenness_exact,
            "redundant_contacts": _names(ins, [d.contact_id for d in e.top_constraints]),
            "sources": list(INSIGHT_SOURCES["brokerage"]),
        },
        "clusters": {
            "count": len(c.clusters),
            "modularity": _r(c.modularity),
            "largest": [
                {
                    "cluster_id": k.cluster_id,
                    "size": len(k.members),
                    "active": len(k.active_members),
                    "label": k.label,
                    "label_share": _r(k.label_share),
                }
                for k in c.clusters[:8]
            ],
            "brokers": [
                {**_names(ins, [b.contact_id])[0], "participation": _r(b.participation)}
                for b in c.brokers[:TOP]
            ],
            "fragile_bridges": [
                {
                    **_names(ins, [b.via_contact])[0],
                    "cluster_id": b.cluster_id,
                    "cluster_size": b.cluster_size,
                    "label": b.label,
                }
                for b in c.fragile_bridges[:10]
            ],
            "sources": list(INSIGHT_SOURCES["clusters"]),
        },
    }


def insights_dict(ins: Insights) -> dict[str, Any]:
    """`insights --json`."""
    s, bal, g = ins.split, ins.balance, ins.giving
    strongest = strongest_ties(ins.ties.values(), TOP)
    div = ins.diversity
    return {
        "date": ins.day.isoformat(),
        "contacts": len(ins.ties),
        "knows_edges": {
            "stored": len(ins.edges) - inferred_count(ins.edges),
            "inferred": inferred_count(ins.edges),
        },
        "ties": {
            "strong": s.strong,
            "weak": s.weak,
            "dormant": s.dormant,
            "latent": s.latent,
            "low_confidence": s.low_confidence,
            "active": s.active,
            "histogram": s.histogram,
            "strongest": [tie_dict(t) for t in strongest],
            "sources": list(INSIGHT_SOURCES["tie_strength"]),
        },
        "diversity": {
            "has_profile": div.has_profile,
            "all": {a: diversity_dict(d) for a, d in div.all_contacts.items()},
            "active": {a: diversity_dict(d) for a, d in div.active.items()},
            "weighted": {a: diversity_dict(d) for a, d in div.weighted.items()},
            "sources": list(INSIGHT_SOURCES["diversity"]),
        },
        "echo_chamber": [flag_dict(f) for f in ins.echo],
        "network_types": {
            "typed": bal.n_typed,
            "coverage": _r(bal.coverage),
            "shares": {k: _r(v) for k, v in bal.shares.items()},
            "active_shares": {k: _r(v) for k, v in bal.active_shares.items()},
            "warnings": list(bal.warnings),
            "sources": list(INSIGHT_SOURCES["network_types"]),
        },
        **_network(ins),
        "reconnect": [reconnect_dict(r, ins.ties[r.contact_id].person.name) for r in ins.reconnect],
        "giving": {
            "style": g.style.style if g.style else None,
            "mean_share": _r(g.style.mean_share) if g.style else None,
            "description": g.style.description if g.style else None,
            "owe_thank_you": _names(ins, [p for p, b in g.balances.items() if b.owe_thank_you]),
            "over_give": _names(ins, [p for p, b in g.balances.items() if b.over_give]),
            "sources": list(INSIGHT_SOURCES["giving"]),
        },
        "references": dict(SOURCES),
    }


def paths_dict(r: PathsResult) -> dict[str, Any]:
    """`paths --json`."""
    return {
        "target": r.target,
        "kind": r.kind,
        "people": len(r.targets),
        "paths": [
            {
                "target_id": p.target,
                "target": r.names.get(p.target),
                "via_id": p.via,
                "via": r.names.get(p.via) if p.via else None,
                "hops": p.hops,
                "strength": _r(p.strength),
                "your_tie": _r(p.your_tie),
                "your_tie_label": r.labels.get(p.via or p.target),
                "their_tie": _r(p.their_tie),
                "inferred": r.inferred.get((p.via, p.target), False) if p.via else False,
            }
            for p in r.paths
        ],
    }
