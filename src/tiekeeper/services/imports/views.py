"""JSON shapes (stable keys) of imports, duplicate pairs and merges."""

from __future__ import annotations

from typing import Any

from tiekeeper.domain.model import Person
from tiekeeper.services.duplicates import DuplicatePair
from tiekeeper.services.imports.contacts import ImportSummary
from tiekeeper.services.merging import MergePlan, MergeResult


def summary_dict(s: ImportSummary) -> dict[str, Any]:
    """An import summary."""
    return {
        "file": s.file,
        "format": s.format,
        "dry_run": s.dry_run,
        "created": s.created,
        "updated": s.updated,
        "unchanged": s.unchanged,
        "organizations_created": s.organizations_created,
        "skipped_count": len(s.skipped),
        "skipped": [
            {"file": x.file, "position": x.position, "reason": x.reason} for x in s.skipped
        ],
        "interactions_created": s.interactions_created,
        "interactions_skipped": s.interactions_skipped,
        "possible_duplicates": [
            {
                "person_id": d.person_id,
                "name": d.name,
                "matches": d.matches,
                "reason": d.reason,
                "file": d.file,
                "position": d.position,
            }
            for d in s.possible_duplicates
        ],
        "profile_updated": s.profile_updated,
        "not_kept": s.not_kept,
    }


def _brief(p: Person) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "company": p.company,
        "emails": p.emails,
        "linkedin_url": p.linkedin_url,
    }


def pair_dict(pair: DuplicatePair) -> dict[str, Any]:
    """A likely duplicate pair."""
    return {
        "a": _brief(pair.a),
        "b": _brief(pair.b),
        "score": pair.score,
        "name_score": pair.name_score,
        "evidence": pair.evidence,
    }


def merge_dict(result: MergeResult) -> dict[str, Any]:
    """The outcome of a merge."""
    p = result.person
    return {
        "kept": _brief(p) | {"phones": p.phones, "links": p.links, "tags": p.tags},
        "merged_id": result.merged_id,
        "merged_name": result.merged_name,
        "trash_id": result.trash_id,
    }


def merge_plan_dict(plan: MergePlan) -> dict[str, Any]:
    """What a merge would do (`merge --dry-run --json`)."""
    return {
        "keep": _brief(plan.keep),
        "other": _brief(plan.other),
        "interactions": plan.interactions,
        "follow_ups": plan.follow_ups,
        "gained": plan.gained,
    }
