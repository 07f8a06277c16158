"""The rest of the API in one router: duplicates and the merge, exports and the restore, the
network (ties, paths, knows, introductions, who to help), suggestions from mail, the open
follow-ups list and the digest's text. cli/api_routes.py maps every CLI command to its route."""

from __future__ import annotations

from fastapi import APIRouter

from tiekeeper.web.api import digest_preview as api_digest_preview
from tiekeeper.web.api import duplicates as api_duplicates
from tiekeeper.web.api import exports as api_exports
from tiekeeper.web.api import follow_ups as api_follow_ups
from tiekeeper.web.api import network as api_network
from tiekeeper.web.api import suggestions as api_suggestions

router = APIRouter()
for _module in (api_duplicates, api_exports, api_network, api_suggestions, api_follow_ups,
                api_digest_preview):  # fmt: skip
    router.include_router(_module.router)
