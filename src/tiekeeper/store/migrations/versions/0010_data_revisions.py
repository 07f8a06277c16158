"""a revision number per account and table; interactions by owner, channel and day

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 16:00:00

Each commit of a unit of work moves the numbers of the tables it wrote (store/revisions.py), so
results that take seconds to compute at 30,000 people are kept until what they read changes.
A goal that counts one channel ("two coffees a week") reads the new index alone instead of
looking up every interaction of its window (1.5 s at 1,000,000 interactions).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "data_revisions",
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("revision", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["accounts.id"],
            name=op.f("fk_data_revisions_owner_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("owner_id", "table_name", name=op.f("pk_data_revisions")),
    )
    op.create_index(
        "ix_interactions_owner_channel_date",
        "interactions",
        ["owner_id", "channel", "occurred_on"],
    )


def downgrade() -> None:
    op.drop_index("ix_interactions_owner_channel_date", table_name="interactions")
    op.drop_table("data_revisions")
