"""Settings through the API: cadences by tag, the message templates and the digest schedule (=
`tiekeeper cadence --tag`, `template`, `account digest`); on the multi-user server the account's
password and tokens (= `tiekeeper account passwd`, `account token`), for the account the request
acts for."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal
from zoneinfo import available_timezones

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from pydantic import AwareDatetime, Field, field_validator

from tiekeeper.domain.digest_schedule import WEEKDAYS, weekday_name
from tiekeeper.domain.drafts import TEMPLATE_KINDS
from tiekeeper.domain.errors import NotFound
from tiekeeper.domain.limits import limit
from tiekeeper.services import account_settings as mine
from tiekeeper.services.digests.schedule import digest_status, set_digest, stop_digest
from tiekeeper.services.drafts import list_templates, reset_template, set_template
from tiekeeper.services.reminders import set_cadence
from tiekeeper.services.tag_cadences import list_tag_cadences
from tiekeeper.services.visibility_views import template_dict
from tiekeeper.store.accounts import AccountStore
from tiekeeper.store.digests import DigestStore
from tiekeeper.web import schema_types as t
from tiekeeper.web.api.trash import NowDep
from tiekeeper.web.deps import IdPath, StoreDep
from tiekeeper.web.schemas import In, Out

router = APIRouter(tags=["settings"])
Kind = Literal[TEMPLATE_KINDS]  # type: ignore[valid-type]
TagPath = Annotated[str, Path(max_length=limit("tag"), pattern=t.TRIMMED)]


class TagCadenceOut(Out):
    tag: str
    cadence_days: int


class CadenceIn(In):
    every: str = Field(pattern=t.CADENCE, description="weekly, monthly, quarterly, yearly, Nd, off")


class CadenceSetOut(Out):
    target: str
    cadence_days: int | None
    people: int


class TemplateOut(Out):
    kind: str
    text: str
    custom: bool


class TemplateIn(In):
    text: str = Field(max_length=limit("note"), pattern=t.NAME, description="{first_name} ...")


class PasswordIn(In):
    current: str = Field(max_length=1000)
    new: str = Field(min_length=10, max_length=1000)


class PasswordOut(Out):
    sessions_ended: int


def _utc(value: object) -> object:
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


class TokenOut(Out):
    id: int
    label: str
    scope: str
    created_at: AwareDatetime
    last_used_at: AwareDatetime | None
    expires_at: AwareDatetime | None

    @field_validator("created_at", "last_used_at", "expires_at", mode="before")
    @classmethod
    def _in_utc(cls, value: object) -> object:
        """Kept in UTC; SQLite hands the times back without their zone."""
        return _utc(value)


class TokenIn(In):
    label: str = Field("", max_length=200, pattern=t.LINE)
    scope: Literal["api", "calendar"] = "api"
    expires: str | None = Field(None, max_length=40, pattern=t.LINE,
                                description="90d, 12w, 1y or a day")  # fmt: skip


class NewTokenOut(Out):
    token: str = Field(description="shown this once: only its digest is kept")
    scope: str
    feed: str | None = Field(description="the calendar feed's path, for a calendar token")


@router.get("/cadences/tags", response_model=list[TagCadenceOut])
def get_tag_cadences(store: StoreDep) -> list[dict[str, Any]]:
    """Every tag that sets a keep-in-touch cadence."""
    return [{"tag": c.tag, "cadence_days": c.cadence_days} for c in list_tag_cadences(store.uow())]


@router.put("/cadences/tags/{tag}", response_model=CadenceSetOut)
def put_tag_cadence(tag: TagPath, body: CadenceIn, store: StoreDep) -> dict[str, Any]:
    """Keep in touch with everyone who has `tag` this often ("off" stops it)."""
    done = set_cadence(store.uow(), body.every or "off", tag=tag)
    return {"target": done.target, "cadence_days": done.cadence_days, "people": done.people}


@router.get("/templates", response_model=list[TemplateOut])
def get_templates(store: StoreDep) -> list[dict[str, Any]]:
    """Every kind of draft with its template text, and whether it is your own."""
    return [template_dict(v) for v in list_templates(store.uow())]


@router.put("/templates/{kind}", response_model=TemplateOut)
def put_template(kind: Kind, body: TemplateIn, store: StoreDep) -> dict[str, Any]:
    """Use your own text for one kind (placeholders are checked)."""
    return template_dict(set_template(store.uow(), kind, body.text))


@router.delete("/templates/{kind}", response_model=TemplateOut)
def delete_template(kind: Kind, store: StoreDep) -> dict[str, Any]:
    """Go back to the built-in template for one kind."""
    return template_dict(reset_template(store.uow(), kind))


# --- the digest by e-mail (sent by `tiekeeper digest --due`) ---------------------------------
# Exactly what the services accept (domain/email_address.py, domain/digest_schedule.py).
_LOCAL = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
DIGEST_ADDRESS = (f"^{_LOCAL}(\\.{_LOCAL})*@([A-Za-z0-9]([A-Za-z0-9-]{{0,61}}[A-Za-z0-9])?\\.)+"
                  "[A-Za-z][A-Za-z0-9-]{0,62}$")  # fmt: skip
Zone = Literal[tuple(sorted(available_timezones()))]  # type: ignore[valid-type]
Day = Literal[("", *WEEKDAYS)]  # type: ignore[valid-type]


class DigestIn(In):
    to: str = Field(max_length=320, pattern=DIGEST_ADDRESS)
    time: str = Field(pattern="^([01]?[0-9]|2[0-3]):[0-5][0-9]$", description="local HH:MM")
    day: Day = Field("", description='"" every day (the daily digest), or the weekly one\'s day')
    tz: Zone = Field(description="IANA time zone, e.g. Europe/Berlin")  # type: ignore[valid-type]


class DigestScheduleOut(Out):
    to: str
    time: str
    tz: str
    weekday: str | None
    kind: str


class DigestSendOut(Out):
    slot: str
    to: str
    status: Literal["sending", "sent", "failed"]
    attempts: int
    tried_at: AwareDatetime
    sent_at: AwareDatetime | None
    message_id: str | None
    error: str | None = Field(description="why the last attempt failed")
    retry_at: AwareDatetime | None = Field(description="a failed one: when it is tried again")


class DigestOut(Out):
    schedule: DigestScheduleOut | None
    next_at: AwareDatetime | None
    sends: list[DigestSendOut]


def _digest_out(store: Any, now: datetime) -> dict[str, Any]:
    status = digest_status(DigestStore(store.engine), store.owner_id, now)
    s = status.schedule
    return {
        "schedule": None if s is None else {
            "to": s.to, "time": s.at, "tz": s.zone, "weekday": weekday_name(s.weekday),
            "kind": "daily" if s.weekday is None else "weekly"},
        "next_at": status.next_at,
        "sends": [{"slot": r.slot, "to": r.to, "status": r.status, "attempts": r.attempts,
                   "tried_at": r.claimed_at, "sent_at": r.sent_at, "message_id": r.message_id,
                   "error": r.error, "retry_at": r.retry_at} for r in status.sends],
    }  # fmt: skip


@router.get("/digest", response_model=DigestOut)
def get_digest(store: StoreDep, now: NowDep) -> dict[str, Any]:
    """Your digest schedule, when the next one goes out, and the latest sends (failed ones with
    why and when they are tried again)."""
    return _digest_out(store, now)


@router.put("/digest", response_model=DigestOut)
def put_digest(body: DigestIn, store: StoreDep, now: NowDep) -> dict[str, Any]:
    """Schedule your digest: to `to`, at local `time` in `tz`, every day or on `day`."""
    set_digest(DigestStore(store.engine), store.owner_id, now, to=body.to, at=body.time,
               weekday=body.day, zone=body.tz)  # fmt: skip
    return _digest_out(store, now)


@router.delete("/digest", status_code=204, response_class=Response)
def delete_digest(store: StoreDep) -> Response:
    """Stop your digest (what was sent stays listed)."""
    stop_digest(DigestStore(store.engine), store.owner_id)
    return Response(status_code=204)


# --- the multi-user server only: 404 in local mode ----------------------------------------
def _accounts(request: Request) -> AccountStore:
    found: AccountStore | None = getattr(request.app.state, "accounts", None)
    if found is None:
        raise NotFound("accounts exist only on the multi-user server (serve --accounts)")
    return found


@router.post("/account/password", response_model=PasswordOut)
def post_password(request: Request, body: PasswordIn, store: StoreDep) -> dict[str, Any]:
    """Change the password (the current one first); every browser session ends, tokens stay."""
    ended = mine.change_own_password(_accounts(request), store.owner_id, body.current, body.new)
    return {"sessions_ended": ended}


@router.get("/account/tokens", response_model=list[TokenOut])
def get_tokens(request: Request, store: StoreDep) -> list[dict[str, Any]]:
    """Your API and calendar tokens (never their values)."""
    return [
        {"id": r.id, "label": r.label, "scope": r.scope, "created_at": r.created_at,
         "last_used_at": r.last_used_at, "expires_at": r.expires_at}
        for r in mine.own_tokens(_accounts(request), store.owner_id)
    ]  # fmt: skip


@router.post("/account/tokens", response_model=NewTokenOut, status_code=201)
def post_token(request: Request, body: TokenIn, store: StoreDep, now: NowDep) -> dict[str, Any]:
    """A new API token, or a calendar feed token (its feed path comes with it)."""
    value = mine.make_token(_accounts(request), store.owner_id, body.label, now, body.scope,
                            body.expires)  # fmt: skip
    feed = f"/feeds/{value}/calendar.ics" if body.scope == "calendar" else None
    return {"token": value, "scope": body.scope, "feed": feed}


@router.delete("/account/tokens/{token_id}", status_code=204, response_class=Response)
def delete_token(request: Request, token_id: IdPath, store: StoreDep) -> Response:
    """Revoke one of your tokens."""
    mine.revoke_token(_accounts(request), store.owner_id, token_id)
    return Response(status_code=204)
