"""Visibility through the API: what you published or presented and who engaged, and the
headline check (= `tiekeeper post`, `headline check`). Deleting a post is DELETE /posts/{id}
(api_trash)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import Field

from tiekeeper.domain.limits import limit
from tiekeeper.domain.visibility import VENUES
from tiekeeper.services.visibility import add_post, headline_check, list_posts
from tiekeeper.services.visibility_views import headline_dict, post_dict
from tiekeeper.web import schema_types as t
from tiekeeper.web.deps import StoreDep, TodayDep
from tiekeeper.web.schemas import In, Out, PersonRef

router = APIRouter(tags=["visibility"])
Venue = Literal[VENUES]  # type: ignore[valid-type]


class PostOut(Out):
    id: int
    date: str
    where: str
    topic: str
    url: str | None
    engaged: list[PersonRef]


class PostIn(In):
    where: Venue
    topic: str = Field(max_length=limit("post-topic"), pattern=t.NAME)
    url: t.Link | None = None
    when: t.When = "today"
    engaged: list[t.PersonRef] = Field([], description="each gets a social-comment interaction")


class HeadlineIn(In):
    text: str = Field(max_length=1000, pattern=t.NAME)  # an empty headline is refused


class HeadlineOut(Out):
    text: str
    length: int
    limit: int
    ok: bool
    expertise: list[str]
    goal: list[str]
    warnings: list[str]


@router.get("/posts", response_model=list[PostOut])
def get_posts(
    store: StoreDep, limit: Annotated[int | None, Query(ge=1, le=t.MAX_ID)] = None
) -> list[dict[str, Any]]:
    """Posts, talks and articles, newest first, with who engaged."""
    return [post_dict(v) for v in list_posts(store.uow(), limit)]


@router.post("/posts", response_model=PostOut, status_code=201)
def post_post(body: PostIn, store: StoreDep, today: TodayDep) -> dict[str, Any]:
    """Log a post, article or talk; each person who engaged gets an interaction."""
    v = add_post(store.uow(), body.where, body.topic, today, body.url, body.when, body.engaged)
    return post_dict(v)


@router.post("/headline/check", response_model=HeadlineOut)
def post_headline_check(body: HeadlineIn, store: StoreDep) -> dict[str, Any]:
    """Check a LinkedIn headline: length, your expertise (your own keywords) and a goal."""
    return headline_dict(headline_check(store.uow(), body.text))
