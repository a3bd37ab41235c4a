"""Claims throughput: 8 owners claim batches from one inbox of 100,000 escalations.

    python -m bench.claims [--escalations 100000] [--owners 8] [--batch 10] [--http-seconds 20]
                           [--http-workers 1 2]

Prints claims/s and duplicates for: the service layer (escalations.claim, with its audit events and
the reload the API returns, on the app's own engine settings), a bare asyncpg SKIP LOCKED loop (the
baseline, same process), and the HTTP API served by uvicorn in a separate process, with 1 and then
2 worker processes. Uses DATABASE_URL's server (or embedded PostgreSQL) and creates its own
database `bench_claims`.
"""

import argparse
import asyncio
import os
import socket
import sys
import time
import uuid
from collections import Counter
from datetime import UTC, datetime

import asyncpg
import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker

from app.auth import get_jwt_strategy
from app.db import make_engine
from app.models import Membership, User
from app.services import escalations
from bench._setup import asyncpg_dsn, fresh_database

SEED = """
WITH org AS (INSERT INTO organisation (id, name) VALUES ($1, 'Bench') RETURNING id),
campaign AS (INSERT INTO campaign (id, org_id, name) SELECT $2, id, 'Spring' FROM org RETURNING id),
contact AS (INSERT INTO contact (id, org_id, name)
            SELECT gen_random_uuid(), id, 'C' FROM org RETURNING id)
INSERT INTO inbox (id, org_id, name, batch_size, assignment_duration_minutes)
SELECT $3, id, 'Billing', $4, 60 FROM org
"""
OWNERS = """
INSERT INTO "user" (id, email, hashed_password, is_active, is_superuser, is_verified)
SELECT u, 'owner' || n || '@bench.test', 'x', true, false, true
FROM unnest($1::uuid[]) WITH ORDINALITY AS t(u, n)
"""
CONVERSATIONS = """
INSERT INTO conversation (id, org_id, campaign_id, contact_id, channel, needs_response)
SELECT gen_random_uuid(), $1, $2, (SELECT id FROM contact LIMIT 1), 'sms', (n % 2 = 0)
FROM generate_series(1, $3) AS n
"""
ESCALATIONS = """
INSERT INTO escalation (id, org_id, conversation_id, inbox_id, origin_campaign_id, status, priority,
                        category, handoff, created_at, updated_at, last_activity_at)
SELECT gen_random_uuid(), org_id, id, $1, campaign_id, 'open', (random() * 3)::int, 'other',
       '{"reason": "r", "steps_taken": "s", "help_needed": "h"}',
       now() - make_interval(secs => row_number() OVER ()), now(), now()
FROM conversation
"""
RESET = """
UPDATE escalation
SET status = 'open', claimed_by = NULL, claimed_at = NULL, claim_expires_at = NULL;
DELETE FROM escalation_event;
"""
BASELINE_CLAIM = """
WITH picked AS MATERIALIZED (
  SELECT id FROM escalation WHERE inbox_id = $1 AND status = 'open'
  ORDER BY priority DESC, created_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
UPDATE escalation e SET status = 'claimed', claimed_by = $3, claimed_at = now(),
       claim_expires_at = now() + interval '1 hour'
FROM picked WHERE e.id = picked.id RETURNING e.id
"""


async def seed(
    dsn: str, total: int, owners: int, batch: int
) -> tuple[uuid.UUID, uuid.UUID, list[uuid.UUID]]:
    org_id, campaign_id, inbox_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    owner_ids = [uuid.uuid4() for _ in range(owners)]
    conn = await asyncpg.connect(dsn)
    async with conn.transaction():
        await conn.execute(SEED, org_id, campaign_id, inbox_id, batch)
        await conn.execute(OWNERS, owner_ids)
        await conn.executemany(
            "INSERT INTO membership (org_id, user_id, role) VALUES ($1, $2, 'agent')",
            [(org_id, u) for u in owner_ids],
        )
        await conn.executemany(
            "INSERT INTO inbox_owner (inbox_id, user_id) VALUES ($1, $2)",
            [(inbox_id, u) for u in owner_ids],
        )
        await conn.execute(CONVERSATIONS, org_id, campaign_id, total)
        await conn.execute(ESCALATIONS, inbox_id)
    await conn.execute("VACUUM ANALYZE escalation")
    await conn.close()
    return org_id, inbox_id, owner_ids


async def reset(dsn: str) -> None:
    conn = await asyncpg.connect(dsn)
    await conn.execute(RESET)
    await conn.execute("VACUUM ANALYZE escalation")
    await conn.close()


def report(name: str, claimed: list[uuid.UUID], elapsed: float) -> float:
    duplicates = sum(n - 1 for n in Counter(claimed).values() if n > 1)
    rate = len(claimed) / elapsed
    print(
        f"{name:<28} {len(claimed):>8} claims in {elapsed:6.2f} s = {rate:8.0f} claims/s, "
        f"duplicates: {duplicates}"
    )
    return rate


async def run_service(url: str, org_id: uuid.UUID, inbox_id: uuid.UUID, owners: int) -> float:
    # The app's own engine settings (custom plans for the partial indexes, pool size).
    engine = make_engine(url)
    sessionmaker = async_sessionmaker(engine, expire_on_commit=False)
    async with sessionmaker() as session:
        members = list(await session.scalars(select(Membership).where(Membership.org_id == org_id)))

    async def owner(member: Membership) -> list[uuid.UUID]:
        got: list[uuid.UUID] = []
        while True:
            async with sessionmaker() as session, session.begin():
                batch = await escalations.claim(
                    session, member=member, inbox_id=inbox_id, count=None, now=datetime.now(UTC)
                )
            if not batch.items:
                return got
            got.extend(e.id for e in batch.items)

    start = time.perf_counter()
    results = await asyncio.gather(*(owner(m) for m in members))
    elapsed = time.perf_counter() - start
    await engine.dispose()
    return report("service layer", [i for r in results for i in r], elapsed)


async def run_baseline(
    dsn: str, inbox_id: uuid.UUID, owner_ids: list[uuid.UUID], batch: int
) -> float:
    pool = await asyncpg.create_pool(dsn, min_size=len(owner_ids), max_size=len(owner_ids))

    async def owner(user_id: uuid.UUID) -> list[uuid.UUID]:
        got: list[uuid.UUID] = []
        while True:
            async with pool.acquire() as conn:
                rows = await conn.fetch(BASELINE_CLAIM, inbox_id, batch, user_id)
            if not rows:
                return got
            got.extend(r["id"] for r in rows)

    start = time.perf_counter()
    results = await asyncio.gather(*(owner(u) for u in owner_ids))
    elapsed = time.perf_counter() - start
    await pool.close()
    return report("bare asyncpg SKIP LOCKED", [i for r in results for i in r], elapsed)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def run_http(
    url: str,
    org_id: uuid.UUID,
    inbox_id: uuid.UUID,
    owner_ids: list[uuid.UUID],
    seconds: float,
    workers: int,
) -> float:
    port = _free_port()
    # 8 owners claiming flat out are far over the per-user request limit: it is not measured here.
    env = {**os.environ, "DATABASE_URL": url, "LOG_LEVEL": "WARNING", "RATE_LIMIT_ENABLED": "false"}
    env.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")
    server = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "uvicorn",
        "app.main:app",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--no-access-log",
        "--log-level",
        "warning",
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(base_url=base, timeout=30) as client:
            for _ in range(200):
                try:
                    if (await client.get("/healthz")).status_code == 200:
                        break
                except httpx.TransportError:
                    await asyncio.sleep(0.1)
            strategy = get_jwt_strategy()
            tokens = [await strategy.write_token(User(id=u, email="x")) for u in owner_ids]
            path = f"/api/v1/orgs/{org_id}/inboxes/{inbox_id}/claims"
            deadline = time.perf_counter() + seconds

            async def owner(token: str) -> list[str]:
                got: list[str] = []
                while time.perf_counter() < deadline:
                    r = await client.post(
                        path, json={}, headers={"Authorization": f"Bearer {token}"}
                    )
                    r.raise_for_status()
                    items = r.json()["items"]
                    if not items:
                        break
                    got.extend(e["id"] for e in items)
                return got

            start = time.perf_counter()
            results = await asyncio.gather(*(owner(t) for t in tokens))
            elapsed = time.perf_counter() - start
    finally:
        server.terminate()
        await asyncio.wait_for(server.wait(), timeout=10)
    name = f"HTTP (uvicorn, {workers} worker{'s' if workers > 1 else ''})"
    return report(name, [uuid.UUID(i) for r in results for i in r], elapsed)


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--escalations", type=int, default=100_000)
    parser.add_argument("--owners", type=int, default=8)
    parser.add_argument("--batch", type=int, default=10)
    parser.add_argument("--http-seconds", type=float, default=20)
    parser.add_argument(
        "--http-workers", type=int, nargs="+", default=[1, 2], help="uvicorn worker processes"
    )
    args = parser.parse_args()

    url = await asyncio.to_thread(fresh_database, "bench_claims")
    dsn = asyncpg_dsn(url)
    started = time.perf_counter()
    org_id, inbox_id, owner_ids = await seed(dsn, args.escalations, args.owners, args.batch)
    print(
        f"seeded {args.escalations} escalations in {time.perf_counter() - started:.1f} s; "
        f"{args.owners} owners, batch size {args.batch}"
    )
    service = await run_service(url, org_id, inbox_id, args.owners)
    await reset(dsn)
    baseline = await run_baseline(dsn, inbox_id, owner_ids, args.batch)
    print(f"service / baseline ratio: {service / baseline:.2f}")
    for workers in args.http_workers:
        await reset(dsn)
        await run_http(url, org_id, inbox_id, owner_ids, args.http_seconds, workers)


if __name__ == "__main__":
    asyncio.run(main())
