from datetime import date

import pytest

from tiekeeper.domain.drafts import DEFAULT_TEMPLATES
from tiekeeper.domain.errors import InvalidInput
from tiekeeper.services.drafts import drafts, list_templates, reset_template, set_template
from tiekeeper.services.interactions import LogRequest, log_interaction
from tiekeeper.services.opportunities import add_opportunity
from tiekeeper.services.people import PersonChanges, add_person
from tiekeeper.services.reminders import add_follow_up
from tiekeeper.store import tables as t
from tiekeeper.store.ids import add_row
from tiekeeper.store.uow import Store

TODAY = date(2026, 11, 26)


def person(store: Store, name: str, **kw: object) -> int:
    p = add_person(store.uow(), PersonChanges(name=name, **kw), TODAY)  # type: ignore[arg-type]
    assert p.id is not None
    return p.id


def texts(store: Store, minutes: int = 60) -> dict[str, tuple[str, str]]:
    return {d.item.person_name: (d.template, d.text) for d in drafts(store.uow(), TODAY, None,
                                                                     minutes)}  # fmt: skip


def test_each_today_item_gets_a_draft_of_its_kind(store: Store) -> None:
    person(store, "Bea Birthday", birthday="11-26")
    person(store, "Cal Checkin", cadence="monthly", connected="2025-01-01")
    log_interaction(store.uow(), LogRequest(["Cal Checkin"], when="2026-09-01",
                                            topics=["the new job"]), TODAY)  # fmt: skip
    person(store, "Fay Follow", company="Acme")
    add_follow_up(store.uow(), "Fay Follow", "2026-11-25", "send the deck", TODAY)
    person(store, "Dot Dormant", closeness=4)
    log_interaction(store.uow(), LogRequest(["Dot Dormant"], when="2022-05-01",
                                            topics=["sailing"]), TODAY)  # fmt: skip
    got = texts(store)
    assert got["Fay Follow"] == ("follow-up", "Hi Fay, thanks again for our last conversation. "
                                 "As promised, I am sending you the deck. "
                                 "How are things going on your side?")  # fmt: skip
    assert got["Bea Birthday"][0] == "birthday"
    assert got["Bea Birthday"][1].startswith("Happy birthday, Bea!")
    assert got["Cal Checkin"][0] == "check-in"
    assert "How are things going with the new job?" in got["Cal Checkin"][1]
    assert got["Dot Dormant"][0] == "reconnect"
    assert "our conversation about sailing" in got["Dot Dormant"][1]


def test_a_favour_received_last_time_gets_a_thank_you(store: Store) -> None:
    person(store, "Ana", cadence="weekly")
    log_interaction(store.uow(), LogRequest(["Ana"], when="2026-11-01",
                                            received=["introduction to Bo"]), TODAY)  # fmt: skip
    [d] = drafts(store.uow(), TODAY)
    assert d.template == "thank-you"
    assert d.text.startswith("Hi Ana, thank you again for the introduction to Bo.")


def test_an_event_follow_up_names_the_event(store: Store) -> None:
    pid = person(store, "Eve")
    with store.uow() as uow:
        own = uow.owner_id
        eid = add_row(
            uow.conn,
            t.events,
            {
                "owner_id": own,
                "name": "PyCon",
                "name_key": "pycon",
                "kind": "conference",
                "occurred_on": TODAY,
            },
        )
        add_row(uow.conn, t.reminders, {
            "owner_id": own, "person_id": pid, "kind": "event-follow-up", "due_on": TODAY,
            "status": "open", "event_id": eid})  # fmt: skip
        uow.commit()
    [d] = drafts(store.uow(), TODAY)
    assert d.template == "event-follow-up"
    assert d.text.startswith("Hi Eve, great to meet you at PyCon!")


def test_a_next_step_draft_names_the_role_and_company(store: Store) -> None:
    person(store, "Ana Lima")
    add_opportunity(store.uow(), "Acme", "Designer", TODAY, via="Ana Lima", next_text="send CV")
    [d] = drafts(store.uow(), TODAY)
    assert d.text.startswith("Hi Ana, a quick follow-up about the Designer role at Acme.")


def test_draft_n_picks_one_item_and_refuses_one_that_is_not_there(store: Store) -> None:
    person(store, "Ana", birthday="11-26")
    person(store, "Bo", birthday="11-26")
    [d] = drafts(store.uow(), TODAY, 2)
    assert (d.number, d.item.person_name) == (2, "Bo")
    with pytest.raises(InvalidInput, match="N: today has 2 item"):
        drafts(store.uow(), TODAY, 3)


def test_the_users_template_is_used_until_reset(store: Store) -> None:
    person(store, "Ana Lima", birthday="11-26")
    set_template(store.uow(), "birthday", "Feliz cumpleaños, {first_name}!")
    assert drafts(store.uow(), TODAY)[0].text == "Feliz cumpleaños, Ana!"
    assert [v.kind for v in list_templates(store.uow()) if v.custom] == ["birthday"]
    reset_template(store.uow(), "birthday")
    assert drafts(store.uow(), TODAY)[0].text.startswith("Happy birthday, Ana!")
    assert not any(v.custom for v in list_templates(store.uow()))


def test_a_template_with_an_unknown_placeholder_is_refused_and_not_stored(store: Store) -> None:
    with pytest.raises(InvalidInput, match=r"unknown placeholder \{age\}"):
        set_template(store.uow(), "birthday", "Happy {age}th, {first_name}!")
    with pytest.raises(InvalidInput, match="kind"):
        set_template(store.uow(), "valentine", "Hi {first_name}")
    assert [v.text for v in list_templates(store.uow())] == list(DEFAULT_TEMPLATES.values())
