"""Wake the delivery worker when a request has just committed outbox rows.

Only an optimisation: the worker's cron finds every due row within seconds anyway, so a nudge that
cannot be enqueued (Redis down, slow) is logged and forgotten, never an error for the request.
One fixed job id coalesces a burst of requests into one queued job.
"""

import asyncio
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

log = structlog.get_logger(__name__)

JOB = "outbox.deliver"
JOB_ID = "outbox.deliver:nudge"
FLAG = "outbox"
TIMEOUT_SECONDS = 0.5


def mark(session: AsyncSession) -> None:
    """Note on the session that its transaction wrote rows for the delivery worker."""
    session.info[FLAG] = True


async def after_commit(session: AsyncSession, redis: Any) -> bool:
    """Enqueue one delivery run if the committed transaction wrote outbox rows."""
    if not session.info.pop(FLAG, False) or redis is None:
        return False
    try:
        async with asyncio.timeout(TIMEOUT_SECONDS):
            await redis.enqueue_job(JOB, _job_id=JOB_ID)
    except Exception as exc:
        log.warning("outbox.nudge_failed", error=repr(exc))
        return False
    return True
