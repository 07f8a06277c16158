"""Imported records made to fit the fields (domain/limits.py) before anything is written.

Files are not typed by the user, so nothing here is refused: control characters are taken out and
over-long values cut, and each change is noted in the record's `not_kept` (the import summary's
"not kept: name past 300 characters 1"). An address or link too long to be one is dropped, since
a cut one would point nowhere (and e-mails are identity keys for re-import and merge).
"""

from __future__ import annotations

from dataclasses import fields, replace

from tiekeeper.domain.limits import clean, limit
from tiekeeper.domain.model import PostalAddress, name_key
from tiekeeper.interchange.records import (
    ImportBatch,
    ImportedInteraction,
    ImportedPerson,
    ImportedProfile,
)

_PERSON_TEXT = (
    ("name", "name"),
    ("company", "company"),
    ("position_title", "position"),
    ("location", "location"),
    ("notes", "note"),
)
# Dropped, not cut, when too long: a cut address or URL is a wrong one.
_PERSON_LISTS = (("emails", "email", True), ("links", "link", True), ("phones", "phone", False),
                 ("tags", "tag", False))  # fmt: skip
_ADDRESS_PARTS = {"kind": "address-kind", "po_box": "po-box"}


def fit_person(rec: ImportedPerson) -> None:
    """Make one imported person fit every field; what changed goes to `rec.not_kept`."""
    for attr, field in _PERSON_TEXT:
        value = getattr(rec, attr)
        if value:
            fitted, notes = clean(field, value)
            if notes:
                setattr(rec, attr, fitted.strip() if attr != "notes" else fitted)
                rec.not_kept += notes
    while len(name_key(rec.name)) > limit("name"):  # casefold lengthens: "ß" -> "ss"
        rec.name = rec.name[: len(rec.name) - (len(name_key(rec.name)) - limit("name") + 1) // 2]
        if "name past 300 characters" not in rec.not_kept:
            rec.not_kept.append(f"name past {limit('name')} characters")
    if not rec.name.strip():
        rec.name = "(no name)" if not rec.company else rec.company
    if rec.linkedin_url and len(rec.linkedin_url) > limit("linkedin"):
        rec.linkedin_url = None
        rec.not_kept.append(f"linkedin past {limit('linkedin')} characters")
    for attr, field, drop_long in _PERSON_LISTS:
        setattr(rec, attr, _fit_list(rec, field, getattr(rec, attr), drop_long))
    if rec.addresses:
        rec.addresses = [_fit_address(rec, a) for a in rec.addresses]
    if rec.card_props:
        rec.card_props = [_fit_card_prop(rec, name, line) for name, line in rec.card_props]


def _fit_list(rec: ImportedPerson, field: str, values: list[str], drop_long: bool) -> list[str]:
    kept: list[str] = []
    for value in values:
        if drop_long and len(value) > limit(field):
            rec.not_kept.append(f"{field} past {limit(field)} characters")
            continue
        fitted, notes = clean(field, value)
        rec.not_kept += notes
        if fitted.strip():
            kept.append(fitted.strip() if notes else fitted)
    return kept


def _fit_address(rec: ImportedPerson, address: PostalAddress) -> PostalAddress:
    changes: dict[str, str] = {}
    for f in fields(address):
        value = getattr(address, f.name)
        if isinstance(value, str) and value:
            fitted, notes = clean(_ADDRESS_PARTS.get(f.name, f.name), value)
            if notes:
                changes[f.name] = fitted
                rec.not_kept += notes
    return replace(address, **changes) if changes else address


def _fit_card_prop(rec: ImportedPerson, name: str, line: str) -> tuple[str, str]:
    fitted_name, notes = clean("card-property", name)
    fitted_line, line_notes = clean("card-line", line)
    rec.not_kept += notes + line_notes
    return fitted_name, fitted_line


def fit_interaction(item: ImportedInteraction) -> list[str]:
    """Make an imported message or invitation fit (its summary and the names it gives); what
    changed, as "not kept" notes."""
    item.summary, notes = clean("summary", item.summary)
    for i, ref in enumerate(item.people):
        name, name_notes = clean("name", ref.name)
        if name_notes:
            item.people[i] = replace(ref, name=name)
            notes += name_notes
    return [f"message {note}" for note in notes]


def _fit_profile(p: ImportedProfile, notes: list[str]) -> ImportedProfile:
    def fitted(field: str, value: str | None) -> str | None:
        if not value:
            return value
        kept, changed = clean(field, value)
        notes.extend(f"profile {note}" for note in changed)
        return kept

    linkedin = p.linkedin_url
    if linkedin and len(linkedin) > limit("linkedin"):
        notes.append(f"profile linkedin past {limit('linkedin')} characters")
        linkedin = None
    return replace(
        p,
        name=fitted("name", p.name) or "",
        headline=fitted("headline", p.headline),
        location=fitted("location", p.location),
        industry=fitted("industry", p.industry),
        linkedin_url=linkedin,
    )


def fit_batch(batch: ImportBatch) -> list[str]:
    """Make every record of an import fit its fields (call once, before any is matched). The
    people's changes go to their own `not_kept`; those to messages and the profile are returned,
    so the summary names them too."""
    for rec in batch.people:
        fit_person(rec)
    notes = [note for item in batch.interactions for note in fit_interaction(item)]
    if batch.profile is not None:
        batch.profile = _fit_profile(batch.profile, notes)
    return notes
