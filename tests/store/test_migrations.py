"""Alembic is the only way tables appear; these tests fail when tables and migrations disagree."""

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from tiekeeper.store.migrate import alembic_config, current_revision, include_object
from tiekeeper.store.schema_head import SCHEMA_HEAD
from tiekeeper.store.tables import metadata
from tiekeeper.store.uow import Store


def test_schema_head_constant_is_alembics_head() -> None:
    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == SCHEMA_HEAD


def test_migrated_database_matches_the_tables(store: Store) -> None:
    assert current_revision(store.engine) == SCHEMA_HEAD
    with store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_object": include_object})
        assert compare_metadata(ctx, metadata) == []


def test_downgrade_removes_everything_and_upgrade_restores_it(sqlite_store: Store) -> None:
    cfg = alembic_config()
    with sqlite_store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
        assert set(inspect(conn).get_table_names()) == {"alembic_version"}
        command.upgrade(cfg, "head")
        assert "search_fts" in inspect(conn).get_table_names()
