"""Conversations from e-mail headers become interactions: one per person per thread per day, who
wrote first, nothing twice, the user's edits kept, all or nothing (SQLite and PostgreSQL)."""

from __future__ import annotations

import mailbox
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.domain.model import Interaction
from tiekeeper.services.imports.mail import import_mail
from tiekeeper.services.interaction_edit import InteractionChanges, edit_interaction
from tiekeeper.services.interactions import LogRequest, log_interaction
from tiekeeper.services.people import PersonChanges, add_person
from tiekeeper.services.profile import update_profile
from tiekeeper.store.uow import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "mail"
TODAY = date(2026, 6, 1)
SAM = "Sam Doe <sam@example.com>"


def _me(store: Store) -> None:
    update_profile(store.uow(), name="Sam Doe", add_emails=["sam@example.com", "sam.doe@gmail.com"])


def _people(store: Store) -> dict[str, int]:
    out = {}
    for name, email in (("Ana Lima", "ana@example.com"), ("Bo Chen", "bo@nimbus.io")):
        p = add_person(store.uow(), PersonChanges(name=name, emails=[email]), TODAY)
        assert p.id is not None
        out[name] = p.id
    return out


def _interactions(store: Store, pid: int) -> list[Interaction]:
    with store.uow() as uow:
        return sorted(uow.interactions.for_person(pid), key=lambda ix: ix.occurred_on)


def _count(store: Store) -> int:
    with store.uow() as uow:
        return uow.interactions.count()


def mail(n: int, sender: str, to: str, when: datetime, subject: str = "Hello",
         refs: list[str] | None = None, **headers: str) -> EmailMessage:  # fmt: skip
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, to, subject
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = f"<t{n}@example.com>"
    if refs:
        msg["In-Reply-To"], msg["References"] = refs[-1], " ".join(refs)
    for key, value in headers.items():
        msg[key.replace("_", "-")] = value
    msg.set_content(f"secret body {n}")
    return msg


def write_mbox(path: Path, messages: list[EmailMessage]) -> Path:
    box = mailbox.mbox(path)
    for m in messages:
        box.add(m)
    box.close()
    return path


@pytest.fixture
def setup(store: Store) -> tuple[Store, dict[str, int]]:
    _me(store)
    return store, _people(store)


def test_each_thread_day_with_a_person_is_one_email_interaction_begun_by_who_wrote_first(
    setup: tuple[Store, dict[str, int]],
) -> None:
    store, ids = setup
    s = import_mail(store.uow(), str(FIXTURES / "conversations.mbox"), TODAY, tz=UTC)
    ana = _interactions(store, ids["Ana Lima"])
    assert [(ix.occurred_on, ix.channel, ix.initiated_by) for ix in ana] == [
        (date(2026, 3, 2), "email", "me"),  # two messages that day: one interaction
        (date(2026, 3, 3), "email", "me"),
    ]
    bo = _interactions(store, ids["Bo Chen"])
    assert [(ix.occurred_on, ix.initiated_by) for ix in bo] == [(date(2026, 3, 5), "them")]
    assert all(ix.summary is None for ix in ana + bo)  # subjects only when asked
    assert (s.messages, s.with_people, s.interactions_created) == (15, 5, 3)
    assert s.skipped == dict.fromkeys(
        ("automatic mail", "bulk mail", "mailing list", "no readable Date", "no-reply sender",
         "your own note"), 1
    )  # fmt: skip
    assert [(p.position, p.reason) for p in s.problems] == [
        (15, "Date: 'someday soon' is not a date")
    ]


def test_subjects_become_summaries_only_when_asked(setup: tuple[Store, dict[str, int]]) -> None:
    store, ids = setup
    import_mail(store.uow(), str(FIXTURES / "conversations.mbox"), TODAY, subjects=True, tz=UTC)
    summaries = [ix.summary for ix in _interactions(store, ids["Ana Lima"])]
    assert summaries == ["Coffee next week?", "Re: Coffee next week?"]


@pytest.mark.parametrize("source", ["conversations.mbox", "takeout.zip", "eml", "Maildir"])
def test_every_kind_of_mailbox_gives_the_same_interactions(
    setup: tuple[Store, dict[str, int]], source: str
) -> None:
    store, ids = setup
    import_mail(store.uow(), str(FIXTURES / source), TODAY, tz=UTC)
    ana = [(ix.occurred_on, ix.initiated_by) for ix in _interactions(store, ids["Ana Lima"])]
    assert ana == [(date(2026, 3, 2), "me"), (date(2026, 3, 3), "me")]
    bo = [(ix.occurred_on, ix.initiated_by) for ix in _interactions(store, ids["Bo Chen"])]
    assert bo[0] == (date(2026, 3, 5), "them")


def test_importing_again_creates_nothing(setup: tuple[Store, dict[str, int]]) -> None:
    store, _ = setup
    first = import_mail(store.uow(), str(FIXTURES / "conversations.mbox"), TODAY, tz=UTC)
    before = _count(store)
    again = import_mail(store.uow(), str(FIXTURES / "conversations.mbox"), TODAY, tz=UTC)
    assert (again.interactions_created, again.already_imported) == (0, 3)
    assert (first.correspondence_added, again.correspondence_added) == (5, 0)
    assert _count(store) == before
    # the same mail from another copy of it (the Takeout zip) is the same mail
    other = import_mail(store.uow(), str(FIXTURES / "takeout.zip"), TODAY, tz=UTC)
    assert other.interactions_created == 0 and _count(store) == before


def test_an_interaction_the_user_edited_is_not_overwritten(
    setup: tuple[Store, dict[str, int]],
) -> None:
    store, ids = setup
    import_mail(store.uow(), str(FIXTURES / "conversations.mbox"), TODAY, tz=UTC)
    first = _interactions(store, ids["Ana Lima"])[0]
    assert first.id is not None
    edit_interaction(store.uow(), first.id, InteractionChanges(summary="Planned coffee"), TODAY)
    s = import_mail(store.uow(), str(FIXTURES / "conversations.mbox"), TODAY, subjects=True, tz=UTC)
    assert (s.kept_edited, s.interactions_updated) == (1, 2)  # the others learn their subject
    assert [ix.summary for ix in _interactions(store, ids["Ana Lima"])] == [
        "Planned coffee",
        "Re: Coffee next week?",
    ]


def test_a_deleted_interaction_is_not_brought_back(setup: tuple[Store, dict[str, int]]) -> None:
    from tiekeeper.services.trash import delete_interaction

    store, ids = setup
    import_mail(store.uow(), str(FIXTURES / "conversations.mbox"), TODAY, tz=UTC)
    bo = _interactions(store, ids["Bo Chen"])[0]
    assert bo.id is not None
    delete_interaction(store.uow(), bo.id, datetime(2026, 6, 1, tzinfo=UTC))
    s = import_mail(store.uow(), str(FIXTURES / "conversations.mbox"), TODAY, tz=UTC)
    assert (s.kept_deleted, s.interactions_created) == (1, 0)
    assert _interactions(store, ids["Bo Chen"]) == []


def test_an_email_logged_by_hand_that_day_is_not_logged_again(
    setup: tuple[Store, dict[str, int]],
) -> None:
    store, ids = setup
    log_interaction(store.uow(), LogRequest(["Bo Chen"], "2026-03-05", "email"), TODAY)
    s = import_mail(store.uow(), str(FIXTURES / "conversations.mbox"), TODAY, tz=UTC)
    assert s.already_logged == 1
    assert len(_interactions(store, ids["Bo Chen"])) == 1


def test_dry_run_reports_and_writes_nothing(setup: tuple[Store, dict[str, int]]) -> None:
    store, _ = setup
    s = import_mail(store.uow(), str(FIXTURES / "conversations.mbox"), TODAY, dry_run=True)
    assert s.dry_run and s.interactions_created == 3
    assert _count(store) == 0
    from tiekeeper.services.suggest import suggestions

    assert suggestions(store.uow(), TODAY) == []


def test_a_broken_message_names_file_and_message_and_leaves_the_data_as_it_was(
    setup: tuple[Store, dict[str, int]], tmp_path: Path
) -> None:
    store, _ = setup
    good = FIXTURES / "conversations.mbox"
    broken = tmp_path / "broken.mbox"
    text = good.read_bytes()
    cut = text.index(b"From ", text.index(b"Message-ID: <m4."))  # the 5th message
    broken.write_bytes(
        text[:cut] + b"From x@y Mon Mar  9 10:00:00 2026\n\nno header\n\n" + text[cut:]
    )
    with pytest.raises(InvalidInput) as exc:
        import_mail(store.uow(), str(broken), TODAY)
    assert str(broken) in str(exc.value) and "message 5" in str(exc.value)
    assert _count(store) == 0


def test_not_a_mailbox_is_refused_naming_the_file(
    setup: tuple[Store, dict[str, int]], tmp_path: Path
) -> None:
    store, _ = setup
    junk = tmp_path / "notes.mbox"
    junk.write_text("Dear diary,\nnothing here is mail.\n")
    with pytest.raises(InvalidInput, match=r"notes\.mbox: this is not an mbox"):
        import_mail(store.uow(), str(junk), TODAY)


def test_without_the_users_own_address_nothing_can_be_told_apart(store: Store) -> None:
    with pytest.raises(InvalidInput, match="me --email"):
        import_mail(store.uow(), str(FIXTURES / "conversations.mbox"), TODAY)


def test_a_thread_whose_start_is_missing_is_begun_by_the_other_side_of_the_first_reply(
    setup: tuple[Store, dict[str, int]], tmp_path: Path
) -> None:
    store, ids = setup
    when = datetime(2026, 4, 1, 12, tzinfo=UTC)
    # Only the INBOX: Sam's first message is elsewhere, Ana's answer to it is the first here.
    box = write_mbox(tmp_path / "inbox.mbox", [
        mail(2, "ana@example.com", SAM, when, refs=["<t1@example.com>"]),
        mail(3, "ana@example.com", SAM, when + timedelta(hours=1), refs=["<t1@example.com>"]),
    ])  # fmt: skip
    import_mail(store.uow(), str(box), TODAY, tz=UTC)
    assert [ix.initiated_by for ix in _interactions(store, ids["Ana Lima"])] == ["me"]


def test_everyone_on_a_thread_day_gets_one_interaction_and_future_mail_is_skipped(
    setup: tuple[Store, dict[str, int]], tmp_path: Path
) -> None:
    store, ids = setup
    when = datetime(2026, 4, 1, 8, tzinfo=UTC)
    msgs = [mail(1, SAM, "ana@example.com", when, Cc="Bo Chen <BO@nimbus.io>")]
    msgs += [mail(i, "bo@nimbus.io", SAM, when + timedelta(minutes=i), refs=["<t1@example.com>"])
             for i in range(2, 12)]  # fmt: skip
    msgs.append(mail(99, "ana@example.com", SAM, datetime(2026, 7, 1, tzinfo=UTC)))
    s = import_mail(store.uow(), str(write_mbox(tmp_path / "m.mbox", msgs)), TODAY, tz=UTC)
    assert s.interactions_created == 2
    assert s.skipped == {"dated after today": 1}
    assert [ix.initiated_by for ix in _interactions(store, ids["Bo Chen"])] == ["me"]


def test_bodies_are_never_stored(setup: tuple[Store, dict[str, int]], tmp_path: Path) -> None:
    store, _ = setup
    when = datetime(2026, 4, 1, 8, tzinfo=UTC)
    box = write_mbox(tmp_path / "m.mbox", [mail(1, SAM, "ana@example.com", when),
                                           mail(2, SAM, "new@person.example", when)])  # fmt: skip
    import_mail(store.uow(), str(box), TODAY, subjects=True, tz=UTC)
    from sqlalchemy import MetaData, select

    meta = MetaData()
    meta.reflect(store.engine)
    with store.engine.connect() as conn:
        everything = " ".join(
            str(row) for table in meta.sorted_tables for row in conn.execute(select(table))
        )
    assert "secret body" not in everything
    assert "Hello" in everything  # the subject, asked for
