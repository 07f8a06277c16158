"""What the migrations did to homes, done to a backup made before them, so that every backup
restores (issue 9: "never make a backup that restore refuses").

Revision 0007 made e-mails and LinkedIn URLs unique per account; a home that held duplicates
kept each value on the person who had it first (lowest id) and wrote on the others a note of
what went to whom. A backup made before 0007 may hold the same duplicates: they are treated the
same way here, on the rows, before they are loaded."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

UNIQUE_KEYS = "0007"  # the revision that made e-mails and LinkedIn URLs unique

Rows = dict[str, list[dict[str, Any]]]


def note(what: str, value: str, keeper: str, person: str) -> str:
    """The line a person gets when a value of theirs stays with someone else: 0007's, by name
    (a restore into another account gives the people new ids)."""
    return (
        f"{what} {value} was also {keeper}'s when tiekeeper made {what.lower()}s unique; it "
        f"stays with {keeper}. If they are one person: tiekeeper merge {keeper!r} {person!r}"
    )


def upgrade(rows: Rows, schema: str) -> list[str]:
    """Bring `rows` of a backup made with `schema` up to today's rules; what was changed, one
    line each (empty for a backup as new as the rules)."""
    if schema >= UNIQUE_KEYS:
        return []
    notes: dict[int, list[str]] = defaultdict(list)
    names = {p["id"]: p["name"] for p in rows.get("people", [])}
    report = _unique_emails(rows, notes, names) + _unique_linkedin(rows, notes, names)
    for person in rows.get("people", []):
        added = notes.get(person["id"])
        if added:
            person["notes"] = "\n".join([person["notes"], *added] if person["notes"] else added)
    return report


def _unique_emails(rows: Rows, notes: dict[int, list[str]], names: dict[int, str]) -> list[str]:
    keeper: dict[str, int] = {}
    kept: list[dict[str, Any]] = []
    report: list[str] = []
    had: set[tuple[int, str]] = set()
    for row in sorted(rows.get("person_emails", []), key=lambda r: (r["person_id"], r["id"])):
        email = row["email"].strip().lower()  # what add, edit and import store
        pid = row["person_id"]
        first = keeper.setdefault(email, pid)
        if (pid, email) in had:
            continue  # the same value twice on one person: nothing to keep
        had.add((pid, email))
        if first == pid:
            kept.append({**row, "email": email})
        else:
            notes[pid].append(note("E-mail", email, names[first], names[pid]))
            report.append(f"e-mail {email}: kept on {names[first]}, taken from {names[pid]}")
    if "person_emails" in rows:
        rows["person_emails"] = sorted(kept, key=lambda r: r["id"])
    return report


def _unique_linkedin(rows: Rows, notes: dict[int, list[str]], names: dict[int, str]) -> list[str]:
    keeper: dict[str, int] = {}
    report: list[str] = []
    for person in sorted(rows.get("people", []), key=lambda r: r["id"]):
        url = person.get("linkedin_url")
        if not url:
            continue
        first = keeper.setdefault(url, person["id"])
        if first != person["id"]:
            person["linkedin_url"] = None
            taken = person["name"]
            notes[person["id"]].append(note("LinkedIn URL", url, names[first], taken))
            report.append(f"LinkedIn URL {url}: kept on {names[first]}, taken from {taken}")
    return report
