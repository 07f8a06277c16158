"""Server-rendered pages (Jinja2): the same services as the API and the CLI, rendered as HTML.
Forms post back here and redirect (303), so reloading never repeats a change."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from tiekeeper.services import views
from tiekeeper.services.agenda import today_agenda
from tiekeeper.web.deps import StoreDep, TodayDep
from tiekeeper.web.security import csrf_token

TEMPLATES = Jinja2Templates(directory=Path(__file__).with_name("templates"))
router = APIRouter(include_in_schema=False)


def render(
    request: Request, name: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """A page with the form token every page's forms carry."""
    base = {"csrf": csrf_token(request), "path": request.url.path}
    return TEMPLATES.TemplateResponse(request, name, base | context, status_code=status_code)


@router.get("/", response_class=HTMLResponse)
def today_page(
    request: Request, store: StoreDep, today: TodayDep, minutes: int = 15
) -> HTMLResponse:
    """Today: the agenda that fits the time budget."""
    agenda = today_agenda(store.uow(), today, minutes)
    return render(request, "today.html", {"agenda": views.agenda_dict(agenda), "day": today})
