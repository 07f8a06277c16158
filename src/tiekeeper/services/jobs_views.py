"""Plain-dict views of the job-search objects (--json output; keys documented in docs/json.md)."""

from __future__ import annotations

from typing import Any

from tiekeeper.services.jobs import Contact, InterviewLogged, TargetView
from tiekeeper.services.opportunities import OpportunityView
from tiekeeper.services.views import interaction_dict


def contact_dict(c: Contact) -> dict[str, Any]:
    return {
        "id": c.person_id,
        "name": c.name,
        "position": c.position,
        "score": c.score,
        "label": c.label,
    }


def target_dict(v: TargetView) -> dict[str, Any]:
    o = v.organization
    return {
        "id": o.id,
        "name": o.name,
        "industry": o.industry,
        "why": o.why,
        "is_target": o.is_target,
        "people": [contact_dict(c) for c in v.people],
        "paths": [
            {"via": contact_dict(p.via), "to": contact_dict(p.target), "strength": p.strength}
            for p in v.paths
        ],
    }


def opportunity_dict(v: OpportunityView) -> dict[str, Any]:
    o, r = v.opportunity, v.reminder
    return {
        "id": o.id,
        "organization_id": o.organization_id,
        "organization": v.organization,
        "role": o.role,
        "source": o.source,
        "stage": o.stage,
        "via_id": o.via_person_id,
        "via": v.via,
        "next_step": o.next_step,
        "next_step_on": o.next_step_on.isoformat() if o.next_step_on else None,
        "reminder_id": r.id if r else None,
        "reminder_person_id": r.person_id if r else None,
        "reminder_person": v.reminder_person,
        "created_on": o.created_on.isoformat(),
        "updated_on": o.updated_on.isoformat() if o.updated_on else None,
        "moved_backwards_from": v.backwards_from,
    }


def interview_dict(done: InterviewLogged) -> dict[str, Any]:
    ix = done.interaction
    names = {ix.person_ids[0]: done.person_name}
    return {"interaction": interaction_dict(ix, names), "questions": done.questions}
