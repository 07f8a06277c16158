"""The column reads behind the insights, on both backends: the same facts as the rows stored,
filtered by owner, day and ids, for any channel or source text and any person id."""

from __future__ import annotations

from datetime import date

import pytest

import tiekeeper.store.analytics_raw as raw
from tiekeeper.domain.insights.tie_strength import INITIATORS
from tiekeeper.domain.model import Interaction, Person
from tiekeeper.store.analytics_raw import InteractionColumns, RawAnalytics
from tiekeeper.store.knows import KnowsRepository
from tiekeeper.store.uow import Store, UnitOfWork, ensure_account

UNTIL = date(2024, 1, 1)


def facts(cols: InteractionColumns) -> list[tuple[int, date, str, str]]:
    return sorted(
        (p, date.fromordinal(d), cols.channels[c], INITIATORS[i])
        for p, d, c, i in zip(
            cols.person.tolist(),
            cols.day.tolist(),
            cols.channel.tolist(),
            cols.initiated.tolist(),
            strict=True,
        )
    )


@pytest.fixture
def logged(store: Store) -> tuple[int, int]:
    """Ana and Bo with a few interactions: one in an imported channel, one after UNTIL."""
    with store.uow() as uow:
        ana = uow.people.add(Person("Ana", created_on=UNTIL))
        bo = uow.people.add(Person("Bo", created_on=UNTIL))
        for day, who, channel, by in [
            (date(2023, 12, 2), [ana], "coffee", "me"),
            (date(1999, 10, 3), [ana], "call", "them"),
            (date(2023, 11, 2), [ana, bo], "Walk & talk", "mutual"),
            (date(2024, 2, 1), [bo], "email", "me"),
        ]:
            uow.interactions.add(Interaction(day, who, channel, by))
        uow.commit()
    return ana, bo


def test_interaction_columns_hold_every_person_day_channel_and_initiator_up_to_the_day(
    store: Store, logged: tuple[int, int]
) -> None:
    ana, bo = logged
    with store.uow() as uow:
        got = facts(uow.repo(RawAnalytics).interaction_columns(UNTIL))
    assert got == sorted(
        [
            (ana, date(2023, 12, 2), "coffee", "me"),
            (ana, date(1999, 10, 3), "call", "them"),
            (ana, date(2023, 11, 2), "Walk & talk", "mutual"),
            (bo, date(2023, 11, 2), "Walk & talk", "mutual"),
        ]
    )


def test_interaction_columns_of_given_ids_only(store: Store, logged: tuple[int, int]) -> None:
    _, bo = logged
    with store.uow() as uow:
        got = facts(uow.repo(RawAnalytics).interaction_columns(UNTIL, [bo]))
    assert got == [(bo, date(2023, 11, 2), "Walk & talk", "mutual")]


def test_ids_too_large_to_pack_are_read_apart_with_the_same_result(
    store: Store, logged: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    with store.uow() as uow:
        packed = facts(uow.repo(RawAnalytics).interaction_columns(UNTIL))
    monkeypatch.setattr(raw, "DAY_BITS", 57)  # leaves no room for the person id
    with store.uow() as uow:
        assert facts(uow.repo(RawAnalytics).interaction_columns(UNTIL)) == packed


def test_another_account_reads_no_interactions_or_edges(
    store: Store, logged: tuple[int, int]
) -> None:
    other = ensure_account(store.engine, "someone-else")
    with UnitOfWork(store.engine, other) as uow:
        assert len(uow.repo(RawAnalytics).interaction_columns(UNTIL)) == 0
        assert uow.repo(RawAnalytics).knows_columns().a.size == 0


def test_knows_columns_decode_pairs_strengths_and_any_source(
    store: Store, logged: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    ana, bo = logged
    with store.uow() as uow:
        carl = uow.people.add(Person("Carl", created_on=UNTIL))
        repo = uow.repo(KnowsRepository)
        repo.add(ana, bo, 5, "entered", UNTIL)
        repo.add(bo, carl, 2, "guessed-by-import", UNTIL)
        uow.commit()

    def edges() -> list[tuple[int, int, int, str]]:
        with store.uow() as uow:
            k = uow.repo(RawAnalytics).knows_columns()
        return sorted(
            (a, b, s, k.sources[c])
            for a, b, s, c in zip(
                k.a.tolist(), k.b.tolist(), k.strength.tolist(), k.source.tolist(), strict=True
            )
        )

    expected = sorted([(ana, bo, 5, "entered"), (bo, carl, 2, "guessed-by-import")])
    assert edges() == expected
    monkeypatch.setattr(raw, "ID_BITS", 0)  # no id fits: a and b are read apart
    assert edges() == expected
