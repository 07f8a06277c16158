"""The import, job search, visibility, profile and settings part of the API in one router."""

from __future__ import annotations

from fastapi import APIRouter

from tiekeeper.web.api import imports as api_imports
from tiekeeper.web.api import jobs as api_jobs
from tiekeeper.web.api import me as api_me
from tiekeeper.web.api import posts as api_posts
from tiekeeper.web.api import settings as api_settings

router = APIRouter()
for _module in (api_imports, api_jobs, api_posts, api_me, api_settings):
    router.include_router(_module.router)
