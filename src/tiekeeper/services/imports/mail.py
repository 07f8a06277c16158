"""Import conversations from e-mail headers (an mbox, a Gmail Takeout zip, .eml files, a Maildir,
an IMAP mailbox): one interaction per person in tiekeeper per thread per day, in one transaction.
Addresses that are no person yet are kept as correspondence for `tiekeeper suggest`."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path

from tiekeeper.domain import limits
from tiekeeper.domain.errors import InvalidInput
from tiekeeper.domain.model import Interaction
from tiekeeper.interchange.imap_in import is_imap_url, parse_imap_url, read_imap
from tiekeeper.interchange.mail_in import MailHeaders, read_mail
from tiekeeper.services.gc_pause import cyclic_gc_paused
from tiekeeper.services.imports.contacts import SkippedItem
from tiekeeper.services.imports.mail_threads import MailDigest, Touch
from tiekeeper.services.my_addresses import my_addresses
from tiekeeper.store.correspondence import CorrespondenceRepository
from tiekeeper.store.import_keys import ImportedKey, ImportKeyRepository, fingerprint
from tiekeeper.store.interaction_edits import InteractionEdits
from tiekeeper.store.interactions import search_doc
from tiekeeper.store.uow import UnitOfWork
from tiekeeper.store.write_lock import WriteLock

Progress = Callable[[str, int, int], None]  # (phase, done, total)
SOURCE = "mail"
FUTURE = "dated after today"


@dataclass
class MailImportSummary:
    """What a mail import did (or, with dry_run, would do)."""

    source: str
    dry_run: bool = False
    messages: int = 0
    with_people: int = 0  # conversations with people already in tiekeeper
    interactions_created: int = 0
    interactions_updated: int = 0  # an earlier import's, not edited since: who began, subject
    already_imported: int = 0
    already_logged: int = 0  # an e-mail with them that day was logged by hand
    kept_edited: int = 0  # you changed it since and this import would too: left as you made it
    kept_deleted: int = 0  # you deleted it: not brought back
    correspondence_added: int = 0  # letters with addresses that are no person yet
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> messages
    problems: list[SkippedItem] = field(default_factory=list)


def _headers(source: str, password: str | None, progress: Progress | None) -> Iterator[MailHeaders]:
    reading = (lambda done, total: progress("reading", done, total)) if progress else None
    if is_imap_url(source):
        url = parse_imap_url(source)
        if password is None:
            raise InvalidInput("no password given (TIEKEEPER_IMAP_PASSWORD)", file=url.shown)
        return read_imap(url, password, reading)
    return read_mail(Path(source), reading)


def shown_source(source: str) -> str:
    """The source as summaries name it (an IMAP URL in its canonical form, never a password)."""
    return parse_imap_url(source).shown if is_imap_url(source) else source


def import_mail(
    uow: UnitOfWork,
    source: str,
    today: date,
    *,
    subjects: bool = False,
    dry_run: bool = False,
    password: str | None = None,
    progress: Progress | None = None,
    tz: tzinfo | None = None,
) -> MailImportSummary:
    """Read the headers at `source` (a path or an imap:// URL) and log the conversations with
    people in tiekeeper; the subject becomes the summary only with `subjects`. All or nothing:
    a mailbox that cannot be read raises InvalidInput naming the file and message, and nothing
    is written."""
    summary = MailImportSummary(shown_source(source), dry_run)
    headers = _headers(source, password, progress)
    with cyclic_gc_paused(), uow:
        uow.repo(WriteLock).take()
        mine = my_addresses(uow)
        if not mine:
            raise InvalidInput(
                "tiekeeper does not know your own address, so it cannot tell what you wrote; "
                "set it with `tiekeeper me --email you@example.com`",
                field="me --email",
            )
        digest = MailDigest(mine, uow.repo(CorrespondenceRepository).person_ids_by_email(), tz)
        future = 0
        for h in headers:
            if h.sent_at is not None and h.sent_at.astimezone(tz).date() > today:
                digest.messages += 1
                future += 1
                continue
            digest.add(h)
        _count(summary, digest, future)
        _MailWrite(uow, digest, summary, subjects, progress).run()
        if not dry_run:
            uow.commit()
    return summary


def _count(summary: MailImportSummary, digest: MailDigest, future: int) -> None:
    summary.messages = digest.messages
    summary.with_people = digest.with_people
    counts = Counter(digest.skipped)
    if future:
        counts[FUTURE] = future
    summary.skipped = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    summary.problems = [SkippedItem(f, p, why) for f, p, why in digest.problems]


def import_key(touch: Touch, email: str) -> str:
    """thread-day-person: the thread as a digest (Message-IDs can be long), the day, the
    address the person wrote from or to (an address stays with a person across merges)."""
    thread = hashlib.sha256(touch.thread.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return f"{thread}/{touch.day.isoformat()}/{email}"


CHUNK = 900  # ids per read: under SQLite's old 999-variable limit


def _as(ix: Interaction, prior: ImportedKey) -> Interaction:
    return Interaction(ix.occurred_on, ix.person_ids, ix.channel, ix.initiated_by, ix.summary,
                       id=prior.interaction_id)  # fmt: skip


class _MailWrite:
    """The writing half, inside the import's unit of work."""

    def __init__(
        self,
        uow: UnitOfWork,
        digest: MailDigest,
        summary: MailImportSummary,
        subjects: bool,
        progress: Progress | None,
    ) -> None:
        self.uow, self.digest, self.summary = uow, digest, summary
        self.subjects, self.progress = subjects, progress
        self.keys = uow.repo(ImportKeyRepository)

    def run(self) -> None:
        touches = list(self.digest.touches.values())
        candidates = {import_key(tc, e) for tc in touches for e in tc.emails}
        known = self.keys.lookup(SOURCE, candidates)
        logged = self._logged_by_hand(touches)
        new: list[tuple[str, Interaction]] = []
        changing: list[tuple[str, Interaction, ImportedKey]] = []
        for tc in touches:
            ix = self._interaction(tc)
            found = sorted(k for e in tc.emails if (k := import_key(tc, e)) in known)
            if not found:
                if (tc.day, tc.person_id) in logged:
                    self.summary.already_logged += 1
                else:
                    new.append((import_key(tc, min(tc.emails)), ix))
            elif (prior := known[found[0]]).interaction_id is None:
                self.summary.kept_deleted += 1
            elif fingerprint(_as(ix, prior)) == prior.fingerprint:
                self.summary.already_imported += 1  # what was written is what would be
            else:
                changing.append((found[0], ix, prior))
        # Only an import that would change an interaction needs to know whether the user did.
        edited = self.keys.edited({k: p for k, _, p in changing})
        self.summary.kept_edited += sum(1 for k, _, _ in changing if k in edited)
        again = [(k, ix, p) for k, ix, p in changing if k not in edited]
        self._create(new)
        self._refresh(again)
        self.summary.correspondence_added = self.uow.repo(CorrespondenceRepository).add(
            list(self.digest.letters.values())
        )

    def _interaction(self, tc: Touch) -> Interaction:
        summary = None
        if self.subjects and tc.subject:
            summary = limits.clean("summary", tc.subject)[0]
        initiator = self.digest.starts[tc.thread].initiator
        return Interaction(tc.day, [tc.person_id], "email", initiator, summary)

    def _logged_by_hand(self, touches: list[Touch]) -> set[tuple[date, int]]:
        if not touches:
            return set()
        days = [tc.day for tc in touches]
        return self.uow.repo(CorrespondenceRepository).hand_logged(min(days), max(days))

    def _create(self, new: list[tuple[str, Interaction]]) -> None:
        if not new:
            return
        people = {pid for _, ix in new for pid in ix.person_ids}
        names = self.uow.people.names(people)
        total = len(new)
        progress = self.progress
        report = (lambda done: progress("writing", done, total)) if progress else None
        created = self.uow.bulk.add_interactions([ix for _, ix in new], names, report)
        self.summary.interactions_created = created
        at = datetime.now(UTC)
        self.keys.record(SOURCE, {k: ImportedKey(ix.id, fingerprint(ix)) for k, ix in new}, at)
        self.uow.bulk.refresh_derived(people)

    def _refresh(self, again: list[tuple[str, Interaction, ImportedKey]]) -> None:
        """An earlier import's interaction, untouched since, learns what this import knows
        better (who began the thread, a subject asked for now); a subject is never taken away."""
        ids = [p.interaction_id for _, _, p in again if p.interaction_id is not None]
        current = {}
        for i in range(0, len(ids), CHUNK):
            current.update({ix.id: ix for ix in self.uow.interactions.load(ids[i : i + CHUNK])})
        changed: dict[str, ImportedKey] = {}
        for key, fresh, prior in again:
            old = current.get(prior.interaction_id)
            if old is None:
                continue
            better = Interaction(old.occurred_on, old.person_ids, old.channel,
                                 fresh.initiated_by, fresh.summary or old.summary,
                                 old.topics, old.favours, id=old.id)  # fmt: skip
            if fingerprint(better) == fingerprint(old):
                self.summary.already_imported += 1
                continue
            self.uow.repo(InteractionEdits).update(better)
            assert better.id is not None
            self.uow.search.remove("interaction", better.id)
            names = self.uow.people.names(better.person_ids)
            self.uow.search.put_many("interaction", [search_doc(better, names)])
            changed[key] = ImportedKey(better.id, fingerprint(better))
            self.summary.interactions_updated += 1
        if changed:
            self.keys.record(SOURCE, changed, datetime.now(UTC))
