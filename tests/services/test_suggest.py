"""People who are not in tiekeeper are not created by a mail import; `suggest` lists the ones the
user keeps writing to, and `suggest add` adds them, named as the headers name them."""

from __future__ import annotations

import mailbox
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest

from tiekeeper.domain.errors import InvalidInput, NotFound
from tiekeeper.services.imports.mail import import_mail
from tiekeeper.services.people import PersonChanges, add_person
from tiekeeper.services.profile import update_profile
from tiekeeper.services.suggest import add_suggested, name_from_address, suggestions
from tiekeeper.store.uow import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "mail"
TODAY = date(2026, 6, 1)


@pytest.fixture
def imported(store: Store) -> Store:
    update_profile(store.uow(), add_emails=["sam@example.com", "sam.doe@gmail.com"])
    add_person(store.uow(), PersonChanges(name="Ana Lima", emails=["ana@example.com"]), TODAY)
    import_mail(store.uow(), str(FIXTURES / "conversations.mbox"), TODAY, tz=UTC)
    return store


def test_addresses_written_to_three_times_in_the_year_are_suggested_with_counts(
    imported: Store,
) -> None:
    found = suggestions(imported.uow(), TODAY)
    assert [(c.email, c.name, c.sent, c.received, c.last_on) for c in found] == [
        ("carol@design.studio", "Carol Núñez", 3, 0, date(2026, 3, 9))
    ]
    # Bo is no person here; he wrote once and was answered once: below the bar
    assert [c.email for c in suggestions(imported.uow(), TODAY, at_least=1)] == [
        "carol@design.studio", "bo@nimbus.io", "dan@far.example", "dana@startup.dev",
    ]  # fmt: skip


def test_mail_older_than_a_year_does_not_count(imported: Store) -> None:
    assert suggestions(imported.uow(), date(2027, 1, 20)) == []  # January's logo mail: 2 left


def test_suggest_add_creates_the_person_and_the_next_import_logs_the_conversations(
    imported: Store,
) -> None:
    result = add_suggested(imported.uow(), ["Carol@Design.Studio"], TODAY)
    [carol] = result.added
    assert (carol.name, carol.emails) == ("Carol Núñez", ["carol@design.studio"])
    assert suggestions(imported.uow(), TODAY) == []
    s = import_mail(imported.uow(), str(FIXTURES / "conversations.mbox"), TODAY, tz=UTC)
    assert s.interactions_created == 3
    with imported.uow() as uow:
        assert carol.id is not None
        assert len(uow.interactions.for_person(carol.id)) == 3


def test_suggest_add_refuses_an_address_in_no_mail_and_adds_nothing(imported: Store) -> None:
    with pytest.raises(NotFound, match=r"nobody@else\.example is in no imported mail"):
        add_suggested(imported.uow(), ["carol@design.studio", "nobody@else.example"], TODAY)
    assert [c.email for c in suggestions(imported.uow(), TODAY)] == ["carol@design.studio"]
    with pytest.raises(InvalidInput, match="ADDR: 'carol' is not an e-mail address"):
        add_suggested(imported.uow(), ["carol"], TODAY)


def test_suggest_add_reports_an_address_someone_already_has(imported: Store) -> None:
    add_suggested(imported.uow(), ["dan@far.example"], TODAY)
    again = add_suggested(imported.uow(), ["dan@far.example"], TODAY)
    assert again.added == [] and list(again.already) == ["dan@far.example"]


def test_an_address_without_a_name_is_named_after_its_local_part(
    store: Store, tmp_path: Path
) -> None:
    update_profile(store.uow(), add_emails=["sam@example.com"])
    box = mailbox.mbox(tmp_path / "sent.mbox")
    for i in range(3):
        msg = EmailMessage()
        msg["From"], msg["To"] = "sam@example.com", "lee.park+work@studio.example"
        msg["Date"] = format_datetime(datetime(2026, 5, 1, tzinfo=UTC) + timedelta(days=i))
        msg["Message-ID"] = f"<s{i}@example.com>"
        box.add(msg)
    box.close()
    import_mail(store.uow(), str(tmp_path / "sent.mbox"), TODAY, tz=UTC)
    [lee] = add_suggested(store.uow(), ["lee.park+work@studio.example"], TODAY).added
    assert lee.name == "Lee Park"
    assert name_from_address("x_y-z@q.example") == "X Y Z"
