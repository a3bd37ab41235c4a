"""`idempotency.purge`: drops stored Idempotency-Key answers past their 24 h retention."""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from app.db import worker_session
from app.models.base import utcnow
from app.services import idempotency


async def purge(ctx: dict[str, Any]) -> int:
    clock: Callable[[], datetime] = ctx.get("now", utcnow)
    async with worker_session(ctx.get("sessionmaker")) as session:
        return await idempotency.purge(session, now=clock())
