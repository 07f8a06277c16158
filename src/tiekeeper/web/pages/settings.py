"""Settings in the browser: keep-in-touch cadences by tag, the message templates and the digest
by e-mail (schedule and recent sends, failures first); on the multi-user server also the
password, API tokens and the calendar feed's token. The same services as `tiekeeper cadence
--tag`, `template` and `account`.

A new token is shown on the page that answers its form (never in a link, never again): only its
digest is kept."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from tiekeeper.domain.digest_schedule import WEEKDAYS
from tiekeeper.domain.drafts import PLACEHOLDERS, TEMPLATE_KINDS
from tiekeeper.domain.errors import InvalidInput, NotFound, TiekeeperError
from tiekeeper.services import account_settings as mine
from tiekeeper.services.digests.schedule import (
    DEFAULT_TIME,
    DEFAULT_ZONE,
    describe,
    digest_status,
    send_state,
    set_digest,
    stop_digest,
)
from tiekeeper.services.drafts import list_templates, reset_template, set_template
from tiekeeper.services.reminders import set_cadence
from tiekeeper.services.tag_cadences import list_tag_cadences
from tiekeeper.services.visibility_views import template_dict
from tiekeeper.store.accounts import AccountStore
from tiekeeper.store.digests import DigestStore
from tiekeeper.store.uow import Store
from tiekeeper.web.api.trash import NowDep
from tiekeeper.web.deps import StoreDep
from tiekeeper.web.pages.base import FORM_ERROR, FormState, form_error, render, see_other
from tiekeeper.web.pages.notices import notice_of
from tiekeeper.web.security import check_form_token

router = APIRouter(include_in_schema=False)
FormStr = Annotated[str, Form()]
EVERY = (("weekly", "Every week"), ("biweekly", "Every two weeks"), ("monthly", "Every month"),
         ("quarterly", "Every three months"), ("182d", "Every six months"),
         ("yearly", "Every year"))  # fmt: skip
TEMPLATE_NAMES = {
    "follow-up": "After a conversation", "event-follow-up": "After meeting at an event",
    "birthday": "Birthday", "anniversary": "Work anniversary", "check-in": "Check-in",
    "reconnect": "Reconnecting", "help": "Offering help", "next-step": "Job-search next step",
    "meeting": "Before a meeting", "thank-you": "Thank-you for a favour",
}  # fmt: skip
assert set(TEMPLATE_NAMES) == set(TEMPLATE_KINDS), "every template kind has a heading"
NOTICES = {
    "cadence-saved": "Cadence saved: the check-ins of everyone with the tag follow it.",
    "cadence-off": "That tag no longer sets a cadence.",
    "template-saved": "Template saved.",
    "template-reset": "Back to the built-in template.",
    "token-revoked": "Token revoked: it opens nothing any more.",
    "digest-saved": "Digest scheduled: the first one goes out at the next time you set.",
    "digest-off": "Digest stopped: nothing more is sent.",
}
CADENCE_FIELDS = {"every": ("every", "How often"), "cadence": ("every", "How often"),
                  "tag": ("tag", "Tag"), "target": ("tag", "Tag")}  # fmt: skip


def accounts_of(request: Request) -> AccountStore | None:
    """The account store on the multi-user server, None in local mode."""
    found: AccountStore | None = getattr(request.app.state, "accounts", None)
    return found


def _server(request: Request) -> AccountStore:
    accounts = accounts_of(request)
    if accounts is None:
        raise NotFound("passwords and tokens exist only on the multi-user server")
    return accounts


DAYS = (("", "Every day (the daily digest)"),
        *((d, f"Every {d.title()} (the weekly digest)") for d in WEEKDAYS))  # fmt: skip
DIGEST_FIELDS = {"to": ("to", "Send to"), "daily": ("time", "Time"), "weekly": ("day", "Day"),
                 "tz": ("tz", "Time zone")}  # fmt: skip


def _digest(store: Store, now: datetime) -> dict[str, Any]:
    """The schedule, its form's values, the next send and the recent sends (the account's own)."""
    status = digest_status(DigestStore(store.engine), store.owner_id, now)
    s = status.schedule
    values = ({"to": s.to, "time": s.at, "tz": s.zone,
               "day": "" if s.weekday is None else WEEKDAYS[s.weekday]} if s
              else {"to": "", "time": DEFAULT_TIME, "tz": DEFAULT_ZONE, "day": ""})  # fmt: skip
    sends = [{"slot": r.slot, "to": r.to, "state": send_state(r), "failed": r.status == "failed",
              "error": r.error, "tried_at": r.claimed_at, "message_id": r.message_id}
             for r in status.sends]  # fmt: skip
    return {"schedule": describe(s) if s else None, "values": values, "next_at": status.next_at,
            "sends": sends, "failed": [x for x in sends if x["failed"]]}  # fmt: skip


def _cadences(store: Store) -> list[dict[str, Any]]:
    return [{"tag": c.tag, "days": c.cadence_days} for c in list_tag_cadences(store.uow())]


def settings_response(
    request: Request,
    store: Store,
    forms: dict[str, FormState] | None = None,
    status_code: int = 200,
    shown_token: dict[str, str] | None = None,
) -> HTMLResponse:
    """The page; `forms` holds a refused form, `shown_token` a token made just now."""
    accounts = accounts_of(request)
    digest = _digest(store, request.app.state.now())
    tokens = mine.own_tokens(accounts, store.owner_id) if accounts else []
    context = {
        "cadences": _cadences(store),
        "every": EVERY,
        "digest": digest,
        "digest_form": FormState(digest["values"]),
        "days": DAYS,
        "templates": [template_dict(t) | {"title": TEMPLATE_NAMES.get(t.kind, t.kind)}
                      for t in list_templates(store.uow())],
        "placeholders": ["{" + p + "}" for p in PLACEHOLDERS],
        "server": accounts is not None,
        "account": mine.account_name(accounts, store.owner_id) if accounts else None,
        "tokens": tokens,
        "shown_token": shown_token,
        "forms": forms or {},
        "empty": FormState({}),
        "notice": notice_of(request, NOTICES),
    }  # fmt: skip
    return render(request, "settings.html", context, status_code)


@router.get("/settings", response_class=HTMLResponse)
def settings_page(request: Request, store: StoreDep) -> HTMLResponse:
    """Cadences by tag, templates, and on the server the account's password and tokens."""
    return settings_response(request, store)


@router.post("/settings/cadences")
def cadence_page(
    request: Request, store: StoreDep, csrf: FormStr = "", tag: FormStr = "", every: FormStr = ""
) -> Response:
    """Set how often to keep in touch with everyone who has a tag ("off" stops it)."""
    check_form_token(request, csrf)
    try:
        if not tag.strip():
            raise InvalidInput("name the tag", field="tag", value=tag)
        done = set_cadence(store.uow(), every or "off", tag=tag)
    except TiekeeperError as exc:
        state = FormState({"tag": tag, "every": every}, form_error(exc, CADENCE_FIELDS))
        return settings_response(request, store, {"cadence": state}, FORM_ERROR)
    return see_other("/settings#cadences", "cadence-saved" if done.cadence_days else "cadence-off")


@router.post("/settings/templates/{kind}")
def template_page(
    request: Request,
    kind: str,
    store: StoreDep,
    csrf: FormStr = "",
    text: FormStr = "",
    reset: FormStr = "",
) -> Response:
    """Save your own text for one kind of draft, or go back to the built-in one."""
    check_form_token(request, csrf)
    try:
        if reset:
            reset_template(store.uow(), kind)
        else:
            set_template(store.uow(), kind, text)
    except TiekeeperError as exc:
        fields = {"template": ("text", "Text"), "note": ("text", "Text"), "kind": ("text", "Kind")}
        state = FormState({"text": text}, form_error(exc, fields))
        return settings_response(request, store, {f"template-{kind}": state}, FORM_ERROR)
    return see_other(f"/settings#template-{kind}", "template-reset" if reset else "template-saved")


@router.post("/settings/digest")
def digest_page(
    request: Request,
    store: StoreDep,
    now: NowDep,
    csrf: FormStr = "",
    to: FormStr = "",
    time: FormStr = "",
    day: FormStr = "",
    tz: FormStr = "",
    off: FormStr = "",
) -> Response:
    """Schedule the digest by e-mail (or stop it with `off`), for this account only."""
    check_form_token(request, csrf)
    digests = DigestStore(store.engine)
    if off:
        stop_digest(digests, store.owner_id)
        return see_other("/settings#digest", "digest-off")
    try:
        set_digest(digests, store.owner_id, now, to=to, at=time or DEFAULT_TIME, weekday=day,
                   zone=tz or DEFAULT_ZONE)  # fmt: skip
    except TiekeeperError as exc:
        values = {"to": to, "time": time, "day": day, "tz": tz}
        state = FormState(values, form_error(exc, DIGEST_FIELDS))
        return settings_response(request, store, {"digest": state}, FORM_ERROR)
    return see_other("/settings#digest", "digest-saved")


# --- the multi-user server only ------------------------------------------------------------
@router.post("/settings/password")
def password_page(
    request: Request,
    store: StoreDep,
    csrf: FormStr = "",
    current: FormStr = "",
    new: FormStr = "",
    repeat: FormStr = "",
) -> Response:
    """Change the password (the current one first); every session ends, so log in again."""
    check_form_token(request, csrf)
    accounts = _server(request)
    try:
        if new != repeat:
            raise InvalidInput("the two new passwords differ", field="repeat")
        mine.change_own_password(accounts, store.owner_id, current, new)
    except TiekeeperError as exc:
        fields = {"password": ("new", "New password"), "repeat": ("repeat", "New password again")}
        state = FormState({}, form_error(exc, fields))
        return settings_response(request, store, {"password": state}, FORM_ERROR)
    return see_other("/login")


@router.post("/settings/tokens")
def token_page(
    request: Request,
    store: StoreDep,
    now: NowDep,
    csrf: FormStr = "",
    label: FormStr = "",
    expires: FormStr = "",
    scope: FormStr = "api",
) -> Response:
    """Make an API token (or the calendar feed's), shown on the page that answers, once."""
    check_form_token(request, csrf)
    accounts = _server(request)
    try:
        value = mine.make_token(accounts, store.owner_id, label, now, scope, expires)
    except TiekeeperError as exc:
        fields = {"expires": ("expires", "Expires"), "scope": ("scope", "Kind")}
        state = FormState({"label": label, "expires": expires}, form_error(exc, fields))
        key = "calendar" if scope == "calendar" else "token"
        return settings_response(request, store, {key: state}, FORM_ERROR)
    shown = {"scope": scope, "value": value, "feed": _feed_url(request, value)}
    return settings_response(request, store, shown_token=shown)


def _feed_url(request: Request, token: str) -> str:
    return str(request.base_url).rstrip("/") + f"/feeds/{token}/calendar.ics"


@router.post("/settings/tokens/{token_id}/revoke")
def revoke_page(request: Request, token_id: int, store: StoreDep, csrf: FormStr = "") -> Response:
    """Revoke one of your tokens."""
    check_form_token(request, csrf)
    mine.revoke_token(_server(request), store.owner_id, token_id)
    return see_other("/settings#tokens", "token-revoked")
