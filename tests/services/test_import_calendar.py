"""The calendar import on SQLite and PostgreSQL: meetings become interactions with the people
in tiekeeper, once, never over what the user changed; skips counted; planned meetings on Today."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.domain.model import Person
from tiekeeper.services.agenda import today_agenda
from tiekeeper.services.imports.calendar import import_calendar
from tiekeeper.services.interaction_edit import InteractionChanges, edit_interaction
from tiekeeper.services.profile import update_profile
from tiekeeper.store.uow import Store

ICS = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "ics"
LISBON = ZoneInfo("Europe/Lisbon")
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=LISBON)
TAKEOUT = ICS / "takeout-20261126T101500Z-001.zip"


def setup(store: Store, *, me: bool = True) -> dict[str, int]:
    if me:
        update_profile(store.uow(), name="Sam Rivera",
                       add_emails=["sam@example.com", "sam.rivera@work.example"])  # fmt: skip
    ids = {}
    with store.uow() as uow:
        for name, email in (("Ana", "ana@example.com"), ("Bo", "bo@nimbus.example"),
                            ("Carla", "carla@acme.example")):  # fmt: skip
            ids[name] = uow.people.add(
                Person(name=name, emails=[email], created_on=date(2026, 1, 1))
            )
        uow.commit()
    return ids


def logged(store: Store) -> list[tuple[date, str, str, list[int], str | None]]:
    with store.uow() as uow:
        ids = [r[0] for r in uow.conn.exec_driver_sql("SELECT id FROM interactions ORDER BY id")]
        return [(i.occurred_on, i.channel, str(i.initiated_by), i.person_ids, i.summary)
                for i in uow.interactions.load(ids)]  # fmt: skip


def count(store: Store, table: str) -> int:
    with store.uow() as uow:
        return int(uow.conn.exec_driver_sql(f"SELECT COUNT(*) FROM {table}").scalar_one())


def test_past_meetings_become_interactions_with_the_people_in_tiekeeper(store: Store) -> None:
    ids = setup(store)
    s = import_calendar(store.uow(), ICS / "google_takeout.ics", NOW, LISBON)
    assert logged(store) == [
        (date(2026, 10, 20), "video", "me", [ids["Ana"]], "Ana / Sam catch-up"),
        (date(2026, 11, 3), "meeting", "them", [ids["Bo"]], "Coffee with Bo"),
        (date(2026, 11, 10), "meeting", "me", [ids["Carla"]], "Late call with Carla and Zed"),
    ]
    assert s.interactions_created == 3 and s.events == 7
    assert s.skipped_reasons == {"all-day event without attendees": 1, "cancelled": 1,
                                 "future": 1, "nobody at it is in tiekeeper": 1}  # fmt: skip
    assert s.not_in_tiekeeper == {"someone@elsewhere.example": 1, "zed@unknown.example": 1}
    assert count(store, "people") == 3  # nobody is created
    assert s.meetings_planned == 1
    with store.uow() as uow:
        assert uow.people.get(ids["Bo"]).last_interaction_on == date(2026, 11, 3)


def test_recurring_meetings_are_one_interaction_per_occurrence(store: Store) -> None:
    ids = setup(store)
    s = import_calendar(store.uow(), ICS / "google_recurring.ics", NOW, LISBON)
    days = [(d, ch, summary) for d, ch, _, _, summary in logged(store)]
    assert days == [
        (date(2026, 10, 1), "video", "Ana 1:1"), (date(2026, 10, 8), "video", "Ana 1:1"),
        (date(2026, 10, 23), "meeting", "Ana 1:1 (moved, in person)"),
        (date(2026, 10, 29), "video", "Ana 1:1"), (date(2026, 11, 12), "video", "Ana 1:1"),
        (date(2026, 11, 19), "video", "Ana 1:1"), (date(2026, 11, 26), "video", "Ana 1:1"),
    ]  # fmt: skip
    assert s.skipped_reasons == {"future": 2, "cancelled": 1} and s.meetings_planned == 2
    assert all(p == [ids["Ana"]] for _, _, _, p, _ in logged(store))


def test_declined_too_big_and_several_addresses_of_the_user(store: Store) -> None:
    ids = setup(store)
    s = import_calendar(store.uow(), ICS / "outlook_exchange.ics", NOW, LISBON)
    assert s.skipped_reasons == {"declined": 1, "more than 12 attendees": 1}
    assert [(d, ch, p) for d, ch, _, p, _ in logged(store)] == [
        (date(2026, 11, 5), "video", sorted([ids["Bo"], ids["Carla"]])),  # Teams, sam at work
        (date(2026, 11, 24), "call", [ids["Ana"]]),
    ]
    bigger = import_calendar(store.uow(), ICS / "outlook_exchange.ics", NOW, LISBON, 20)
    assert (
        bigger.interactions_created == 1 and "more than 20 attendees" not in bigger.skipped_reasons
    )


def test_reimporting_creates_nothing(store: Store) -> None:
    setup(store)
    first = import_calendar(store.uow(), TAKEOUT, NOW, LISBON)
    rows = {t: count(store, t) for t in ("interactions", "reminders", "import_keys", "search_docs")}
    again = import_calendar(store.uow(), TAKEOUT, NOW, LISBON)
    assert first.interactions_created == 10 and first.meetings_planned == 3
    assert (again.interactions_created, again.meetings_planned, again.unchanged) == (0, 0, 10)
    assert {t: count(store, t) for t in rows} == rows
    # the same events in a plain file are the same occurrences
    alone = import_calendar(store.uow(), ICS / "google_recurring.ics", NOW, LISBON)
    assert alone.interactions_created == 0 and alone.unchanged == 7


def test_an_edited_interaction_is_not_overwritten_and_a_deleted_one_stays_deleted(
    store: Store,
) -> None:
    setup(store)
    import_calendar(store.uow(), ICS / "google_takeout.ics", NOW, LISBON)
    with store.uow() as uow:
        first, second, _ = (r[0] for r in uow.conn.exec_driver_sql(
            "SELECT id FROM interactions ORDER BY occurred_on"))  # fmt: skip
    edit_interaction(store.uow(), first, InteractionChanges(summary="Mine", topics=["pricing"]),
                     NOW.date())  # fmt: skip
    with store.uow() as uow:
        uow.conn.exec_driver_sql(f"DELETE FROM interactions WHERE id = {second}")
        uow.commit()
    again = import_calendar(store.uow(), ICS / "google_takeout.ics", NOW, LISBON)
    assert (again.kept_edited, again.kept_deleted, again.unchanged) == (1, 1, 1)
    assert again.interactions_created == 0
    summaries = [s for *_, s in logged(store)]
    assert summaries == ["Mine", "Late call with Carla and Zed"]


def test_a_changed_event_updates_an_untouched_interaction(store: Store, tmp_path: Path) -> None:
    setup(store)
    path = tmp_path / "cal.ics"
    text = (ICS / "google_takeout.ics").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    import_calendar(store.uow(), path, NOW, LISBON)
    path.write_text(text.replace("Coffee with Bo", "Breakfast with Bo"), encoding="utf-8")
    again = import_calendar(store.uow(), path, NOW, LISBON)
    assert (again.interactions_updated, again.unchanged, again.interactions_created) == (1, 2, 0)
    assert "Breakfast with Bo" in [s for *_, s in logged(store)]
    assert import_calendar(store.uow(), path, NOW, LISBON).unchanged == 3


def test_dry_run_and_bad_input_write_nothing(store: Store, tmp_path: Path) -> None:
    setup(store)
    dry = import_calendar(store.uow(), TAKEOUT, NOW, LISBON, dry_run=True)
    assert dry.dry_run and dry.interactions_created == 10
    assert count(store, "interactions") == count(store, "import_keys") == 0
    bad = tmp_path / "bad.ics"
    good = (ICS / "google_takeout.ics").read_text(encoding="utf-8")
    bad.write_text(good.replace("DTSTART;VALUE=DATE:20261108", "DTSTART;VALUE=DATE:2026110X"),
                   encoding="utf-8")  # fmt: skip
    with pytest.raises(InvalidInput) as info:
        import_calendar(store.uow(), bad, NOW, LISBON)
    assert str(bad) in str(info.value) and info.value.line == 105
    assert count(store, "interactions") == count(store, "reminders") == 0
    with pytest.raises(InvalidInput, match="max-attendees"):
        import_calendar(store.uow(), TAKEOUT, NOW, LISBON, max_attendees=0)


def test_without_the_users_addresses_nobody_can_decline(store: Store) -> None:
    setup(store, me=False)
    s = import_calendar(store.uow(), ICS / "outlook_exchange.ics", NOW, LISBON)
    assert not s.knows_your_addresses and "declined" not in s.skipped_reasons
    assert s.not_in_tiekeeper["sam.rivera@work.example"] >= 1


def test_a_planned_meeting_shows_on_today_the_day_before_and_on_the_day(store: Store) -> None:
    ids = setup(store)
    import_calendar(store.uow(), ICS / "google_takeout.ics", NOW, LISBON)
    with store.uow() as uow:
        sql = f"SELECT interaction_id FROM interaction_people WHERE person_id = {ids['Carla']}"
        [carla_ix] = [r[0] for r in uow.conn.exec_driver_sql(sql)]
    edit_interaction(store.uow(), carla_ix, InteractionChanges(topics=["roadmap"]), NOW.date())
    day = date(2026, 11, 27)
    for shown in (day - timedelta(days=1), day):
        [item] = [i for i in today_agenda(store.uow(), shown).items if i.kind == "meeting"]
        assert item.person_id == ids["Carla"] and item.reminder_id is None
        when = "tomorrow" if shown < day else "today"
        assert item.reason == (
            f"meeting {when}: Acme roadmap review; prepare: last time you talked about roadmap"
        )
    for hidden in (day - timedelta(days=2), day + timedelta(days=1)):
        assert not [i for i in today_agenda(store.uow(), hidden).items if i.kind == "meeting"]
    # no follow-up list sees it
    with store.uow() as uow:
        assert uow.reminders.open_due_by(date.max) == []
