"""Every row belongs to an owner; one account never sees another's data."""

from datetime import date

from tiekeeper.domain.model import Interaction, Person, Reminder
from tiekeeper.store.uow import Store, UnitOfWork, ensure_account


def test_a_second_account_sees_none_of_the_first_accounts_data(store: Store) -> None:
    with store.uow() as uow:
        pid = uow.people.add(
            Person("Ana Lima", emails=["ana@x.org"], company="Acme", created_on=date(2026, 1, 1))
        )
        uow.interactions.add(Interaction(date(2026, 1, 2), [pid], "coffee", summary="roadmap"))
        uow.reminders.add(Reminder(pid, date(2026, 1, 3), "send notes"))
        uow.commit()
    other = ensure_account(store.engine, "someone-else")
    assert other != store.owner_id
    with UnitOfWork(store.engine, other) as uow:
        assert uow.people.count() == 0
        assert uow.people.get(pid) is None
        assert uow.people.ids_by_email("ana@x.org") == []
        assert uow.people.ids_by_name_key("ana lima") == []
        assert uow.interactions.count() == 0
        assert uow.reminders.get(1) is None
        assert uow.reminders.open_due_by(date(2030, 1, 1)) == []
        assert uow.search.query("roadmap") == []
        assert uow.search.query("acme") == []
    with store.uow() as uow:
        assert [h.kind for h in uow.search.query("roadmap")] == ["interaction"]


def test_leaving_a_unit_of_work_without_commit_rolls_back(store: Store) -> None:
    with store.uow() as uow:
        uow.people.add(Person("Bo", created_on=date(2026, 1, 1)))
    with store.uow() as uow:
        assert uow.people.count() == 0
