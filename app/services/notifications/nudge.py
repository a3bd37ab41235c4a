"""Wake the delivery worker when a request has just committed outbox rows.

Only an optimisation: the worker's cron finds every due row within seconds anyway, so a nudge that
cannot be enqueued (Redis down, slow) is logged and forgotten, never an error for the request.
One fixed job id coalesces a burst of requests into one queued job.

Requests do not wait for it (`later`): each API process runs at most one enqueue at a time, in
the background. A commit that lands while one is on its way asks for one more, sent when that one
is done (and at most every INTERVAL_SECONDS), so every commit is followed by an enqueue that
started after it, and a flood of escalations costs Redis a few enqueues a second, not three round
trips each that the request waited for.
"""

import asyncio
import weakref
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

log = structlog.get_logger(__name__)

JOB = "outbox.deliver"
JOB_ID = "outbox.deliver:nudge"
FLAG = "outbox"
TIMEOUT_SECONDS = 0.5
INTERVAL_SECONDS = 0.05  # between two background enqueues of one process


def mark(session: AsyncSession) -> None:
    """Note on the session that its transaction wrote rows for the delivery worker."""
    session.info[FLAG] = True


async def _enqueue(redis: Any) -> bool:
    try:
        async with asyncio.timeout(TIMEOUT_SECONDS):
            await redis.enqueue_job(JOB, _job_id=JOB_ID)
    except Exception as exc:
        log.warning("outbox.nudge_failed", error=repr(exc))
        return False
    return True


async def after_commit(session: AsyncSession, redis: Any) -> bool:
    """Enqueue one delivery run now if the committed transaction wrote outbox rows."""
    if not session.info.pop(FLAG, False) or redis is None:
        return False
    return await _enqueue(redis)


class _Coalescer:
    """The one background enqueue of a process (of an event loop)."""

    def __init__(self) -> None:
        self.task: asyncio.Task[None] | None = None
        self.again = False
        self.redis: Any = None

    def request(self, redis: Any) -> None:
        self.redis = redis
        if self.task is not None and not self.task.done():
            self.again = True  # the running one may have been sent before this commit
            return
        self.task = asyncio.get_running_loop().create_task(self._run())

    async def _run(self) -> None:
        while True:
            self.again = False
            await _enqueue(self.redis)
            if not self.again:
                return
            await asyncio.sleep(INTERVAL_SECONDS)


_coalescers: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Coalescer]" = (
    weakref.WeakKeyDictionary()
)


def later(session: AsyncSession, redis: Any) -> None:
    """After a commit: if it wrote outbox rows, have the process's background enqueue run (or
    run once more); the caller does not wait for Redis."""
    if not session.info.pop(FLAG, False) or redis is None:
        return
    _coalescers.setdefault(asyncio.get_running_loop(), _Coalescer()).request(redis)


async def settled() -> None:
    """Wait for this process's background enqueue, if one is on its way (tests, shutdown)."""
    coalescer = _coalescers.get(asyncio.get_running_loop())
    if coalescer is not None and coalescer.task is not None:
        await asyncio.shield(coalescer.task)
