"""Import a calendar: each past occurrence of an event with people in tiekeeper becomes an
interaction with them, each future one in the next days a meeting Today announces; in one
transaction, never twice, and never over what the user changed (store/import_keys)."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path

from tiekeeper.domain import limits
from tiekeeper.domain.errors import InvalidInput
from tiekeeper.domain.model import Initiator, Interaction
from tiekeeper.interchange.ics_in import Occurrence, calendar_members, read_calendar
from tiekeeper.services.gc_pause import cyclic_gc_paused
from tiekeeper.services.imports.contacts import SkippedItem
from tiekeeper.services.my_addresses import my_addresses
from tiekeeper.store.calendar_import import CalendarImportRepository
from tiekeeper.store.import_keys import ImportedKey, ImportKeyRepository, fingerprint
from tiekeeper.store.interaction_edits import InteractionEdits
from tiekeeper.store.interactions import search_doc
from tiekeeper.store.uow import UnitOfWork
from tiekeeper.store.write_lock import WriteLock

Progress = Callable[[str, int, int], None]  # (phase, done, total)
SOURCE = "calendar"
AHEAD_DAYS = 14  # future meetings planned this far ahead; a later import plans the next ones
MAX_ATTENDEES = 12  # a town hall is not a networking touch
SHOWN_SKIPS = 100  # skip lines kept for the report; the counts cover every one


@dataclass
class CalendarSummary:
    """What a calendar import did (or, with dry_run, would do)."""

    file: str
    format: str = "calendar"
    dry_run: bool = False
    files: int = 0
    events: int = 0
    occurrences: int = 0
    interactions_created: int = 0
    interactions_updated: int = 0  # the calendar changed it and the user had not
    unchanged: int = 0  # imported before, the same now
    kept_edited: int = 0  # imported before and since changed by the user: left as it is
    kept_deleted: int = 0  # imported before and since deleted by the user: not brought back
    meetings_planned: int = 0
    skipped_reasons: dict[str, int] = field(default_factory=dict)
    skipped: list[SkippedItem] = field(default_factory=list)  # the first SHOWN_SKIPS
    not_in_tiekeeper: dict[str, int] = field(default_factory=dict)  # address -> occurrences
    knows_your_addresses: bool = True

    @property
    def skipped_count(self) -> int:
        return sum(self.skipped_reasons.values())


@dataclass(frozen=True)
class _Candidate:
    occ: Occurrence
    people: list[int]
    initiated_by: str


def is_calendar(path: Path) -> bool:
    """Whether `path` is a calendar: an .ics text, or a zip or folder holding .ics files."""
    return calendar_members(path)


def import_calendar(
    uow: UnitOfWork,
    path: Path,
    now: datetime,
    tz: tzinfo,
    max_attendees: int = MAX_ATTENDEES,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> CalendarSummary:
    """Read the calendar(s) at `path` and log its past meetings, in one transaction (rolled
    back on dry_run). `now` (aware) splits past from future; days count in `tz`. Unreadable
    files raise InvalidInput naming the file, line and property before anything is written."""
    if max_attendees < 1:
        raise InvalidInput("must be at least 1", field="max-attendees", value=max_attendees)
    reading = (lambda done, total: progress("reading", done, total)) if progress else None
    with cyclic_gc_paused():
        read = read_calendar(path, tz, now + timedelta(days=AHEAD_DAYS), reading)
        summary = CalendarSummary(str(path), files=len(read.files), events=read.events)
        summary.occurrences = len(read.occurrences)
        with uow:
            uow.repo(WriteLock).take()  # before any work: another writer waits or fails now
            _CalendarRun(uow, summary, now, max_attendees, progress).run(read.occurrences)
            summary.dry_run = dry_run
            if not dry_run:
                uow.commit()
    return summary


class _CalendarRun:
    def __init__(self, uow: UnitOfWork, summary: CalendarSummary, now: datetime,
                 max_attendees: int, progress: Progress | None) -> None:  # fmt: skip
        self.uow, self.s, self.now = uow, summary, now
        self.max_attendees = max_attendees
        self.progress = progress
        self.me = my_addresses(uow)
        self.keys = uow.repo(ImportKeyRepository)
        self.by_email = uow.repo(CalendarImportRepository).person_ids_by_email()
        self.reasons: Counter[str] = Counter()
        self.unknown: Counter[str] = Counter()
        self.touched: set[int] = set()

    def run(self, occurrences: list[Occurrence]) -> None:
        s = self.s
        s.knows_your_addresses = bool(self.me)
        past: dict[str, _Candidate] = {}
        future: dict[str, _Candidate] = {}
        for occ in sorted(occurrences, key=lambda o: (o.starts_at, o.key)):
            found = self._candidate(occ)
            if found is not None:
                (future if occ.starts_at > self.now else past).setdefault(occ.key, found)
        self._log(past)
        self._plan(future)
        if self.touched:
            self.uow.bulk.refresh_derived(self.touched)
        s.skipped_reasons = dict(sorted(self.reasons.items(), key=lambda i: (-i[1], i[0])))
        s.not_in_tiekeeper = dict(sorted(self.unknown.items(), key=lambda i: (-i[1], i[0])))

    def _skip(self, occ: Occurrence, reason: str) -> None:
        self.reasons[reason] += 1
        if len(self.s.skipped) < SHOWN_SKIPS:
            what = f"{occ.day} {occ.title or '(no title)'!r}: {reason}"
            self.s.skipped.append(SkippedItem(occ.file, occ.line or 0, what))

    def _candidate(self, occ: Occurrence) -> _Candidate | None:
        """The occurrence's people in tiekeeper, or None after counting why it is skipped."""
        mine = [a for a in occ.attendees if a.email in self.me]
        others = [a for a in occ.attendees if a.email not in self.me]
        reason = None
        if occ.cancelled:
            reason = "cancelled"
        elif any(a.declined for a in mine):
            reason = "declined"
        elif not others:
            reason = "all-day event without attendees" if occ.all_day else "no attendees but you"
        elif len(occ.attendees) > self.max_attendees:
            reason = f"more than {self.max_attendees} attendees"
        if reason is None and occ.starts_at > self.now:
            self.reasons["future"] += 1  # counted, and planned below when people are known
        present = [a for a in others if not a.declined]
        people = list(dict.fromkeys(self.by_email[a.email] for a in present
                                    if a.email in self.by_email))  # fmt: skip
        if reason is None:
            for a in present:
                if a.email not in self.by_email:
                    self.unknown[a.email] += 1
            if not people:
                reason = "nobody at it is in tiekeeper"
        if reason is not None:
            self._skip(occ, reason)
            return None
        organizer = next((a for a in occ.attendees if a.organizer), None)
        by = Initiator.MUTUAL
        if organizer is not None:
            by = Initiator.ME if organizer.email in self.me else Initiator.THEM
        return _Candidate(occ, sorted(people), str(by))

    def _interaction(self, c: _Candidate) -> Interaction:
        title = limits.clean("summary", c.occ.title)[0] if c.occ.title else None
        return Interaction(c.occ.day, c.people, c.occ.channel, c.initiated_by, title)

    def _log(self, past: dict[str, _Candidate]) -> None:
        s = self.s
        known = self.keys.lookup(SOURCE, past)
        edited = self.keys.edited(known)
        new: list[Interaction] = []
        changed: list[tuple[str, Interaction]] = []
        for key, c in past.items():
            ix = self._interaction(c)
            was = known.get(key)
            if was is None:
                new.append(ix)
            elif was.interaction_id is None:
                s.kept_deleted += 1
            elif key in edited:
                s.kept_edited += 1
            elif fingerprint(ix) == was.fingerprint:
                s.unchanged += 1
            else:
                ix.id = was.interaction_id
                changed.append((key, ix))
        keys_of_new = [k for k, c in past.items() if k not in known]
        if new:
            names = self.uow.people.names({p for ix in new for p in ix.person_ids})
            total = len(new)
            progress = self.progress
            report = (lambda done: progress("writing", done, total)) if progress else None
            s.interactions_created = self.uow.bulk.add_interactions(new, names, report)
        record = {
            k: ImportedKey(ix.id, fingerprint(ix)) for k, ix in zip(keys_of_new, new, strict=True)
        }
        record.update(self._update(changed))
        self.keys.record(SOURCE, record, self.now)
        self.touched.update(p for ix in new for p in ix.person_ids)

    def _update(self, changed: list[tuple[str, Interaction]]) -> dict[str, ImportedKey]:
        """Rewrite interactions the calendar changed and nobody edited: day, channel, who
        started it, title. People stay as they are (they have their own meaning)."""
        if not changed:
            return {}
        ids = [ix.id for _, ix in changed if ix.id is not None]
        current = {ix.id: ix for ix in self.uow.interactions.load(ids)}
        out: dict[str, ImportedKey] = {}
        for key, ix in changed:
            now = current.get(ix.id)
            if now is None:
                continue
            fields = (ix.occurred_on, ix.channel, ix.initiated_by, ix.summary)
            if fields == (now.occurred_on, now.channel, now.initiated_by, now.summary):
                self.s.unchanged += 1  # only its people differ, and those are the user's
                continue
            now.occurred_on, now.channel = ix.occurred_on, ix.channel
            now.initiated_by, now.summary = ix.initiated_by, ix.summary
            self.uow.repo(InteractionEdits).update(now)
            assert now.id is not None
            self.uow.search.remove("interaction", now.id)
            self.uow.search.put_many(
                "interaction", [search_doc(now, self.uow.people.names(now.person_ids))]
            )
            self.touched.update(now.person_ids)
            out[key] = ImportedKey(now.id, fingerprint(now))
            self.s.interactions_updated += 1
        return out

    def _plan(self, future: dict[str, _Candidate]) -> None:
        """Each future meeting with people in tiekeeper, once: a planned meeting per person."""
        plan_keys = {"plan|" + k: c for k, c in future.items()}
        known = self.keys.lookup(SOURCE, plan_keys)
        rows: list[tuple[int, date, str | None]] = []
        record: dict[str, ImportedKey] = {}
        for key, c in plan_keys.items():
            if key in known:
                continue
            title = limits.clean("summary", c.occ.title)[0] if c.occ.title else None
            rows += [(pid, c.occ.day, title) for pid in c.people]
            digest = hashlib.sha256(f"{c.occ.day}|{title}|{c.people}".encode()).hexdigest()
            record[key] = ImportedKey(None, digest)
        self.uow.repo(CalendarImportRepository).plan_meetings(rows)
        self.keys.record(SOURCE, record, self.now)
        self.s.meetings_planned = len(record)
