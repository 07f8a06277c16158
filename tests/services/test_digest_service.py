"""The digest composes Today, the week ahead and last week's review, on both backends."""

from __future__ import annotations

from datetime import date

import pytest

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.services.digest import build_digest
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
