"""The fast paths of an import keep its rules: a re-import that enriches someone keeps every field
it does not know about, derived columns come out as a full recompute would give them, a failure
after the bulk writes leaves the database (search index included) as it was, and the pause of the
garbage collector never outlives the import."""

from __future__ import annotations

import gc
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from tiekeeper.domain.model import Person
from tiekeeper.services.imports.contacts import import_file
from tiekeeper.services.people import PersonChanges, add_person, list_people
from tiekeeper.services.reminders import set_cadence
from tiekeeper.services.search import search
from tiekeeper.store import tables as t
from tiekeeper.store.bulk import BulkWriter
from tiekeeper.store.uow import Store

TODAY = date(2026, 11, 26)
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
VCARD = FIXTURES / "contacts.vcf"
LINKEDIN = FIXTURES / "linkedin_export"
DERIVED = ("id", "last_interaction_on", "checkin_due_on", "checkin_cadence_days")


def by_name(store: Store) -> dict[str, Person]:
    return {p.name: p for p in list_people(store.uow())}


def derived_columns(store: Store) -> list[tuple[Any, ...]]:
    with store.uow() as uow:
        q = select(*(t.people.c[k] for k in DERIVED)).order_by(t.people.c.id)
        return [tuple(r) for r in uow.conn.execute(q)]


def test_enriching_someone_keeps_every_field_the_import_does_not_carry(store: Store) -> None:
    add_person(
        store.uow(),
        PersonChanges(
            name="Bo Chen",
            linkedin="https://www.linkedin.com/in/bo-chen",
            closeness=4,
            how_met="climbing club",
            interests="bouldering",
            working_on="a type foundry",
            network_type="personal",
            cadence="monthly",
            industry="Design",
            tags=["friends"],
            note="owes me a book",
        ),
        TODAY,
    )
    s = import_file(store.uow(), LINKEDIN, TODAY)
    assert s.updated == 1
    bo = by_name(store)["Bo Chen"]
    assert (bo.company, bo.position, bo.connected_on) == ("Globex", "Designer", date(2023, 9, 14))
    assert (bo.closeness, bo.how_met, bo.interests, bo.working_on) == (
        4,
        "climbing club",
        "bouldering",
        "a type foundry",
    )
    assert (bo.network_type, bo.cadence_days, bo.industry) == ("personal", 30, "Design")
    assert (bo.tags, bo.notes) == (["friends"], "owes me a book")
    assert [h.title for h in search(store.uow(), "bouldering")] == ["Bo Chen"]


def test_derived_columns_after_imports_are_what_a_full_recompute_gives(store: Store) -> None:
    set_cadence(store.uow(), "quarterly", tag="friends")
    add_person(store.uow(), PersonChanges(name="Dev Patel", cadence="weekly"), TODAY)
    add_person(
        store.uow(),
        PersonChanges(name="Carla Diaz", linkedin="https://www.linkedin.com/in/carla-diaz-99"),
        TODAY,
    )
    set_cadence(store.uow(), "monthly", person="Carla Diaz")
    for path in (VCARD, LINKEDIN):
        import_file(store.uow(), path, TODAY)
    after_import = derived_columns(store)
    assert any(row[1] is not None for row in after_import)  # interactions moved some of them
    with store.uow() as uow:
        uow.bulk.refresh_all_derived()
        uow.commit()
    assert derived_columns(store) == after_import


def test_a_connection_date_filled_by_an_import_moves_the_check_in(
    store: Store, tmp_path: Path
) -> None:
    url = "https://www.linkedin.com/in/gil-ortega"
    add_person(
        store.uow(), PersonChanges(name="Gil Ortega", linkedin=url, cadence="monthly"), TODAY
    )
    assert by_name(store)["Gil Ortega"].checkin_due_on == date(2026, 12, 26)  # from today
    csv = tmp_path / "Connections.csv"
    csv.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        f"Gil,Ortega,{url},,,,01 Jan 2020\n"
    )
    assert import_file(store.uow(), csv, TODAY).updated == 1
    gil = by_name(store)["Gil Ortega"]
    assert (gil.connected_on, gil.checkin_due_on) == (date(2020, 1, 1), date(2020, 1, 31))


def test_a_failure_after_the_bulk_writes_leaves_everything_as_before(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_person(store.uow(), PersonChanges(name="Already Here", interests="chess"), TODAY)
    before = by_name(store)

    def broken(*args: object, **kwargs: object) -> int:
        raise RuntimeError("disk full")

    monkeypatch.setattr(BulkWriter, "add_interactions", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        import_file(store.uow(), LINKEDIN, TODAY)
    assert by_name(store) == before
    assert search(store.uow(), "lima") == [] and search(store.uow(), "acme") == []
    assert [h.title for h in search(store.uow(), "chess")] == ["Already Here"]


@pytest.mark.parametrize("enabled", [True, False])
def test_the_import_leaves_the_garbage_collector_as_it_found_it(
    store: Store, enabled: bool, tmp_path: Path
) -> None:
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        import_file(store.uow(), LINKEDIN, TODAY)
        assert gc.isenabled() is enabled
        empty = tmp_path / "empty.csv"
        empty.write_text("")
        with pytest.raises(Exception, match="empty"):
            import_file(store.uow(), empty, TODAY)
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
