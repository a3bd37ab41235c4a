"""Readiness: can we reach PostgreSQL and Redis, and is a worker alive?"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.heartbeats import WorkerHeartbeat


@dataclass
class WorkerStatus:
    last_heartbeat_at: datetime | None
    lag_seconds: float | None


async def database_answers(session: AsyncSession) -> bool:
    return (await session.scalar(text("SELECT 1"))) == 1


async def worker_status(session: AsyncSession, *, now: datetime) -> WorkerStatus:
    last = await session.scalar(select(func.max(WorkerHeartbeat.beat_at)))
    if last is None:
        return WorkerStatus(last_heartbeat_at=None, lag_seconds=None)
    return WorkerStatus(last_heartbeat_at=last, lag_seconds=round((now - last).total_seconds(), 3))


async def beat(session: AsyncSession, *, worker_id: str, now: datetime) -> None:
    stmt = insert(WorkerHeartbeat).values(worker_id=worker_id, beat_at=now, started_at=now)
    await session.execute(
        stmt.on_conflict_do_update(index_elements=["worker_id"], set_={"beat_at": now})
    )
