"""Readiness: can we reach PostgreSQL and Redis, and is a worker alive?"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.escalations import Escalation
from app.models.heartbeats import WorkerHeartbeat


@dataclass
class WorkerStatus:
    last_heartbeat_at: datetime | None
    lag_seconds: float | None
    # The heartbeat is a job of its own: a worker whose SLA tick keeps failing still beats. How
    # long the oldest due SLA check has waited shows that, and a worker that is alive but
    # cannot keep up.
    sla_backlog_seconds: float | None = None


async def database_answers(session: AsyncSession) -> bool:
    return (await session.scalar(text("SELECT 1"))) == 1


async def worker_status(session: AsyncSession, *, now: datetime) -> WorkerStatus:
    last, oldest_due = (
        await session.execute(
            select(
                select(func.max(WorkerHeartbeat.beat_at)).scalar_subquery(),
                # The partial index on next_check_at answers this from its first entry.
                select(func.min(Escalation.next_check_at))
                .where(Escalation.next_check_at.is_not(None))
                .scalar_subquery(),
            )
        )
    ).one()
    backlog = 0.0
    if oldest_due is not None and oldest_due < now:
        backlog = round((now - oldest_due).total_seconds(), 3)
    lag = None if last is None else round((now - last).total_seconds(), 3)
    return WorkerStatus(last_heartbeat_at=last, lag_seconds=lag, sla_backlog_seconds=backlog)


async def beat(session: AsyncSession, *, worker_id: str, now: datetime) -> None:
    stmt = insert(WorkerHeartbeat).values(worker_id=worker_id, beat_at=now, started_at=now)
    await session.execute(
        stmt.on_conflict_do_update(index_elements=["worker_id"], set_={"beat_at": now})
    )
