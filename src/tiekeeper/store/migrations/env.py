"""Alembic environment: runs on the connection the store hands over (never a URL of its own)."""

from __future__ import annotations

from alembic import context

from tiekeeper.store.tables import metadata

SEARCH_SHADOW_TABLES = ("search_fts",)


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    # The FTS5 virtual table and its shadow tables are created by raw SQL in the migration.
    return not (type_ == "table" and name is not None and name.startswith(SEARCH_SHADOW_TABLES))


connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,
    include_object=include_object,
)
with context.begin_transaction():
    context.run_migrations()
