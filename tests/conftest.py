"""Real PostgreSQL and Redis for every test.

One database per xdist worker, migrated once with `alembic upgrade head`. Each test runs inside an
outer transaction that is rolled back; the app's sessions join it through savepoints, so a request
that commits only releases a savepoint. Tests that need separate connections (concurrency) use the
`committed` fixtures, which truncate afterwards.
"""

import os
from collections.abc import AsyncIterator, Iterator

# Before the app is imported: keep library INFO logs (alembic, arq) out of test output.
os.environ.setdefault("LOG_LEVEL", "WARNING")

import pytest
from arq import ArqRedis, create_pool
from arq.connections import RedisSettings
from httpx import ASGITransport, AsyncClient
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from app.db import get_read_session, get_session, get_user_db_session, unit_of_work
from app.main import app
from app.models import Base
from tests import _servers, factories


@pytest.fixture(scope="session")
def database_url(worker_id: str) -> Iterator[str]:
    # The pid keeps concurrent runs (two developers' terminals, xdist workers) apart.
    name = f"escalations_test_{worker_id}_{os.getpid()}"
    yield _servers.fresh_migrated_database(name)
    _servers.drop_database(name)


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_async_engine(database_url, pool_size=10, max_overflow=20)
    yield engine
    await engine.dispose()


@pytest.fixture
async def connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    async with engine.connect() as conn:
        outer = await conn.begin()
        yield conn
        if outer.is_active:
            await outer.rollback()


@pytest.fixture
def sessionmaker(connection: AsyncConnection) -> async_sessionmaker[AsyncSession]:
    """Sessions joined to the test's outer transaction (what worker jobs get in tests)."""
    return async_sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )


@pytest.fixture
async def session(sessionmaker: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    async with sessionmaker() as session:
        factories.test_session = session
        try:
            yield session
        finally:
            factories.test_session = None


@pytest.fixture(scope="session")
def redis_url(worker_id: str) -> str:
    # One Redis database per xdist worker, counted from the configured one, so parallel runs
    # never see each other's jobs.
    base = RedisSettings.from_dsn(_servers.base_redis_url())
    offset = 0 if worker_id == "master" else int(worker_id.removeprefix("gw")) + 1
    return _servers.redis_url_with_db(_servers.base_redis_url(), (base.database + offset) % 16)


@pytest.fixture
async def redis(redis_url: str) -> AsyncIterator[ArqRedis]:
    pool = await create_pool(RedisSettings.from_dsn(redis_url))
    await pool.flushdb()
    yield pool
    await pool.aclose()


@pytest.fixture
async def client(session: AsyncSession, redis: ArqRedis) -> AsyncIterator[AsyncClient]:
    """The app over ASGI, with every request's unit of work joined to the test transaction."""

    async def request_session() -> AsyncIterator[AsyncSession]:
        # Rows the test built before the request are already there for it: release their savepoint
        # first, or a request that rolls back (any 4xx/5xx) would take the test's data with it.
        await session.commit()
        # A fresh identity map per request, so a missing eager load fails here as in production.
        session.expunge_all()
        async with unit_of_work(session):
            yield session

    async def user_db_session() -> AsyncIterator[AsyncSession]:
        await session.commit()
        try:
            yield session
        except SQLAlchemyError:
            # Production closes this session; here a statement that failed (a NUL in a login)
            # must not leave the test's transaction aborted.
            await session.rollback()
            raise

    async def read_session() -> AsyncIterator[AsyncSession]:
        # Production reads outside a transaction (app/db.py); here the test's holds the rows.
        await session.commit()
        yield session

    app.dependency_overrides[get_session] = request_session
    app.dependency_overrides[get_read_session] = read_session
    app.dependency_overrides[get_user_db_session] = user_db_session
    app.state.redis = redis
    transport = ASGITransport(app=app, raise_app_exceptions=False)
    async with AsyncClient(transport=transport, base_url="http://test") as http:
        yield http
    app.dependency_overrides.clear()


@pytest.fixture
async def committed_sessionmaker(
    engine: AsyncEngine,
) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """Real, separately committing sessions; every table is emptied afterwards."""
    yield async_sessionmaker(engine, expire_on_commit=False)
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    async with engine.begin() as conn:
        await conn.execute(text(f"TRUNCATE {tables} CASCADE"))
