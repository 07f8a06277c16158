"""The network through the API: one tie explained (= `tiekeeper tie`), warm paths (= `paths`),
dormant ties to revive (= `reconnect`), who knows whom (= `knows`), who to help this week
(= `help-someone`) and introductions (= `introduce`)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import Field

from tiekeeper.services.giving import help_someone, introduce
from tiekeeper.services.goals_views import help_dict, introduction_dict
from tiekeeper.services.insights.network import paths_to, set_knows
from tiekeeper.services.insights.ties import explain_tie, reconnect
from tiekeeper.services.insights.views import explained_dict, paths_dict, reconnect_dict
from tiekeeper.web import schema_types as t
from tiekeeper.web.api.goals import HelpOut
from tiekeeper.web.api.insights import ReconnectOut, TieOut
from tiekeeper.web.deps import PersonPath, StoreDep, TodayDep
from tiekeeper.web.schemas import In, Out

router = APIRouter(tags=["network"])
OtherPath = Annotated[
    str, Path(max_length=320, pattern=t.LINE, description="an id, an e-mail or a unique name")
]


class GivingBalanceOut(Out):
    given: float | None
    received: float | None
    balance: float | None
    share: float | None
    favours_given: int
    favours_received: int
    over_give: bool
    owe_thank_you: bool


class KnowsOut(Out):
    person_id: int
    name: str
    sources: list[str]
    inferred: bool


class TieExplainedOut(TieOut):
    """= `tiekeeper tie PERSON --json`."""

    giving: GivingBalanceOut | None
    knows: list[KnowsOut]
    last_topics: list[str]
    sources: list[str]


class PathOut(Out):
    target_id: int
    target: str | None
    via_id: int | None = Field(description="null: a direct tie")
    via: str | None
    hops: int
    strength: float | None
    your_tie: float | None
    your_tie_label: str | None
    their_tie: float | None
    inferred: bool


class PathsOut(Out):
    """= `tiekeeper paths TARGET --json`."""

    target: str
    kind: str = Field(description="person, company or industry")
    people: int
    paths: list[PathOut]


class KnowsIn(In):
    strength: int | None = Field(None, ge=1, le=5, description="how well, 1 to 5 (default 3)")


class KnowsEdgeOut(Out):
    """= `tiekeeper knows A B --json`."""

    a: int
    b: int
    strength: int | None
    removed: bool


class IntroductionIn(In):
    a: t.PersonRef
    b: t.PersonRef
    note: str | None = t.text("summary")
    date: t.When = "today"


class IntroducedPersonOut(Out):
    id: int
    name: str


class IntroductionOut(Out):
    """= `tiekeeper introduce A B --json`: the interaction logged with both."""

    interaction_id: int
    date: str
    people: list[IntroducedPersonOut]
    summary: str | None


@router.get("/people/{person}/tie", response_model=TieExplainedOut)
def get_tie(person: PersonPath, store: StoreDep, today: TodayDep) -> dict[str, Any]:
    """One tie's strength: each component with its weight, the reasons, who they know."""
    return explained_dict(explain_tie(store.uow(), person, today))


@router.get("/paths", response_model=PathsOut)
def get_paths(
    store: StoreDep,
    today: TodayDep,
    to: Annotated[
        str,
        Query(
            min_length=1,
            max_length=300,
            pattern=t.NAME,
            description="a person, a company or an industry",
        ),
    ],
) -> dict[str, Any]:
    """Warm paths to a person, company or industry: direct ties and two hops, strongest first."""
    return paths_dict(paths_to(store.uow(), to, today))


@router.get("/reconnect", response_model=list[ReconnectOut])
def get_reconnect(
    store: StoreDep, today: TodayDep, limit: Annotated[int, Query(ge=1, le=200)] = 10
) -> list[dict[str, Any]]:
    """Dormant ties (3+ years silent) worth reviving, ranked for novelty and trust."""
    return [reconnect_dict(s, tie.person.name) for tie, s in reconnect(store.uow(), today, limit)]


@router.put("/people/{person}/knows/{other}", response_model=KnowsEdgeOut)
def put_knows(
    person: PersonPath, other: OtherPath, body: KnowsIn, store: StoreDep, today: TodayDep
) -> dict[str, Any]:
    """Record that two of your contacts know each other (again: the new strength)."""
    a, b, level = set_knows(store.uow(), person, other, body.strength, False, today)
    return {"a": a, "b": b, "strength": level, "removed": False}


@router.delete("/people/{person}/knows/{other}", response_model=KnowsEdgeOut)
def delete_knows(
    person: PersonPath, other: OtherPath, store: StoreDep, today: TodayDep
) -> dict[str, Any]:
    """Forget that two contacts know each other (404 when no edge was recorded)."""
    a, b, _ = set_knows(store.uow(), person, other, None, True, today)
    return {"a": a, "b": b, "strength": None, "removed": True}


@router.get("/help-someone", response_model=HelpOut | None)
def get_help_someone(store: StoreDep, today: TodayDep) -> dict[str, Any] | None:
    """One person whose need you know and can meet (null when no needs are recorded); the
    proposal is remembered, so next week proposes someone else."""
    return help_dict(help_someone(store.uow(), today))


@router.post("/introductions", response_model=IntroductionOut, status_code=201)
def post_introduction(body: IntroductionIn, store: StoreDep, today: TodayDep) -> dict[str, Any]:
    """Introduce two contacts: an interaction with both, a favour to each, a 'knows' edge."""
    made = introduce(store.uow(), body.a, body.b, today, note=body.note, when=body.date)
    return introduction_dict(made)
