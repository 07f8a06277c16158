"""JSON shapes of the export and restore commands (stable keys, documented in docs/json.md)."""

from __future__ import annotations

from typing import Any

from tiekeeper.services.backup import Restored
from tiekeeper.services.exporting import Export


def export_dict(result: Export, output: str) -> dict[str, Any]:
    """What an export to a file wrote."""
    return {
        "format": result.format,
        "media_type": result.media_type,
        "output": output,
        "bytes": len(result.data),
        "items": result.items,
        "changed_events": result.changed,
    }


def restored_dict(result: Restored) -> dict[str, Any]:
    """What a restore put back."""
    return {
        "file": result.file,
        "people": result.people,
        "rows": sum(result.tables.values()),
        "tables": dict(sorted(result.tables.items())),
        "changed": result.changed,
    }
