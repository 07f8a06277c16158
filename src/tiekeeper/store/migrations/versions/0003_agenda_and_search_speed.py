"""agenda and search speed

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 14:42:16.399592
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.add_column(sa.Column("checkin_cadence_days", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("birthday_mmdd", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("started_mmdd", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("connected_mmdd", sa.Integer(), nullable=True))
        batch_op.drop_index(batch_op.f("ix_people_owner_birthday"))
        batch_op.create_index("ix_people_owner_birthday_mmdd", ["owner_id", "birthday_mmdd"])
        batch_op.create_index("ix_people_owner_connected_mmdd", ["owner_id", "connected_mmdd"])
        batch_op.create_index("ix_people_owner_started_mmdd", ["owner_id", "started_mmdd"])
    _backfill()
    _search_by_kind()


def downgrade() -> None:
    _search_without_kind()
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_index("ix_people_owner_started_mmdd")
        batch_op.drop_index("ix_people_owner_connected_mmdd")
        batch_op.drop_index("ix_people_owner_birthday_mmdd")
        batch_op.create_index(
            batch_op.f("ix_people_owner_birthday"), ["owner_id", "birthday_month", "birthday_day"]
        )
        batch_op.drop_column("connected_mmdd")
        batch_op.drop_column("started_mmdd")
        batch_op.drop_column("birthday_mmdd")
        batch_op.drop_column("checkin_cadence_days")


def _backfill() -> None:
    people = sa.table(
        "people",
        sa.column("id", sa.Integer),
        sa.column("cadence_days", sa.Integer),
        sa.column("birthday_month", sa.Integer),
        sa.column("birthday_day", sa.Integer),
        sa.column("started_on", sa.Date),
        sa.column("connected_on", sa.Date),
        sa.column("checkin_cadence_days", sa.Integer),
        sa.column("birthday_mmdd", sa.Integer),
        sa.column("started_mmdd", sa.Integer),
        sa.column("connected_mmdd", sa.Integer),
    )
    tags = sa.table("person_tags", sa.column("person_id"), sa.column("tag"), sa.column("owner_id"))
    cad = sa.table(
        "tag_cadences", sa.column("owner_id"), sa.column("tag"), sa.column("cadence_days")
    )
    joined = tags.join(cad, sa.and_(cad.c.owner_id == tags.c.owner_id, cad.c.tag == tags.c.tag))
    tightest_tag = (
        sa.select(sa.func.min(cad.c.cadence_days))
        .select_from(joined)
        .where(tags.c.person_id == people.c.id)
        .scalar_subquery()
    )

    def mmdd(col: sa.ColumnClause[sa.Date]) -> sa.ColumnElement[int]:
        return sa.cast(sa.extract("month", col) * 100 + sa.extract("day", col), sa.Integer)

    op.execute(
        people.update().values(
            checkin_cadence_days=sa.func.coalesce(people.c.cadence_days, tightest_tag),
            birthday_mmdd=people.c.birthday_month * 100 + people.c.birthday_day,
            started_mmdd=mmdd(people.c.started_on),
            connected_mmdd=mmdd(people.c.connected_on),
        )
    )


def _fts(columns: str) -> None:
    for trigger in ("search_docs_ai", "search_docs_ad", "search_docs_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS search_fts")
    cols = columns.split(", ")
    new = ", ".join(f"new.{c}" for c in cols)
    old = ", ".join(f"old.{c}" for c in cols)
    op.execute(
        f"CREATE VIRTUAL TABLE search_fts USING fts5({columns}, content='search_docs', "
        "content_rowid='id')"
    )
    op.execute(
        "CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN "
        f"INSERT INTO search_fts(rowid, {columns}) VALUES (new.id, {new}); END"
    )
    op.execute(
        "CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN "
        f"INSERT INTO search_fts(search_fts, rowid, {columns}) "
        f"VALUES ('delete', old.id, {old}); END"
    )
    op.execute(
        "CREATE TRIGGER search_docs_au AFTER UPDATE ON search_docs BEGIN "
        f"INSERT INTO search_fts(search_fts, rowid, {columns}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO search_fts(rowid, {columns}) VALUES (new.id, {new}); END"
    )
    op.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")


def _search_by_kind() -> None:
    """Index the document kind too, so people are ranked apart from a million interactions and
    interactions are read newest first without ranking them all."""
    if op.get_bind().dialect.name == "sqlite":
        _fts("kind, title, body")
    else:
        op.execute("CREATE INDEX ix_search_docs_owner_kind_id ON search_docs (owner_id, kind, id)")


def _search_without_kind() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _fts("title, body")
    else:
        op.execute("DROP INDEX IF EXISTS ix_search_docs_owner_kind_id")
