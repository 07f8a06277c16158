"""The complete, versioned JSON backup and its restore into an empty home."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from tiekeeper.domain.errors import Conflict, InvalidInput
from tiekeeper.services import older_backups
from tiekeeper.store.backup import BackupRepository, decode_tables, rebuild_search
from tiekeeper.store.schema_head import SCHEMA_HEAD
from tiekeeper.store.uow import UnitOfWork
from tiekeeper.store.write_lock import WriteLock

FORMAT = "tiekeeper-backup"
VERSION = 1


@dataclass(frozen=True)
class Restored:
    """What a restore put back: rows per table."""

    file: str
    tables: dict[str, int]
    # what a backup made before today's rules needed to restore (services/older_backups.py)
    changed: list[str] = field(default_factory=list)

    @property
    def people(self) -> int:
        return self.tables.get("people", 0)


def backup_json(uow: UnitOfWork) -> tuple[bytes, int]:
    """Every row the owner has as deterministic JSON (same data, same bytes); and the row count."""
    with uow:
        tables = uow.repo(BackupRepository).dump()
    doc = {"format": FORMAT, "version": VERSION, "schema": SCHEMA_HEAD, "tables": tables}
    text = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    return text.encode("utf-8"), sum(len(rows) for rows in tables.values())


def _parse(data: bytes, file: str) -> dict[str, Any]:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInput(f"this is not a JSON backup ({exc})", file=file) from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise InvalidInput(f"not a {FORMAT} file", file=file, field="format")
    if doc.get("version") != VERSION:
        raise InvalidInput(
            f"version {doc.get('version')!r} is not supported (this tiekeeper reads {VERSION})",
            file=file,
            field="version",
        )
    schema = doc.get("schema")
    # Older revisions are fine when their tables read the same (decode_tables checks every
    # column); a newer one was written by a newer tiekeeper and may hold what this one drops.
    if not isinstance(schema, str) or not schema.isdigit() or not "0001" <= schema <= SCHEMA_HEAD:
        raise InvalidInput(
            f"made with schema {schema!r}; this tiekeeper reads 0001 to {SCHEMA_HEAD}",
            file=file,
            field="schema",
        )
    if not isinstance(doc.get("tables"), dict):
        raise InvalidInput("missing the tables", file=file, field="tables")
    return doc


def restore_backup(uow: UnitOfWork, data: bytes, file: str) -> Restored:
    """Load a backup into an empty home in one transaction; search and derived data rebuilt."""
    doc = _parse(data, file)
    rows = decode_tables(doc["tables"], file)
    changed = older_backups.upgrade(rows, doc["schema"])
    with uow:
        uow.repo(WriteLock).take()  # a second writer waits or fails now, not half way through
        repo = uow.repo(BackupRepository)
        present = repo.counts()
        if present:
            what = ", ".join(f"{n} {name}" for name, n in present.items())
            raise Conflict(f"this home is not empty ({what}); restore only into an empty home")
        repo.load(rows, file)
        rebuild_search(uow.people)
        uow.bulk.refresh_all_derived()
        uow.commit()
    return Restored(file, {name: len(r) for name, r in rows.items() if r}, changed)
