"""The coaching part of the API in one router: events, goals and the review, insights, drafts."""

from __future__ import annotations

from fastapi import APIRouter

from tiekeeper.web.api import drafts as api_drafts
from tiekeeper.web.api import events as api_events
from tiekeeper.web.api import goals as api_goals
from tiekeeper.web.api import insights as api_insights

router = APIRouter()
for _module in (api_events, api_goals, api_insights, api_drafts):
    router.include_router(_module.router)
