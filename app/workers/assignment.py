"""The assignment tick: every second, auto inboxes hand their waiting escalations to owners.

Each inbox is one transaction (app/services/assignment.py). Several workers share the work: each
takes the inboxes in its own random order and skips owners another worker holds, so none waits on
another and no owner is ever counted by two at once.
"""

import asyncio
import random
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import worker_session
from app.models.base import utcnow
from app.services import assignment

log = structlog.get_logger(__name__)

TICK_BUDGET_SECONDS = 20.0
_running: dict[tuple[int, str], asyncio.Lock] = {}


async def tick(ctx: dict[str, Any]) -> dict[str, int]:
    """One pass over the due inboxes, repeated while full batches come back (within budget)."""
    key = (id(asyncio.get_running_loop()), str(ctx.get("worker_id", "")))
    lock = _running.setdefault(key, asyncio.Lock())
    if lock.locked():
        return {"assigned": 0, "raised": 0}
    async with lock:
        return await _tick(ctx)


async def _tick(ctx: dict[str, Any]) -> dict[str, int]:
    clock: Callable[[], datetime] = ctx.get("now", utcnow)
    limit: int = ctx.get("assign_batch", assignment.BATCH)
    started = time.monotonic()
    counts = {"assigned": 0, "raised": 0}
    session: AsyncSession
    async with worker_session(ctx.get("sessionmaker")) as session:
        inbox_ids = await assignment.due_inboxes(session, now=clock())
    random.shuffle(inbox_ids)
    while inbox_ids and time.monotonic() - started < TICK_BUDGET_SECONDS:
        again = []
        for inbox_id in inbox_ids:
            async with worker_session(ctx.get("sessionmaker")) as session:
                result = await assignment.assign_inbox(
                    session, inbox_id=inbox_id, now=clock(), limit=limit
                )
            counts["assigned"] += result.assigned
            counts["raised"] += int(result.raised)
            if result.assigned >= limit:
                again.append(inbox_id)
        inbox_ids = again
    if any(counts.values()):
        log.debug("assignment.tick", **counts, seconds=round(time.monotonic() - started, 3))
    return counts
