"""'Draft a message' for an item of Today: the draft (services/drafts.py) on its own page with a
Copy button. Without JavaScript the text is selectable; static/drafts.js adds the Copy button
here and shows the draft right under the item on Today. tiekeeper never sends anything."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from tiekeeper.domain.agenda import DEFAULT_BUDGET
from tiekeeper.services.drafts import drafts
from tiekeeper.services.visibility_views import draft_dict
from tiekeeper.web.deps import StoreDep, TodayDep
from tiekeeper.web.pages.base import optional_int, render

router = APIRouter(include_in_schema=False)


@router.get("/drafts/{item}", response_class=HTMLResponse)
def draft_page(
    request: Request, item: int, store: StoreDep, today: TodayDep, minutes: str = ""
) -> HTMLResponse:
    """The message draft for item N of Today (the same budget as Today's page)."""
    budget = optional_int(minutes, "minutes") or DEFAULT_BUDGET
    [found] = drafts(store.uow(), today, item, budget)
    query = request.url.query
    back = "/" + (f"?{query}" if query else "")
    return render(request, "draft.html", {"d": draft_dict(found), "back": back})
