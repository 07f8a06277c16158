"""Full-text search: FTS5 on SQLite, a GIN-indexed tsvector on PostgreSQL, same documents."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, delete

from tiekeeper.store import tables as t
from tiekeeper.store.search_sql import fold, match_sql, tokens_of
from tiekeeper.store.sql import as_rows
from tiekeeper.store.writes import insert_columns


@dataclass(frozen=True)
class SearchHit:
    kind: str
    ref_id: int
    title: str


class SearchIndex:
    def __init__(self, conn: Connection, owner_id: int) -> None:
        self.conn = conn
        self.owner_id = owner_id
        self.sqlite = conn.dialect.name == "sqlite"

    def put(self, kind: str, ref_id: int, title: str, parts: list[str | None]) -> None:
        """Replace the document for (kind, ref_id)."""
        self.remove(kind, ref_id)
        self.put_many(kind, [(ref_id, title, parts)])

    def put_many(self, kind: str, docs: list[tuple[int, str, list[str | None]]]) -> None:
        """Insert new documents in bulk (the caller knows none exists yet)."""
        if not docs:
            return
        n = len(docs)
        insert_columns(
            self.conn,
            t.search_docs,
            {
                "owner_id": [self.owner_id] * n,
                "kind": [kind] * n,
                "ref_id": [ref_id for ref_id, _, _ in docs],
                "title": [title for _, title, _ in docs],
                "body": [fold(" ".join(p for p in [h, *parts] if p)) for _, h, parts in docs],
            },
        )

    def remove(self, kind: str, ref_id: int) -> None:
        d = t.search_docs.c
        self.conn.execute(
            delete(t.search_docs).where(
                d.owner_id == self.owner_id, d.kind == kind, d.ref_id == ref_id
            )
        )

    def query(self, words: str, limit: int = 20) -> list[SearchHit]:
        """Documents matching every word (each as a prefix): people and organizations ranked by
        relevance first, then interactions newest first (ranking a million of them would not be
        instant, and the newest conversation is the one a user looks for)."""
        tokens = tokens_of(words)
        if not tokens:
            return []
        hits = self.match(tokens, ("person", "organization"), limit, ranked=True)
        if len(hits) < limit:
            hits += self.match(tokens, ("interaction",), limit - len(hits), ranked=False)
        return hits

    def match(
        self, tokens: list[str], kinds: tuple[str, ...], limit: int, *, ranked: bool
    ) -> list[SearchHit]:
        """Documents of `kinds` matching every token as a prefix; by relevance when `ranked`,
        else newest first (no ranking cost, for callers that want any few hits quickly)."""
        dialect = "sqlite" if self.sqlite else "postgresql"
        sql, params = match_sql(dialect, self.owner_id, tokens, kinds, limit, ranked=ranked)
        rows = as_rows(self.conn).fetch(sql, params)
        return [SearchHit(r[0], r[1], r[2]) for r in rows]
