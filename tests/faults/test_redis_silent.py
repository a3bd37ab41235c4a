"""A Redis that accepts connections and never answers: every Redis call of the API times out, the
API starts and keeps serving (rate limits fail open), and /readyz says Redis is down."""

import asyncio
import time

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.models import Role
from tests.factories import API, auth, make_member, make_org
from tests.faults._processes import api_process, environment


async def test_the_api_serves_and_readyz_says_redis_is_down(
    database_url: str, committed_sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    accepted: list[asyncio.StreamWriter] = []

    async def never_answer(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        accepted.append(writer)  # kept open, never written to

    silent = await asyncio.start_server(never_answer, "127.0.0.1", 0)
    port = silent.sockets[0].getsockname()[1]
    async with committed_sessionmaker() as s, s.begin():
        org = await make_org(s)
        owner = await make_member(s, org, Role.owner)
        headers = await auth(owner)
    env = environment(
        DATABASE_URL=database_url,
        REDIS_URL=f"redis://127.0.0.1:{port}/0",
        REDIS_TIMEOUT_SECONDS="0.3",
        RATE_LIMIT_ENABLED="true",
    )
    try:
        # Start-up must not wait for Redis (arq's create_pool pinged it with no answer timeout).
        async with (
            api_process(env, ready_within=30) as base,
            httpx.AsyncClient(base_url=base, timeout=10) as http,
        ):
            started = time.monotonic()
            ready = await http.get("/readyz")
            assert ready.status_code == 503, ready.text
            assert ready.json()["redis"] is False and ready.json()["database"] is True
            assert time.monotonic() - started < 3

            # Rate-limited routes: the first one waits out one timeout, the rest do not ask.
            started = time.monotonic()
            for n in range(10):
                r = await http.post(
                    f"{API}/orgs/{org.id}/campaigns", json={"name": f"C{n}"}, headers=headers
                )
                assert r.status_code == 201, r.text
                r = await http.get(f"{API}/orgs/{org.id}/campaigns", headers=headers)
                assert r.status_code == 200, r.text
            assert time.monotonic() - started < 5
    finally:
        silent.close()
        for writer in accepted:
            writer.close()
    assert accepted, "the API never tried this Redis"
