"""The digest's text through the API (= `tiekeeper digest` without `--send`): what the e-mail
would say today. Sending it is the server's schedule (`PUT /api/v1/digest`), never this route."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from tiekeeper.services.digests.compose import build_digest
from tiekeeper.web.deps import StoreDep, TodayDep
from tiekeeper.web.schemas import Out

router = APIRouter(tags=["settings"])


class DigestPreviewOut(Out):
    kind: str
    subject: str
    text: str


@router.get("/digest/preview", response_model=DigestPreviewOut)
def get_digest_preview(
    store: StoreDep,
    today: TodayDep,
    kind: Literal["daily", "weekly"] = "daily",
    minutes: Annotated[int, Query(ge=1, le=480, description="Today's time budget")] = 15,
) -> dict[str, Any]:
    """The daily digest (Today and tomorrow's items) or the weekly one (the week ahead and
    how last week went), as plain text."""
    digest = build_digest(store.uow(), today, kind, minutes)
    return {"kind": kind, "subject": digest.subject, "text": digest.text}
