"""JSON shape (stable keys) of a calendar import's summary."""

from __future__ import annotations

from typing import Any

from tiekeeper.services.imports.calendar import CalendarSummary


def calendar_summary_dict(s: CalendarSummary) -> dict[str, Any]:
    """A calendar import summary."""
    return {
        "file": s.file,
        "format": s.format,
        "dry_run": s.dry_run,
        "files": s.files,
        "events": s.events,
        "occurrences": s.occurrences,
        "interactions_created": s.interactions_created,
        "interactions_updated": s.interactions_updated,
        "unchanged": s.unchanged,
        "kept_edited": s.kept_edited,
        "kept_deleted": s.kept_deleted,
        "meetings_planned": s.meetings_planned,
        "skipped_count": s.skipped_count,
        "skipped_reasons": s.skipped_reasons,
        "skipped": [
            {"file": x.file, "position": x.position, "reason": x.reason} for x in s.skipped
        ],
        "not_in_tiekeeper": s.not_in_tiekeeper,
        "knows_your_addresses": s.knows_your_addresses,
    }
