"""Regression: the bulk writer inserts explicit ids; on PostgreSQL the serial sequences did not
move, so the first ordinary insert after the demo (or an import) collided with an existing id."""

from datetime import date

from tiekeeper.services.demo import DemoSize, fill_demo
from tiekeeper.services.interactions import LogRequest, log_interaction
from tiekeeper.services.people import PersonChanges, add_person
from tiekeeper.store.uow import Store

TODAY = date(2026, 11, 26)


def test_ordinary_inserts_work_after_a_bulk_load(store: Store) -> None:
    fill_demo(store.uow(), TODAY, DemoSize(people=20, interactions=50))
    p = add_person(store.uow(), PersonChanges(name="After Demo"), TODAY)
    assert p.id == 21
    logged = log_interaction(store.uow(), LogRequest([str(p.id)]), TODAY)
    # 50 bulk-loaded, then 7 the demo's showcase logs as the CLI would (3 met, 4 engaged)
    assert logged.interaction.id == 58
