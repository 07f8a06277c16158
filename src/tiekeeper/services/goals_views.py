"""Plain-dict views for goals, the weekly review and giving (keys in docs/json.md)."""

from __future__ import annotations

from typing import Any

from tiekeeper.domain.goals import GoalProgress
from tiekeeper.domain.review import TieChange
from tiekeeper.services.giving import Introduction
from tiekeeper.services.giving_pick import HelpSuggestion
from tiekeeper.services.review import FollowUpLine, WeeklyReview


def _iso(d: Any) -> str | None:
    return d.isoformat() if d is not None else None


def goal_dict(p: GoalProgress) -> dict[str, Any]:
    g = p.goal
    return {
        "id": g.id,
        "title": g.title,
        "per": g.period,
        "target": g.target,
        "metric": g.metric,
        "channel": g.channel,
        "period_start": _iso(p.start),
        "period_end": _iso(p.end),
        "count": p.count,
        "met": p.met,
        "streak": p.streak,
        "previous": p.previous,
        "trend": p.trend,
    }


def help_dict(h: HelpSuggestion | None) -> dict[str, Any] | None:
    if h is None:
        return None
    m = h.match
    return {
        "person_id": h.person_id,
        "person": h.name,
        "need": h.need,
        "introduce_to_id": m.contact.id if m else None,
        "introduce_to": m.contact.name if m else None,
        "matched_words": list(m.words) if m else [],
        "reason": h.reason,
    }


def _tie(c: TieChange, names: dict[int, str]) -> dict[str, Any]:
    return {
        "person_id": c.person_id,
        "person": names.get(c.person_id),
        "this_week": c.this_week,
        "weekly_average": round(c.weekly_average, 2),
    }


def _follow(f: FollowUpLine) -> dict[str, Any]:
    return {"reminder_id": f.reminder_id, "person_id": f.person_id, "person": f.name,
            "kind": f.kind}  # fmt: skip


def review_dict(r: WeeklyReview) -> dict[str, Any]:
    return {
        "week_start": r.start.isoformat(),
        "week_end": r.end.isoformat(),
        "goals": [goal_dict(g) for g in r.goals],
        "new_people": [{"id": i, "name": n} for i, n in r.new_people],
        "strengthened": [_tie(c, r.names) for c in r.strengthened],
        "faded": [_tie(c, r.names) for c in r.faded],
        "follow_ups_done": [_follow(f) for f in r.done],
        "follow_ups_missed": [_follow(f) for f in r.missed],
        "help": help_dict(r.help),
    }


def introduction_dict(i: Introduction) -> dict[str, Any]:
    ix = i.interaction
    return {
        "interaction_id": ix.id,
        "date": ix.occurred_on.isoformat(),
        "people": [{"id": pid, "name": n} for pid, n in zip(ix.person_ids, i.names, strict=True)],
        "summary": ix.summary,
    }
