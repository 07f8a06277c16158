"""Regression: on SQLite, Alembic batch migrations recreate a table by copy-and-drop; with foreign
keys on, dropping the old `interactions` table cascaded into interaction_people, topics and favours
and silently emptied them (found on the 1M-interaction benchmark database after revision 0002)."""

from datetime import UTC, date, datetime

from sqlalchemy import func, select

from alembic_steps import upgrade_to
from tiekeeper.domain.model import Favour, Interaction, Person, Reminder
from tiekeeper.store import tables as t
from tiekeeper.store.engine import make_engine
from tiekeeper.store.migrate import migrate
from tiekeeper.store.uow import UnitOfWork


def test_upgrading_from_the_first_revision_keeps_every_child_row(tmp_path) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade_to(engine, "0001")
    with engine.begin() as conn:  # the account as revision 0001 knew it
        made = t.accounts.insert().values(name="local", created_at=datetime.now(UTC))
        owner = int(conn.execute(made).inserted_primary_key[0])
    # Write rows with the 0001 columns only (raw inserts: today's repositories know newer columns).
    with engine.begin() as conn:
        conn.execute(t.people.insert().values(id=1, owner_id=owner, name="Ana", name_key="ana",
                                              is_kin=False, do_not_suggest=False,
                                              created_on=date(2020, 1, 1)))  # fmt: skip
        conn.execute(t.interactions.insert().values(
            id=1, owner_id=owner, occurred_on=date(2021, 1, 1),
            channel="coffee", initiated_by="me"))  # fmt: skip
        conn.execute(
            t.interaction_people.insert().values(owner_id=owner, interaction_id=1, person_id=1)
        )
        conn.execute(
            t.interaction_topics.insert().values(owner_id=owner, interaction_id=1, topic="x")
        )
        conn.execute(t.favours.insert().values(id=1, owner_id=owner, interaction_id=1, person_id=1,
                                               direction="given", kind="advice"))  # fmt: skip
        conn.execute(t.reminders.insert().values(id=1, owner_id=owner, person_id=1,
                                                 kind="follow-up", due_on=date(2021, 1, 5),
                                                 status="open", interaction_id=1))  # fmt: skip
    migrate(engine)
    with engine.connect() as conn:
        for table in (t.interaction_people, t.interaction_topics, t.favours, t.reminders):
            assert conn.execute(select(func.count()).select_from(table)).scalar() == 1, table.name
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    with UnitOfWork(engine, owner) as uow:
        assert [h.kind for h in uow.search.query("ana")] == []  # 0001 had no docs for raw rows
        assert uow.interactions.for_person(1)[0].favours == [Favour(1, "given", "advice")]
        assert uow.reminders.open_for_person(1)[0] == Reminder(
            1, date(2021, 1, 5), None, interaction_id=1, id=1
        )
        uow.people.add(Person("Bo", created_on=date(2026, 1, 1)))
        uow.interactions.add(Interaction(date(2026, 1, 2), [2], "call", summary="after upgrade"))
        uow.commit()
    engine.dispose()
