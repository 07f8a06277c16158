"""The trash in the browser: what was deleted, put back, emptied; and a person's Delete (to the
trash) and Erase (for good, behind typing their name). Every change asks first, and after a
deletion the page of its trash entry offers Undo."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from tiekeeper.domain.errors import NotFound
from tiekeeper.domain.model import name_key
from tiekeeper.services import trash
from tiekeeper.services.people import show_person
from tiekeeper.store.trash import TrashEntry
from tiekeeper.store.uow import Store
from tiekeeper.web.api.trash import NowDep
from tiekeeper.web.deps import StoreDep, TodayDep
from tiekeeper.web.pages.base import FORM_ERROR, FormError, FormState, render, see_other
from tiekeeper.web.security import check_form_token

router = APIRouter(include_in_schema=False)
FormStr = Annotated[str, Form()]
KIND_NAMES = {
    "person": "Person",
    "interaction": "Interaction",
    "event": "Event",
    "opportunity": "Opportunity",
    "post": "Post",
    "merge": "Merge",
}


def entry_dict(e: TrashEntry, now: datetime) -> dict[str, Any]:
    """A trash entry as the pages show it, with the days it has left."""
    # SQLite hands back the stored UTC time without its zone
    at = e.deleted_at if e.deleted_at.tzinfo else e.deleted_at.replace(tzinfo=UTC)
    left = trash.KEEP_FOR - (now.astimezone(UTC) - at)
    return {
        "id": e.id,
        "kind": e.kind,
        "kind_name": KIND_NAMES.get(e.kind, e.kind.capitalize()),
        "ref_id": e.ref_id,
        "label": e.label,
        "deleted_on": at.date().isoformat(),
        "days_left": max(0, math.ceil(left / timedelta(days=1))),
    }


@router.get("/trash", response_class=HTMLResponse)
def trash_page(request: Request, store: StoreDep, now: NowDep) -> HTMLResponse:
    """What was deleted in the last 30 days, newest first, each with Restore."""
    entries = [entry_dict(e, now) for e in trash.list_trash(store.uow(), now)]
    return render(request, "trash.html", {"entries": entries})


@router.get("/trash/empty", response_class=HTMLResponse)
def empty_confirm_page(request: Request, store: StoreDep, now: NowDep) -> HTMLResponse:
    """Ask before erasing everything in the trash."""
    n = len(trash.list_trash(store.uow(), now))
    context = {
        "title": "Empty the trash?",
        "what": f"{n} deleted {'thing' if n == 1 else 'things'} will be erased for good.",
        "points": ["This cannot be undone: nothing in the trash can be put back afterwards."],
        "action": "/trash/empty",
        "button": "Empty the trash",
        "cancel": "/trash",
        "danger": True,
    }
    return render(request, "confirm.html", context)


@router.post("/trash/empty")
def empty_page(request: Request, store: StoreDep, now: NowDep, csrf: FormStr = "") -> Response:
    """Erase everything in the trash."""
    check_form_token(request, csrf)
    trash.empty_trash(store.uow(), now)
    return see_other("/trash", "emptied")


def _entry(store: Store, trash_id: int, now: datetime) -> TrashEntry:
    found = next((e for e in trash.list_trash(store.uow(), now) if e.id == trash_id), None)
    if found is None:
        raise NotFound(f"no trash entry {trash_id}")
    return found


@router.get("/trash/{trash_id}", response_class=HTMLResponse)
def entry_page(request: Request, trash_id: int, store: StoreDep, now: NowDep) -> HTMLResponse:
    """One trash entry: where a deletion or a merge leads, with its Undo button."""
    entry = entry_dict(_entry(store, trash_id, now), now)
    return render(request, "trash_entry.html", {"e": entry})


@router.post("/trash/{trash_id}/restore")
def restore_page(request: Request, trash_id: int, store: StoreDep, csrf: FormStr = "") -> Response:
    """Put an entry back exactly as it was, then show what came back."""
    check_form_token(request, csrf)
    done = trash.restore(store.uow(), trash_id)
    kind = done.entry.kind
    if kind == "merge" and done.people:
        return see_other(f"/people/{done.people[0]}", "unmerged")
    if kind == "person" and done.people:
        return see_other(f"/people/{done.people[0]}", "restored")
    if kind == "interaction" and done.interactions:
        return see_other(f"/interactions/{done.interactions[0]}", "restored")
    return see_other("/trash", "restored")


# --- a person: delete (to the trash) and erase (for good) ------------------------------------
def _person(store: Store, person_id: int, today: Any) -> dict[str, Any]:
    view = show_person(store.uow(), str(person_id), today)
    return {"id": view.person.id, "name": view.person.name}


@router.get("/people/{person_id}/delete", response_class=HTMLResponse)
def delete_person_confirm_page(
    request: Request, person_id: int, store: StoreDep, today: TodayDep
) -> HTMLResponse:
    """Ask before moving someone to the trash; offers erasing for good as the other way."""
    p = _person(store, person_id, today)
    context = {
        "title": f"Delete {p['name']}?",
        "what": f"{p['name']} goes to the trash for 30 days.",
        "points": [
            "Their details, tags, follow-ups and the interactions you had with them alone go too.",
            "Interactions shared with other people stay, without them.",
            "Until the trash is emptied you can put everything back as it was.",
        ],
        "action": f"/people/{person_id}/delete",
        "button": "Move to the trash",
        "cancel": f"/people/{person_id}",
        "extra_link": (f"/people/{person_id}/erase", "Erase them for good instead…"),
    }
    return render(request, "confirm.html", context)


@router.post("/people/{person_id}/delete")
def delete_person_page(
    request: Request, person_id: int, store: StoreDep, now: NowDep, csrf: FormStr = ""
) -> Response:
    """Move someone to the trash; the next page offers Undo."""
    check_form_token(request, csrf)
    [done] = trash.delete_people(store.uow(), [str(person_id)], now)
    return see_other(f"/trash/{done.trash_id}")


def _erase_form(
    request: Request, p: dict[str, Any], state: FormState, status_code: int = 200
) -> HTMLResponse:
    context = {
        "title": f"Erase {p['name']} for good?",
        "what": f"{p['name']} and everything only about them will be gone for good.",
        "points": [
            "Not to the trash: this cannot be undone.",
            "They are also taken out of the trash, the search index and later backups.",
            "Interactions shared with other people stay, without them.",
        ],
        "action": f"/people/{p['id']}/erase",
        "button": "Erase for good",
        "cancel": f"/people/{p['id']}",
        "danger": True,
        "typed": state,
        "typed_label": f"To confirm, type their name: {p['name']}",
    }
    return render(request, "confirm.html", context, status_code)


@router.get("/people/{person_id}/erase", response_class=HTMLResponse)
def erase_confirm_page(
    request: Request, person_id: int, store: StoreDep, today: TodayDep
) -> HTMLResponse:
    """The stronger confirmation: erasing asks for the person's name typed out."""
    return _erase_form(request, _person(store, person_id, today), FormState({}))


@router.post("/people/{person_id}/erase")
def erase_page(
    request: Request,
    person_id: int,
    store: StoreDep,
    today: TodayDep,
    csrf: FormStr = "",
    typed: FormStr = "",
) -> Response:
    """Erase someone for good once their name was typed; anything else erases nothing."""
    check_form_token(request, csrf)
    p = _person(store, person_id, today)
    if name_key(typed) != name_key(p["name"]):
        error = FormError(f"Type {p['name']} to erase them; nothing was erased.", "typed")
        return _erase_form(request, p, FormState({"typed": typed}, error), FORM_ERROR)
    trash.erase_person(store.uow(), str(person_id))
    return see_other("/people", "erased")
