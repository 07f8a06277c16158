"""The coaching pages in one router: events, goals and the weekly review, insights, drafts."""

from __future__ import annotations

from fastapi import APIRouter

from tiekeeper.web.pages import events as pages_events
from tiekeeper.web.pages import goals as pages_goals
from tiekeeper.web.pages import insights as pages_insights
from tiekeeper.web.pages import today_drafts as pages_today_drafts

router = APIRouter(include_in_schema=False)
for _pages in (pages_events, pages_goals, pages_insights, pages_today_drafts):
    router.include_router(_pages.router)
