"""The light store: Today's reads straight on sqlite3, and when it must step aside."""

import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from tiekeeper.services.agenda import today_agenda
from tiekeeper.services.demo import DemoSize, fill_demo
from tiekeeper.services.events import add_event, met_at_event
from tiekeeper.services.giving import help_someone
from tiekeeper.services.people import PersonChanges, edit_person
from tiekeeper.services.search import search
from tiekeeper.store.light import LightStore, open_light
from tiekeeper.store.sql import expand
from tiekeeper.store.uow import open_store

TODAY = date(2026, 11, 26)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A demo network in a SQLite file, shared by the read-only tests of this module."""
    path = tmp_path_factory.mktemp("light") / "demo.db"
    st = open_store(f"sqlite:///{path}")
    fill_demo(st.uow(), TODAY, DemoSize(people=300, interactions=4000), seed=5)
    # needs and an event follow-up, so the help pick and the event context are exercised too
    edit_person(st.uow(), "1", PersonChanges(needs="a designer for the launch"), TODAY)
    met = TODAY - timedelta(days=4)
    add_event(st.uow(), "Berlin meetup", met.isoformat(), met)
    met_at_event(st.uow(), "Berlin meetup", "Pat Newman", PersonChanges(), met)
    help_someone(st.uow(), TODAY - timedelta(days=2))
    st.engine.dispose()
    yield path


def light(path: Path) -> LightStore:
    found = open_light(f"sqlite:///{path}", "local")
    assert found is not None
    return found


def test_light_agenda_equals_the_full_store_agenda_day_after_day(demo_db: Path) -> None:
    full = open_store(f"sqlite:///{demo_db}")
    lite = light(demo_db)
    for offset in range(-3, 60, 3):
        day = TODAY + timedelta(days=offset)
        for minutes in (15, 120):
            assert today_agenda(lite.uow(), day, minutes) == today_agenda(full.uow(), day, minutes)
    full.engine.dispose()


def test_light_agenda_covers_every_kind_of_item(demo_db: Path) -> None:
    agenda = today_agenda(light(demo_db).uow(), TODAY, 480)
    kinds = {i.kind for i in agenda.items}
    assert {"follow-up", "check-in", "reconnect", "help"} <= kinds
    assert any("met at Berlin meetup" in i.reason for i in agenda.items)


def test_light_search_equals_the_full_store_search(demo_db: Path) -> None:
    full = open_store(f"sqlite:///{demo_db}")
    lite = light(demo_db)
    for words in ("ana", "eng", "career change", "zzz"):
        assert search(lite.uow(), words) == search(full.uow(), words), words
    assert search(lite.uow(), "ana")  # the comparison is not between two empty lists
    full.engine.dispose()


def test_light_unit_cannot_write(demo_db: Path) -> None:
    with light(demo_db).uow() as unit, pytest.raises(sqlite3.OperationalError, match="readonly"):
        unit.rows.run("DELETE FROM people")


def test_open_light_steps_aside_when_the_full_store_is_needed(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    assert open_light(f"sqlite:///{path}", "local") is None  # no file yet: full store creates it
    open_store(f"sqlite:///{path}").engine.dispose()
    assert open_light(f"sqlite:///{path}", "local") is not None
    assert open_light(f"sqlite:///{path}", "someone-else") is None  # account made on first use
    assert open_light(f"sqlite:///{path}?timeout=3", "local") is None  # URL options: full store
    assert open_light("sqlite:///:memory:", "local") is None
    assert open_light("postgresql://u@localhost/tk", "local") is None
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0001'")
    assert open_light(f"sqlite:///{path}", "local") is None  # schema behind: migrate first
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database" * 100)
    assert open_light(f"sqlite:///{junk}", "local") is None


def test_expand_turns_list_parameters_into_in_lists() -> None:
    sql, params = expand("a IN :ids AND b = :x AND c IN :ids", {"ids": [3, 4], "x": 1})
    assert sql == "a IN (:ids_0, :ids_1) AND b = :x AND c IN (:ids_0, :ids_1)"
    assert params == {"ids_0": 3, "ids_1": 4, "x": 1}


def test_expand_leaves_postgresql_casts_alone() -> None:
    sql, _ = expand("SELECT :day::date, x IN :ids", {"day": TODAY, "ids": [1]})
    assert sql == "SELECT :day::date, x IN (:ids_0)"


def test_expand_refuses_an_empty_list() -> None:
    with pytest.raises(ValueError, match=":ids"):
        expand("a NOT IN :ids", {"ids": []})
