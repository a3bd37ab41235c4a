"""The worker's heartbeat job, run for real, is what /readyz reports."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.deps import _now
from app.main import app
from app.workers import heartbeat

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def api_clock() -> Iterator[None]:
    app.dependency_overrides[_now] = lambda: NOW
    yield None
    app.dependency_overrides.pop(_now, None)


async def beat_at(
    sessionmaker: async_sessionmaker[AsyncSession], worker: str, at: datetime
) -> None:
    await heartbeat.beat({"sessionmaker": sessionmaker, "worker_id": worker, "now": lambda: at})


class TestHeartbeat:
    async def test_readyz_shows_the_latest_beat_and_its_lag(
        self,
        client: AsyncClient,
        sessionmaker: async_sessionmaker[AsyncSession],
        api_clock: None,
    ) -> None:
        r = await client.get("/readyz")
        assert r.status_code == 200 and r.json()["worker"]["last_heartbeat_at"] is None

        await beat_at(sessionmaker, "host:1", NOW - timedelta(seconds=42))
        r = await client.get("/readyz")
        assert r.status_code == 200, r.text
        assert r.json()["worker"] == {
            "last_heartbeat_at": "2026-03-02T08:59:18Z",
            "lag_seconds": 42.0,
            "sla_backlog_seconds": 0.0,
        }

        # The same worker beating again moves it on; another worker's older beat does not.
        await beat_at(sessionmaker, "host:1", NOW - timedelta(seconds=2))
        await beat_at(sessionmaker, "host:2", NOW - timedelta(seconds=90))
        assert (await client.get("/readyz")).json()["worker"]["lag_seconds"] == 2.0

    async def test_a_dead_worker_shows_as_growing_lag(
        self, client: AsyncClient, sessionmaker: async_sessionmaker[AsyncSession]
    ) -> None:
        await beat_at(sessionmaker, "host:1", NOW)
        for later, lag in ((timedelta(seconds=5), 5.0), (timedelta(minutes=10), 600.0)):
            app.dependency_overrides[_now] = lambda later=later: NOW + later
            try:
                worker = (await client.get("/readyz")).json()["worker"]
            finally:
                app.dependency_overrides.pop(_now, None)
            assert worker["lag_seconds"] == lag
