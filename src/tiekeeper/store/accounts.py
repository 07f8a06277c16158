"""Accounts and their credentials: password hashes, browser sessions and API tokens.

The other repositories work inside one owner's unit of work; these rows are what decides who the
owner is, so they are read and written per statement on the engine (each call one transaction).
Sessions and tokens are stored as SHA-256 digests only: a stolen database grants no access."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from tiekeeper.domain.errors import Conflict
from tiekeeper.store import tables as t
from tiekeeper.store.tables import new_id

A = t.accounts.c
S = t.account_sessions.c
K = t.api_tokens.c


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


class AccountStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # --- accounts --------------------------------------------------------------------------
    def create(self, name: str, password_hash: str | None, now: datetime) -> int:
        stmt = insert(t.accounts).values(name=name, password_hash=password_hash, created_at=now)
        try:
            with self.engine.begin() as conn:
                return new_id(conn, stmt)
        except IntegrityError:
            raise Conflict(f"an account named {name!r} exists already") from None

    def find(self, name: str) -> AccountRow | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(A.id, A.name, A.password_hash).where(A.name == name)).first()
        return AccountRow(row[0], row[1], row[2]) if row else None

    def all(self) -> list[AccountRow]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(A.id, A.name, A.password_hash).order_by(A.name))
            return [AccountRow(r[0], r[1], r[2]) for r in rows]

    def set_password(self, account_id: int, password_hash: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(t.accounts).where(A.id == account_id).values(password_hash=password_hash)
            )

    # --- browser sessions ------------------------------------------------------------------
    def add_session(self, owner_id: int, digest: str, now: datetime, expires: datetime) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(t.account_sessions).where(S.expires_at <= now))  # tidy up
            conn.execute(
                insert(t.account_sessions).values(
                    owner_id=owner_id, token_hash=digest, created_at=now, expires_at=expires
                )
            )

    def session_owner(self, digest: str, now: datetime) -> int | None:
        with self.engine.connect() as conn:
            found = conn.execute(
                select(S.owner_id).where(S.token_hash == digest, S.expires_at > now)
            ).scalar()
        return None if found is None else int(found)

    def drop_session(self, digest: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(t.account_sessions).where(S.token_hash == digest))

    # --- API tokens ------------------------------------------------------------------------
    def add_token(self, owner_id: int, label: str, scope: str, digest: str, now: datetime) -> int:
        stmt = insert(t.api_tokens).values(
            owner_id=owner_id, label=label, scope=scope, token_hash=digest, created_at=now
        )
        with self.engine.begin() as conn:
            return new_id(conn, stmt)

    def token_owner(self, digest: str, scope: str, now: datetime) -> int | None:
        """The owner of a live token of `scope` (and note when it was last used)."""
        with self.engine.begin() as conn:
            found = conn.execute(
                select(K.id, K.owner_id).where(K.token_hash == digest, K.scope == scope)
            ).first()
            if found is None:
                return None
            conn.execute(update(t.api_tokens).where(K.id == found[0]).values(last_used_at=now))
        return int(found[1])

    def tokens(self, owner_id: int) -> list[TokenRow]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(K.id, K.label, K.scope, K.created_at, K.last_used_at)
                .where(K.owner_id == owner_id)
                .order_by(K.id)
            )
            return [TokenRow(r[0], r[1], r[2], r[3], r[4]) for r in rows]

    def revoke_token(self, owner_id: int, token_id: int) -> bool:
        with self.engine.begin() as conn:
            gone = conn.execute(
                delete(t.api_tokens).where(K.owner_id == owner_id, K.id == token_id)
            )
        return bool(gone.rowcount)
