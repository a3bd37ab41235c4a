"""PostgreSQL restarted under load: while it is down the API answers 503 problem+json (never a
500, never a hang), it recovers by itself once PostgreSQL is back, and no request is left
half-applied (every claim has its audit event, no escalation went to two owners).

The PostgreSQL is a private one started here (pgserver, in a temporary directory): the tests'
shared server is never stopped."""

import asyncio
import shutil
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import httpx
import pgserver
import pytest
from pgserver._commands import pg_ctl
from sqlalchemy.engine import make_url

from bench._setup import bearer_tokens
from bench.claims import seed
from tests._servers import migrate
from tests.faults._processes import api_process, environment

DOWN_SECONDS = 3


@pytest.fixture
def private_postgres() -> Iterator[pgserver.PostgresServer]:
    # Not under pytest's tmp_path: run as root, pgserver runs PostgreSQL as its own system user,
    # and every pytest process that starts resets /tmp/pytest-of-root to 0700, which locked that
    # user out of its data directory between the stop and the start.
    where = Path(tempfile.mkdtemp(prefix="escalations-faults-pg-"))
    where.chmod(0o755)
    server = pgserver.get_server(where / "pg", cleanup_mode="stop")
    server.psql("CREATE DATABASE faults;")
    try:
        yield server
    finally:
        server.cleanup()
        shutil.rmtree(where, ignore_errors=True)


def _urls(server: pgserver.PostgresServer) -> tuple[str, str]:
    """(SQLAlchemy URL, asyncpg DSN) of the `faults` database."""
    uri = make_url(server.get_uri("faults"))
    return (
        uri.set(drivername="postgresql+asyncpg").render_as_string(False),
        uri.set(drivername="postgresql").render_as_string(False),
    )


async def test_api_answers_503_meanwhile_and_recovers_by_itself(
    private_postgres: pgserver.PostgresServer, redis_url: str
) -> None:
    url, dsn = _urls(private_postgres)
    await asyncio.to_thread(migrate, url, "head")
    org_id, inbox_id, owner_ids = await seed(dsn, 5000, 4, 5)
    signed_in = await bearer_tokens(dsn, owner_ids)
    tokens = [signed_in[u] for u in owner_ids]
    env = environment(DATABASE_URL=url, REDIS_URL=redis_url, RATE_LIMIT_ENABLED="false")
    path = f"/api/v1/orgs/{org_id}/inboxes/{inbox_id}/claims"
    answers: list[tuple[float, int, str, list[str], uuid.UUID]] = []
    stop = asyncio.Event()

    async with api_process(env) as base, httpx.AsyncClient(base_url=base, timeout=20) as http:

        async def owner(token: str, user_id: uuid.UUID) -> None:
            while not stop.is_set():
                r = await http.post(path, json={}, headers={"Authorization": f"Bearer {token}"})
                kind = r.headers.get("content-type", "")
                ids = [e["id"] for e in r.json()["items"]] if r.status_code == 201 else []
                if r.status_code == 503:
                    body = r.json()
                    assert kind == "application/problem+json", r.text
                    assert body["type"].endswith("/database-unavailable"), r.text
                    assert r.headers["Retry-After"]
                answers.append((time.monotonic(), r.status_code, kind, ids, user_id))
                await asyncio.sleep(0.02)

        loops = [asyncio.create_task(owner(t, u)) for t, u in zip(tokens, owner_ids, strict=True)]
        await asyncio.sleep(2)
        system_user = private_postgres.system_user
        await asyncio.to_thread(
            pg_ctl, ["-w", "-m", "fast", "stop"], pgdata=private_postgres.pgdata, user=system_user
        )
        down_at = time.monotonic()
        await asyncio.sleep(DOWN_SECONDS)
        await asyncio.to_thread(private_postgres.ensure_postgres_running)
        up_at = time.monotonic()
        await asyncio.sleep(10)  # the claims after PostgreSQL's return are checked below
        stop.set()
        await asyncio.gather(*loops)

    statuses = Counter(status for _, status, *_ in answers)
    assert set(statuses) <= {201, 503}, statuses
    assert any(down_at <= at <= up_at and s == 503 for at, s, *_ in answers), "outage unseen"
    assert any(at < down_at and s == 201 for at, s, *_ in answers)
    recovered = [at for at, s, _, ids, _ in answers if at > up_at and s == 201 and ids]
    assert recovered, f"no claim succeeded within 10 s of PostgreSQL's return: {statuses}"

    returned = [(i, user) for *_, ids, user in answers for i in ids]
    assert len({i for i, _ in returned}) == len(returned), "an escalation was handed out twice"
    conn = await asyncpg.connect(dsn)
    try:
        rows = await conn.fetch(
            """SELECT e.id::text, e.claimed_by, count(ev.id) AS claims
               FROM escalation e LEFT JOIN escalation_event ev
                 ON ev.escalation_id = e.id AND ev.type = 'escalation.claimed'
               GROUP BY e.id"""
        )
    finally:
        await conn.close()
    claimed = {r["id"]: r["claimed_by"] for r in rows if r["claimed_by"] is not None}
    # All or nothing per claim: a claimed escalation has exactly one claimed event, an open one
    # none (a claim whose COMMIT was cut off either happened whole or not at all).
    assert all(r["claims"] == (1 if r["claimed_by"] else 0) for r in rows)
    # Whatever the API said it claimed is claimed, by that owner.
    assert all(claimed.get(i) == user for i, user in returned)
