"""The coaching part of the API in one router: events, goals and the review, insights, drafts."""

from __future__ import annotations

from fastapi import APIRouter

from tiekeeper.web import api_drafts, api_events, api_goals, api_insights

router = APIRouter()
for _module in (api_events, api_goals, api_insights, api_drafts):
    router.include_router(_module.router)
