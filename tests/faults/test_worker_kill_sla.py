"""kill -9 of the worker in the middle of an SLA tick: nothing lost, nothing applied twice.

A tick drains due SLA checks in batches of 500, each its own transaction (app/workers/sla.py).
3,000 first-response deadlines are already past when the real worker starts; it is killed with
SIGKILL once some breaches are committed and before all are, so the batch it was in never
commits. A second worker takes over. Every escalation ends with exactly one first-response
breach, one level raised, and exactly one outbox row per (event, channel, recipient)."""

import asyncio
import json
import signal
import uuid
from datetime import UTC, datetime, timedelta

import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bench.sla_latency import (
    CONVERSATIONS,
    ESCALATIONS,
    FIRST_RESPONSE_MINUTES,
    PEOPLE,
    SEED,
    SNAPSHOT,
)
from tests.faults._processes import environment, stop, worker_process

DUE = 3000

BREACHED = """SELECT count(*) FROM escalation_event
               WHERE type = 'escalation.sla_breached' AND data->>'target' = 'first_response'"""


async def _seed(conn: asyncpg.Connection) -> None:
    org_id, campaign_id, inbox_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    past = datetime.now(UTC) - timedelta(minutes=1)
    async with conn.transaction():
        await conn.execute(SEED, org_id, campaign_id, inbox_id)
        await conn.execute(PEOPLE, uuid.uuid4(), uuid.uuid4(), org_id, inbox_id)
        await conn.execute(CONVERSATIONS, org_id, campaign_id, DUE)
        deadlines = [past - timedelta(milliseconds=n) for n in range(DUE)]
        await conn.execute(
            ESCALATIONS, inbox_id, FIRST_RESPONSE_MINUTES, json.dumps(SNAPSHOT), deadlines
        )


async def test_a_worker_killed_mid_tick_loses_nothing_and_applies_nothing_twice(
    database_url: str,
    redis_url: str,
    committed_sessionmaker: async_sessionmaker[AsyncSession],  # empties the tables afterwards
) -> None:
    dsn = database_url.replace("postgresql+asyncpg://", "postgresql://")
    conn = await asyncpg.connect(dsn)
    try:
        await _seed(conn)
        env = environment(DATABASE_URL=database_url, REDIS_URL=redis_url)
        first = await worker_process(env)
        at_kill = 0
        try:
            for _ in range(1500):
                at_kill = await conn.fetchval(BREACHED)
                if at_kill:
                    break
                await asyncio.sleep(0.02)
        finally:
            first.send_signal(signal.SIGKILL)
            await first.wait()
        assert 0 < at_kill < DUE, f"not killed mid-tick: {at_kill} of {DUE} breached"

        second = await worker_process(env)
        try:
            breached = 0
            for _ in range(600):
                breached = await conn.fetchval(BREACHED)
                if breached >= DUE:
                    break
                await asyncio.sleep(0.1)
            await asyncio.sleep(1)  # anything applied twice would show up now
        finally:
            await stop(second)

        per_escalation = await conn.fetch(
            """SELECT e.id,
                      count(*) FILTER (WHERE ev.type = 'escalation.sla_breached'
                                         AND ev.data->>'target' = 'first_response') AS breaches,
                      count(*) FILTER (WHERE ev.type = 'escalation.level_raised') AS raised
               FROM escalation e LEFT JOIN escalation_event ev ON ev.escalation_id = e.id
               GROUP BY e.id"""
        )
        assert len(per_escalation) == DUE
        assert all(r["breaches"] == 1 for r in per_escalation), "lost or doubled breaches"
        assert all(r["raised"] == 1 for r in per_escalation), "lost or doubled level raises"
        assert not await conn.fetchval(
            """SELECT count(*) FROM (SELECT event_id, channel, recipient FROM notification
                                     GROUP BY 1, 2, 3 HAVING count(*) > 1) AS twice"""
        ), "a notification was written twice"
        unnotified = await conn.fetchval(
            """SELECT count(*) FROM escalation_event ev
               WHERE ev.type = 'escalation.sla_breached'
                 AND NOT EXISTS (SELECT 1 FROM notification n WHERE n.event_id = ev.id)"""
        )
        assert unnotified == 0, f"{unnotified} breaches reached nobody"
    finally:
        await conn.close()
