"""Liveness and readiness: PostgreSQL, Redis and the worker's heartbeat."""

import socket
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from arq import ArqRedis
from httpx import AsyncClient
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from app.db import get_session, unit_of_work
from app.deps import _now, get_redis
from app.main import app
from app.models import Escalation, WorkerHeartbeat
from tests.escalation_helpers import escalate, make_desk, make_inbox

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def closed_port() -> int:
    """A local TCP port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def fixed_clock() -> Iterator[None]:
    app.dependency_overrides[_now] = lambda: NOW
    yield None
    app.dependency_overrides.pop(_now, None)


class TestLiveness:
    async def test_is_200(self, client: AsyncClient) -> None:
        r = await client.get("/healthz")
        assert r.status_code == 200 and r.json() == {"status": "ok"}

    async def test_needs_no_dependency(self, client: AsyncClient) -> None:
        app.dependency_overrides[get_session] = _unreachable_session
        app.dependency_overrides[get_redis] = _unreachable_redis
        assert (await client.get("/healthz")).status_code == 200


class TestReadiness:
    async def test_is_200_when_database_and_redis_answer(self, client: AsyncClient) -> None:
        r = await client.get("/readyz")
        assert r.status_code == 200, r.text
        assert r.json() == {
            "database": True,
            "redis": True,
            "worker": {"last_heartbeat_at": None, "lag_seconds": None, "sla_backlog_seconds": 0.0},
        }

    async def test_reports_the_latest_worker_heartbeat(
        self, client: AsyncClient, session: AsyncSession, fixed_clock: None
    ) -> None:
        for worker_id, ago in (("w-old", 90), ("w-new", 5)):
            session.add(
                WorkerHeartbeat(
                    worker_id=worker_id,
                    beat_at=NOW - timedelta(seconds=ago),
                    started_at=NOW - timedelta(hours=1),
                )
            )
        await session.flush()
        r = await client.get("/readyz")
        assert r.status_code == 200, r.text
        assert r.json()["worker"] == {
            "last_heartbeat_at": "2026-03-02T08:59:55Z",
            "lag_seconds": 5.0,
            "sla_backlog_seconds": 0.0,
        }

    async def test_a_beating_worker_that_does_not_keep_up_shows_an_sla_backlog(
        self, client: AsyncClient, session: AsyncSession, fixed_clock: None
    ) -> None:
        session.add(
            WorkerHeartbeat(worker_id="w", beat_at=NOW, started_at=NOW - timedelta(hours=1))
        )
        desk = await make_desk(session)
        inbox = await make_inbox(client, desk)
        overdue = (NOW - timedelta(seconds=90), NOW - timedelta(seconds=3))
        for at in (*overdue, NOW + timedelta(minutes=5)):
            escalation = await escalate(client, session, desk, inbox)
            await session.execute(
                update(Escalation).where(Escalation.id == escalation["id"]).values(next_check_at=at)
            )
        r = await client.get("/readyz")
        assert r.status_code == 200, r.text
        assert r.json()["worker"]["lag_seconds"] == 0.0
        assert r.json()["worker"]["sla_backlog_seconds"] == 90.0

    async def test_is_503_when_redis_is_unreachable(self, client: AsyncClient) -> None:
        app.dependency_overrides[get_redis] = _unreachable_redis
        r = await client.get("/readyz")
        assert r.status_code == 503, r.text
        assert r.json()["redis"] is False and r.json()["database"] is True

    async def test_is_503_when_the_database_is_unreachable(self, client: AsyncClient) -> None:
        app.dependency_overrides[get_session] = _unreachable_session
        r = await client.get("/readyz")
        assert r.status_code == 503, r.text
        assert r.json() == {
            "database": False,
            "redis": True,
            "worker": {"last_heartbeat_at": None, "lag_seconds": None, "sla_backlog_seconds": None},
        }


def _unreachable_redis() -> ArqRedis:
    return ArqRedis(host="127.0.0.1", port=closed_port(), socket_connect_timeout=1)


async def _unreachable_session() -> AsyncIterator[AsyncSession]:
    engine = create_async_engine(
        f"postgresql+asyncpg://postgres@127.0.0.1:{closed_port()}/postgres",
        connect_args={"timeout": 1},
    )
    try:
        async with async_sessionmaker(engine)() as session, unit_of_work(session):
            yield session
    finally:
        await engine.dispose()
