"""Likely duplicates side by side with their evidence, and the merge: a plan to confirm first,
then the merge, whose trash entry undoes it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from tiekeeper.domain.model import Person
from tiekeeper.services.duplicates import IDENTIFIER_SCORE, NAME_ONLY_SCORE, best_pairs
from tiekeeper.services.merging import merge_people, plan_merge
from tiekeeper.web.api.trash import NowDep
from tiekeeper.web.deps import StoreDep
from tiekeeper.web.pages.base import kept_note, nice_birthday, nice_day, render, see_other
from tiekeeper.web.pages.people import _web
from tiekeeper.web.security import check_form_token

router = APIRouter(include_in_schema=False)
PAIRS_SHOWN = 50  # a page to work through; merging shortens the list
FormStr = Annotated[str, Form()]
# Field names of Person as a user reads them (the plan lists what the kept record gains).
FIELD_LABELS = {
    "emails": "E-mails",
    "phones": "Phones",
    "links": "Links",
    "tags": "Tags",
    "linkedin_url": "LinkedIn",
    "how_met": "How you met",
    "introduced_by_id": "Introduced by",
    "network_type": "Network type",
    "how_to_help": "How you could help",
    "working_on": "Working on",
    "started_on": "Started at their company",
    "connected_on": "Connected on",
    "cadence_days": "Keep in touch (days)",
    "is_kin": "Family",
    "do_not_suggest": "Never suggested",
    "card_props": "Other card lines",
}


def card(p: Person) -> dict[str, Any]:
    """What tells two records apart, for a card of the pair."""
    rows: list[tuple[str, str, str | None]] = []
    for email in p.emails:
        rows.append(("E-mail", email, None))
    for phone in p.phones:
        rows.append(("Phone", phone, None))
    if p.linkedin_url:
        rows.append(("LinkedIn", p.linkedin_url, _web(p.linkedin_url)))
    for label, value in (("Company", p.company), ("Position", p.position),
                         ("Location", p.location)):  # fmt: skip
        if value:
            rows.append((label, value, None))
    if p.birthday:
        rows.append(("Birthday", nice_birthday(p.birthday.isoformat()), None))
    if p.tags:
        rows.append(("Tags", ", ".join(p.tags), None))
    if p.last_interaction_on:
        rows.append(("Last talked", nice_day(p.last_interaction_on), None))
    return {"id": p.id, "name": p.name, "rows": rows}


def strength(score: int) -> str:
    """The score in words: how much the evidence says."""
    if score >= IDENTIFIER_SCORE:
        return "Strong evidence"
    if score > NAME_ONLY_SCORE + 10:
        return "Likely"
    return "Only a hint"


@router.get("/duplicates", response_class=HTMLResponse)
def duplicates_page(request: Request, store: StoreDep) -> HTMLResponse:
    """Pairs of records that may be one person, best evidence first."""
    got = best_pairs(store.uow(), PAIRS_SHOWN, stale_ok=True)
    shown = [
        {
            "a": card(pair.a),
            "b": card(pair.b),
            "score": pair.score,
            "strength": strength(pair.score),
            "evidence": pair.evidence,
        }
        for pair in got.value.pairs
    ]
    context = {
        "pairs": shown,
        "more": max(0, got.value.total - len(shown)),
        "kept": kept_note(got, "This list"),
    }
    return render(request, "duplicates.html", context)


@router.get("/duplicates/merge", response_class=HTMLResponse)
def plan_page(request: Request, store: StoreDep, keep: str = "", other: str = "") -> HTMLResponse:
    """What merging OTHER into KEEP would do, to confirm (or to keep the other record)."""
    plan = plan_merge(store.uow(), keep, other)
    gained = [
        (FIELD_LABELS.get(name, name.replace("_", " ").capitalize()), values)
        for name, values in plan.gained.items()
    ]
    if plan.gained.get("introduced_by_id"):
        gained = [(k, v) for k, v in gained if k != "Introduced by"] + [("Introduced by", ["set"])]
    context = {
        "keep": card(plan.keep),
        "other": card(plan.other),
        "gained": gained,
        "interactions": plan.interactions,
        "follow_ups": plan.follow_ups,
    }
    return render(request, "merge_plan.html", context)


@router.post("/duplicates/merge")
def merge_page(
    request: Request,
    store: StoreDep,
    now: NowDep,
    csrf: FormStr = "",
    keep: FormStr = "",
    other: FormStr = "",
) -> Response:
    """Merge, then show the merge's trash entry with its Undo."""
    check_form_token(request, csrf)
    done = merge_people(store.uow(), keep, other, now)
    if done.trash_id is None:  # pragma: no cover - merge_people always records one
        return see_other(f"/people/{done.person.id}")
    return see_other(f"/trash/{done.trash_id}")
