"""Issue 10: someone met at an event showed on Today only on the last day of the 48 hours (the
follow-up's due day), too late for most; now from the day after the event, with the deadline."""

from __future__ import annotations

from datetime import date

from tiekeeper.services.agenda import today_agenda
from tiekeeper.services.events import add_event, met_at_event
from tiekeeper.services.people import PersonChanges
from tiekeeper.services.reminders import snooze_follow_up
from tiekeeper.store.uow import Store

SUMMIT = date(2026, 11, 26)  # a Thursday: the follow-up is due on Saturday


def test_the_day_after_the_event_today_names_the_event_and_the_deadline(store: Store) -> None:
    add_event(store.uow(), "Data Summit", SUMMIT.isoformat(), SUMMIT)
    met_at_event(store.uow(), "Data Summit", "Bo Chen", PersonChanges(), SUMMIT)
    items = today_agenda(store.uow(), date(2026, 11, 27)).items
    assert [(i.kind, i.person_name) for i in items] == [("event-follow-up", "Bo Chen")]
    assert items[0].reason == "met at Data Summit yesterday; follow up by Saturday"
    assert items[0].reminder_id is not None


def test_a_snoozed_event_follow_up_waits_for_its_snooze(store: Store) -> None:
    add_event(store.uow(), "Data Summit", SUMMIT.isoformat(), SUMMIT)
    c = met_at_event(store.uow(), "Data Summit", "Bo Chen", PersonChanges(), SUMMIT)
    assert c.follow_up.id is not None
    snooze_follow_up(store.uow(), c.follow_up.id, "2026-11-30", SUMMIT)
    assert today_agenda(store.uow(), date(2026, 11, 27)).items == []
    assert [i.kind for i in today_agenda(store.uow(), date(2026, 11, 30)).items] == [
        "event-follow-up"
    ]
