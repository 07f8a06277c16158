"""Migrate on open: Alembic is the only way tables appear. Alembic is imported only when the
schema is behind, so opening an up-to-date database stays fast."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, inspect, text

from tiekeeper.store.schema_head import SCHEMA_HEAD

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """Leave out the full-text machinery (the FTS5 tables on SQLite, the stored vector and its GIN
    index on PostgreSQL): raw SQL in the migrations creates it, per dialect."""
    if type_ == "table" and name is not None and name.startswith("search_fts"):
        return False
    if type_ == "column" and name == "tsv" and getattr(obj, "table", None) is not None:
        return str(obj.table.name) != "search_docs"  # type: ignore[attr-defined]
    return not (type_ == "index" and name in ("ix_search_docs_tsv", "ix_search_docs_owner_kind_id"))


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (no-op when it is there already), all or
    nothing: a process killed half way leaves the database as it was."""
    if current_revision(engine) == SCHEMA_HEAD:
        return
    from alembic import command

    cfg = alembic_config()
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            # Batch migrations copy and drop tables; with foreign keys on, dropping a parent
            # table cascades into its children and silently deletes them (SQLite docs, "ALTER
            # TABLE"). The pragma only takes effect outside a transaction.
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.commit()
        try:
            with conn.begin():
                if sqlite:
                    _begin_for_real(conn)
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"migration left dangling references: {broken[:5]}")
        finally:
            if sqlite:
                _driver(conn).isolation_level = ""  # back to pysqlite's default for the pool
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.commit()


def _driver(conn: Connection) -> Any:
    return conn.connection.driver_connection


def _begin_for_real(conn: Connection) -> None:
    """Open a real SQLite transaction around the whole upgrade.

    In its default mode pysqlite begins a transaction only before INSERT/UPDATE/DELETE, so every
    CREATE TABLE commits on its own: a first run killed half way left tables without an Alembic
    stamp, and every later run died on "table accounts already exists". With the driver's own
    transaction handling off, our BEGIN covers the DDL too (SQLAlchemy's pysqlite docs,
    "Serializable isolation / Savepoints / Transactional DDL"). IMMEDIATE takes the write lock
    now, so two first runs at once migrate one after the other instead of both half way."""
    _driver(conn).isolation_level = None
    conn.exec_driver_sql("BEGIN IMMEDIATE")
