"""The outbox delivery job: `outbox.deliver`, run by a 2 s cron and nudged by the API after commits.

It runs delivery passes (claim under a lease, send, record; see
app/services/notifications/delivery.py) until a pass finds nothing due or the time budget is used,
reusing one HTTP client and the SMTP connections across passes. Safe to run twice or at once in
several workers: passes share the work through SKIP LOCKED claims. One run at a time per worker
process; a run that finds another in progress returns at once (that one carries on until nothing
is due).
"""

import asyncio
import time
import weakref
from collections.abc import Callable
from datetime import datetime
from typing import Any

import structlog

from app.models.base import utcnow
from app.services.notifications import delivery
from app.services.notifications.senders import Senders

log = structlog.get_logger(__name__)

# A run stops starting new passes after this long; the next cron run carries on.
BUDGET_SECONDS = 25.0


# One run at a time per process (arq hands each job a copy of ctx, so the lock lives here).
_locks: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock]" = (
    weakref.WeakKeyDictionary()
)


async def deliver(ctx: dict[str, Any]) -> dict[str, int]:
    lock = _locks.setdefault(asyncio.get_running_loop(), asyncio.Lock())
    if lock.locked():
        return {"taken": 0, "passes": 0}
    clock: Callable[[], datetime] = ctx.get("now", utcnow)
    limit: int = ctx.get("outbox_batch", delivery.BATCH)
    started = time.monotonic()
    taken = passes = 0
    async with lock, Senders() as senders:
        while True:
            done = await delivery.deliver_due(
                ctx.get("sessionmaker"), senders, clock=clock, limit=limit
            )
            taken, passes = taken + done, passes + 1
            # Until a pass finds nothing: a pass can make a digest that is already due.
            if not done or time.monotonic() - started > BUDGET_SECONDS:
                break
    if taken:
        log.debug(
            "outbox.deliver",
            taken=taken,
            passes=passes,
            seconds=round(time.monotonic() - started, 3),
        )
    return {"taken": taken, "passes": passes}
