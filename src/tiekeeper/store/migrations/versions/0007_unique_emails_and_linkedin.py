"""one person per e-mail and per LinkedIn URL, kept by unique indexes

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 10:00:00

Until now only the services refused a taken e-mail or LinkedIn URL, one request at a time: two
requests at the same moment both got in. The database keeps the rule from here on. A home may
already hold such duplicates; the upgrade then keeps each value on the person who had it first
(lowest id), takes it from the others and writes on each of them a line in their notes saying
which value went to whom and how to merge them. Nothing is lost (the value stays in the notes),
and the warning names them all. E-mails are stored lower-cased without spaces (what add, edit
and import write); older rows are brought to that form first, so the index sees what
`ids_by_email` compares.
"""

from __future__ import annotations

import logging
from collections import defaultdict

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

log = logging.getLogger("tiekeeper")

emails = sa.table(
    "person_emails",
    sa.column("id", sa.Integer),
    sa.column("owner_id", sa.Integer),
    sa.column("person_id", sa.Integer),
    sa.column("email", sa.String),
)
people = sa.table(
    "people",
    sa.column("id", sa.Integer),
    sa.column("owner_id", sa.Integer),
    sa.column("linkedin_url", sa.String),
    sa.column("notes", sa.Text),
)


def _note(what: str, value: str, keeper: int, person: int) -> str:
    return (
        f"{what} {value} was also #{keeper}'s when tiekeeper made {what.lower()}s unique; it "
        f"stays with #{keeper}. If they are one person: tiekeeper merge {keeper} {person}"
    )


def _add_notes(conn: sa.Connection, lines: dict[int, list[str]]) -> None:
    for pid, added in lines.items():
        old = conn.execute(sa.select(people.c.notes).where(people.c.id == pid)).scalar()
        notes = "\n".join([old, *added] if old else added)
        conn.execute(sa.update(people).where(people.c.id == pid).values(notes=notes))


def _normalise_emails(conn: sa.Connection) -> None:
    # In Python, not SQL: SQLite's lower() folds ASCII only, and add/edit/import use str.lower.
    rows = conn.execute(sa.select(emails.c.id, emails.c.email)).all()
    changed = [{"rid": i, "value": e.strip().lower()} for i, e in rows if e != e.strip().lower()]
    if changed:
        stmt = sa.update(emails).where(emails.c.id == sa.bindparam("rid"))
        conn.execute(stmt.values(email=sa.bindparam("value")), changed)


def _split_email_duplicates(conn: sa.Connection, notes: dict[int, list[str]]) -> list[str]:
    """Keep each (owner, e-mail) on its lowest person id; returns what was taken from whom."""
    e = emails.c
    q = sa.select(e.id, e.owner_id, e.person_id, e.email).order_by(
        e.owner_id, e.email, e.person_id, e.id
    )
    keeper: dict[tuple[int, str], int] = {}
    had: set[tuple[int, str]] = set()  # (person, e-mail) rows met so far
    gone: list[int] = []
    report: list[str] = []
    for rid, owner, pid, email in conn.execute(q).all():
        first = keeper.setdefault((owner, email), pid)
        again = (pid, email) in had
        had.add((pid, email))
        if first == pid and not again:
            continue  # the row that keeps the value
        gone.append(rid)  # a second row of one person is the same value: nothing to keep
        if first != pid and not again:
            notes[pid].append(_note("E-mail", email, first, pid))
            report.append(f"e-mail {email}: kept on #{first}, taken from #{pid}")
    for i in range(0, len(gone), 500):
        conn.execute(sa.delete(emails).where(e.id.in_(gone[i : i + 500])))
    return report


def _split_linkedin_duplicates(conn: sa.Connection, notes: dict[int, list[str]]) -> list[str]:
    """Keep each (owner, LinkedIn URL) on its lowest person id; returns what was taken."""
    p = people.c
    q = (
        sa.select(p.id, p.owner_id, p.linkedin_url)
        .where(p.linkedin_url.is_not(None))
        .order_by(p.owner_id, p.linkedin_url, p.id)
    )
    keeper: dict[tuple[int, str], int] = {}
    gone: list[int] = []
    report: list[str] = []
    for pid, owner, url in conn.execute(q).all():
        first = keeper.setdefault((owner, url), pid)
        if first != pid:
            gone.append(pid)
            notes[pid].append(_note("LinkedIn URL", url, first, pid))
            report.append(f"LinkedIn URL {url}: kept on #{first}, taken from #{pid}")
    for i in range(0, len(gone), 500):
        conn.execute(sa.update(people).where(p.id.in_(gone[i : i + 500])).values(linkedin_url=None))
    return report


def upgrade() -> None:
    conn = op.get_bind()
    _normalise_emails(conn)
    notes: dict[int, list[str]] = defaultdict(list)
    report = _split_email_duplicates(conn, notes) + _split_linkedin_duplicates(conn, notes)
    _add_notes(conn, notes)
    if report:
        log.warning(
            "%d e-mails or LinkedIn URLs belonged to more than one person; each stays with "
            "the first and a line in the others' notes says so (merge them if they are one "
            "person): %s",
            len(report),
            "; ".join(report),
        )
    op.drop_index("ix_person_emails_owner_email", table_name="person_emails")
    op.create_index(
        "uq_person_emails_owner_email", "person_emails", ["owner_id", "email"], unique=True
    )
    op.drop_index("ix_people_owner_linkedin", table_name="people")
    op.create_index("uq_people_owner_linkedin", "people", ["owner_id", "linkedin_url"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_people_owner_linkedin", table_name="people")
    op.create_index("ix_people_owner_linkedin", "people", ["owner_id", "linkedin_url"])
    op.drop_index("uq_person_emails_owner_email", table_name="person_emails")
    op.create_index("ix_person_emails_owner_email", "person_emails", ["owner_id", "email"])
