"""The SLA tick: every few seconds, act on what is due and nothing else.

Each pass takes a bounded batch (SKIP LOCKED, so several workers share the work) in its own
transaction, and repeats while batches come back full, so a worker that was down catches up.
"""

import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import worker_session
from app.models.base import utcnow
from app.services import auto_escalation, escalations
from app.services.sla import engine

log = structlog.get_logger(__name__)

# A tick stops starting new batches after this long; the next tick carries on.
TICK_BUDGET_SECONDS = 20.0

Pass = Callable[..., Awaitable[int]]
PASSES: tuple[tuple[str, Pass, int], ...] = (
    ("sla_checks", engine.check_due, 500),
    # Before the lapses: a reply due time always falls before its claim's expiry.
    ("claims_returned", escalations.return_unanswered, 1000),
    ("claims_expired", escalations.expire_lapsed, 1000),
    ("auto_escalated", auto_escalation.run_due, 200),
)


async def _drain(ctx: dict[str, Any], step: Pass, limit: int, started: float) -> int:
    clock: Callable[[], datetime] = ctx.get("now", utcnow)
    total = 0
    while True:
        session: AsyncSession
        async with worker_session(ctx.get("sessionmaker")) as session:
            done = await step(session, now=clock(), limit=limit)
        total += done
        if done < limit or time.monotonic() - started > TICK_BUDGET_SECONDS:
            return total


# One tick at a time per worker: under a burst the cron would start a new tick every 5 s while
# the last still runs, and in one process they only compete (separate workers share the work via
# SKIP LOCKED). arq hands each job a copy of ctx, so the locks live here, per worker and loop.
_running: dict[tuple[int, str], asyncio.Lock] = {}


async def tick(ctx: dict[str, Any]) -> dict[str, int]:
    key = (id(asyncio.get_running_loop()), str(ctx.get("worker_id", "")))
    lock = _running.setdefault(key, asyncio.Lock())
    if lock.locked():
        return {name: 0 for name, _, _ in PASSES}
    async with lock:
        return await _tick(ctx)


async def _tick(ctx: dict[str, Any]) -> dict[str, int]:
    started = time.monotonic()
    counts = {name: await _drain(ctx, step, limit, started) for name, step, limit in PASSES}
    if any(counts.values()):
        log.debug("sla.tick", **counts, seconds=round(time.monotonic() - started, 3))
    return counts
