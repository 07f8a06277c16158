"""Revision 0012 stores each search document's tsvector on PostgreSQL: documents written before
it are found by the same searches afterwards, a search no longer parses documents again, and a
downgrade gives back the expression index. On SQLite (FTS5) it changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, inspect, text

from alembic_steps import downgrade_to, upgrade_to
from tiekeeper.store.migrate import migrate
from tiekeeper.store.search_sql import SearchReads, doc_body, match_sql
from tiekeeper.store.sql import as_rows


@pytest.fixture
def old_engine(empty_engine: Engine) -> Engine:
    """An engine on a database at revision 0011, with two documents of one account."""
    upgrade_to(empty_engine, "0011")
    with empty_engine.begin() as conn:
        conn.execute(
            text("INSERT INTO accounts (id, name, created_at) VALUES (1, 'local', :c)"),
            {"c": datetime.now(UTC)},
        )
        for doc_id, title, part in ((1, "Ana Pérez", "product lead"), (2, "Ben Ode", "welder")):
            conn.execute(
                text(
                    "INSERT INTO search_docs (id, owner_id, kind, ref_id, title, body) "
                    "VALUES (:i, 1, 'person', :i, :t, :b)"
                ),
                {"i": doc_id, "t": title, "b": doc_body(title, [part])},
            )
    return empty_engine


def _found(engine: Engine, words: str) -> list[str]:
    with engine.connect() as conn:
        return [hit.title for hit in SearchReads(conn, 1).query(words)]


def test_documents_written_before_are_found_after(old_engine: Engine) -> None:
    migrate(old_engine)
    assert _found(old_engine, "prod") == ["Ana Pérez"]
    assert _found(old_engine, "perez lead") == ["Ana Pérez"]
    assert _found(old_engine, "weld") == ["Ben Ode"]
    assert _found(old_engine, "plumber") == []
    with old_engine.begin() as conn:  # a document changed afterwards is indexed as it is now
        conn.execute(text("UPDATE search_docs SET body = 'ben ode plumber' WHERE id = 2"))
    assert _found(old_engine, "weld") == [] and _found(old_engine, "plumb") == ["Ben Ode"]


def test_postgres_search_reads_the_stored_vector(old_engine: Engine) -> None:
    if old_engine.dialect.name != "postgresql":
        pytest.skip("FTS5 keeps its own index on SQLite")
    migrate(old_engine)
    for ranked in (True, False):
        sql, params = match_sql("postgresql", 1, ["prod"], ("person",), 20, ranked=ranked)
        with old_engine.connect() as conn:
            conn.execute(text("SET enable_bitmapscan = off"))  # the plan that filters row by row
            plan = "\n".join(r[0] for r in as_rows(conn).fetch(f"EXPLAIN VERBOSE {sql}", params))
        assert "tsv @@" in plan and "to_tsvector" not in plan, plan


def test_downgrade_gives_back_the_expression_index(old_engine: Engine) -> None:
    migrate(old_engine)
    downgrade_to(old_engine, "0011")
    assert "tsv" not in {c["name"] for c in inspect(old_engine).get_columns("search_docs")}
    if old_engine.dialect.name == "postgresql":
        with old_engine.connect() as conn:
            index = conn.execute(
                text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_search_docs_tsv'")
            ).scalar_one()
        assert "to_tsvector" in index
    with old_engine.connect() as conn:  # the old query still finds what the documents hold
        sql = (
            "SELECT title FROM search_docs WHERE to_tsvector('simple', title || ' ' || body) "
            "@@ to_tsquery('simple', 'weld:*')"
            if old_engine.dialect.name == "postgresql"
            else "SELECT title FROM search_docs WHERE body LIKE '%weld%'"
        )
        assert conn.execute(text(sql)).scalars().all() == ["Ben Ode"]
