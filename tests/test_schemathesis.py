"""Property-based API tests generated from the OpenAPI document (schemathesis).

Every operation gets generated requests (valid and invalid) from an authenticated user who owns
an organisation; `{org_id}` and other ids in paths point at real rows, so requests get past auth
and tenancy. Checked: no 5xx, and status codes, content types and bodies match the schema.

The app runs in schemathesis's own event-loop thread, so it gets its own engine there, on the
committed test database (emptied after each operation's test).
"""

import asyncio
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
import schemathesis
from arq import ArqRedis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from app.db import get_read_session, get_session, get_user_db_session, unit_of_work
from app.deps import get_redis
from app.main import app
from app.models import Role
from tests.factories import (
    auth,
    make_campaign,
    make_conversation,
    make_member,
    make_org,
)

MAX_EXAMPLES = 10
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


async def _app_without_lifespan(scope: Any, receive: Any, send: Any) -> None:
    # The lifespan would connect to the configured (not the test) database and Redis. Raising
    # before reading a message is how an ASGI app says "no lifespan support".
    if scope["type"] == "lifespan":
        raise RuntimeError("tests provide their own connections")
    await app(scope, receive, send)


# The event stream is a never-ending response that needs the lifespan's hub: it is exercised
# against real uvicorn processes in tests/routers/test_live.py instead.
schema = schemathesis.openapi.from_asgi("/openapi.json", _app_without_lifespan).exclude(
    path_regex=r"/events/stream$"
)


@dataclass
class World:
    headers: dict[str, str]
    path_ids: dict[str, str]  # path parameter name -> a real id


class LoopEngine:
    """An engine created in the event loop that serves the app (schemathesis's thread), lazily on
    the first request, and disposed in that loop: pooled connections never cross loops."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.loop: asyncio.AbstractEventLoop | None = None
        self.sessionmaker: async_sessionmaker[AsyncSession] | None = None

    def session(self) -> AsyncSession:
        if self.sessionmaker is None:
            self.loop = asyncio.get_running_loop()
            engine = create_async_engine(self.url, pool_size=4, max_overflow=4)
            self.sessionmaker = async_sessionmaker(engine, expire_on_commit=False)
        return self.sessionmaker()

    def dispose(self) -> None:
        if self.sessionmaker is not None and self.loop is not None:
            engine = self.sessionmaker.kw["bind"]
            asyncio.run_coroutine_threadsafe(engine.dispose(), self.loop).result(timeout=30)


@pytest.fixture
async def world(
    database_url: str, redis_url: str, committed_sessionmaker: async_sessionmaker[AsyncSession]
) -> AsyncIterator[World]:
    data = await _seed(committed_sessionmaker)
    # Rate-limit counters (per IP for sign-in) start at zero for each operation's test.
    flusher = ArqRedis.from_url(redis_url)
    await flusher.flushdb()
    await flusher.aclose()
    engine = LoopEngine(database_url)

    async def request_session() -> AsyncIterator[AsyncSession]:
        async with engine.session() as session, unit_of_work(session):
            yield session

    async def user_db_session() -> AsyncIterator[AsyncSession]:
        async with engine.session() as session:
            yield session

    async def request_redis() -> AsyncIterator[ArqRedis]:
        redis = ArqRedis.from_url(redis_url)
        try:
            yield redis
        finally:
            await redis.aclose()

    app.dependency_overrides[get_session] = request_session
    app.dependency_overrides[get_user_db_session] = user_db_session
    app.dependency_overrides[get_read_session] = user_db_session  # reads: no unit of work
    app.dependency_overrides[get_redis] = request_redis
    try:
        yield data
    finally:
        app.dependency_overrides.clear()
        engine.dispose()


async def _seed(sessionmaker: async_sessionmaker[AsyncSession]) -> World:
    async with sessionmaker() as session, session.begin():
        org = await make_org(session)
        owner = await make_member(session, org, Role.owner)
        agent = await make_member(session, org, Role.agent)
        campaign = await make_campaign(session, org)
        conversation = await make_conversation(session, campaign, assignee=owner)
        return World(
            headers=await auth(owner),
            path_ids={
                "org_id": str(org.id),
                "campaign_id": str(campaign.id),
                "conversation_id": str(conversation.id),
                "user_id": str(agent.id),
                "id": str(owner.id),
            },
        )


def _is_uuid(value: object) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api(case: schemathesis.Case, world: World) -> None:
    # Aim well-formed ids at real rows; leave malformed ones for the negative cases.
    for name, value in (case.path_parameters or {}).items():
        if name in world.path_ids and _is_uuid(value):
            case.path_parameters[name] = world.path_ids[name]
    case.call_and_validate(headers=world.headers, checks=CHECKS)
