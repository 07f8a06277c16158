"""Visibility in the browser: what you published or presented, who engaged, and the posting
goal; add a post, delete one (to the trash). The same services as `tiekeeper post`."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from tiekeeper.domain.errors import NotFound, TiekeeperError
from tiekeeper.domain.visibility import VENUES
from tiekeeper.services import trash
from tiekeeper.services.goals import list_goals
from tiekeeper.services.goals_views import goal_dict
from tiekeeper.services.visibility import add_post, list_posts
from tiekeeper.services.visibility_views import post_dict
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
from tiekeeper.web.pages.notices import notice_of
from tiekeeper.web.security import check_form_token

router = APIRouter(include_in_schema=False)
FormStr = Annotated[str, Form()]
VENUE_NAMES = {
    "linkedin": "LinkedIn post", "blog": "Blog post", "talk": "Talk", "webinar": "Webinar",
    "article": "Article", "podcast": "Podcast", "newsletter": "Newsletter", "other": "Other",
}  # fmt: skip
assert tuple(VENUE_NAMES) == VENUES
NOTICES = {"post-added": "Post logged; the people who engaged got an interaction each."}
FIELDS = {
    "where": ("where", "Where"), "post-topic": ("topic", "Topic"), "topic": ("topic", "Topic"),
    "link": ("url", "Link"), "url": ("url", "Link"), "date": ("when", "When"),
    "engaged": ("engaged", "Who engaged"),
}  # fmt: skip


def posting_goals(store: Store, today: date) -> list[dict[str, Any]]:
    """The user's goals that count posts (`goal add "post weekly" --per week --target 1`)."""
    return [goal_dict(g) for g in list_goals(store.uow(), today, metric="posts")]


def posts_response(
    request: Request, store: Store, today: date, form: FormState | None = None, code: int = 200
) -> HTMLResponse:
    """The posts page; `form` holds a refused post's values and error."""
    posts = [post_dict(v) | {"venue": VENUE_NAMES.get(v.post.venue, v.post.venue)}
             for v in list_posts(store.uow())]  # fmt: skip
    context = {
        "posts": posts,
        "venues": list(VENUE_NAMES.items()),
        "goals": posting_goals(store, today),
        "form": form or FormState({"where": "linkedin", "when": "today"}),
        "notice": notice_of(request, NOTICES),
    }
    return render(request, "posts.html", context, code)


@router.get("/posts", response_class=HTMLResponse)
def posts_page(request: Request, store: StoreDep, today: TodayDep) -> HTMLResponse:
    """What you published or presented, newest first, with who engaged."""
    return posts_response(request, store, today)


@router.post("/posts")
def add_post_page(
    request: Request,
    store: StoreDep,
    today: TodayDep,
    csrf: FormStr = "",
    where: FormStr = "linkedin",
    topic: FormStr = "",
    url: FormStr = "",
    when: FormStr = "today",
    engaged: FormStr = "",
) -> Response:
    """Log a post, article or talk (each person who engaged gets an interaction)."""
    check_form_token(request, csrf)
    values = {"where": where, "topic": topic, "url": url, "when": when, "engaged": engaged}
    try:
        add_post(store.uow(), where, topic, today, url.strip() or None, when.strip() or "today",
                 split_list(engaged))  # fmt: skip
    except TiekeeperError as exc:
        state = FormState(values, form_error(exc, FIELDS, "engaged"))
        return posts_response(request, store, today, state, FORM_ERROR)
    return see_other("/posts", "post-added")


def _post(store: Store, post_id: int) -> dict[str, Any]:
    found = next((post_dict(v) for v in list_posts(store.uow()) if v.post.id == post_id), None)
    if found is None:
        raise NotFound(f"no post with id {post_id}")
    return found


@router.get("/posts/{post_id}/delete", response_class=HTMLResponse)
def delete_confirm_page(request: Request, post_id: int, store: StoreDep) -> HTMLResponse:
    """Ask before moving a post to the trash."""
    p = _post(store, post_id)
    context = {
        "title": f"Delete “{p['topic']}”?",
        "what": "The post goes to the trash for 30 days.",
        "points": ["The interactions of the people who engaged go with it.",
                   "Until the trash is emptied you can put it back as it was."],
        "action": f"/posts/{post_id}/delete",
        "button": "Move to the trash",
        "cancel": "/posts",
    }  # fmt: skip
    return render(request, "confirm.html", context)


@router.post("/posts/{post_id}/delete")
def delete_page(
    request: Request, post_id: int, store: StoreDep, now: NowDep, csrf: FormStr = ""
) -> Response:
    """Move a post to the trash; the next page offers Undo."""
    check_form_token(request, csrf)
    done = trash.delete_post(store.uow(), post_id, now)
    return see_other(f"/trash/{done.trash_id}")
