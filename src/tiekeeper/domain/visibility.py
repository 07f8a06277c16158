"""Visibility: what the user publishes or presents, where, on what topic."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tiekeeper.domain.errors import InvalidInput

VENUES = ("linkedin", "blog", "talk", "webinar", "article", "podcast", "newsletter", "other")


@dataclass
class Post:
    """One thing published or presented; `engaged` are the people who reacted to it."""

    occurred_on: date
    venue: str
    topic: str
    url: str | None = None
    engaged: list[int] = field(default_factory=list)
    id: int | None = None

    def __post_init__(self) -> None:
        self.topic = " ".join(self.topic.split())
        if not self.topic:
            raise InvalidInput("a post needs a topic", field="topic", value=self.topic)
        if self.url is not None:
            self.url = check_url(self.url)


def check_url(value: str) -> str | None:
    """A web address (http/https), or None for a blank one."""
    v = value.strip()
    if not v:
        return None
    if not v.startswith(("http://", "https://")) or " " in v:
        raise InvalidInput(f"{value!r} is not a web address (http:// or https://)", field="url",
                           value=value)  # fmt: skip
    return v


def engagement_summary(topic: str) -> str:
    """The summary logged on the interaction of someone who engaged with a post."""
    return f"engaged with your post on {topic}"
