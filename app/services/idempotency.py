"""Stored answers to POSTs sent with an `Idempotency-Key` (the IETF httpapi draft's semantics).

`begin` runs before the action, in the request's transaction: it takes a transaction-scoped
advisory lock on (caller, key), so a repeat that arrives while the first is still running finds
the lock taken (409) instead of acting twice; with the lock, it reads any stored answer, which
is replayed (same request) or refused (same key, another request: 422). `save` stores the answer
in the same transaction as the action, so either both are committed or neither: a failed request
leaves nothing behind and may simply be retried. Records live `RETENTION`; `purge` drops older.
"""

import uuid
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import Conflict, RuleViolation
from app.models.idempotency import IdempotencyRecord

RETENTION = timedelta(hours=24)


class RequestInProgress(Conflict):
    code = "idempotency-request-in-progress"
    title = "A request with this Idempotency-Key is still being processed"


class KeyReused(RuleViolation):
    code = "idempotency-key-reused"
    title = "This Idempotency-Key was used for a different request"


def lock_id(caller_id: uuid.UUID, key: str) -> object:
    """The advisory-lock key (a bigint computed in PostgreSQL) for one caller's key."""
    return func.hashtextextended(f"idempotency:{caller_id}:{key}", 0)


async def begin(
    session: AsyncSession, *, caller_id: uuid.UUID, key: str, fingerprint: str, now: datetime
) -> IdempotencyRecord | None:
    """The stored answer to replay, or None when the request is to run (and then be saved)."""
    locked = await session.scalar(select(func.pg_try_advisory_xact_lock(lock_id(caller_id, key))))
    if not locked:
        raise RequestInProgress("Wait for the first request to finish, then retry.")
    # A new statement, so a new snapshot: a first request that just committed is seen here.
    record = await session.scalar(
        select(IdempotencyRecord).where(
            IdempotencyRecord.caller_id == caller_id,
            IdempotencyRecord.key == key,
            IdempotencyRecord.expires_at > now,
        )
    )
    if record is not None and record.fingerprint != fingerprint:
        raise KeyReused("Use a new Idempotency-Key for a different request.")
    return record


async def save(
    session: AsyncSession,
    *,
    caller_id: uuid.UUID,
    key: str,
    fingerprint: str,
    status_code: int,
    headers: dict[str, str],
    body: bytes,
    now: datetime,
) -> None:
    values = {
        "fingerprint": fingerprint,
        "status_code": status_code,
        "headers": headers,
        "body": body,
        "created_at": now,
        "expires_at": now + RETENTION,
    }
    # An expired record under the same key is replaced: the key is new again.
    stmt = insert(IdempotencyRecord).values(id=uuid.uuid4(), caller_id=caller_id, key=key, **values)
    await session.execute(
        stmt.on_conflict_do_update(constraint="uq_idempotency_record_caller_id_key", set_=values)
    )


async def purge(session: AsyncSession, *, now: datetime) -> int:
    result = await session.execute(
        delete(IdempotencyRecord).where(IdempotencyRecord.expires_at <= now)
    )
    return int(getattr(result, "rowcount", 0) or 0)
