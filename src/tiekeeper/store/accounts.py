"""Accounts and their credentials: password hashes, browser sessions and API tokens.

The other repositories work inside one owner's unit of work; these rows are what decides who the
owner is, so they are read and written per statement on the engine (each call one transaction).
Sessions and tokens are stored as SHA-256 digests only: a stolen database grants no access."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, Table, delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from tiekeeper.domain.errors import Conflict
from tiekeeper.store import tables as t
from tiekeeper.store.calendar_state import as_utc
from tiekeeper.store.ids import add_row, new_block
from tiekeeper.store.tables import new_id

A = t.accounts.c
S = t.account_sessions.c
K = t.api_tokens.c
LAST_USED_STEP = timedelta(minutes=1)


def _owned_tables() -> list[Table]:
    """Every table whose rows belong to an account, parents before children."""
    return [tb for tb in t.metadata.sorted_tables if "owner_id" in tb.c]


@dataclass(frozen=True)
class AccountRow:
    id: int
    name: str
    password_hash: str | None


@dataclass(frozen=True)
class TokenRow:
    id: int
    label: str
    scope: str
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None = None


class AccountStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # --- accounts --------------------------------------------------------------------------
    def create(self, name: str, password_hash: str | None, now: datetime) -> int:
        for _ in range(3):  # another account made at that moment may have drawn the same block
            try:
                with self.engine.begin() as conn:
                    stmt = insert(t.accounts).values(
                        name=name, password_hash=password_hash, created_at=now,
                        id_block=new_block(conn),
                    )  # fmt: skip
                    return new_id(conn, stmt)
            except IntegrityError:
                if self.find(name) is not None:
                    raise Conflict(f"an account named {name!r} exists already") from None
        raise Conflict(f"could not make the account {name!r} just now; try again")

    def find(self, name: str) -> AccountRow | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(A.id, A.name, A.password_hash).where(A.name == name)).first()
        return AccountRow(row[0], row[1], row[2]) if row else None

    def all(self) -> list[AccountRow]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(A.id, A.name, A.password_hash).order_by(A.name))
            return [AccountRow(r[0], r[1], r[2]) for r in rows]

    def owned_rows(self, account_id: int) -> dict[str, int]:
        """How many rows the account owns in each table that has some."""
        counts: dict[str, int] = {}
        with self.engine.connect() as conn:
            for table in _owned_tables():
                q = select(func.count()).select_from(table).where(table.c.owner_id == account_id)
                n = int(conn.execute(q).scalar_one())
                if n:
                    counts[table.name] = n
        return counts

    def delete(self, account_id: int) -> dict[str, int]:
        """Delete the account and every row it owns, in one transaction; the rows deleted per
        table. Each table is emptied of the account's rows, children before parents, rather than
        left to ON DELETE CASCADE: on SQLite that works only while foreign keys are switched on,
        and an orphan row left behind would belong to the next account given the same id (SQLite
        hands out max(id) + 1 again)."""
        gone: dict[str, int] = {}
        with self.engine.begin() as conn:
            for table in reversed(_owned_tables()):
                n = conn.execute(delete(table).where(table.c.owner_id == account_id)).rowcount
                if n:
                    gone[table.name] = int(n)
            conn.execute(delete(t.accounts).where(A.id == account_id))
        return gone

    def set_password(self, account_id: int, password_hash: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(t.accounts).where(A.id == account_id).values(password_hash=password_hash)
            )

    # --- browser sessions ------------------------------------------------------------------
    def add_session(self, owner_id: int, digest: str, now: datetime, expires: datetime) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(t.account_sessions).where(S.expires_at <= now))  # tidy up
            add_row(
                conn,
                t.account_sessions,
                {"owner_id": owner_id, "token_hash": digest, "created_at": now,
                 "expires_at": expires},
            )  # fmt: skip

    def session_owner(self, digest: str, now: datetime) -> int | None:
        with self.engine.connect() as conn:
            found = conn.execute(
                select(S.owner_id).where(S.token_hash == digest, S.expires_at > now)
            ).scalar()
        return None if found is None else int(found)

    def change_password(self, account_id: int, password_hash: str) -> int:
        """Set the password and end every session of the account, at once: a password changed
        because it leaked must not leave the thief logged in. The sessions ended."""
        with self.engine.begin() as conn:
            conn.execute(
                update(t.accounts).where(A.id == account_id).values(password_hash=password_hash)
            )
            gone = conn.execute(delete(t.account_sessions).where(S.owner_id == account_id))
        return int(gone.rowcount)

    def drop_session(self, digest: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(t.account_sessions).where(S.token_hash == digest))

    # --- API tokens ------------------------------------------------------------------------
    def add_token(
        self,
        owner_id: int,
        label: str,
        scope: str,
        digest: str,
        now: datetime,
        expires: datetime | None = None,
    ) -> int:
        values = {"owner_id": owner_id, "label": label, "scope": scope, "token_hash": digest,
                  "created_at": now, "expires_at": expires}  # fmt: skip
        with self.engine.begin() as conn:
            return add_row(conn, t.api_tokens, values)

    def token_owner(self, digest: str, scope: str, now: datetime) -> int | None:
        """The owner of a live (not expired) token of `scope`, noting when it was last used: to
        the minute, so a busy script does not turn every read into a write."""
        with self.engine.connect() as conn:
            found = conn.execute(
                select(K.id, K.owner_id, K.last_used_at).where(
                    K.token_hash == digest,
                    K.scope == scope,
                    or_(K.expires_at.is_(None), K.expires_at > now),
                )
            ).first()
        if found is None:
            return None
        if found[2] is None or now - as_utc(found[2]) >= LAST_USED_STEP:
            with self.engine.begin() as conn:
                conn.execute(update(t.api_tokens).where(K.id == found[0]).values(last_used_at=now))
        return int(found[1])

    def tokens(self, owner_id: int) -> list[TokenRow]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(K.id, K.label, K.scope, K.created_at, K.last_used_at, K.expires_at)
                .where(K.owner_id == owner_id)
                .order_by(K.id)
            )
            return [TokenRow(r[0], r[1], r[2], as_utc(r[3]), _utc(r[4]), _utc(r[5])) for r in rows]

    def revoke_token(self, owner_id: int, token_id: int) -> bool:
        with self.engine.begin() as conn:
            gone = conn.execute(
                delete(t.api_tokens).where(K.owner_id == owner_id, K.id == token_id)
            )
        return bool(gone.rowcount)


def _utc(moment: datetime | None) -> datetime | None:
    return None if moment is None else as_utc(moment)
