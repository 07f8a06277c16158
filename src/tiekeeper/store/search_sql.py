"""Full-text reads, as plain SQL per dialect (FTS5 on SQLite, tsvector on PostgreSQL), in a
module without SQLAlchemy so `tiekeeper search` and Today's "who can I help" pick run on the light
store (store/light.py). The index itself is written by store/search.py."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from tiekeeper.domain.model import name_key
from tiekeeper.store.sql import as_rows

TOKEN = re.compile(r"\w+", re.UNICODE)


def fold(value: str) -> str:
    """Accent- and case-fold text the same way for documents and queries."""
    return name_key(value)


def doc_body(title: str, parts: list[str | None]) -> str:
    """A document's searchable body: its title and parts, folded."""
    return fold(" ".join(p for p in [title, *parts] if p))


def tokens_of(query: str) -> list[str]:
    """The folded words of a query, each matched as a prefix."""
    return TOKEN.findall(fold(query))


def match_sql(
    dialect: str, owner_id: int, tokens: list[str], kinds: tuple[str, ...], limit: int, *,
    ranked: bool,
) -> tuple[str, dict[str, Any]]:  # fmt: skip
    """(sql, params) selecting (kind, ref_id, title) of the documents of `kinds` that match
    every token as a prefix; by relevance when `ranked`, else newest first (no ranking cost)."""
    if dialect == "sqlite":
        kind_expr = " OR ".join(f'kind:"{k}"' for k in kinds)
        words = " AND ".join(f'{{title body}}:"{tok}"*' for tok in tokens)
        order = "f.rank" if ranked else "f.rowid DESC"
        sql = (
            "SELECT d.kind, d.ref_id, d.title FROM search_fts f "
            "JOIN search_docs d ON d.id = f.rowid "
            f"WHERE search_fts MATCH :match AND d.owner_id = :owner ORDER BY {order} "
            "LIMIT :limit"
        )
        return sql, {"match": f"({kind_expr}) AND {words}", "owner": owner_id, "limit": limit}
    # tsv: the stored to_tsvector('simple', title || ' ' || body) (migration 0012)
    order = "ts_rank(tsv, to_tsquery('simple', :tsq)) DESC, id" if ranked else "id DESC"
    sql = (
        "SELECT kind, ref_id, title FROM search_docs "
        "WHERE owner_id = :owner AND kind IN :kinds AND tsv @@ to_tsquery('simple', :tsq) "
        f"ORDER BY {order} LIMIT :limit"
    )
    tsq = " & ".join(f"{tok}:*" for tok in tokens)
    return sql, {"tsq": tsq, "owner": owner_id, "limit": limit, "kinds": list(kinds)}


@dataclass(frozen=True)
class SearchHit:
    kind: str
    ref_id: int
    title: str


class SearchReads:
    """Queries over the search documents of one owner."""

    def __init__(self, conn: Any, owner_id: int) -> None:
        self.rows = as_rows(conn)
        self.owner_id = owner_id

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
        sql, params = match_sql(self.rows.dialect, self.owner_id, tokens, kinds, limit,
                                ranked=ranked)  # fmt: skip
        return [SearchHit(r[0], r[1], r[2]) for r in self.rows.fetch(sql, params)]
