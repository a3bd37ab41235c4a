"""The worker started before its database exists: it keeps running (its jobs fail and are tried
again on their next tick) and does its work once the database is created and migrated."""

import asyncio
import uuid

from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from app.models.heartbeats import WorkerHeartbeat
from tests._servers import base_database_url, drop_database, fresh_migrated_database
from tests.faults._processes import environment, stop, worker_process


async def test_the_worker_waits_for_the_database_and_then_works(redis_url: str) -> None:
    name = f"faults_late_{uuid.uuid4().hex[:8]}"
    url = make_url(base_database_url()).set(database=name).render_as_string(False)
    worker = await worker_process(environment(DATABASE_URL=url, REDIS_URL=redis_url))
    try:
        await asyncio.sleep(6)  # a few ticks of every cron job against a missing database
        assert worker.returncode is None, "the worker exited while its database was missing"
        await asyncio.to_thread(fresh_migrated_database, name)
        engine = create_async_engine(url)
        try:
            beats = 0
            for _ in range(150):  # the heartbeat runs every 5 s
                async with engine.connect() as conn:
                    beats = await conn.scalar(select(func.count()).select_from(WorkerHeartbeat))
                if beats:
                    break
                await asyncio.sleep(0.2)
            assert beats, "the worker never beat once its database existed"
        finally:
            await engine.dispose()
        assert worker.returncode is None
    finally:
        await stop(worker)
        await asyncio.to_thread(drop_database, name)
