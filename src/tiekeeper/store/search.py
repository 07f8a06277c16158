"""Full-text search: FTS5 on SQLite, a GIN-indexed tsvector on PostgreSQL, same documents."""

from __future__ import annotations

from sqlalchemy import Connection, delete, update

from tiekeeper.store import tables as t
from tiekeeper.store.search_sql import SearchReads, doc_body
from tiekeeper.store.writes import insert_columns


class SearchIndex(SearchReads):
    """The search documents: written here, read by SearchReads (also without SQLAlchemy)."""

    def __init__(self, conn: Connection, owner_id: int) -> None:
        super().__init__(conn, owner_id)
        self.conn = conn
        self.sqlite = conn.dialect.name == "sqlite"

    def put(self, kind: str, ref_id: int, title: str, parts: list[str | None]) -> None:
        """Replace the document for (kind, ref_id): rewritten in place when there is one (one
        statement, where a new row also takes a new id), else added."""
        d = t.search_docs.c
        done = self.conn.execute(
            update(t.search_docs)
            .where(d.owner_id == self.owner_id, d.kind == kind, d.ref_id == ref_id)
            .values(title=title, body=doc_body(title, parts))
        )
        if not done.rowcount:
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
                "body": [doc_body(h, parts) for _, h, parts in docs],
            },
        )

    def remove_many(self, kind: str, ref_ids: list[int]) -> None:
        d = t.search_docs.c
        for i in range(0, len(ref_ids), 900):
            self.conn.execute(
                delete(t.search_docs).where(
                    d.owner_id == self.owner_id, d.kind == kind, d.ref_id.in_(ref_ids[i : i + 900])
                )
            )

    def remove(self, kind: str, ref_id: int) -> None:
        d = t.search_docs.c
        self.conn.execute(
            delete(t.search_docs).where(
                d.owner_id == self.owner_id, d.kind == kind, d.ref_id == ref_id
            )
        )
