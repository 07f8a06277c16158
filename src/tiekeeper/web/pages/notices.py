"""The notice a page shows after a redirect (`?notice=KEY`): a page's own fixed messages, else
the shared ones of pages_base. Only a key travels in the link, so a link cannot make a page say
anything else."""

from __future__ import annotations

from fastapi import Request

from tiekeeper.web.pages.base import NOTICES


def notice_of(request: Request, own: dict[str, str]) -> str | None:
    """The message for this request's ?notice=, if it names one."""
    key = request.query_params.get("notice", "")
    return own.get(key) or NOTICES.get(key)
