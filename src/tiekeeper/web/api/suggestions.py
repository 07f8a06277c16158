"""People worth adding, from imported mail, through the API (= `tiekeeper suggest` and
`tiekeeper suggest add`)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import Field

from tiekeeper.services.suggest import AT_LEAST, add_suggested, suggestion_dict, suggestions
from tiekeeper.web.deps import StoreDep, TodayDep
from tiekeeper.web.schemas import In, Out

router = APIRouter(tags=["suggestions"])


class SuggestionOut(Out):
    """= one item of `tiekeeper suggest --json`."""

    email: str
    name: str | None
    sent: int
    received: int
    last_on: str


# The addresses mail import keeps (domain/email_address.py, stricter than a person's e-mail
# field): the schema says so, so an address it allows is never refused as "not an address".
# Only their ASCII form: a JSON Schema pattern cannot say "a letter of any script", so an
# address like josé@example.com is added from the import page, not through this route.
_LOCAL = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
MAIL_ADDRESS = (
    rf"^{_LOCAL}(?:\.{_LOCAL})*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{{0,61}}[A-Za-z0-9])?\.)+"
    r"[A-Za-z][A-Za-z0-9-]{0,62}$"
)
MailAddress = Annotated[str, Field(max_length=320, pattern=MAIL_ADDRESS)]


class SuggestAddIn(In):
    addresses: list[MailAddress] = Field(min_length=1, max_length=200)


class AddedOut(Out):
    id: int
    name: str
    email: str


class AlreadyOut(Out):
    email: str
    person_id: int


class SuggestAddedOut(Out):
    """= `tiekeeper suggest add --json`."""

    added: list[AddedOut]
    already: list[AlreadyOut]


@router.get("/suggestions", response_model=list[SuggestionOut])
def get_suggestions(
    store: StoreDep,
    today: TodayDep,
    at_least: Annotated[
        int, Query(ge=1, le=1_000_000, description="messages you wrote them in the last year")
    ] = AT_LEAST,
) -> list[dict[str, Any]]:
    """The addresses you wrote to at least `at_least` times in the last year that are nobody
    in tiekeeper yet, most written to first."""
    return [suggestion_dict(c) for c in suggestions(store.uow(), today, at_least)]


@router.post("/suggestions", response_model=SuggestAddedOut, status_code=201)
def post_suggestions(body: SuggestAddIn, store: StoreDep, today: TodayDep) -> dict[str, Any]:
    """Add each address as a person, named as your mail names them (an address in no
    imported mail is a 404, and nothing is added)."""
    result = add_suggested(store.uow(), body.addresses, today)
    return {
        "added": [{"id": p.id, "name": p.name, "email": p.emails[0]} for p in result.added],
        "already": [{"email": e, "person_id": i} for e, i in result.already.items()],
    }
