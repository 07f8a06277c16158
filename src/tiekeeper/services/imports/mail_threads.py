"""Turning a stream of message headers into what an import writes: one touch per person per
thread per day (for people in tiekeeper), who wrote first in each thread, and the letters
exchanged with everyone else. Only these small records are kept, never a message."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from tiekeeper.domain import limits
from tiekeeper.domain.model import Initiator
from tiekeeper.interchange.mail_in import MailHeaders
from tiekeeper.interchange.mail_rules import (
    BAD_DATE,
    is_reply,
    message_key,
    participants,
    skip_reason,
    thread_key,
)
from tiekeeper.store.correspondence import Letter


@dataclass
class Touch:
    """One person's part in one thread on one day."""

    thread: str
    day: date
    person_id: int
    emails: set[str]
    first_at: datetime
    subject: str | None


@dataclass(frozen=True)
class ThreadStart:
    """The earliest message seen in a thread: when, and whether the user wrote it."""

    at: datetime
    by_me: bool
    reply: bool

    @property
    def initiator(self) -> str:
        # When the first message there is itself a reply, the thread began before this
        # mailbox: the other side of whoever answered began it.
        mine_first = self.by_me != self.reply
        return Initiator.ME if mine_first else Initiator.THEM


@dataclass
class MailDigest:
    """Feed it messages with `add`; read touches, starts and letters afterwards."""

    mine: set[str]
    people: dict[str, int]  # address -> person id
    tz: tzinfo | None = None  # None: the machine's own time zone
    touches: dict[tuple[str, date, int], Touch] = field(default_factory=dict)
    starts: dict[str, ThreadStart] = field(default_factory=dict)
    letters: dict[tuple[str, str, str], Letter] = field(default_factory=dict)
    skipped: Counter[str] = field(default_factory=Counter)
    problems: list[tuple[str, int, str]] = field(default_factory=list)
    messages: int = 0
    with_people: int = 0

    def add(self, h: MailHeaders) -> None:
        """Count one message and keep what it contributes."""
        self.messages += 1
        reason = skip_reason(h, self.mine)
        if reason is not None:
            self.skipped[reason] += 1
            if reason == BAD_DATE and h.date_problem:  # only a conversation's date matters
                self.problems.append((h.file, h.position, h.date_problem))
            return
        assert h.sent_at is not None
        thread = thread_key(h)
        by_me = h.sender is not None and h.sender.email in self.mine
        start = self.starts.get(thread)
        if start is None or h.sent_at < start.at:
            self.starts[thread] = ThreadStart(h.sent_at, by_me, is_reply(h))
        day = h.sent_at.astimezone(self.tz).date()
        others = [a for a in participants(h) if a.email not in self.mine]
        known = [a for a in others if a.email in self.people]
        if known:
            self.with_people += 1
        for a in known:
            self._touch(thread, day, self.people[a.email], a.email, h)
        self._letters(h, day, by_me, {a.email for a in known})

    def _touch(self, thread: str, day: date, pid: int, email: str, h: MailHeaders) -> None:
        assert h.sent_at is not None
        found = self.touches.get((thread, day, pid))
        if found is None:
            self.touches[(thread, day, pid)] = Touch(
                thread, day, pid, {email}, h.sent_at, h.subject
            )
            return
        found.emails.add(email)
        if h.sent_at < found.first_at:
            found.first_at, found.subject = h.sent_at, h.subject

    def _letters(self, h: MailHeaders, day: date, by_me: bool, known: set[str]) -> None:
        key = message_key(h)
        if by_me:
            pairs = [(a, "sent") for a in (*h.to, *h.cc)]
        else:
            pairs = [(h.sender, "received")] if h.sender is not None else []
        for a, direction in pairs:
            if a.email in self.mine or a.email in known:
                continue
            name = limits.clean("name", a.name)[0] if a.name and a.name != a.email else None
            self.letters.setdefault(
                (key, a.email, direction), Letter(a.email, name, day, direction, key)
            )
