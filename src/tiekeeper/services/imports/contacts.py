"""Import a contacts file or LinkedIn export: people, organizations, interactions and the owner's
profile, in one transaction, without duplicates (see import_identity for who is who)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tiekeeper.domain.model import name_key
from tiekeeper.interchange.detect import read_path
from tiekeeper.interchange.records import (
    ImportBatch,
    ImportedInteraction,
    ImportedPerson,
    ImportedProfile,
)
from tiekeeper.interchange.vcard_out import person_uid
from tiekeeper.services.gc_pause import cyclic_gc_paused
from tiekeeper.services.imports.identity import (
    IdentityIndex,
    adds_nothing,
    carry_over,
    enrich,
    has_identifier,
    own_card,
    to_person,
    uid_key,
)
from tiekeeper.services.imports.limits import fit_batch
from tiekeeper.store.import_repo import ImportRepository
from tiekeeper.store.profile import ProfileRepository
from tiekeeper.store.uow import UnitOfWork
from tiekeeper.store.write_lock import WriteLock

Progress = Callable[[str, int, int], None]  # (phase, done, total)


@dataclass(frozen=True)
class SkippedItem:
    file: str
    position: int
    reason: str


@dataclass(frozen=True)
class PossibleDuplicate:
    """A person written by this import who may be the same as people already there."""

    person_id: int
    name: str
    matches: list[int]
    reason: str
    file: str
    position: int


@dataclass
class ImportSummary:
    """What an import did (or, with dry_run, would do)."""

    file: str
    format: str
    dry_run: bool = False
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    organizations_created: int = 0
    skipped: list[SkippedItem] = field(default_factory=list)
    interactions_created: int = 0
    interactions_skipped: int = 0
    possible_duplicates: list[PossibleDuplicate] = field(default_factory=list)
    profile_updated: bool = False
    # What the file held that is kept nowhere: property or column name -> occurrences, most
    # frequent first, so no loss is silent.
    not_kept: dict[str, int] = field(default_factory=dict)
    # (id, name) of each person created, so the web result can link to them (not in --json).
    created_people: list[tuple[int, str]] = field(default_factory=list)


def import_file(
    uow: UnitOfWork,
    path: Path,
    today: date,
    format: str = "auto",
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportSummary:
    """Read `path` and merge it into the address book in one transaction (rolled back on
    dry_run). Unreadable files raise InvalidInput naming the file before anything is written."""
    reading = (lambda done, total: progress("reading", done, total)) if progress else None
    with cyclic_gc_paused():
        batch = read_path(path, format, reading)
        cleaned = fit_batch(batch)  # cut and clean to the fields' limits, noted in not_kept
        with uow:
            uow.repo(WriteLock).take()  # before any work: another writer waits or fails now
            summary = ImportRun(uow, batch, today, str(path), progress).run()
            summary.not_kept = sorted_counts(Counter(summary.not_kept) + Counter(cleaned))
            summary.dry_run = dry_run
            if not dry_run:
                uow.commit()
    return summary


def company_contact(rec: ImportedPerson) -> None:
    """A company's own card or row is a contact named after the company, with its company set, so
    its e-mails, phones and links are kept like anyone's."""
    if not rec.company:
        rec.company = rec.name


def not_kept_counts(records: list[ImportedPerson]) -> dict[str, int]:
    """How often each thing read was not kept, most frequent first (ties by name)."""
    return sorted_counts(Counter(name for rec in records for name in rec.not_kept))


def sorted_counts(counts: Counter[str]) -> dict[str, int]:
    """Counts most frequent first, ties by name: the order the summary shows."""
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


class ImportRun:
    """One import inside an open unit of work."""

    def __init__(
        self, uow: UnitOfWork, batch: ImportBatch, today: date, file: str, progress: Progress | None
    ) -> None:
        self.uow = uow
        self.repo = uow.repo(ImportRepository)
        self.batch = batch
        self.today = today
        self.progress = progress
        self.summary = ImportSummary(file=file, format=batch.format)
        self.index = IdentityIndex()
        self.pending: list[ImportedPerson] = []  # records of people to create, by temporary id
        self.changed: set[int] = set()
        self.maybe_same: list[tuple[int, ImportedPerson, list[int], str]] = []
        self.renumbered: dict[int, int] = {}
        self.touched: set[int] = set()  # people whose derived columns must be recomputed

    def run(self) -> ImportSummary:
        s = self.summary
        s.skipped = [SkippedItem(x.source_file, x.position, x.reason) for x in self.batch.skipped]
        for pid_person in self.repo.identity_snapshot():
            assert pid_person.id is not None
            self.index.add(pid_person.id, pid_person)
        for rec in self.batch.people:
            if rec.is_organization:
                company_contact(rec)
            self._person(rec)
        self.write_people()
        s.organizations_created = self.repo.organizations_created
        s.not_kept = not_kept_counts(self.batch.people)
        if self.batch.interactions:
            from tiekeeper.services.imports.interactions import import_interactions

            import_interactions(self)
        if self.batch.profile is not None:
            s.profile_updated = self._profile(self.batch.profile)
        if self.touched:
            # Created people got their check-in day from add_people; only the updated ones and
            # those with new interactions can have moved.
            self.uow.bulk.refresh_derived(self.touched)
        return s

    def _know_uids(self) -> None:
        """Index the UIDs tiekeeper's export gives everyone (and those kept from their own
        cards), before the first record that has one: re-importing an export finds everyone,
        people with no e-mail or phone too. A file without UIDs never pays for it."""
        self.index.uids_known = True
        for pid in [i for i in self.index.people if i > 0]:
            self.index.add_uid(person_uid(self.uow.owner_id, pid), pid)
        for pid, uid in self.repo.kept_uids():
            self.index.add_uid(uid, pid)

    def _person(self, rec: ImportedPerson) -> None:
        s = self.summary
        if rec.uid and not self.index.uids_known:
            self._know_uids()
        ids = self.index.match(rec)
        if ids:
            pid = ids[0]
            p = self.index.people[pid]
            if (
                pid > 0
                and rec.uid
                and uid_key(rec.uid) == uid_key(person_uid(self.uow.owner_id, pid))
            ):
                rec = own_card(rec)
            if enrich(p, rec):
                self.index.reindex(pid, p)
                s.updated += 1
                if pid > 0:
                    self.changed.add(pid)
            else:
                s.unchanged += 1
            if len(ids) > 1:
                self.maybe_same.append((pid, rec, ids[1:], "shares an identifier with"))
            return
        key = name_key(rec.name)
        same = self.index.same_key(key)
        if not has_identifier(rec) and any(adds_nothing(self.index.people[i], rec) for i in same):
            s.unchanged += 1  # a record with no identifier, already all there (a re-import)
            return
        tid = self.new_person(rec, key)
        if same:
            self.maybe_same.append((tid, rec, same, "same name as"))

    def new_person(self, rec: ImportedPerson, key: str | None = None) -> int:
        """Queue a person to create (`key`: name_key of the name, if known); returns a
        temporary (negative) id."""
        tid = -(len(self.pending) + 1)
        self.pending.append(rec)
        self.index.add(tid, to_person(rec, self.today), key)
        self.summary.created += 1
        return tid

    def write_people(self) -> None:
        """Create the queued people in bulk and write the changed ones in batches."""
        if self.pending:
            people = [self.index.people[-(i + 1)] for i in range(len(self.pending))]
            self.repo.add_organizations(p.company for p in people if p.company)
            ids = self.uow.bulk.add_people(people)
            self.renumbered = {-(i + 1): real for i, real in enumerate(ids)}
            self.summary.created_people += [(i, p.name) for i, p in zip(ids, people, strict=True)]
            self.index.renumber(self.renumbered)
        ids = sorted(self.changed)
        # The index holds identity views; write complete people with what was enriched.
        whole = self.repo.load(ids)
        self.repo.update_people(
            [carry_over(self.index.people[pid], p) for pid, p in zip(ids, whole, strict=True)]
        )
        self.touched.update(self.changed)
        for tid, rec, others, why in self.maybe_same:
            person = self.index.people[self._real(tid)]
            assert person.id is not None
            matches = sorted({self._real(o) for o in others} - {person.id})
            if matches:
                self.summary.possible_duplicates.append(
                    PossibleDuplicate(
                        person.id, person.name, matches, why, rec.source_file, rec.position
                    )
                )
        self.pending.clear()
        self.maybe_same.clear()
        self.changed.clear()

    @staticmethod
    def skip(item: ImportedInteraction, reason: str) -> SkippedItem:
        """A skip record for an interaction."""
        return SkippedItem(item.source_file, item.position, reason)

    def _real(self, pid: int) -> int:
        return self.renumbered.get(pid, pid)

    def _profile(self, imported: ImportedProfile) -> bool:
        repo = self.uow.repo(ProfileRepository)
        current = repo.get() or {}
        b = imported.birthday
        offered: dict[str, object] = {
            "name": imported.name,
            "headline": imported.headline,
            "location": imported.location,
            "industry": imported.industry,
            "linkedin_url": imported.linkedin_url,
        }
        if b is not None and not current.get("birthday_month"):
            offered.update(birthday_month=b.month, birthday_day=b.day, birthday_year=b.year)
        fill = {k: v for k, v in offered.items() if v not in (None, "") and not current.get(k)}
        if fill or not current:
            repo.upsert(**fill)
        return bool(fill)
