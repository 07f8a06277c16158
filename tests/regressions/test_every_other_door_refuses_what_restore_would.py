"""Regression: `log`, follow-ups, goals, opportunities, posts, targets, questions and templates
stored any length and any character (a 300-character topic, a NUL in a summary), and the backup
of such a home was then refused by `restore`. Each door now refuses it, naming the field, and
the longest values that pass still make a backup that restores."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.services.backup import backup_json, restore_backup
from tiekeeper.services.drafts import set_template
from tiekeeper.services.events import add_event
from tiekeeper.services.goals import add_goal
from tiekeeper.services.interactions import LogRequest, log_interaction
from tiekeeper.services.jobs import add_target, questions
from tiekeeper.services.opportunities import add_opportunity
from tiekeeper.services.people import PersonChanges, add_person
from tiekeeper.services.profile import set_pitch, update_profile
from tiekeeper.services.reminders import add_follow_up
from tiekeeper.services.visibility import add_post
from tiekeeper.store.uow import Store, ensure_account

TODAY = date(2026, 11, 26)
Door = Callable[[Store], Any]

DOORS: list[tuple[str, Door, str]] = [
    ("topic", lambda s: log_interaction(s.uow(), LogRequest(["Ana"], topics=["t" * 201]), TODAY),
     "topic"),
    ("summary NUL", lambda s: log_interaction(s.uow(), LogRequest(["Ana"], summary="a\x00b"),
                                              TODAY), "summary"),
    ("favour", lambda s: log_interaction(s.uow(), LogRequest(["Ana"], gave=["x\x01"]), TODAY),
     "summary"),
    ("action", lambda s: add_follow_up(s.uow(), "Ana", "tomorrow", "a\x00", TODAY), "note"),
    ("goal", lambda s: add_goal(s.uow(), "g" * 301, "week", 1, TODAY), "goal"),
    ("role", lambda s: add_opportunity(s.uow(), "Acme", "r" * 301, TODAY), "role"),
    ("next step", lambda s: add_opportunity(s.uow(), "Acme", "CTO", TODAY, next_text="x\x00",
                                            next_date="tomorrow"), "note"),
    ("post", lambda s: add_post(s.uow(), "linkedin", "p" * 301, TODAY), "post-topic"),
    ("target", lambda s: add_target(s.uow(), "c" * 301, None, None), "company"),
    ("question", lambda s: questions(s.uow(), add="q\x00"), "note"),
    ("template", lambda s: set_template(s.uow(), "follow-up", "Hi {first}\x00"), "note"),
    ("event", lambda s: add_event(s.uow(), "e" * 301, "today", TODAY), "event"),
    ("event place", lambda s: add_event(s.uow(), "Meetup", "today", TODAY, location="l\x00"),
     "location"),
    ("event goal", lambda s: add_event(s.uow(), "Meetup", "today", TODAY, goal="g" * 301), "goal"),
    ("my headline", lambda s: update_profile(s.uow(), headline="h" * 301), "headline"),
    ("my name", lambda s: update_profile(s.uow(), name="n\x00"), "name"),
    ("my company", lambda s: update_profile(s.uow(), company="c" * 301), "company"),
    ("my linkedin", lambda s: update_profile(s.uow(), linkedin_url="https://linkedin.com/in/"
                                             + "x" * 500), "linkedin"),
    ("my pitch", lambda s: set_pitch(s.uow(), "p\x07itch"), "pitch"),
]  # fmt: skip


@pytest.mark.parametrize(("what", "door", "field"), DOORS, ids=[d[0] for d in DOORS])
def test_each_door_refuses_naming_the_field_and_stores_nothing(
    store: Store, what: str, door: Door, field: str
) -> None:
    add_person(store.uow(), PersonChanges(name="Ana"), TODAY)
    before = backup_json(store.uow())[0]
    with pytest.raises(InvalidInput) as refused:
        door(store)
    assert refused.value.field == field, what
    assert backup_json(store.uow())[0] == before


def test_the_longest_values_that_pass_make_a_backup_that_restores(store: Store) -> None:
    add_person(store.uow(), PersonChanges(name="Ana"), TODAY)
    log_interaction(store.uow(), LogRequest(["Ana"], topics=["t" * 200], summary="s\n\t" * 99,
                    gave=["advice"], follow_up="tomorrow", action="a" * 5000), TODAY)  # fmt: skip
    add_goal(store.uow(), "g" * 300, "week", 1, TODAY)
    add_opportunity(store.uow(), "c" * 300, "r" * 300, TODAY)
    add_post(store.uow(), "linkedin", "p" * 300, TODAY, url="https://x.org/" + "u" * 900)
    add_target(store.uow(), "Nimbus", "w" * 5000, "i" * 200)
    add_event(
        store.uow(), "e" * 300, "today", TODAY, location="l" * 200, goal="meet 3 " + "g" * 293
    )
    update_profile(store.uow(), name="n" * 300, headline="h" * 300, company="c" * 300,
                   location="l" * 200, industry="i" * 200)  # fmt: skip
    set_pitch(store.uow(), "p" * 5000)
    data, _ = backup_json(store.uow())
    other = Store(store.engine, ensure_account(store.engine, "restorer"))
    restored = restore_backup(other.uow(), data, "backup.json")
    assert restored.tables["interactions"] == 1 and restored.tables["opportunities"] == 1
