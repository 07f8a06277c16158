"""Plain-dict views of domain objects: the one JSON shape the CLI's --json and the API share.
Keys are stable and documented in docs/json.md."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tiekeeper.domain.agenda import Agenda
from tiekeeper.domain.model import (
    MODELLED_CARD_PROPS,
    Interaction,
    Person,
    PostalAddress,
    Reminder,
)

if TYPE_CHECKING:
    from tiekeeper.services.interactions import InteractionView, Logged
    from tiekeeper.services.people import PersonView
    from tiekeeper.services.reminders import OpenFollowUp, Upcoming
    from tiekeeper.services.search import Hit


def person_dict(p: Person) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "emails": p.emails,
        "phones": p.phones,
        "links": p.links,
        "linkedin": p.linkedin_url,
        "company": p.company,
        "position": p.position,
        "industry": p.industry,
        "function": p.function,
        "seniority": p.seniority,
        "location": p.location,
        "generation": p.generation,
        "tags": p.tags,
        "type": p.network_type,
        "closeness": p.closeness,
        "how_met": p.how_met,
        "introduced_by_id": p.introduced_by_id,
        "interests": p.interests,
        "working_on": p.working_on,
        "how_to_help": p.how_to_help,
        "needs": p.needs,
        "notes": p.notes,
        "birthday": p.birthday.isoformat() if p.birthday else None,
        "started_on": _iso(p.started_on),
        "connected_on": _iso(p.connected_on),
        "cadence_days": p.cadence_days,
        "last_interaction_on": _iso(p.last_interaction_on),
        "checkin_due_on": _iso(p.checkin_due_on),
        "addresses": [address_dict(a) for a in p.addresses],
        "card_properties": card_property_counts(p),
    }


def address_dict(a: PostalAddress) -> dict[str, Any]:
    """A postal address: its kind (home, work, a label) and its parts, null when empty."""
    return {
        "kind": a.kind,
        "po_box": a.po_box,
        "extended": a.extended,
        "street": a.street,
        "city": a.city,
        "region": a.region,
        "postcode": a.postcode,
        "country": a.country,
    }


def card_property_counts(p: Person) -> dict[str, int]:
    """The vCard properties kept from the person's card and written back on export (name ->
    how many), besides the ones that hold the fields shown on their own."""
    counts: dict[str, int] = {}
    for name, _ in p.card_props:
        if name not in MODELLED_CARD_PROPS:
            counts[name] = counts.get(name, 0) + 1
    return counts


def interaction_dict(ix: Interaction, names: dict[int, str] | None = None) -> dict[str, Any]:
    names = names or {}
    return {
        "id": ix.id,
        "date": ix.occurred_on.isoformat(),
        "people": [{"id": i, "name": names.get(i)} for i in ix.person_ids],
        "channel": ix.channel,
        "initiated_by": str(ix.initiated_by),
        "summary": ix.summary,
        "topics": ix.topics,
        "favours": [
            {"person_id": f.person_id, "direction": f.direction, "kind": f.kind, "note": f.note}
            for f in ix.favours
        ],
    }


def reminder_dict(r: Reminder) -> dict[str, Any]:
    return {
        "id": r.id,
        "person_id": r.person_id,
        "kind": r.kind,
        "due_on": r.due_on.isoformat(),
        "snoozed_until": _iso(r.snoozed_until),
        "action": r.action,
        "status": str(r.status),
    }


def agenda_dict(a: Agenda) -> dict[str, Any]:
    return {
        "date": a.day.isoformat(),
        "budget_minutes": a.budget_minutes,
        "minutes": a.minutes,
        "items": [
            {
                "kind": i.kind,
                "person_id": i.person_id,
                "person": i.person_name,
                "minutes": i.minutes,
                "reason": i.reason,
                "reminder_id": i.reminder_id,
            }
            for i in a.items
        ],
        "left_out": a.left_out_count,
        "left_out_by_kind": a.left_out,
    }


def person_view_dict(view: PersonView) -> dict[str, Any]:
    """A person with recent interactions and open follow-ups (`show`)."""
    data = person_dict(view.person)
    data.update(
        introduced_by=view.introduced_by,
        effective_cadence_days=view.cadence_days,
        next_birthday=_iso(view.next_birthday),
        interactions=[interaction_dict(i, view.names) for i in view.interactions],
        follow_ups=[reminder_dict(r) for r in view.reminders],
    )
    return data


def logged_dict(done: Logged) -> dict[str, Any]:
    """A logged interaction and the follow-up it set, if any (`log`)."""
    return {
        "interaction": interaction_dict(done.interaction, done.names),
        "follow_up": reminder_dict(done.reminder) if done.reminder else None,
    }


def interaction_view_dict(view: InteractionView) -> dict[str, Any]:
    """An interaction with its people's names and the follow-ups it set (`interaction show`)."""
    data = interaction_dict(view.interaction, view.names)
    data["follow_ups"] = [reminder_dict(r) for r in view.follow_ups]
    return data


def upcoming_dict(u: Upcoming) -> dict[str, Any]:
    return {
        "date": u.day.isoformat(),
        "kind": u.kind,
        "person_id": u.person_id,
        "person": u.person_name,
        "detail": u.detail,
        "reminder_id": u.reminder_id,
        "overdue_days": u.overdue_days,
    }


def open_follow_up_dict(f: OpenFollowUp) -> dict[str, Any]:
    return {
        "id": f.id,
        "person_id": f.person_id,
        "person": f.person_name,
        "kind": f.kind,
        "due_on": f.due_on.isoformat(),
        "action": f.action,
        "reason": f.reason,
        "overdue_days": f.overdue_days,
    }


def hit_dict(h: Hit) -> dict[str, Any]:
    """A search hit; on an interaction, `date` and `people` too (null and [] on the others)."""
    return {
        "kind": h.kind,
        "id": h.ref_id,
        "title": h.title,
        "date": _iso(h.occurred_on),
        "people": [{"id": pid, "name": name} for pid, name in h.people],
    }


def _iso(d: Any) -> str | None:
    return d.isoformat() if d is not None else None
