from datetime import date

import pytest

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.services.interactions import LogRequest, log_interaction
from tiekeeper.services.people import PersonChanges, add_person
from tiekeeper.services.search import search
from tiekeeper.store.uow import Store

TODAY = date(2026, 11, 26)


def test_search_finds_people_organizations_notes_topics_and_interactions(store: Store) -> None:
    add_person(
        store.uow(),
        PersonChanges(name="Ana Lima", company="Quantix", note="loves bouldering"),
        TODAY,
    )
    log_interaction(
        store.uow(),
        LogRequest(["Ana Lima"], summary="Roadmap review", topics=["kubernetes"]),
        TODAY,
    )
    kinds = lambda q: sorted(h.kind for h in search(store.uow(), q))  # noqa: E731
    assert kinds("quantix") == ["organization", "person"]
    assert kinds("boulder") == ["person"]
    assert kinds("kubernetes") == ["interaction"]
    assert kinds("roadmap") == ["interaction"]
    with pytest.raises(InvalidInput):
        search(store.uow(), "   ")
