"""remove_demo takes out every row the demo made and nothing the user made, on both backends."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select, text, update

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.services.demo import DemoSize, fill_demo, has_demo
from tiekeeper.services.demo_removal import remove_demo
from tiekeeper.services.demo_showcase import TARGET_WHY
from tiekeeper.services.events import add_event
from tiekeeper.services.goals import add_goal
from tiekeeper.services.interactions import LogRequest, log_interaction
from tiekeeper.services.jobs import add_target
from tiekeeper.services.people import PersonChanges, add_person
from tiekeeper.services.profile import update_profile
from tiekeeper.services.reminders import set_cadence
from tiekeeper.services.search import search
from tiekeeper.store import tables as t
from tiekeeper.store.settings import SettingsRepository
from tiekeeper.store.uow import Store, ensure_account

TODAY = date(2025, 3, 10)
SMALL = DemoSize(people=40, interactions=300)


def owned_rows(st: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the owner in every table, sorted (a picture to compare before and after);
    not the revisions, which count commits (the removal is one)."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with st.engine.connect() as conn:
        for table in t.metadata.sorted_tables:
            if "owner_id" in table.c and table is not t.data_revisions:
                q = select(table).where(table.c.owner_id == st.owner_id)
                out[table.name] = sorted((tuple(r) for r in conn.execute(q)), key=repr)
    return out


def demo_names(st: Store) -> list[str]:
    with st.engine.connect() as conn:
        q = select(t.people.c.name).where(t.people.c.owner_id == st.owner_id)
        return [r[0] for r in conn.execute(q)]


def add(st: Store, name: str, **kw: Any) -> int:
    person = add_person(st.uow(), PersonChanges(name=name, **kw), TODAY)
    assert person.id is not None
    return person.id


def log(st: Store, *people: str, summary: str) -> int:
    logged = log_interaction(st.uow(), LogRequest(list(people), summary=summary), TODAY)
    assert logged.interaction.id is not None
    return logged.interaction.id


def a_demo_person(st: Store) -> tuple[int, str]:
    with st.engine.connect() as conn:
        q = select(t.people.c.id, t.people.c.name).where(t.people.c.owner_id == st.owner_id)
        rows = conn.execute(q.order_by(t.people.c.id)).all()
    names = [r[1] for r in rows]
    # a name no other demo person has, so it can be given as PERSON
    return next((r[0], r[1]) for r in rows if names.count(r[1]) == 1)


def targets(st: Store) -> dict[str, str | None]:
    o = t.organizations.c
    with st.engine.connect() as conn:
        q = select(o.name, o.why).where(o.owner_id == st.owner_id, o.is_target.is_(True))
        return {str(n): w for n, w in conn.execute(q)}


def derived(st: Store) -> list[tuple[Any, ...]]:
    p = t.people.c
    with st.engine.connect() as conn:
        q = select(p.id, p.last_interaction_on, p.checkin_due_on, p.checkin_cadence_days)
        return sorted(tuple(r) for r in conn.execute(q.where(p.owner_id == st.owner_id)))


def test_the_demo_goes_and_everything_the_user_made_stays(store: Store) -> None:
    set_cadence(store.uow(), "monthly", tag="friend")  # before the demo: the user's own
    fill_demo(store.uow(), TODAY, SMALL)
    names = demo_names(store)
    demo_id, demo_name = a_demo_person(store)
    rita = add(store, "Rita Realmont", company="Nimbus Labs", tags=["friend"])  # a demo company
    sam = add(store, "Sam Testerfield", company="Own Company Ltd")
    mixed = log(store, "Rita Realmont", str(demo_id), summary="coffee with both")
    only_demo = log(store, str(demo_id), summary="a call with the demo person")
    add_target(store.uow(), "Quantix", "platform team", None)  # a demo company made a target
    add_goal(store.uow(), "coffee chats", "week", 1, TODAY, channel="coffee")
    add_event(store.uow(), "PyCon", "2025-04-01", TODAY)
    update_profile(store.uow(), name="Me Myself")
    with store.uow() as uow:
        uow.repo(SettingsRepository).set("template.thanks", "Thank you!")
        uow.commit()

    done = remove_demo(store.uow())

    assert done.removed and done.people == len(names) == SMALL.people
    # the demo's history, its 3 people met at the event and 4 who engaged with its post, and the
    # one the user logged with only a demo person
    assert done.interactions == SMALL.interactions + 3 + 4 + 1
    assert done.showcase == 6  # a goal, two events, a post, an opportunity, a target mark
    assert done.kept_interactions == 1
    rows = owned_rows(store)
    assert {r[0] for r in rows["people"]} == {rita, sam}
    ip = {(r[1], r[2]) for r in rows["interaction_people"]}
    assert ip == {(mixed, rita)}  # the mixed interaction keeps its real person only
    assert {r[0] for r in rows["interactions"]} == {mixed}
    assert only_demo not in {r[0] for r in rows["interactions"]}
    orgs = {r[2] for r in rows["organizations"]}
    assert orgs == {"Nimbus Labs", "Own Company Ltd", "Quantix"}  # used by Rita, Sam, a target
    assert [r[1:3] for r in rows["tag_cadences"]] == [("friend", 30)]  # mentor was the demo's
    assert len(rows["goals"]) == 1 and len(rows["events"]) == 1 and len(rows["profiles"]) == 1
    assert [g[2:5] for g in rows["goals"]] == [("coffee chats", "week", 1)]  # the user's
    assert [e[2] for e in rows["events"]] == ["PyCon"]
    for gone in ("posts", "post_engagements", "opportunities", "event_people"):
        assert rows[gone] == [], gone
    assert targets(store) == {"Quantix": "platform team"}
    settings = {r[1] for r in rows["settings"]}
    assert "template.thanks" in settings and "demo" not in settings
    assert (
        rows["reminders"] == []
        and rows["favours"] == []
        and rows["person_tags"] == [(store.owner_id, rita, "friend")]
    )
    # The search index knows only what is left.
    kinds = {(r[2], r[3]) for r in rows["search_docs"]}
    org_ids = {r[0] for r in rows["organizations"]}
    assert kinds == {("person", rita), ("person", sam), ("interaction", mixed)} | {
        ("organization", o) for o in org_ids
    }
    assert search(store.uow(), demo_name) == []
    assert all(search(store.uow(), name) == [] for name in set(names))
    hits = search(store.uow(), "Rita")
    assert {(h.kind, h.ref_id) for h in hits} == {("person", rita), ("interaction", mixed)}
    assert not has_demo(store.uow())


def test_derived_columns_are_what_a_full_recompute_gives(store: Store) -> None:
    fill_demo(store.uow(), TODAY, SMALL)
    add(store, "Rita Realmont", tags=["mentor"])  # the demo's mentor cadence applies to her
    demo_id, _ = a_demo_person(store)
    log(store, "Rita Realmont", str(demo_id), summary="coffee with both")
    before = {r[0]: r for r in derived(store)}
    remove_demo(store.uow())
    after = derived(store)
    with store.uow() as uow:
        uow.bulk.refresh_all_derived()
        uow.commit()
    assert derived(store) == after
    [(rita, last, due, cadence)] = after
    assert last == TODAY and cadence is None and due is None  # the demo's cadence went
    assert before[rita][3] == 91


def test_removing_twice_or_without_a_demo_says_so_and_changes_nothing(store: Store) -> None:
    add(store, "Rita Realmont")
    empty = owned_rows(store)
    assert remove_demo(store.uow()).removed is False
    assert owned_rows(store) == empty
    with store.engine.begin() as conn:  # the home is made empty again so the demo can run
        conn.execute(t.people.delete().where(t.people.c.owner_id == store.owner_id))
        conn.execute(t.search_docs.delete().where(t.search_docs.c.owner_id == store.owner_id))
    fill_demo(store.uow(), TODAY, SMALL)
    assert remove_demo(store.uow()).removed is True
    once = owned_rows(store)
    assert remove_demo(store.uow()).removed is False
    assert owned_rows(store) == once


def test_a_person_given_a_deleted_demo_persons_id_stays(store: Store) -> None:
    fill_demo(store.uow(), TODAY, SMALL)
    with store.engine.connect() as conn:
        top = conn.execute(select(t.people.c.id).order_by(t.people.c.id.desc())).scalars().first()
    with store.uow() as uow:
        uow.people.delete(top)
        uow.commit()
    rita = add(store, "Rita Realmont")
    if store.engine.dialect.name == "sqlite":
        assert rita == top  # SQLite hands out max(id) + 1: the id alone would name a demo row
    remove_demo(store.uow())
    assert [r[0] for r in owned_rows(store)["people"]] == [rita]


def test_the_demo_leaves_the_users_own_cadence_for_its_tag_alone(store: Store) -> None:
    set_cadence(store.uow(), "monthly", tag="mentor")
    fill_demo(store.uow(), TODAY, SMALL)
    with store.uow() as uow:
        assert uow.people.tag_cadences() == {"mentor": 30}
    remove_demo(store.uow())
    with store.uow() as uow:
        assert uow.people.tag_cadences() == {"mentor": 30}


def test_a_cadence_the_user_changed_after_the_demo_stays(store: Store) -> None:
    fill_demo(store.uow(), TODAY, SMALL)
    set_cadence(store.uow(), "yearly", tag="mentor")
    remove_demo(store.uow())
    with store.uow() as uow:
        assert uow.people.tag_cadences() == {"mentor": 365}


def test_another_accounts_demo_and_data_are_untouched(store: Store) -> None:
    other = Store(store.engine, ensure_account(store.engine, "bob"))
    fill_demo(other.uow(), TODAY, SMALL)
    add(other, "Bob's Friend")
    fill_demo(store.uow(), TODAY, SMALL)
    theirs = owned_rows(other)
    remove_demo(store.uow())
    assert owned_rows(other) == theirs
    assert has_demo(other.uow())
    assert all(rows == [] for rows in owned_rows(store).values())


def test_a_damaged_record_is_refused_and_nothing_is_removed(store: Store) -> None:
    fill_demo(store.uow(), TODAY, SMALL)
    with store.engine.begin() as conn:
        conn.execute(
            update(t.settings).where(t.settings.c.key == "demo").values(value='{"people": 3}')
        )
    before = owned_rows(store)
    with pytest.raises(InvalidInput, match="settings demo: the demo's record is damaged"):
        remove_demo(store.uow())
    assert owned_rows(store) == before


def test_the_full_text_index_stays_intact_on_sqlite(store: Store) -> None:
    if store.engine.dialect.name != "sqlite":
        pytest.skip("the FTS5 mirror exists on SQLite only")
    fill_demo(store.uow(), TODAY, SMALL)
    add(store, "Rita Realmont")
    remove_demo(store.uow())
    with store.engine.begin() as conn:
        conn.execute(text("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')"))
        assert conn.execute(text("SELECT count(*) FROM search_fts")).scalar_one() == 1


def test_demo_people_in_the_trash_leave_it_and_the_users_stay(store: Store) -> None:
    from datetime import UTC, datetime

    from tiekeeper.services.trash import delete_people

    fill_demo(store.uow(), TODAY, SMALL)
    demo_id, _ = a_demo_person(store)
    add(store, "Rita Realmont")
    at = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)
    delete_people(store.uow(), [str(demo_id), "Rita Realmont"], at)
    done = remove_demo(store.uow())
    assert done.trash_entries == 1 and done.people == SMALL.people - 1
    [entry] = owned_rows(store)["trash"]
    assert entry[2:5] == ("person", entry[3], "Rita Realmont")


def test_no_row_of_the_demo_is_left_in_any_table(store: Store) -> None:
    """Every table, compared whole: what the user had before the demo is all that is left."""
    set_cadence(store.uow(), "monthly", tag="friend")
    add_goal(store.uow(), "coffee chats", "week", 2, TODAY, channel="coffee")  # as the demo's
    add_event(store.uow(), "Data Summit", "2025-03-09", TODAY)  # as the demo's, the same day
    add_target(store.uow(), "Quantix", "my own reason", None)
    before = owned_rows(store)
    made = fill_demo(store.uow(), TODAY, SMALL)
    assert made.extras is not None and made.extras.target != "Quantix"  # the user's stays theirs
    assert targets(store) == {"Quantix": "my own reason", made.extras.target: TARGET_WHY}
    remove_demo(store.uow())
    assert owned_rows(store) == before


def test_a_target_the_user_gave_a_reason_after_the_demo_stays(store: Store) -> None:
    made = fill_demo(store.uow(), TODAY, SMALL)
    assert made.extras is not None
    add_target(store.uow(), made.extras.target, "I want to work there", None)
    remove_demo(store.uow())
    assert targets(store) == {made.extras.target: "I want to work there"}


def test_an_old_record_without_the_showcase_still_removes(store: Store) -> None:
    """A demo made before the showcase existed: its record has no "items"."""
    fill_demo(store.uow(), TODAY, SMALL)
    with store.uow() as uow:
        settings = uow.repo(SettingsRepository)
        data = json.loads(settings.get("demo") or "{}")
        del data["items"]
        settings.set("demo", json.dumps(data))
        uow.commit()
    done = remove_demo(store.uow())
    assert done.removed and done.people == SMALL.people and done.showcase == 0
