"""trash, postal addresses, kept vCard properties

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 18:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _owner_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["owner_id"],
        ["accounts.id"],
        name=op.f(f"fk_{table}_owner_id_accounts"),
        ondelete="CASCADE",
    )


def _person_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["person_id"], ["people.id"], name=op.f(f"fk_{table}_person_id_people"), ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "trash",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("ref_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=400), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        _owner_fk("trash"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trash")),
    )
    op.create_index("ix_trash_owner_deleted", "trash", ["owner_id", "deleted_at"])

    op.create_table(
        "person_addresses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=100), nullable=True),
        sa.Column("po_box", sa.String(length=200), nullable=True),
        sa.Column("extended", sa.String(length=200), nullable=True),
        sa.Column("street", sa.String(length=500), nullable=True),
        sa.Column("city", sa.String(length=200), nullable=True),
        sa.Column("region", sa.String(length=200), nullable=True),
        sa.Column("postcode", sa.String(length=50), nullable=True),
        sa.Column("country", sa.String(length=200), nullable=True),
        _owner_fk("person_addresses"),
        _person_fk("person_addresses"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_addresses")),
    )
    op.create_index("ix_person_addresses_person", "person_addresses", ["person_id"])

    op.create_table(
        "person_card_props",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("line", sa.Text(), nullable=False),
        _owner_fk("person_card_props"),
        _person_fk("person_card_props"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_card_props")),
    )
    op.create_index("ix_person_card_props_person", "person_card_props", ["person_id"])


def downgrade() -> None:
    op.drop_index("ix_person_card_props_person", table_name="person_card_props")
    op.drop_table("person_card_props")
    op.drop_index("ix_person_addresses_person", table_name="person_addresses")
    op.drop_table("person_addresses")
    op.drop_index("ix_trash_owner_deleted", table_name="trash")
    op.drop_table("trash")
