"""Duplicates and the merge through the API (= `tiekeeper duplicates` and `tiekeeper merge`):
likely pairs with their evidence, and a merge whose trash entry undoes it
(`POST /trash/{trash_id}/restore` puts both people back as they were)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import Field

from tiekeeper.services.duplicates import find_duplicates
from tiekeeper.services.imports.views import merge_dict, merge_plan_dict, pair_dict
from tiekeeper.services.merging import merge_people, plan_merge
from tiekeeper.web import schema_types as t
from tiekeeper.web.api.trash import NowDep
from tiekeeper.web.deps import StoreDep
from tiekeeper.web.schemas import In, Out

router = APIRouter(tags=["duplicates"])


class BriefOut(Out):
    """What tells two records apart at a glance."""

    id: int
    name: str
    company: str | None
    emails: list[str]
    linkedin_url: str | None


class PairOut(Out):
    """= one item of `tiekeeper duplicates --json`."""

    a: BriefOut
    b: BriefOut
    score: int = Field(description="0-100: how much the evidence says they are one person")
    name_score: int
    evidence: list[str]


class MergeIn(In):
    keep: t.PersonRef = Field(description="the record that stays (id, e-mail or unique name)")
    other: t.PersonRef = Field(description="the duplicate merged into `keep`, then deleted")
    dry_run: bool = Field(False, description="answer the plan only; change nothing")


class MergePlanOut(Out):
    """= `tiekeeper merge --dry-run --json`."""

    keep: BriefOut
    other: BriefOut
    interactions: int
    follow_ups: int
    gained: dict[str, list[str]]


class KeptOut(BriefOut):
    phones: list[str]
    links: list[str]
    tags: list[str]


class MergedOut(Out):
    """= `tiekeeper merge --yes --json`; `trash_id` undoes it."""

    kept: KeptOut
    merged_id: int
    merged_name: str
    trash_id: int | None


class MergeOut(Out):
    dry_run: bool
    plan: MergePlanOut
    merged: MergedOut | None = Field(description="null on a dry run")


@router.get("/duplicates", response_model=list[PairOut])
def get_duplicates(store: StoreDep) -> list[dict[str, Any]]:
    """Likely duplicate people, best evidence first, each pair with its evidence."""
    return [pair_dict(p) for p in find_duplicates(store.uow())]


@router.post("/merges", response_model=MergeOut)
def post_merge(body: MergeIn, store: StoreDep, now: NowDep) -> dict[str, Any]:
    """Merge `other` into `keep` (fields, tags, interactions, follow-ups, events) and move
    `other` to the trash; with `dry_run`, only what it would do."""
    plan = merge_plan_dict(plan_merge(store.uow(), body.keep, body.other))
    if body.dry_run:
        return {"dry_run": True, "plan": plan, "merged": None}
    merged = merge_dict(merge_people(store.uow(), body.keep, body.other, now))
    return {"dry_run": False, "plan": plan, "merged": merged}
