"""Plain-dict views for events, the profile, the pitch and the card (keys in docs/json.md)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from tiekeeper.domain.events import Event, goal_line
from tiekeeper.domain.pitch import PitchCheck
from tiekeeper.domain.profile import Profile
from tiekeeper.services.events import Capture, EventSummary, EventView


def event_dict(e: Event) -> dict[str, Any]:
    return {
        "id": e.id,
        "name": e.name,
        "kind": e.kind,
        "date": e.occurred_on.isoformat(),
        "location": e.location,
        "goal": e.goal,
        "goal_target": e.goal_target,
    }


def event_summary_dict(s: EventSummary) -> dict[str, Any]:
    data = event_dict(s.event)
    data.update({"people_met": s.met, "new_people": s.new})
    return data


def event_view_dict(v: EventView) -> dict[str, Any]:
    data = event_dict(v.event)
    data.update(
        {
            "people_met": len(v.people),
            "goal_met": v.goal_met,
            "goal_line": goal_line(v.event.goal, v.event.goal_target, len(v.people)),
            "people": [
                {
                    "id": m.person_id,
                    "name": m.name,
                    "is_new": m.is_new,
                    "interactions_after": m.interactions_after,
                    "became_tie": m.became_tie,
                }
                for m in v.people
            ],
        }
    )
    return data


def capture_dict(c: Capture) -> dict[str, Any]:
    return {
        "event_id": c.event.id,
        "person_id": c.person.id,
        "person": c.person.name,
        "is_new": c.is_new,
        "follow_up_id": c.follow_up.id,
        "follow_up_due": c.follow_up.due_on.isoformat(),
    }


def profile_dict(p: Profile) -> dict[str, Any]:
    data = asdict(p)
    data["linkedin"] = data.pop("linkedin_url")
    return data


def pitch_dict(text: str, c: PitchCheck) -> dict[str, Any]:
    return {
        "pitch": text,
        "words": c.words,
        "seconds": c.seconds,
        "says_what_you_do": c.says_what_you_do,
        "says_what_you_want": c.says_what_you_want,
        "warnings": c.warnings,
    }
