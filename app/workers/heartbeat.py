"""`worker.heartbeat`: the row /readyz reads to show the worker's lag."""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from app.db import worker_session
from app.models.base import utcnow
from app.services import health


async def beat(ctx: dict[str, Any]) -> None:
    # The clock comes from ctx when a test sets one, as for the SLA tick.
    clock: Callable[[], datetime] = ctx.get("now", utcnow)
    async with worker_session(ctx.get("sessionmaker")) as session:
        await health.beat(session, worker_id=ctx["worker_id"], now=clock())
