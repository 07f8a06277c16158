"""The import, job search, visibility, profile and settings part of the API in one router."""

from __future__ import annotations

from fastapi import APIRouter

from tiekeeper.web import api_imports, api_jobs, api_me, api_posts, api_settings

router = APIRouter()
for _module in (api_imports, api_jobs, api_posts, api_me, api_settings):
    router.include_router(_module.router)
