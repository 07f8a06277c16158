from datetime import date

import pytest
from sqlalchemy import insert

from tiekeeper.domain.errors import InvalidInput, NotFound
from tiekeeper.services.people import PersonChanges, add_person, show_person
from tiekeeper.services.visibility import add_post, headline_check, list_posts
from tiekeeper.store import tables as t
from tiekeeper.store.uow import Store

TODAY = date(2026, 11, 26)


def test_people_who_engaged_get_an_interaction_they_initiated(store: Store) -> None:
    add_person(store.uow(), PersonChanges(name="Ana", cadence="monthly"), TODAY)
    add_person(store.uow(), PersonChanges(name="Bo"), TODAY)
    v = add_post(store.uow(), "LinkedIn", " design  systems ", TODAY, "https://x.example/p",
                 "yesterday", ["ana", "Bo", "ana"])  # fmt: skip
    assert (v.post.venue, v.post.topic, v.post.occurred_on) == (
        "linkedin",
        "design systems",
        date(2026, 11, 25),
    )
    assert sorted(v.names.values()) == ["Ana", "Bo"]
    ana = show_person(store.uow(), "Ana", TODAY)
    assert [(i.channel, i.initiated_by, i.summary) for i in ana.interactions] == [
        ("social-comment", "them", "engaged with your post on design systems")
    ]
    assert ana.person.last_interaction_on == date(2026, 11, 25)
    [listed] = list_posts(store.uow())
    assert listed.post.engaged == v.post.engaged and len(listed.post.engaged) == 2


def test_posts_are_listed_newest_first(store: Store) -> None:
    add_post(store.uow(), "blog", "old", TODAY, when="2026-01-01")
    add_post(store.uow(), "talk", "new", TODAY)
    assert [v.post.topic for v in list_posts(store.uow())] == ["new", "old"]


@pytest.mark.parametrize(
    ("where", "topic", "url", "engaged", "error"),
    [
        ("tiktok", "x", None, [], InvalidInput),
        ("blog", "  ", None, [], InvalidInput),
        ("blog", "x", "not a url", [], InvalidInput),
        ("blog", "x", None, ["Ana", "Nobody"], NotFound),
    ],
)
def test_a_bad_post_writes_nothing(
    store: Store, where: str, topic: str, url: str | None, engaged: list[str], error: type
) -> None:
    add_person(store.uow(), PersonChanges(name="Ana"), TODAY)
    with pytest.raises(error):
        add_post(store.uow(), where, topic, TODAY, url, "today", engaged)
    assert list_posts(store.uow()) == []
    with store.uow() as uow:
        assert uow.interactions.count() == 0


def test_the_headline_check_uses_the_users_own_profile_keywords(store: Store) -> None:
    text = "Sommelier | open to new cellars"
    assert headline_check(store.uow(), text).expertise == []
    with store.uow() as uow:
        uow.conn.execute(
            insert(t.profiles).values(owner_id=uow.owner_id, position="Sommelier",
                                      industry="Hospitality")
        )  # fmt: skip
        uow.commit()
    check = headline_check(store.uow(), text)
    assert check.expertise == ["sommelier"] and check.ok
