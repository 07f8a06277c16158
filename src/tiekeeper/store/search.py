"""Full-text search: FTS5 on SQLite, a GIN-indexed tsvector on PostgreSQL, same documents."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, delete, text

from tiekeeper.domain.model import name_key
from tiekeeper.store import tables as t
from tiekeeper.store.writes import insert_many

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
        insert_many(self.conn, t.search_docs, rows)

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
        tokens = _TOKEN.findall(fold(words))
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
        if self.sqlite:
            kind_expr = " OR ".join(f'kind:"{k}"' for k in kinds)
            words = " AND ".join(f'{{title body}}:"{tok}"*' for tok in tokens)
            order = "f.rank" if ranked else "f.rowid DESC"
            sql = text(
                "SELECT d.kind, d.ref_id, d.title FROM search_fts f "
                "JOIN search_docs d ON d.id = f.rowid "
                f"WHERE search_fts MATCH :match AND d.owner_id = :owner ORDER BY {order} "
                "LIMIT :limit"
            )
            match = f"({kind_expr}) AND {words}"
            params: dict[str, object] = {"match": match, "owner": self.owner_id, "limit": limit}
        else:
            tsv = "to_tsvector('simple', title || ' ' || body)"
            order = f"ts_rank({tsv}, to_tsquery('simple', :tsq)) DESC, id" if ranked else "id DESC"
            sql = text(
                "SELECT kind, ref_id, title FROM search_docs "
                f"WHERE owner_id = :owner AND kind IN :kinds AND {tsv} "
                f"@@ to_tsquery('simple', :tsq) ORDER BY {order} LIMIT :limit"
            ).bindparams(bindparam("kinds", expanding=True))
            tsq = " & ".join(f"{tok}:*" for tok in tokens)
            params = {"tsq": tsq, "owner": self.owner_id, "limit": limit, "kinds": list(kinds)}
        return [SearchHit(r[0], r[1], r[2]) for r in self.conn.execute(sql, params)]
