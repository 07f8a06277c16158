"""ids numbered per account: a block of ids for each account; 64-bit ids on PostgreSQL

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 19:00:00

Ids were one count for the whole database, so the second account's first person was #3 and
told its owner how many rows the others had (store/ids.py). Each account now numbers its rows
in a block of its own: the first account keeps block 0 (its ids go on as they were), every
other account gets a block drawn at random. Rows written before keep their ids. On PostgreSQL
the ids and every column that refers to them become BIGINT, and the sequences go: tiekeeper
hands out every id itself, and an insert that did not would now fail rather than take an id
outside its account's block.
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

BLOCKS = 2**21
NUMBERED = (
    "account_sessions", "api_tokens", "correspondence", "digest_sends", "events", "favours",
    "goals", "interactions", "knows", "opportunities", "organizations", "people",
    "person_addresses", "person_card_props", "person_emails", "person_links", "person_phones",
    "posts", "reminders", "search_docs", "suggestions", "trash",
)  # fmt: skip
REFERENCES = (
    ("dav_synced", "person_id"), ("event_people", "event_id"), ("event_people", "person_id"),
    ("favours", "interaction_id"), ("favours", "person_id"), ("import_keys", "interaction_id"),
    ("interaction_people", "interaction_id"), ("interaction_people", "person_id"),
    ("interaction_topics", "interaction_id"), ("interactions", "event_id"),
    ("knows", "person_a_id"), ("knows", "person_b_id"), ("opportunities", "organization_id"),
    ("opportunities", "via_person_id"), ("people", "introduced_by_id"),
    ("people", "organization_id"), ("person_addresses", "person_id"),
    ("person_card_props", "person_id"), ("person_emails", "person_id"),
    ("person_links", "person_id"), ("person_phones", "person_id"), ("person_tags", "person_id"),
    ("post_engagements", "interaction_id"), ("post_engagements", "person_id"),
    ("post_engagements", "post_id"), ("reminders", "event_id"),
    ("reminders", "interaction_id"), ("reminders", "opportunity_id"),
    ("reminders", "person_id"), ("suggestions", "person_id"),
    ("search_docs", "ref_id"), ("trash", "ref_id"),
)  # fmt: skip


def upgrade() -> None:
    op.add_column(
        "accounts", sa.Column("id_block", sa.Integer(), nullable=False, server_default="0")
    )
    bind = op.get_bind()
    accounts = [r[0] for r in bind.execute(sa.text("SELECT id FROM accounts ORDER BY id"))]
    blocks = secrets.SystemRandom().sample(range(1, BLOCKS), max(0, len(accounts) - 1))
    for account, block in zip(accounts[1:], blocks, strict=True):
        bind.execute(
            sa.text("UPDATE accounts SET id_block = :b WHERE id = :a"), {"b": block, "a": account}
        )
    op.create_index("uq_accounts_id_block", "accounts", ["id_block"], unique=True)
    if bind.dialect.name != "postgresql":
        return  # SQLite's INTEGER is 64-bit, and a row's id is its rowid
    for table, column in REFERENCES:
        op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE BIGINT")
    for table in NUMBERED:
        op.execute(f"ALTER TABLE {table} ALTER COLUMN id TYPE BIGINT")
        op.execute(f"ALTER TABLE {table} ALTER COLUMN id DROP DEFAULT")
        op.execute(f"DROP SEQUENCE IF EXISTS {table}_id_seq")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        # fails when an id does not fit 32 bits any more: those rows cannot go back
        for table in NUMBERED:
            op.execute(f"ALTER TABLE {table} ALTER COLUMN id TYPE INTEGER")
            op.execute(f"CREATE SEQUENCE {table}_id_seq OWNED BY {table}.id")
            op.execute(f"ALTER TABLE {table} ALTER COLUMN id SET DEFAULT nextval('{table}_id_seq')")
            op.execute(
                f"SELECT setval('{table}_id_seq', COALESCE((SELECT max(id) FROM {table}), 0) + 1,"
                " false)"
            )
        for table, column in REFERENCES:
            op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE INTEGER")
    op.drop_index("uq_accounts_id_block", table_name="accounts")
    op.drop_column("accounts", "id_block")
