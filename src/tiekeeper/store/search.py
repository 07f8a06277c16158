"""Full-text search: FTS5 on SQLite, a GIN-indexed tsvector on PostgreSQL, same documents."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, delete, insert, text

from tiekeeper.domain.model import name_key
from tiekeeper.store import tables as t

_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class SearchHit:
    kind: str
    ref_id: int
    title: str


def fold(value: str) -> str:
    """Accent- and case-fold text the same way for documents and queries."""
    return name_key(value)


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
        rows = [
            {
                "owner_id": self.owner_id,
                "kind": kind,
                "ref_id": ref_id,
                "title": title,
                "body": fold(" ".join(p for p in [title, *parts] if p)),
            }
            for ref_id, title, parts in docs
        ]
        self.conn.execute(insert(t.search_docs), rows)

    def remove(self, kind: str, ref_id: int) -> None:
        d = t.search_docs.c
        self.conn.execute(
            delete(t.search_docs).where(
                d.owner_id == self.owner_id, d.kind == kind, d.ref_id == ref_id
            )
        )

    def query(self, words: str, limit: int = 20) -> list[SearchHit]:
        """Documents matching every word (each as a prefix), best first."""
        tokens = _TOKEN.findall(fold(words))
        if not tokens:
            return []
        if self.sqlite:
            match = " ".join(f'"{tok}"*' for tok in tokens)
            sql = text(
                "SELECT d.kind, d.ref_id, d.title FROM search_fts f "
                "JOIN search_docs d ON d.id = f.rowid "
                "WHERE search_fts MATCH :match AND d.owner_id = :owner "
                "ORDER BY f.rank LIMIT :limit"
            )
            params: dict[str, object] = {"match": match, "owner": self.owner_id, "limit": limit}
        else:
            tsq = " & ".join(f"{tok}:*" for tok in tokens)
            sql = text(
                "SELECT kind, ref_id, title FROM search_docs "
                "WHERE owner_id = :owner AND to_tsvector('simple', title || ' ' || body) "
                "@@ to_tsquery('simple', :tsq) "
                "ORDER BY ts_rank(to_tsvector('simple', title || ' ' || body), "
                "to_tsquery('simple', :tsq)) DESC, id LIMIT :limit"
            )
            params = {"tsq": tsq, "owner": self.owner_id, "limit": limit}
        return [SearchHit(r[0], r[1], r[2]) for r in self.conn.execute(sql, params)]
