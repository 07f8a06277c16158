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


# Every column that points at another row gets an index: SQLite checks each reference to a
# deleted row, and without one it scans the table once per row deleted (a person with 500
# interactions took seconds to move to the trash).
REFERENCE_INDEXES = (
    ("ix_reminders_interaction", "reminders", "interaction_id"),
    ("ix_reminders_event", "reminders", "event_id"),
    ("ix_reminders_opportunity", "reminders", "opportunity_id"),
    ("ix_post_engagements_person", "post_engagements", "person_id"),
    ("ix_post_engagements_interaction", "post_engagements", "interaction_id"),
    ("ix_people_introduced_by", "people", "introduced_by_id"),
    ("ix_opportunities_via_person", "opportunities", "via_person_id"),
    ("ix_opportunities_organization", "opportunities", "organization_id"),
    ("ix_suggestions_person", "suggestions", "person_id"),
    ("ix_interactions_event", "interactions", "event_id"),
    ("ix_knows_a", "knows", "person_a_id"),
)


def upgrade() -> None:
    for name, table, column in REFERENCE_INDEXES:
        op.create_index(name, table, [column])
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

    op.create_table(
        "import_keys",
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("key", sa.String(length=500), nullable=False),
        sa.Column("interaction_id", sa.Integer(), nullable=True),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        _owner_fk("import_keys"),
        sa.ForeignKeyConstraint(
            ["interaction_id"],
            ["interactions.id"],
            name=op.f("fk_import_keys_interaction_id_interactions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("owner_id", "source", "key", name=op.f("pk_import_keys")),
    )
    op.create_index("ix_import_keys_interaction", "import_keys", ["interaction_id"])
    op.create_table(
        "profile_emails",
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        _owner_fk("profile_emails"),
        sa.PrimaryKeyConstraint("owner_id", "email", name=op.f("pk_profile_emails")),
    )
    op.create_table(
        "correspondence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=True),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("direction", sa.String(length=10), nullable=False),
        sa.Column("message_key", sa.String(length=500), nullable=False),
        _owner_fk("correspondence"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_correspondence")),
        sa.UniqueConstraint(
            "owner_id", "message_key", "email", "direction", name="uq_correspondence"
        ),
    )
    op.create_index("ix_correspondence_owner_email", "correspondence", ["owner_id", "email"])


def downgrade() -> None:
    op.drop_index("ix_correspondence_owner_email", table_name="correspondence")
    op.drop_table("correspondence")
    op.drop_table("profile_emails")
    op.drop_index("ix_import_keys_interaction", table_name="import_keys")
    op.drop_table("import_keys")
    for name, table, _ in REFERENCE_INDEXES:
        op.drop_index(name, table_name=table)
    op.drop_index("ix_person_card_props_person", table_name="person_card_props")
    op.drop_table("person_card_props")
    op.drop_index("ix_person_addresses_person", table_name="person_addresses")
    op.drop_table("person_addresses")
    op.drop_index("ix_trash_owner_deleted", table_name="trash")
    op.drop_table("trash")
