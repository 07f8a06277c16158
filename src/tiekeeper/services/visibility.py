"""Visibility: log what you publish or present (and who engaged), and check a LinkedIn headline
against the user's own keywords."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tiekeeper.domain import limits
from tiekeeper.domain.dates import parse_when
from tiekeeper.domain.headline import HeadlineCheck, check_headline, keywords_from
from tiekeeper.domain.model import Initiator, Interaction, parse_choice
from tiekeeper.domain.visibility import VENUES, Post, engagement_summary
from tiekeeper.services.people import resolve
from tiekeeper.store.jobs import JobsRepository
from tiekeeper.store.posts import PostRepository
from tiekeeper.store.uow import UnitOfWork


@dataclass
class PostView:
    post: Post
    names: dict[int, str]


def add_post(
    uow: UnitOfWork,
    where: str,
    topic: str,
    today: date,
    url: str | None = None,
    when: str = "today",
    engaged: list[str] | None = None,
) -> PostView:
    """Log a post, talk or article; each person who engaged gets a 'social-comment' interaction."""
    venue = parse_choice(where, VENUES, "where")
    limits.check("post-topic", " ".join(topic.split()))
    limits.check("link", url)
    post = Post(parse_when(when, today, field="date"), venue, topic, url)
    with uow:
        people = list(dict.fromkeys(resolve(uow, ref) for ref in engaged or []))
        post_id = uow.repo(PostRepository).add(post)
        for pid in people:
            ix = Interaction(
                occurred_on=post.occurred_on,
                person_ids=[pid],
                channel="social-comment",
                initiated_by=Initiator.THEM,
                summary=engagement_summary(post.topic),
            )
            uow.repo(PostRepository).add_engagement(post_id, pid, uow.interactions.add(ix))
        post.engaged = sorted(people)
        names = uow.people.names(people)
        uow.commit()
    return PostView(post, names)


def list_posts(uow: UnitOfWork, limit: int | None = None) -> list[PostView]:
    """Posts newest first, with the names of those who engaged."""
    with uow:
        posts = uow.repo(PostRepository).find(limit)
        names = uow.people.names({pid for p in posts for pid in p.engaged})
    return [PostView(p, {i: names[i] for i in p.engaged if i in names}) for p in posts]


def headline_check(uow: UnitOfWork, text: str) -> HeadlineCheck:
    """Check a LinkedIn headline: length limit, expertise (your own keywords), and a goal."""
    with uow:
        fields = uow.repo(JobsRepository).profile_keywords()
    return check_headline(text, keywords_from(fields))
