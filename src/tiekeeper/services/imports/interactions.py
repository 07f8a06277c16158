"""The interaction half of an import: LinkedIn messages and invitations become interactions with
the people they name, each logged once however often the export is imported."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tiekeeper.domain.model import Interaction
from tiekeeper.interchange.records import (
    ImportedContactRef,
    ImportedInteraction,
    ImportedPerson,
    normalize_linkedin_url,
)
from tiekeeper.services.imports.identity import IdentityIndex

if TYPE_CHECKING:
    from tiekeeper.services.imports.contacts import ImportRun


def _lookup(index: IdentityIndex, ref: ImportedContactRef) -> list[int]:
    """Ids for a participant: by profile URL, else by name (a name may match several)."""
    url = normalize_linkedin_url(ref.linkedin_url)
    if url:
        return [index.by_url[url]] if url in index.by_url else []
    return index.same_name(ref.name)


def _create_missing(run: ImportRun) -> None:
    """People who appear only in messages or invitations (not connections) are created."""
    queued: set[str] = set()
    for ix in run.batch.interactions:
        for ref in ix.people:
            key = normalize_linkedin_url(ref.linkedin_url) or "name:" + ref.name.casefold()
            if key in queued or _lookup(run.index, ref) or not ref.name.strip():
                continue
            queued.add(key)
            rec = ImportedPerson(
                ix.position, ix.source_file, ref.name, linkedin_url=ref.linkedin_url
            )
            same = run.index.same_name(ref.name)
            tid = run.new_person(rec)
            if same:
                run.maybe_same.append((tid, rec, same, "same name as"))


def _people_of(run: ImportRun, ix: ImportedInteraction) -> list[int] | None:
    """The person ids of an interaction, or None (and a skip) when a name is ambiguous."""
    ids: list[int] = []
    for ref in ix.people:
        found = _lookup(run.index, ref)
        if len(found) != 1:
            reason = f"{len(found)} people are named {ref.name!r}; log it by hand"
            run.summary.skipped.append(run.skip(ix, reason))
            return None
        ids.append(found[0])
    return list(dict.fromkeys(ids))


def import_interactions(run: ImportRun) -> None:
    """Add the batch's interactions that are not already logged (same day, channel, people and
    summary), creating the people they name when needed."""
    batch, s = run.batch, run.summary
    _create_missing(run)
    run.write_people()
    days = [ix.occurred_on for ix in batch.interactions]
    channels = sorted({ix.channel for ix in batch.interactions})
    seen = run.repo.interaction_keys(channels, min(days), max(days))
    new: list[Interaction] = []
    for ix in batch.interactions:
        ids = _people_of(run, ix)
        if ids is None:
            s.interactions_skipped += 1
            continue
        summary = ix.summary or None
        key = (ix.occurred_on, ix.channel, frozenset(ids), summary)
        if key in seen:
            s.interactions_skipped += 1
            continue
        seen.add(key)
        new.append(Interaction(ix.occurred_on, ids, ix.channel, ix.initiated_by, summary))
    if not new:
        return
    names = {pid: run.index.people[pid].name for ix in new for pid in ix.person_ids}
    total = len(new)
    progress = run.progress
    report = (lambda done: progress("writing", done, total)) if progress else None
    s.interactions_created = run.uow.bulk.add_interactions(new, names, report)
    run.touched.update(pid for ix in new for pid in ix.person_ids)
