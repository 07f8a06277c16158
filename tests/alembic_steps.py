"""Moving a test database to one Alembic revision (the migration tests start from older ones)."""

from __future__ import annotations

from alembic import command
from sqlalchemy import Engine

from tiekeeper.store.migrate import alembic_config


def upgrade_to(engine: Engine, revision: str) -> Engine:
    """`engine`'s database upgraded to `revision` (not past it); the engine, for fixtures."""
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    return engine


def downgrade_to(engine: Engine, revision: str) -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
