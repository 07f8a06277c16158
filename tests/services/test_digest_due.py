"""`digest --due` on SQLite and PostgreSQL against a real SMTP server (aiosmtpd): once per slot
even when runs overlap, failures recorded, shown and retried, each account's own."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from smtp_inbox import Inbox, free_port, smtp_server
from tiekeeper.cli.digest import smtp_mailer
from tiekeeper.domain import digest_schedule as ds
from tiekeeper.services.digests.due import Outcome, run_due
from tiekeeper.services.digests.schedule import digest_status, set_digest, stop_digest
from tiekeeper.services.people import PersonChanges, add_person
from tiekeeper.store.digests import DigestStore
from tiekeeper.store.uow import Store, ensure_account

SET_AT = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
# 07:30 in Berlin on Thursday 26 November 2026 is 06:30 UTC
DUE = datetime(2026, 11, 26, 6, 31, tzinfo=UTC)
NAMES = ("ana", "bo", "cy", "dee")


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, str]]:
    with smtp_server() as found:
        yield found


@pytest.fixture
def digests(store: Store) -> DigestStore:
    return DigestStore(store.engine)


def scheduled(digests: DigestStore, names: tuple[str, ...] = NAMES) -> dict[str, int]:
    """Accounts with a daily 07:30 Berlin digest each, set the day before; ids by name."""
    ids = {}
    for name in names:
        ids[name] = ensure_account(digests.engine, name)
        set_digest(digests, ids[name], SET_AT, to=f"{name}@example.com", at="07:30",
                   zone="Europe/Berlin")  # fmt: skip
    return ids


def run(digests: DigestStore, url: str, now: datetime = DUE) -> list[Outcome]:
    return run_due(digests, now, smtp_mailer(url, "tiekeeper@example.com"))


def test_due_digests_go_out_once_with_the_accounts_own_agenda(
    digests: DigestStore, smtp: tuple[Inbox, str]
) -> None:
    inbox, url = smtp
    ids = scheduled(digests, ("ana", "bo"))
    add_person(
        digests.uow(ids["ana"]), PersonChanges(name="Zoë Brandt", birthday="11-26"), SET_AT.date()
    )
    assert run(digests, url, DUE - timedelta(minutes=2)) == []  # 07:29 in Berlin
    done = run(digests, url)
    assert sorted(o.account for o in done if o.sent) == ["ana", "bo"]
    assert run(digests, url, DUE + timedelta(minutes=5)) == []  # the same slot: nothing again
    [ana] = inbox.to("ana@example.com")
    [bo] = inbox.to("bo@example.com")
    assert ana["Subject"] == "tiekeeper: today, Thursday 26 November"
    assert "Zoë Brandt" in ana.get_payload(decode=True).decode()  # type: ignore[union-attr]
    assert "Zoë" not in bo.get_payload(decode=True).decode()  # type: ignore[union-attr]
    [row] = digest_status(digests, ids["ana"], DUE).sends
    assert (row.status, row.to, row.slot, row.attempts) == ("sent", "ana@example.com",
                                                            "daily 2026-11-26", 1)  # fmt: skip
    assert row.message_id == ana["Message-ID"] and row.sent_at == DUE
    # the next day's slot is a new one
    assert len(run(digests, url, DUE + timedelta(days=1))) == 2


def test_two_overlapping_runs_send_one_mail_per_account(
    digests: DigestStore, smtp: tuple[Inbox, str]
) -> None:
    inbox, url = smtp
    inbox.delay = 0.2  # each message takes a while: the two runs are sending at the same time
    scheduled(digests)
    start = threading.Barrier(2)
    results: list[list[Outcome]] = []

    def one_run() -> None:
        start.wait()
        results.append(run(digests, url))

    threads = [threading.Thread(target=one_run) for _ in range(2)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    assert len(results) == 2
    assert sorted(o.account for r in results for o in r) == sorted(NAMES)
    assert all(o.sent for r in results for o in r)
    assert sorted(r for _, rcpts, _ in inbox.messages for r in rcpts) == sorted(
        f"{n}@example.com" for n in NAMES
    )


def test_a_refused_send_is_recorded_shown_and_retried(
    digests: DigestStore, smtp: tuple[Inbox, str]
) -> None:
    inbox, url = smtp
    ids = scheduled(digests, ("ana", "bo"))
    inbox.refused.add("bo@example.com")
    first = {o.account: o for o in run(digests, url)}
    assert first["ana"].sent and not first["bo"].sent
    assert "mailbox unavailable" in (first["bo"].error or "")
    assert first["bo"].retry_at == DUE + ds.RETRY_DELAYS[0]
    status = digest_status(digests, ids["bo"], DUE)
    [failed] = status.failed
    assert failed.status == "failed" and "mailbox unavailable" in (failed.error or "")
    assert digest_status(digests, ids["ana"], DUE).failed == []
    assert run(digests, url, DUE + timedelta(minutes=1)) == []  # not yet: it backs off
    inbox.refused.clear()
    [again] = run(digests, url, DUE + timedelta(minutes=6))
    assert (again.account, again.sent, again.attempt) == ("bo", True, 2)
    [row] = digest_status(digests, ids["bo"], DUE).sends
    assert (row.status, row.attempts, row.error) == ("sent", 2, None)
    assert len(inbox.to("bo@example.com")) == 1 and len(inbox.to("ana@example.com")) == 1


def test_an_unreachable_server_fails_every_attempt_and_then_gives_up(
    digests: DigestStore,
) -> None:
    ids = scheduled(digests, ("ana",))
    nobody = f"smtp://127.0.0.1:{free_port()}"
    now = DUE
    for attempt in range(1, ds.MAX_ATTEMPTS + 1):
        [o] = run(digests, nobody, now)
        assert (o.sent, o.attempt) == (False, attempt)
        assert "could not send through 127.0.0.1" in (o.error or "")
        if attempt < ds.MAX_ATTEMPTS:
            assert o.retry_at is not None
            now = o.retry_at
        else:
            assert o.retry_at is None
    assert run(digests, nobody, now + timedelta(hours=3)) == []
    [row] = digest_status(digests, ids["ana"], now).failed
    assert row.attempts == ds.MAX_ATTEMPTS and row.retry_at is None


def test_a_failed_send_is_not_retried_once_the_next_slot_is_due(
    digests: DigestStore, smtp: tuple[Inbox, str]
) -> None:
    inbox, url = smtp
    ids = scheduled(digests, ("ana",))
    inbox.refused.add("ana@example.com")
    run(digests, url)
    inbox.refused.clear()
    tomorrow = DUE + timedelta(days=1)
    [o] = run(digests, url, tomorrow)
    assert o.slot == "daily 2026-11-27" and o.sent
    old = next(s for s in digest_status(digests, ids["ana"], tomorrow).sends
               if s.slot == "daily 2026-11-26")  # fmt: skip
    assert old.status == "failed" and old.retry_at is None and "newer digest" in (old.error or "")


def test_a_claim_left_by_a_run_that_died_is_tried_again(
    digests: DigestStore, smtp: tuple[Inbox, str]
) -> None:
    inbox, url = smtp
    ids = scheduled(digests, ("ana",))
    slot = ds.latest_slot(ds.Schedule(ds.parse_time("07:30"), "Europe/Berlin"), DUE)
    assert slot is not None
    assert digests.claim(ids["ana"], slot.key, slot.kind, slot.moment, "ana@example.com", DUE)
    assert run(digests, url, DUE + timedelta(minutes=5)) == []  # maybe still sending
    [o] = run(digests, url, DUE + ds.STALE_AFTER + timedelta(minutes=1))
    assert o.sent and o.attempt == 2 and len(inbox.messages) == 1


def test_accounts_see_only_their_own_schedule_and_sends(
    digests: DigestStore, smtp: tuple[Inbox, str]
) -> None:
    inbox, url = smtp
    ids = scheduled(digests, ("ana",))
    bo = ensure_account(digests.engine, "bo")
    inbox.refused.add("ana@example.com")
    run(digests, url)
    mine = digest_status(digests, bo, DUE)
    assert mine.schedule is None and mine.sends == [] and mine.failed == []
    assert not stop_digest(digests, bo)  # bo's --off leaves ana's digest alone
    assert digest_status(digests, ids["ana"], DUE).schedule is not None


def test_a_stopped_digest_is_not_sent_and_keeps_its_history(
    digests: DigestStore, smtp: tuple[Inbox, str]
) -> None:
    _, url = smtp
    ids = scheduled(digests, ("ana",))
    run(digests, url)
    assert stop_digest(digests, ids["ana"])
    assert run(digests, url, DUE + timedelta(days=1)) == []
    status = digest_status(digests, ids["ana"], DUE)
    assert status.schedule is None and status.next_at is None and len(status.sends) == 1


def test_changing_the_time_after_a_send_does_not_send_that_day_again(
    digests: DigestStore, smtp: tuple[Inbox, str]
) -> None:
    inbox, url = smtp
    ids = scheduled(digests, ("ana",))
    run(digests, url)
    set_digest(digests, ids["ana"], DUE + timedelta(minutes=1), at="07:40")
    assert run(digests, url, DUE + timedelta(minutes=15)) == []
    assert len(inbox.messages) == 1
