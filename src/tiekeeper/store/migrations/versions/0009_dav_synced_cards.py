"""the card each CardDAV client last held, per person

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 10:00:00

A phone that edits a contact tiekeeper also changed since the last sync sends a card based on
an older version; kept here, that version is the base of a field-by-field merge instead of
the phone's card replacing tiekeeper's changes (services/sync/cards.py).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dav_synced",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("card", sa.Text(), nullable=False),
        sa.Column("synced_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_dav_synced_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["accounts.id"],
            name=op.f("fk_dav_synced_owner_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("person_id", "owner_id", name=op.f("pk_dav_synced")),
    )


def downgrade() -> None:
    op.drop_table("dav_synced")
