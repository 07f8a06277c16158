"""One interaction's page: who, when, what was said and promised; correct it, or move it to the
trash (after a confirmation, with an Undo on the next page)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, ConfigDict

from tiekeeper.domain.errors import TiekeeperError
from tiekeeper.domain.model import CHANNELS
from tiekeeper.services import trash, views
from tiekeeper.services.interaction_edit import InteractionChanges, edit_interaction
from tiekeeper.services.interactions import show_interaction
from tiekeeper.store.uow import Store
from tiekeeper.web.api.trash import NowDep
from tiekeeper.web.deps import StoreDep, TodayDep
from tiekeeper.web.pages.base import (
    FORM_ERROR,
    FormState,
    form_error,
    render,
    see_other,
    split_list,
)
from tiekeeper.web.pages.people import INITIATORS
from tiekeeper.web.security import check_form_token

router = APIRouter(include_in_schema=False)
# service field -> (input name, label) of the edit form
FIELDS = {
    "date": ("when", "Date"),
    "channel": ("channel", "Channel"),
    "by": ("by", "Who reached out"),
}
FormStr = Annotated[str, Form()]


def interaction_view(store: Store, interaction_id: int) -> dict[str, Any]:
    """The interaction as the page shows it: the view of `interaction show --json`, with its
    favours grouped (one favour logged with three people is stored three times)."""
    view = show_interaction(store.uow(), interaction_id)
    ix = views.interaction_view_dict(view)
    grouped: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for f in ix["favours"]:
        key = (f["direction"], f["kind"], f["note"] or "")
        person = {"id": f["person_id"], "name": view.names.get(f["person_id"])}
        grouped.setdefault(key, []).append(person)
    ix["favour_groups"] = [
        {"direction": d, "kind": k, "note": n, "people": people}
        for (d, k, n), people in grouped.items()
    ]
    ix["people_names"] = ", ".join(p["name"] or f"#{p['id']}" for p in ix["people"])
    return ix


@router.get("/interactions/{interaction_id}", response_class=HTMLResponse)
def interaction_page(request: Request, interaction_id: int, store: StoreDep) -> HTMLResponse:
    """One interaction: its people, day, channel, topics, favours and follow-ups."""
    context = {"ix": interaction_view(store, interaction_id), "initiators": dict(INITIATORS)}
    return render(request, "interaction.html", context)


class InteractionForm(BaseModel):
    """The edit form, as typed."""

    model_config = ConfigDict(extra="ignore")
    csrf: str = ""
    when: str = ""
    channel: str = ""
    by: str = ""
    summary: str = ""
    topics: str = ""

    def values(self) -> dict[str, str]:
        return self.model_dump(exclude={"csrf"})

    def changes(self) -> InteractionChanges:
        # Every field is sent: the form shows them all, so what it holds is what the user wants.
        return InteractionChanges(
            when=self.when,
            channel=self.channel,
            by=self.by,
            summary=self.summary,
            topics=split_list(self.topics),
        )


def _form_page(
    request: Request, ix: dict[str, Any], state: FormState, status_code: int = 200
) -> HTMLResponse:
    context = {
        "ix": ix,
        "form": state,
        "channels": [(c, c.replace("-", " ").capitalize()) for c in CHANNELS],
        "initiators": INITIATORS,
    }
    return render(request, "interaction_form.html", context, status_code)


@router.get("/interactions/{interaction_id}/edit", response_class=HTMLResponse)
def edit_page(request: Request, interaction_id: int, store: StoreDep) -> HTMLResponse:
    """The form to correct an interaction."""
    ix = interaction_view(store, interaction_id)
    values = {
        "when": ix["date"],
        "channel": ix["channel"],
        "by": ix["initiated_by"],
        "summary": ix["summary"] or "",
        "topics": ", ".join(ix["topics"]),
    }
    return _form_page(request, ix, FormState(values))


@router.post("/interactions/{interaction_id}/edit")
def save_page(
    request: Request,
    interaction_id: int,
    form: Annotated[InteractionForm, Form()],
    store: StoreDep,
    today: TodayDep,
) -> Response:
    """Save the corrected interaction, then show it; a refused value comes back by its field."""
    check_form_token(request, form.csrf)
    try:
        edit_interaction(store.uow(), interaction_id, form.changes(), today)
    except TiekeeperError as exc:
        ix = interaction_view(store, interaction_id)
        state = FormState(form.values(), form_error(exc, FIELDS))
        return _form_page(request, ix, state, FORM_ERROR)
    return see_other(f"/interactions/{interaction_id}", "saved")


@router.get("/interactions/{interaction_id}/delete", response_class=HTMLResponse)
def delete_confirm_page(request: Request, interaction_id: int, store: StoreDep) -> HTMLResponse:
    """Ask before moving an interaction to the trash."""
    ix = interaction_view(store, interaction_id)
    context = {
        "title": "Delete this interaction?",
        "what": f"Your {ix['channel'].replace('-', ' ')} with {ix['people_names']}",
        "points": [
            "It goes to the trash for 30 days: you can put it back from there.",
            "Its topics and favours go with it; the people stay.",
        ],
        "action": f"/interactions/{interaction_id}/delete",
        "button": "Move to the trash",
        "cancel": f"/interactions/{interaction_id}",
    }
    return render(request, "confirm.html", context)


@router.post("/interactions/{interaction_id}/delete")
def delete_page(
    request: Request, interaction_id: int, store: StoreDep, now: NowDep, csrf: FormStr = ""
) -> Response:
    """Move the interaction to the trash; the next page offers Undo."""
    check_form_token(request, csrf)
    done = trash.delete_interaction(store.uow(), interaction_id, now)
    return see_other(f"/trash/{done.trash_id}")
