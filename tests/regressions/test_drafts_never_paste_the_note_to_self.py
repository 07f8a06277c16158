"""Issue 10: a follow-up draft pasted the user's note to self into the message ("following up as
promised: share my notes"). Drafts now speak to the other person from the context (the
conversation it follows, its topic) and use the action only where it reads as said to them."""

from __future__ import annotations

from datetime import date

import pytest

from tiekeeper.domain.drafts import DEFAULT_TEMPLATES, DraftFacts, occasion, promised_thing, render
from tiekeeper.services.drafts import drafts
from tiekeeper.services.interactions import LogRequest, log_interaction
from tiekeeper.services.people import PersonChanges, add_person
from tiekeeper.services.reminders import add_follow_up
from tiekeeper.store.uow import Store

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("action", "thing"),
    [
        ("send the deck", "the deck"),
        ("Share my notes", "my notes"),
        ("forward the job post.", "the job post"),
        ("call her about the launch", None),
        ("send her the deck", None),  # "her": a note about them, not words to them
        ("send the article to Bo", None),  # for someone else
        ("ask for a referral", None),
        (None, None),
    ],
)
def test_only_a_promise_to_send_something_is_used_and_only_its_object(
    action: str | None, thing: str | None
) -> None:
    assert promised_thing(action) == thing


def test_a_follow_up_draft_speaks_of_the_conversation_not_the_note() -> None:
    follow_up = DEFAULT_TEMPLATES["follow-up"]
    facts = DraftFacts("Ana Lima", action="share my notes", occasion="the coffee about hiring")
    assert render(follow_up, facts) == (
        "Hi Ana, thanks again for the coffee about hiring. As promised, I am sending you my "
        "notes. How are things going on your side?"
    )
    note = DraftFacts("Ana Lima", action="call her about the launch")
    text = render(follow_up, note)
    assert "call her" not in text and "  " not in text
    assert text == (
        "Hi Ana, thanks again for our last conversation. How are things going on your side?"
    )


def test_occasion_names_the_channel_and_topics() -> None:
    assert occasion("coffee", ["career change"]) == "the coffee about career change"
    assert occasion("other", []) == "our conversation"
    assert occasion(None, []) is None


def test_the_draft_of_a_logged_follow_up_uses_its_interaction(store: Store) -> None:
    add_person(store.uow(), PersonChanges(name="Ana Lima"), TODAY)
    note = LogRequest(["Ana Lima"], when="2026-11-20", channel="call", topics=["the launch"],
                      follow_up="2026-11-25", action="remind myself to share my notes")  # fmt: skip
    log_interaction(store.uow(), note, TODAY)
    add_person(store.uow(), PersonChanges(name="Bo Chen"), TODAY)
    add_follow_up(store.uow(), "Bo Chen", "2026-11-26", "send the slides", TODAY)
    got = {d.item.person_name: d.text for d in drafts(store.uow(), TODAY)}
    assert got["Ana Lima"] == (
        "Hi Ana, thanks again for the call about the launch. How are things going on your side?"
    )
    assert got["Bo Chen"] == (
        "Hi Bo, thanks again for our last conversation. As promised, I am sending you the "
        "slides. How are things going on your side?"
    )
