"""Posts, talks and articles the user published, and who engaged with each."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Connection, insert, select

from tiekeeper.domain.visibility import Post
from tiekeeper.store import tables as t
from tiekeeper.store.ids import add_row

PO = t.posts.c
PE = t.post_engagements.c


class PostRepository:
    def __init__(self, conn: Connection, owner_id: int) -> None:
        self.conn = conn
        self.owner_id = owner_id

    def add(self, p: Post) -> int:
        p.id = add_row(
            self.conn,
            t.posts, dict(owner_id=self.owner_id, occurred_on=p.occurred_on,
                                   venue=p.venue, topic=p.topic, url=p.url),
        )  # fmt: skip
        return p.id

    def add_engagement(self, post_id: int, person_id: int, interaction_id: int) -> None:
        self.conn.execute(
            insert(t.post_engagements).values(owner_id=self.owner_id, post_id=post_id,
                                              person_id=person_id, interaction_id=interaction_id)
        )  # fmt: skip

    def find(self, limit: int | None = None) -> list[Post]:
        """Posts newest first, each with the ids of the people who engaged."""
        q = (
            select(t.posts)
            .where(PO.owner_id == self.owner_id)
            .order_by(PO.occurred_on.desc(), PO.id.desc())
            .limit(limit)
        )
        posts = [
            Post(r.occurred_on, r.venue, r.topic, r.url, id=r.id) for r in self.conn.execute(q)
        ]
        engaged: dict[int, list[int]] = defaultdict(list)
        ids = [p.id for p in posts]
        if ids:
            eq = (
                select(PE.post_id, PE.person_id)
                .where(PE.owner_id == self.owner_id, PE.post_id.in_(ids))
                .order_by(PE.post_id, PE.person_id)
            )
            for post_id, person_id in self.conn.execute(eq):
                engaged[post_id].append(person_id)
        for p in posts:
            p.engaged = engaged[p.id or 0]
        return posts
