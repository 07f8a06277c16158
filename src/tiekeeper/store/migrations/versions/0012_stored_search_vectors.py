"""search documents keep their tsvector on PostgreSQL

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 21:40:00

The GIN index was on the expression to_tsvector('simple', title || ' ' || body), so every row a
search looked at was parsed again to check the match and again to rank it: under the 50-client
load of bench/bench_server.py the full-text reads were half of PostgreSQL's time (2-8 ms each,
12 us a row). A stored generated column holds the vector once, written with the row, and the
GIN index is on it (PostgreSQL's manual, 12.2.2: "searches will be faster, since it will not be
necessary to redo the to_tsvector calls to verify index matches"). Adding the column rewrites
the table once. SQLite's FTS5 index is left as it is.
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

VECTOR = "to_tsvector('simple', title || ' ' || body)"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        f"ALTER TABLE search_docs ADD COLUMN tsv tsvector GENERATED ALWAYS AS ({VECTOR}) STORED"
    )
    op.execute("DROP INDEX IF EXISTS ix_search_docs_tsv")
    op.execute("CREATE INDEX ix_search_docs_tsv ON search_docs USING gin (tsv)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_search_docs_tsv")
    op.execute("ALTER TABLE search_docs DROP COLUMN tsv")
    op.execute(f"CREATE INDEX ix_search_docs_tsv ON search_docs USING gin ({VECTOR})")
