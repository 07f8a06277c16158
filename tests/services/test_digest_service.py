"""The digest composes Today, the week ahead and last week's review, on both backends."""

from __future__ import annotations

from datetime import date

import pytest

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.services.digests.compose import build_digest
from tiekeeper.services.interactions import LogRequest, log_interaction
from tiekeeper.services.people import PersonChanges, add_person
from tiekeeper.services.reminders import add_follow_up
from tiekeeper.store.uow import Store

TODAY = date(2026, 11, 26)


def test_daily_digest_has_today_then_the_week_ahead(store: Store) -> None:
    add_person(store.uow(), PersonChanges(name="Ana Lima", birthday="12-01"), TODAY)
    add_follow_up(store.uow(), "Ana Lima", "2026-11-25", "send the deck", TODAY)
    d = build_digest(store.uow(), TODAY)
    today, ahead = d.text.split("THE WEEK AHEAD")
    assert d.subject == "tiekeeper: today, Thursday 26 November"
    assert "send the deck" in today and "Tue 01 Dec  birthday" in ahead


def test_an_unknown_kind_of_digest_is_refused(store: Store) -> None:
    with pytest.raises(InvalidInput, match="kind"):
        build_digest(store.uow(), TODAY, "hourly")


def test_the_week_ahead_leaves_what_is_due_today_to_today(store: Store) -> None:
    """Issue 10: check-ins overdue today were listed under tomorrow in the week ahead (and late
    follow-ups would be too): they are Today's, and shown there."""
    add_person(store.uow(), PersonChanges(name="Cal Late", cadence="monthly"), TODAY)
    log_interaction(store.uow(), LogRequest(["Cal Late"], when="2026-09-01"), TODAY)
    add_person(store.uow(), PersonChanges(name="Dee Soon", cadence="weekly"), TODAY)
    log_interaction(store.uow(), LogRequest(["Dee Soon"], when="2026-11-22"), TODAY)
    add_follow_up(store.uow(), "Dee Soon", "2026-11-20", "send the deck", TODAY)
    today, ahead = build_digest(store.uow(), TODAY).text.split("THE WEEK AHEAD")
    assert "Cal Late" in today and "Cal Late" not in ahead
    assert "send the deck" in today and "send the deck" not in ahead
    assert "Sun 29 Nov  check-in" in ahead and "Dee Soon: weekly check-in" in ahead


def test_the_weekly_digest_starts_its_week_with_what_is_late(store: Store) -> None:
    add_person(store.uow(), PersonChanges(name="Ana Lima"), TODAY)
    add_follow_up(store.uow(), "Ana Lima", "2026-11-20", "send the deck", TODAY)
    text = build_digest(store.uow(), TODAY, "weekly").text
    assert "Fri 20 Nov  follow-up" in text and "send the deck (6 days overdue)" in text
