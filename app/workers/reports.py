"""`reports.weekly_digest`: every quarter of an hour, the weekly digests that have come due."""

from collections.abc import Callable
from datetime import datetime
from typing import Any

import structlog

from app.db import worker_session
from app.models.base import utcnow
from app.services.reports import digest

log = structlog.get_logger(__name__)


async def weekly_digest(ctx: dict[str, Any]) -> int:
    # The clock comes from ctx when a test sets one, as for the SLA tick.
    clock: Callable[[], datetime] = ctx.get("now", utcnow)
    async with worker_session(ctx.get("sessionmaker")) as session:
        written = await digest.write_due(session, now=clock())
    if written:
        log.info("reports.weekly_digest", written=written)
    return written
