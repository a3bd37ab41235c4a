"""Claims throughput: 8 owners claim batches from one inbox of 100,000 escalations.

    python -m bench.claims [--escalations 100000] [--small 20000] [--owners 8] [--batch 10]
                           [--http-seconds 20] [--http-workers 1 2] [--profile]

Prints claims/s and duplicates for: the service layer (escalations.claim: the claim, its audit
events and the escalations the API returns, on the app's own engine settings) emptying an inbox
of `--small` and then of `--escalations` waiting, a bare asyncpg SKIP LOCKED loop emptying the big
one (the baseline, same process), and the HTTP API served by uvicorn in a separate process, with 1
and then 2 worker processes, each owner on a keep-alive connection of the raw load generator
(bench/_load.py), each run followed by the stack's baseline (bench/_baseline.py) with as many
processes and connections, so the claim requests/s are printed as a ratio to it. Then each target
of issues 16 and 22 with its figure and PASS or FAIL (exit status 1 when one fails). `--profile`
runs cProfile over the big service-layer run and prints where its time went. Uses DATABASE_URL's
server (or embedded PostgreSQL) and creates its own databases `bench_claims` and
`bench_claims_small`.
"""

import argparse
import asyncio
import cProfile
import io
import json
import os
import pstats
import sys
import time
import uuid
from collections import Counter
from datetime import UTC, datetime

import asyncpg
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker

from app.db import make_engine
from app.models import Membership
from app.services import escalations
from bench import _load
from bench._baseline import PATH as BASELINE_PATH
from bench._setup import asyncpg_dsn, bearer_tokens, fresh_database, serve_api

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


def duplicates(claimed: list[uuid.UUID]) -> int:
    return sum(n - 1 for n in Counter(claimed).values() if n > 1)


def report(name: str, claimed: list[uuid.UUID], elapsed: float) -> float:
    rate = len(claimed) / elapsed
    print(
        f"{name:<36} {len(claimed):>8} claims in {elapsed:6.2f} s = {rate:8.0f} claims/s, "
        f"duplicates: {duplicates(claimed)}"
    )
    return rate


async def run_service(
    url: str, org_id: uuid.UUID, inbox_id: uuid.UUID, label: str, profile: bool = False
) -> tuple[float, int]:
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

    profiler = cProfile.Profile() if profile else None
    start = time.perf_counter()
    if profiler:
        profiler.enable()
    results = await asyncio.gather(*(owner(m) for m in members))
    if profiler:
        profiler.disable()
    elapsed = time.perf_counter() - start
    await engine.dispose()
    claimed = [i for r in results for i in r]
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
        print(out.getvalue())
    return report(label, claimed, elapsed), duplicates(claimed)


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


async def run_http(
    url: str,
    org_id: uuid.UUID,
    inbox_id: uuid.UUID,
    owner_ids: list[uuid.UUID],
    seconds: float,
    workers: int,
) -> tuple[float, int]:
    """Each owner on a keep-alive connection of its own, through the raw load generator
    (bench/_load.py): httpx cost as much CPU per request as the server, so on two cores the
    client, not the API, set the pace (2 processes measured less than 1)."""
    signed_in = await bearer_tokens(asyncpg_dsn(url), owner_ids)
    tokens = [signed_in[u] for u in owner_ids]
    path = f"/api/v1/orgs/{org_id}/inboxes/{inbox_id}/claims"
    claimed: list[uuid.UUID] = []

    def took(status: int, body: bytes) -> bool:
        if status != 201:
            raise RuntimeError(f"claim answered {status}: {body[:200]!r}")
        items = json.loads(body)["items"]
        claimed.extend(uuid.UUID(e["id"]) for e in items)
        return bool(items)  # an empty batch: the inbox is empty, this owner stops

    async with serve_api(url, workers) as port:
        results = await asyncio.gather(
            *(
                _load.closed_loop(
                    "127.0.0.1",
                    port,
                    [("POST", path, b"{}")],
                    {"Authorization": f"Bearer {token}"},
                    connections=1,
                    seconds=seconds,
                    on_answer=took,
                )
                for token in tokens
            )
        )
    elapsed = max(r.seconds for r in results)
    name = f"HTTP (uvicorn, {workers} worker{'s' if workers > 1 else ''})"
    return report(name, claimed, elapsed), duplicates(claimed)


async def run_http_baseline(url: str, owners: int, seconds: float, workers: int) -> float:
    """The stack's baseline (bench/_baseline.py) under the same load generator and concurrency
    as the HTTP run: requests/s, to set the claim requests/s beside."""
    conn = await asyncpg.connect(asyncpg_dsn(url))
    ids = [r["id"] for r in await conn.fetch("SELECT id FROM escalation LIMIT 1000")]
    await conn.close()
    paths: list[_load.Request] = [BASELINE_PATH.format(escalation_id=i) for i in ids]
    async with serve_api(url, workers, app="bench._baseline:app") as port:
        result = await _load.closed_loop(
            "127.0.0.1", port, paths, {}, connections=owners, seconds=seconds
        )
    plural = "s" if workers > 1 else ""
    print(f"{f'baseline over HTTP ({workers} worker{plural})':<36} {result.rate:8.0f} requests/s")
    return result.rate


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f}"


def check(name: str, figure: str, ok: bool) -> bool:
    print(f"  {'PASS' if ok else 'FAIL'}  {name}: {figure}")
    return ok


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--escalations", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=20_000, help="the smaller backlog")
    parser.add_argument("--owners", type=int, default=8)
    parser.add_argument("--batch", type=int, default=10)
    parser.add_argument("--http-seconds", type=float, default=20)
    parser.add_argument(
        "--http-workers", type=int, nargs="+", default=[1, 2], help="uvicorn worker processes"
    )
    parser.add_argument("--profile", action="store_true", help="cProfile the big service run")
    args = parser.parse_args()

    print(f"{datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC, {load()}")
    # Keyed by database, not by size: with `--small` equal to `--escalations` the small run
    # emptied the one inbox both entries pointed at, and the big run then claimed nothing.
    seeded = {}
    for name, size in (("bench_claims_small", args.small), ("bench_claims", args.escalations)):
        url = await asyncio.to_thread(fresh_database, name)
        started = time.perf_counter()
        seeded[name] = (url, *await seed(asyncpg_dsn(url), size, args.owners, args.batch))
        print(
            f"seeded {size} escalations in {time.perf_counter() - started:.1f} s; "
            f"{args.owners} owners, batch size {args.batch}"
        )
    url, org_id, inbox_id, _ = seeded["bench_claims_small"]
    small, _ = await run_service(url, org_id, inbox_id, f"service layer, {args.small} waiting")
    url, org_id, inbox_id, owner_ids = seeded["bench_claims"]
    dsn = asyncpg_dsn(url)
    service, service_dups = await run_service(
        url, org_id, inbox_id, f"service layer, {args.escalations} waiting", args.profile
    )
    await reset(dsn)
    baseline = await run_baseline(dsn, inbox_id, owner_ids, args.batch)
    http: dict[int, tuple[float, int]] = {}
    baselines: dict[int, float] = {}
    for workers in args.http_workers:
        await reset(dsn)
        http[workers] = await run_http(url, org_id, inbox_id, owner_ids, args.http_seconds, workers)
        baselines[workers] = await run_http_baseline(url, args.owners, args.http_seconds, workers)
        requests = http[workers][0] / args.batch
        print(
            f"{'':<36} claim requests/s {requests:.0f} = "
            f"{requests / baselines[workers]:.2f}x the baseline's requests/s"
        )
    print(f"{datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC, {load()}")

    print("targets (issues 16 and 22):")
    results = [
        check(
            "service layer >= 0.5x the bare SKIP LOCKED loop",
            f"{service:.0f} / {baseline:.0f} = {service / baseline:.2f}x",
            service >= 0.5 * baseline,
        ),
        check("service layer >= 2,000 claims/s", f"{service:.0f}/s", service >= 2000),
        check(
            f"{args.escalations} waiting >= 0.8x the rate with {args.small} waiting",
            f"{service:.0f} / {small:.0f} = {service / small:.2f}x",
            service >= 0.8 * small,
        ),
        check(
            f"zero duplicates in {args.escalations} claims",
            f"{service_dups} duplicates",
            service_dups == 0,
        ),
    ]
    if 1 in http:
        rate = http[1][0]
        results.append(
            check("HTTP, one uvicorn process >= 1,000 claims/s", f"{rate:.0f}/s", rate >= 1000)
        )
    if 2 in http:
        rate = http[2][0]
        results.append(
            check(
                "HTTP, two uvicorn processes >= 2,000 claims/s (issue 22)",
                f"{rate:.0f}/s",
                rate >= 2000,
            )
        )
    results.append(
        check(
            "zero duplicates over HTTP",
            f"{sum(d for _, d in http.values())} duplicates",
            all(d == 0 for _, d in http.values()),
        )
    )
    if not all(results):
        sys.exit(1)


if __name__ == "__main__":
    asyncio.run(main())
