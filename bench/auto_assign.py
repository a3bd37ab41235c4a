"""Auto-assignment: 10,000 waiting escalations, 200 owners across 20 inboxes.

    python -m bench.auto_assign [--escalations 10000] [--inboxes 20] [--owners-per-inbox 10]
                                [--workers 2] [--capacity 5] [--arrive-seconds 30]

Two phases, each with `--workers` assignment workers running the real tick
(`app.workers.assignment.tick`) on the app's engine settings, as arq's cron does: once a second,
a tick skipped while the last one still runs.

1. **Throughput**: every owner is online with room for everything (capacity = escalations per
   owner); the workers run until nothing waits. Prints assignments/s and checks that no escalation
   was claimed twice and nobody went over capacity.
2. **Wait after availability**: everything is back to open, every owner offline; capacity
   `--capacity`. Owners come online one by one at random moments over `--arrive-seconds`; for each,
   the wait from going online (committed) until a watcher polling every 100 ms first sees a
   committed claim of theirs (what the owner would see). Prints p50/p99/max: target p99 < 5 s.

Uses DATABASE_URL's server (or embedded PostgreSQL); creates its own database `bench_auto_assign`.
"""

import argparse
import asyncio
import random
import time
import uuid
from datetime import UTC, datetime

import asyncpg

from app.db import dispose_engine, init_engine
from app.workers import assignment as assignment_worker
from bench._setup import asyncpg_dsn, fresh_database
from bench.sla_latency import percentile

SEED = """
WITH org AS (INSERT INTO organisation (id, name) VALUES ($1, 'Bench') RETURNING id),
campaign AS (INSERT INTO campaign (id, org_id, name) SELECT $2, id, 'Spring' FROM org RETURNING id)
INSERT INTO contact (id, org_id, name) SELECT gen_random_uuid(), id, 'C' FROM org
"""
INBOXES = """
INSERT INTO inbox (id, org_id, name, batch_size, assignment_duration_minutes, capacity,
                   assignment_mode)
SELECT i, $1, 'Inbox ' || n, 10, 240, $3, 'auto' FROM unnest($2::uuid[]) WITH ORDINALITY AS t(i, n)
"""
OWNERS = """
INSERT INTO "user" (id, email, hashed_password, is_active, is_superuser, is_verified)
SELECT u, 'owner' || n || '@bench.test', 'x', true, false, true
FROM unnest($1::uuid[]) WITH ORDINALITY AS t(u, n)
"""
ESCALATIONS = """
WITH conv AS (
  INSERT INTO conversation (id, org_id, campaign_id, contact_id, channel, needs_response)
  SELECT gen_random_uuid(), $1, $2, (SELECT id FROM contact LIMIT 1), 'sms', true
  FROM generate_series(1, $3) RETURNING id)
INSERT INTO escalation (id, org_id, conversation_id, inbox_id, origin_campaign_id, status, priority,
                        category, handoff, created_at, updated_at, last_activity_at,
                        first_response_due_at, resolution_due_at)
SELECT gen_random_uuid(), $1, c.id, ($4::uuid[])[1 + (row_number() OVER () % array_length($4, 1))],
       $2, 'open', (random() * 3)::int, 'other',
       '{"reason": "r", "steps_taken": "s", "help_needed": "h"}', now(), now(), now(),
       now() + make_interval(mins => (random() * 600)::int), now() + interval '1 day'
FROM conv c
"""
RESET = """
UPDATE escalation SET status = 'open', claimed_by = NULL, claimed_at = NULL,
       claim_expires_at = NULL WHERE status = 'claimed';
DELETE FROM notification; DELETE FROM escalation_event;
UPDATE inbox SET capacity = $1, unstaffed_since = NULL;
UPDATE inbox_owner SET last_assigned_at = NULL;
UPDATE membership SET availability = 'offline', last_seen_at = NULL;
"""


async def seed(
    dsn: str, total: int, inboxes: int, per_inbox: int, capacity: int
) -> tuple[list[uuid.UUID], dict[uuid.UUID, uuid.UUID]]:
    org_id, campaign_id = uuid.uuid4(), uuid.uuid4()
    inbox_ids = [uuid.uuid4() for _ in range(inboxes)]
    owners = {uuid.uuid4(): inbox for inbox in inbox_ids for _ in range(per_inbox)}
    conn = await asyncpg.connect(dsn)
    async with conn.transaction():
        await conn.execute(SEED, org_id, campaign_id)
        await conn.execute(INBOXES, org_id, inbox_ids, capacity)
        await conn.execute(OWNERS, list(owners))
        await conn.executemany(
            "INSERT INTO membership (org_id, user_id, role, availability, last_seen_at)"
            " VALUES ($1, $2, 'agent', 'online', now())",
            [(org_id, u) for u in owners],
        )
        await conn.executemany(
            "INSERT INTO inbox_owner (inbox_id, user_id) VALUES ($1, $2)",
            [(inbox, u) for u, inbox in owners.items()],
        )
        await conn.execute(ESCALATIONS, org_id, campaign_id, total, inbox_ids)
    await conn.execute("VACUUM ANALYZE")
    await conn.close()
    return inbox_ids, owners


async def cron(worker_id: str, stop: asyncio.Event) -> None:
    """arq's cron, second=every: a tick at each second mark (skipped while one still runs)."""
    ctx = {"worker_id": worker_id}
    running: set[asyncio.Task[dict[str, int]]] = set()
    while not stop.is_set():
        task = asyncio.create_task(assignment_worker.tick(ctx))
        running.add(task)
        task.add_done_callback(running.discard)
        await asyncio.sleep(1 - time.time() % 1)
    await asyncio.gather(*running)


async def check(dsn: str, capacity: int) -> tuple[int, int, int]:
    conn = await asyncpg.connect(dsn)
    claimed = await conn.fetchval("SELECT count(*) FROM escalation WHERE status = 'claimed'")
    events = await conn.fetchval(
        "SELECT count(*) - count(DISTINCT escalation_id) FROM escalation_event"
        " WHERE type = 'claim.auto_assigned'"
    )
    over = await conn.fetchval(
        "SELECT count(*) FROM (SELECT claimed_by FROM escalation WHERE status = 'claimed'"
        " GROUP BY inbox_id, claimed_by HAVING count(*) > $1) t",
        capacity,
    )
    await conn.close()
    return claimed, events, over


async def throughput(dsn: str, total: int, workers: int, owners: int) -> None:
    capacity = -(-total // owners)
    conn = await asyncpg.connect(dsn)
    await conn.execute("UPDATE inbox SET capacity = $1", capacity)
    await conn.close()
    stop = asyncio.Event()
    started = time.perf_counter()
    tasks = [asyncio.create_task(cron(f"w{i}", stop)) for i in range(workers)]
    conn = await asyncpg.connect(dsn)
    while await conn.fetchval("SELECT count(*) FROM escalation WHERE status = 'open'"):  # noqa: ASYNC110
        await asyncio.sleep(0.05)
    elapsed = time.perf_counter() - started
    await conn.close()
    stop.set()
    await asyncio.gather(*tasks)
    claimed, duplicates, over = await check(dsn, capacity)
    print(
        f"throughput: {claimed} assigned in {elapsed:.2f} s = {claimed / elapsed:.0f} assignments/s"
        f" ({workers} workers, capacity {capacity}); duplicate claims {duplicates},"
        f" owners over capacity {over}"
    )


async def watch(dsn: str, seen: dict[uuid.UUID, datetime], owners: int) -> None:
    """What an owner sees: every 100 ms, who holds a committed claim (first seen: their time)."""
    conn = await asyncpg.connect(dsn)
    deadline = time.perf_counter() + 120
    while len(seen) < owners and time.perf_counter() < deadline:
        now = datetime.now(UTC)
        for row in await conn.fetch(
            "SELECT DISTINCT claimed_by FROM escalation WHERE status = 'claimed'"
        ):
            seen.setdefault(row[0], now)
        await asyncio.sleep(0.1)
    await conn.close()


async def waits(
    dsn: str, owners: dict[uuid.UUID, uuid.UUID], workers: int, capacity: int, spread: float
) -> None:
    conn = await asyncpg.connect(dsn)
    await conn.execute(RESET.replace("$1", str(capacity)))
    await conn.execute("VACUUM ANALYZE")
    stop = asyncio.Event()
    tasks = [asyncio.create_task(cron(f"w{i}", stop)) for i in range(workers)]
    online_at: dict[uuid.UUID, datetime] = {}
    order = list(owners)
    random.shuffle(order)
    seen: dict[uuid.UUID, datetime] = {}
    watcher = asyncio.create_task(watch(dsn, seen, len(owners)))
    started = time.perf_counter()
    for n, owner in enumerate(order):
        await asyncio.sleep(max(0.0, started + spread * n / len(order) - time.perf_counter()))
        await conn.execute(
            "UPDATE membership SET availability = 'online', last_seen_at = now()"
            " WHERE user_id = $1",
            owner,
        )
        online_at[owner] = datetime.now(UTC)  # after the commit: the owner is available now
    await watcher
    stop.set()
    await asyncio.gather(*tasks)
    await conn.close()
    missing = len(owners) - len(seen)
    got = sorted((seen[o] - online_at[o]).total_seconds() for o in owners if o in seen)
    print(
        f"wait after coming online ({len(got)} owners, {workers} workers, capacity {capacity}):"
        f" p50 {percentile(got, 50):.2f} s, p99 {percentile(got, 99):.2f} s,"
        f" max {max(got):.2f} s; never assigned: {missing}"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--escalations", type=int, default=10_000)
    parser.add_argument("--inboxes", type=int, default=20)
    parser.add_argument("--owners-per-inbox", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--capacity", type=int, default=5)
    parser.add_argument("--arrive-seconds", type=float, default=30)
    args = parser.parse_args()

    url = await asyncio.to_thread(fresh_database, "bench_auto_assign")
    dsn = asyncpg_dsn(url)
    started = time.perf_counter()
    _, owners = await seed(
        dsn, args.escalations, args.inboxes, args.owners_per_inbox, args.capacity
    )
    print(
        f"seeded {args.escalations} escalations, {len(owners)} owners in {args.inboxes} inboxes"
        f" in {time.perf_counter() - started:.1f} s"
    )
    init_engine(url)
    try:
        await throughput(dsn, args.escalations, args.workers, len(owners))
        await waits(dsn, owners, args.workers, args.capacity, args.arrive_seconds)
    finally:
        await dispose_engine()


if __name__ == "__main__":
    asyncio.run(main())
