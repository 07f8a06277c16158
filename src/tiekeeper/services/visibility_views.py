"""Plain-dict views of posts, headline checks, drafts and templates (--json; docs/json.md)."""

from __future__ import annotations

from typing import Any

from tiekeeper.domain.headline import HeadlineCheck
from tiekeeper.services.drafts import Draft, TemplateView
from tiekeeper.services.visibility import PostView


def post_dict(v: PostView) -> dict[str, Any]:
    p = v.post
    return {
        "id": p.id,
        "date": p.occurred_on.isoformat(),
        "where": p.venue,
        "topic": p.topic,
        "url": p.url,
        "engaged": [{"id": i, "name": v.names.get(i)} for i in p.engaged],
    }


def headline_dict(c: HeadlineCheck) -> dict[str, Any]:
    return {
        "text": c.text,
        "length": c.length,
        "limit": c.limit,
        "ok": c.ok,
        "expertise": c.expertise,
        "goal": c.goal,
        "warnings": c.warnings,
    }


def draft_dict(d: Draft) -> dict[str, Any]:
    return {
        "item": d.number,
        "kind": d.item.kind,
        "person_id": d.item.person_id,
        "person": d.item.person_name,
        "reason": d.item.reason,
        "reminder_id": d.item.reminder_id,
        "template": d.template,
        "text": d.text,
    }


def template_dict(t: TemplateView) -> dict[str, Any]:
    return {"kind": t.kind, "text": t.text, "custom": t.custom}
