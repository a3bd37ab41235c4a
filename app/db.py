"""Engine, session factory and the request-scoped unit of work."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import Request
from sqlalchemy import event, exc
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import Session, UOWTransaction

from app.config import get_settings
from app.errors import DomainError

_engine: AsyncEngine | None = None
_read_engine: AsyncEngine | None = None
_sessionmaker: async_sessionmaker[AsyncSession] | None = None
_read_sessionmaker: async_sessionmaker[AsyncSession] | None = None


class ReadOnlySession(Session):
    """The ORM session of routes that only read (see `get_read_session`)."""


@event.listens_for(ReadOnlySession, "before_flush")
def _refuse_writes(session: Session, _flush: UOWTransaction, _instances: Any) -> None:
    # Outside a transaction each write would commit on its own and none would roll back.
    raise RuntimeError("a read-only route tried to write: give it the request's Session")


def _drop_closed(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
    """The pool's check on every checkout, without a round trip.

    `pool_pre_ping` costs three (asyncpg's ping is BEGIN, an empty query, ROLLBACK): as many as
    the rest of a claim. asyncpg notices a closed socket by itself (a restarted or stopped
    PostgreSQL closes its connections), so a connection it knows is closed is replaced here; one
    that breaks mid-request fails that request (503) and is invalidated."""
    if dbapi_connection.driver_connection.is_closed():
        raise exc.DisconnectionError("connection closed by the server")


def make_engine(
    url: str,
    *,
    pool_size: int | None = None,
    max_overflow: int | None = None,
    plan_cache_mode: str = "force_custom_plan",
) -> AsyncEngine:
    settings = get_settings()
    engine = create_async_engine(
        url,
        pool_size=settings.db_pool_size if pool_size is None else pool_size,
        max_overflow=settings.db_max_overflow if max_overflow is None else max_overflow,
        # Our hot writes filter on status through partial indexes (claimable, lapsed claims,
        # next check). asyncpg prepares statements, and after five runs PostgreSQL may switch to
        # a generic plan that cannot know the bound status matches the index predicate, and
        # scans the whole table instead (measured: 0.6 ms became 14-20 ms per claim).
        connect_args={"server_settings": {"plan_cache_mode": plan_cache_mode}},
    )
    event.listen(engine.sync_engine, "checkout", _drop_closed)
    return engine


def init_engine(url: str) -> AsyncEngine:
    global _engine, _read_engine, _sessionmaker, _read_sessionmaker
    _engine = make_engine(url)
    _sessionmaker = async_sessionmaker(_engine, expire_on_commit=False)
    # Reads have a small pool of their own, where PostgreSQL keeps the plan of each prepared
    # statement (plan_cache_mode auto): re-planning a primary-key read on every run, as the
    # main pool must, cost 0.34 ms of the server's CPU where the kept plan costs 0.09. Their
    # statements write status constants into the SQL (`_inbox_access.status_in`), so a kept
    # plan still uses the partial indexes. Every statement on its own (AUTOCOMMIT: no BEGIN and
    # COMMIT round trips).
    read_pool = get_settings().db_read_pool_size
    _read_engine = make_engine(
        url, pool_size=read_pool, max_overflow=read_pool, plan_cache_mode="auto"
    )
    _read_sessionmaker = async_sessionmaker(
        _read_engine.execution_options(isolation_level="AUTOCOMMIT"),
        expire_on_commit=False,
        sync_session_class=ReadOnlySession,
    )
    return _engine


def get_sessionmaker() -> async_sessionmaker[AsyncSession]:
    if _sessionmaker is None:
        raise RuntimeError("database engine not initialised (init_engine)")
    return _sessionmaker


def get_read_sessionmaker() -> async_sessionmaker[AsyncSession]:
    if _read_sessionmaker is None:
        raise RuntimeError("database engine not initialised (init_engine)")
    return _read_sessionmaker


async def dispose_engine() -> None:
    global _engine, _read_engine, _sessionmaker, _read_sessionmaker
    for engine in (_engine, _read_engine):
        if engine is not None:
            await engine.dispose()
    _engine = _read_engine = _sessionmaker = _read_sessionmaker = None


@asynccontextmanager
async def unit_of_work(session: AsyncSession) -> AsyncIterator[AsyncSession]:
    """Commit when the block ends normally, roll back when it raises. A domain error may carry
    rows to `keep` (a refused two-factor code's audit event): they are written after the
    rollback, alone, so nothing else of the failed request is."""
    try:
        yield session
    except DomainError as exc:
        await session.rollback()
        if exc.keep:
            session.add_all(exc.keep)
            await session.commit()
        raise
    except BaseException:
        await session.rollback()
        raise
    await session.commit()


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One request, one transaction.

    Routes depend on this with `scope="function"` (see app/deps.py) so the commit runs before the
    response is sent: a failed commit must never go out as a 2xx. After a commit that wrote outbox
    rows, the delivery worker is nudged in the background (best effort; its cron delivers anyway).
    """
    async with get_sessionmaker()() as session, unit_of_work(session):
        yield session
    from app.services.notifications import nudge  # here: db.py is imported by every model

    nudge.later(session, getattr(request.app.state, "redis", None))


async def get_read_session() -> AsyncIterator[AsyncSession]:
    """For reading outside a transaction: the caller of every request (app/auth.py), and the
    routes that only read. It saves a BEGIN and a COMMIT (two of a single-escalation GET's four
    round trips); under READ COMMITTED a transaction gives reads nothing, as each statement takes
    its own snapshot either way. The session refuses to flush (ReadOnlySession): a route that
    writes takes `get_session`. One per request, shared by the caller's read and the route's:
    depended on with `scope="function"`, so its connection is back in the pool before the
    response is sent."""
    async with get_read_sessionmaker()() as session:
        yield session


async def get_user_db_session() -> AsyncIterator[AsyncSession]:
    """fastapi-users commits inside its adapter, so its routes get a session of their own."""
    async with get_sessionmaker()() as session:
        yield session


@asynccontextmanager
async def worker_session(
    sessionmaker: async_sessionmaker[AsyncSession] | None = None,
) -> AsyncIterator[AsyncSession]:
    """A worker job's own unit of work (tests hand in a sessionmaker bound to their transaction)."""
    async with (sessionmaker or get_sessionmaker())() as session, unit_of_work(session):
        yield session
