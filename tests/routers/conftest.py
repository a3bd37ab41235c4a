"""Fixtures of the live-stream tests: real API processes and committing sessions."""

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.live_helpers import ApiProcess, start_api


@pytest.fixture(scope="module")
def apis(database_url: str, redis_url: str) -> Iterator[tuple[ApiProcess, ApiProcess]]:
    """Two API processes: an event committed through one must reach a stream of the other."""
    a = start_api(database_url, redis_url)
    try:
        b = start_api(database_url, redis_url)
    except BaseException:
        a.stop()
        raise
    yield a, b
    a.stop()
    b.stop()


@pytest.fixture
async def http(apis: tuple[ApiProcess, ApiProcess]) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=apis[0].base_url, timeout=10) as client:
        yield client


@pytest.fixture
async def http_b(apis: tuple[ApiProcess, ApiProcess]) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=apis[1].base_url, timeout=10) as client:
        yield client


@pytest.fixture
async def db(
    committed_sessionmaker: async_sessionmaker[AsyncSession],
) -> AsyncIterator[AsyncSession]:
    async with committed_sessionmaker() as session:
        yield session
