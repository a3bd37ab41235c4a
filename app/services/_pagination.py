"""Keyset pagination with opaque cursors.

Offsets shift when rows are inserted concurrently; a keyset cursor (the sort key of the last row
seen) does not, so pages stay stable. The cursor is the key encoded as URL-safe base64 JSON.
"""

import base64
import binascii
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from app.errors import DomainError

T = TypeVar("T")

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


class InvalidCursor(DomainError):
    code = "invalid-cursor"
    title = "Invalid cursor"


@dataclass
class Page(Generic[T]):
    items: list[T]
    next_cursor: str | None


def _encode(values: Sequence[Any]) -> str:
    plain = [v.isoformat() if isinstance(v, datetime) else str(v) for v in values]
    return base64.urlsafe_b64encode(json.dumps(plain).encode()).decode().rstrip("=")


def _python_type(key: InstrumentedAttribute[Any]) -> type:
    try:
        return key.type.python_type
    except NotImplementedError:
        # fastapi-users' GUID (user ids, and foreign keys to them) does not declare one.
        return uuid.UUID


def _decode(cursor: str, keys: Sequence[InstrumentedAttribute[Any]]) -> list[Any]:
    try:
        raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(raw, list) or len(raw) != len(keys):
            raise ValueError("wrong length")
        values: list[Any] = []
        for key, value in zip(keys, raw, strict=True):
            if not isinstance(value, str):
                raise TypeError("cursor values are strings")
            kind = _python_type(key)
            if kind is datetime:
                moment = datetime.fromisoformat(value)
                if moment.tzinfo is None:
                    raise ValueError("naive timestamp")
                # Out of PostgreSQL's range once in UTC (year 1 at +14:00): OverflowError here.
                values.append(moment.astimezone(UTC))
            elif kind is uuid.UUID:
                values.append(uuid.UUID(value))
            elif kind is int:
                # A bigint key (the audit trail's seq): beyond int64 asyncpg fails to bind (a 500).
                number = int(value)
                if not -(2**63) <= number < 2**63:
                    raise OverflowError("cursor value out of range")
                values.append(number)
            else:
                values.append(kind(value))
        return values
    except (ValueError, TypeError, OverflowError, binascii.Error, UnicodeDecodeError) as exc:
        raise InvalidCursor("The cursor is malformed or belongs to another list.") from exc


async def paginate(
    session: AsyncSession,
    stmt: Select[Any],
    *,
    keys: Sequence[InstrumentedAttribute[Any]],
    descending: bool,
    limit: int,
    cursor: str | None,
    scalars: bool = True,
    keys_on_row: bool = False,
) -> Page[Any]:
    """One page of `stmt` ordered by `keys` (unique together, last one the id). Rows are read
    as scalars, else as rows whose first entity holds the keys, or (`keys_on_row`) whose own
    columns do."""
    if cursor:
        after = (
            tuple_(*keys) < tuple_(*_decode(cursor, keys))
            if descending
            else (tuple_(*keys) > tuple_(*_decode(cursor, keys)))
        )
        stmt = stmt.where(after)
    order = [k.desc() for k in keys] if descending else [k.asc() for k in keys]
    stmt = stmt.order_by(*order).limit(limit + 1)
    result = await session.execute(stmt)
    rows: list[Any] = list(result.scalars().all() if scalars else result.all())
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        source = last if scalars or keys_on_row else last[0]
        next_cursor = _encode([getattr(source, k.key) for k in keys])
    return Page(items=rows, next_cursor=next_cursor)
