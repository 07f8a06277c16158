"""Secrets the server keeps for itself (the key that signs form tokens), in the database so
that every worker and every restart signs and checks alike."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError

from tiekeeper.store import tables as t

X = t.server_secrets.c


def server_secret(engine: Engine, name: str, now: datetime) -> bytes:
    """The secret called `name`, made (256 random bits) the first time it is asked for; two
    workers asking at once both end up with the one that was stored first."""
    with engine.begin() as conn:
        found = conn.execute(select(X.value).where(X.name == name)).scalar()
        if found is not None:
            return bytes.fromhex(found)
    value = secrets.token_hex(32)
    try:
        with engine.begin() as conn:
            conn.execute(insert(t.server_secrets).values(name=name, value=value, created_at=now))
    except IntegrityError:
        with engine.connect() as conn:
            value = conn.execute(select(X.value).where(X.name == name)).scalar_one()
    return bytes.fromhex(value)
